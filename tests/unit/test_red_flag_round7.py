"""Session 10 (issue 14, rf12): false-alarm kinds K25 and K8 of the judge report on
narratives_7.yml (/work/notes/s10/judge_report_n7.md; kinds only, no sentence of the
independent sets nor the judge's own examples), read by the rules alone
(knowledge/red_flags.yml, knowledge/context_rules.yml, bot/nlp/context.py).

No alarm: "seizure" as a label, a topic or a compound (a seizure diary, the seizure plan, the
seizure threshold, anti-seizure tablets, seizure-free, whether something counts as a seizure,
a seizure or clonus, explaining seizures to a child); an episode told in the past tense "back
then" after a date; an episode after which a clinician found nothing. Their emergency twins:
a seizure or fit happening now or different from the usual (lead's decision of session 10:
UNRESPONSIVE or CONFUSION alone stays an emergency), "like back then" in the present tense,
an episode dated within the hours whatever the clinicians found. Sentences written for these
tests."""

from __future__ import annotations

import pytest

from tests.unit.conftest import sign_keys


@pytest.mark.parametrize("text", [
    # K25: "seizure" as a label, a topic or a compound
    "the epilepsy nurse gave us a seizure chart to keep. what goes in it?",
    "i have been seizure-free for four years. can i go back to swimming with my clonus?",
    "does pregabalin change the seizure threshold? my epilepsy is controlled",
    "she takes anti-seizure tablets and her ankle clonus has been there since birth",
    "do the jerks in my legs at night count as seizures?",
    "is the shaking of my foot on the stairs a seizure or clonus? it's been like this since my injury",
    "how do i explain seizures to my little girl? her brother has epilepsy",
    "we went over her seizure plan with the school nurse this morning",
    # K8: past tense "back then" after a date, a clinician who found nothing
    "in 2014 i had encephalitis. i was very confused back then but i am well now",
    "my aunt blacked out at the shops last friday, came round straight away and the hospital found nothing",
])
def test_round7_labels_and_finished_episodes_do_not_escalate(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()


@pytest.mark.parametrize("text, sign", [
    # K25 twins: a seizure or fit now, or different from the usual
    ("we keep a seizure diary. his fit has gone on for seven minutes", "fever_neuro"),
    ("her seizure plan says to wait five minutes, she is having a seizure right now", "fever_neuro"),
    ("he was seizure-free for years but he had a seizure an hour ago and is not waking up", "fever_neuro"),
    ("his seizures usually stop in a minute, this one has gone on for ten", "fever_neuro"),
    ("she has had three fits one after another this evening", "fever_neuro"),
    ("my wife has epilepsy and she is much more confused than usual since this morning", "fever_neuro"),
    ("her fit won't stop", "fever_neuro"),
    # K8 twins: present tense, or dated within the hours
    ("her speech is slurred like back then when she had her stroke", "speech"),
    ("he collapsed an hour ago and the paramedics found nothing, but he is very confused now", "fever_neuro"),
])
def test_round7_twins_stay_emergencies(assess, text: str, sign: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()
    assert sign in sign_keys(result), result.as_dict()


def test_a_seizure_label_does_not_hide_a_seizure_in_another_sentence(assess) -> None:
    result = assess("i fill in her seizure log every day. she is fitting now and not responding")
    assert result.level == "emergency", result.as_dict()
