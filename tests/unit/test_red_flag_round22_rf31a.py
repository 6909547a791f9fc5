"""Session 19 (issue 14, rf31a): RECALL kinds of the spent sets narratives_15 and narratives_16 (the lead's paraphrases), read by
the rules alone (knowledge/red_flags.yml, knowledge/context_rules.yml, bot/nlp/clauses.py).

E1. Speech told by its effect, no sign word: the wrong words coming out, "word salad", words that get stuck, a mouth or tongue that
    stopped working, everything said coming out mushy (SPEECH). A stammer's stuck words are an exclusion.
E2. "Can't feel either leg and they keep kicking": a jerking phrase no longer runs over "and they" (clause_split), so the numbness
    counts and the next clause's jerking is not denied by the "n't".
E3. Breathing told as a breath that will not fill: "can't take a full breath", "only tiny breaths", "can't fill my lungs".
E4. A task the hand could not do: "tried to sign ... and couldn't", the pen slipping out of the fingers, writing "suddenly" a scribble,
    fingers that "just wouldn't close"; a habit told for the earlier activity ("like always") does not cover a sudden change
    (writing_lost_sudden).
E5. Not awake after a cardiac arrest: "still not awake", "has yet to wake up" (NOT_WOKEN).
E6. A fever with a new delirium told by behaviour: trying to climb out of bed, pulling at the drip, seeing or talking to people who
    are not there, saying there are people in the room (DELIRIUM_TOLD, fever_delirium_told; CONFUSION).
E7. A normal morning, then a change: the preamble does not make the sign past.
U1. A serotonergic medicine with jerking now and a reassurance: "since starting X" not dated by a habit of the jerking
    (DRUG_START_SINCE), "taking X since last month" still taken (historical.since_for), the dose "put up", a triptan "with" an
    antidepressant, "been on X 3 weeks", a medicine dated weeks ago (serotonergic_recent_jerking with WEEKS_AGO).
U2. New clonus over the past days: "the jerking in my foot is new for me", "is new, noticed it", "new this week", "started doing a
    beating thing".
U3. Worse every day since discharge: "since she was discharged from hospital on Monday" is urgent. (Not done: "since he came home
    from rehab" stays RECENT_START, so worse every day since then is still read as an emergency; dating the stay days ago
    made plain jerking "since she came home from hospital" information, a lost emergency: taken out, its twin is here.)
Twins: the same frames with the sign there now stay emergencies (a stammer and slurred words since an hour ago, a sweating and
shivering after starting escitalopram, a start this morning after the hospital). Sentences written for these tests (not from any
narratives*.yml nor from the web); FindADoctor guide (2026), wiseGEEK (2019) red-flag list."""

from __future__ import annotations

import pytest

from tests.unit.conftest import assert_level, assert_not_escalated

