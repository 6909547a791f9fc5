"""Session 13 (issue 14, rf22): a wide pass on false-alarm FAMILIES, read by the rules alone
(knowledge/red_flags.yml, knowledge/context_rules.yml, bot/nlp/context.py, bot/nlp/denial_lists.py).

- word senses that are not the sign (hay fever, cabin fever, fever pitch, a driver's blind spot, numb
  with grief, lost for words at news, a heart that skipped a beat);
- the usual pattern told with a present time ("same old jerks since tea", "the way they always do");
  "not like my normal clonus" still denies the frame, not the sign;
- safety-netting: a list after "look out for", "watch for", "seek help for", "the things to watch";
- slow change over years ("crept up slowly over several years", "not day by day");
- a numbness or blur that passed at once with its everyday cause.
Each family has its emergency twin told in the same frame. Sentences written for these tests (not
from any narratives*.yml nor from dev_stories_29)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    # word senses
    "my hayfever is bad and i have hay fever eyes, and my ankle clonus is the same. any link?",
    "cabin fever is setting in after the flood, i've been indoors for days. do warm baths help clonus?",
    "the crowd was at fever pitch at the final and my legs bounced like they always do.",
    "checking my blind spot on the motorway is tricky with a stiff neck from gym. can clonus affect driving?",
    "he's numb with shock after the diagnosis. what is clonus exactly?",
    "i was lost for words at my son's graduation, so proud. does clonus run in families?",
    "my heart skipped when the letter came. is clonus a sign of ms?",
    # the usual pattern with a present time
    "same old jerks since tea, nothing new, any stretches you'd suggest?",
    "my calves have been jumping since i sat down, the way they always do in the evening.",
    "his regular night-time clonus kicked in an hour ago, as is normal for him.",
    # safety-netting lists
    "the physio told us to look out for sudden weakness, numbness or double vision. is that everything?",
    "the letter says watch for high temperature, confusion or a stiff neck after the operation. what else?",
    "drowsiness and confusion are the things to watch, the liver team said. anything for clonus?",
    "how would i recognise a seizure in my son, he has clonus?",
    # slow change over years
    "the tingling in my toes crept up slowly over several years, nothing sudden.",
    "my jerks got a bit worse, not day by day, more over the last two years.",
    # passed with its everyday cause
    "my foot went numb sitting cross-legged at the concert, it came back once i stood up.",
    "my fingers were tingly from the cold at the bus stop, they warmed up and feel normal now.",
    "everything was blurry from the eye drops at the optician, cleared in ten minutes.",
    "had pins and needles in my hand after leaning on it, gone within a minute.",
])
def test_round17_false_alarm_families_do_not_escalate(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()


@pytest.mark.parametrize("text", [
    # the same frames with an emergency told in them
    "my hay fever is bad, and since lunch i can't lift my right arm.",
    "things are at fever pitch at work and an hour ago my speech went slurred out of nowhere.",
    "i checked my blind spot and suddenly everything on my left side went black.",
    "numb with grief since the funeral, and an hour ago my whole right side went numb and weak.",
    "same old jerks since tea, but now her face is drooping on one side.",
    "it's not like my normal clonus, it started suddenly twenty minutes ago and won't stop.",
    "the physio told us to look out for weakness, numbness or double vision, and he's seeing double right now.",
    "my fingers were tingly from the cold, but an hour later my right hand is still numb and i can't hold a pen.",
    "the tingling crept up slowly over years, but this morning my face suddenly dropped on the left.",
])
def test_round17_emergency_twins_escalate(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()