ESCALATED = [
    ("Since she came home from hospital her left leg has been jerking nonstop.", "emergency", "recent_onset_jerking"),
    ("Gran's been talking word salad since lunch and looks frightened.", "emergency", "speech"),
    ("All of a sudden the wrong words come out when my husband talks, he asked for his shoes and said spoons.", "emergency", "speech"),
    ("My brother's words keep getting stuck, he nods that he understands but can't reply, it started twenty minutes ago.", "emergency", "speech"),
    ("Her tongue just stopped working at dinner and everything she says comes out slurred.", "emergency", "speech"),
    ("Everything he tries to say comes out mushy since he sat down an hour ago.", "emergency", "speech"),
    ("She can't feel either leg since this afternoon and they keep twitching on their own.", "emergency", "weakness"),
    ("I can't feel my right foot and it keeps jumping about by itself.", "emergency", "numbness"),
    ("The twitching has spread up to his chest and he can't take a deep breath.", "emergency", "breathing_swallowing"),
    ("Her spasms reached her ribs and now she can only take shallow breaths.", "emergency", "breathing_swallowing"),
    ("I can't get a proper breath in, my chest muscles keep jerking.", "emergency", "breathing_swallowing"),
    ("An hour ago I tried to sign a cheque and couldn't, the pen kept sliding out of my fingers.", "emergency", "writing_lost_sudden"),
    ("Writes his diary every night like always, but tonight his writing is suddenly a scribble.", "emergency", "writing_lost"),
    ("Ten minutes ago I went to lift the hammer and my fingers just wouldn't close.", "emergency", "weakness"),
    ("My wife had a cardiac arrest on Friday, she is still not conscious and her arms keep jerking.", "emergency", "not_woken_after_arrest"),
    ("They did CPR on him yesterday, he has yet to wake up and his legs jerk every few seconds.", "emergency", "not_woken_after_arrest"),
    ("Mum has a high fever and keeps pulling at her drip, she has never been like this.", "emergency", "fever_delirium_told"),
    ("Dad's temperature is 39.2 and he's trying to climb out of bed, saying there are men in the room.", "emergency", "fever_delirium_told"),
    ("Grandad has a fever and keeps waving at people by the door who aren't there.", "emergency", "fever_neuro"),
    ("She was chatting normally at breakfast. Now her words keep getting stuck.", "emergency", "speech"),
    ("Since starting escitalopram my calves twitch at night, and now I'm drenched in sweat and shivering.", "emergency", "serotonin_syndrome"),
    ("Since she came home from hospital this morning her left leg has been jerking nonstop.", "emergency", "recent_onset_jerking"),
    ("I've been on sertraline for a few weeks and my legs twitch a lot. No fever, nothing else.", "urgent", "serotonergic_with_jerks"),
    ("Since starting fluoxetine my feet jerk in bed at night. Otherwise fine.", "urgent", "serotonergic_with_jerks"),
    ("Taking venlafaxine since last month. This week my arms twitch now and then. Nothing else wrong.", "urgent", "serotonergic_recent_jerking"),
    ("Since the start of the month I've been on duloxetine, and my legs jump in the evening. That's all.", "urgent", "serotonergic_recent_jerking"),
    ("The jerking in my right foot is new for me, it has been going on for the past few days.", "urgent", "first_ever_jerking_days"),
    ("My left ankle started doing a tapping thing this week when I sit with my foot on the floor.", "urgent", "started_jerking_days"),
    ("My calf has been juddering like that, all new this week.", "urgent", "first_ever_jerking_days"),
    ("Since she was discharged from hospital on Monday her spasms are stronger each day.", "urgent", "worsening"),
    ("I've had a mild stammer all my life, but since an hour ago my words get stuck and come out slurred.", "emergency", "speech"),
    ("Taking a triptan with my sertraline for a migraine and my arm jerked twice. Otherwise fine.", "urgent", "serotonergic_with_jerks"),
    ("Been on citalopram 4 weeks and my calves keep twitching. That's all.", "urgent", "serotonergic_with_jerks"),
    ("The doctor put my dose of fluoxetine up and since then my hands twitch. I feel fine.", "urgent", "serotonergic_with_jerks"),
]

QUIET = [
    "My teenager says my texts are word salad. Can clonus affect typing?",
    "I've stammered since childhood and my words get stuck on the phone. Is that linked to clonus?",
    "The dentist numbed my jaw this morning and my mouth stopped working for a while, it's back to normal now.",
    "Can clonus make it hard to take a full breath? Just wondering for my exam.",
    "My handwriting is a scrawl, it always has been. Is that clonus?",
    "The pen kept slipping because it was a cheap one. Can clonus affect the fingers?",
    "My nan had a cardiac arrest in 2015 and recovered well. Could that cause clonus later?",
    "I'm not awake yet lol, had a night shift. Does clonus get worse when tired?",
    "My toddler keeps trying to climb out of his cot. Is that normal with clonus in one ankle?",
    "The nurses keep pulling at the sheets to change the bed. Can clonus be worse after lying down?",
    "I stopped sertraline years ago. My legs still jerk at night like they always have with my MS.",
    "Can citalopram cause jerking? My GP wants me to start it.",
    "My new knee is great. Can clonus start after a knee replacement?",
    "My ankle clonus has been the same for years, it bounces on the stairs.",
    "My words get stuck because of my stammer, especially on the phone. Can baclofen help?",
    "I've taken citalopram for ten years and my legs twitch a bit when I'm tired, always have.",
    "I've taken venlafaxine at the same dose for six years and I get ankle clonus, is that linked?",
    "What if my leg jerks are caused by the sertraline? I've been on it for five years, same dose, no other symptoms.",
]


@pytest.mark.parametrize("text, level, sign", ESCALATED)
def test_recall_kinds_escalate(assess, text: str, level: str, sign: str) -> None:
    assert_level(assess, text, level, sign)


@pytest.mark.parametrize("text", QUIET)
def test_look_alikes_stay_quiet(assess, text: str) -> None:
    assert_not_escalated(assess, text)
