"""Session 12 (issue 14, rf15): the missed-emergency and missed-urgent kinds of the spent
independent sets narratives_4..9 (/work/notes/s12/rf15.md; kinds only, no sentence of a spent
set), read by the rules alone (knowledge/red_flags.yml, knowledge/context_rules.yml,
bot/nlp/frames.py).

Emergencies: half of a room or a road missing (vision), one word meant and another said
(speech), a mouth that won't close on one side or half a smile (face), a foot that slaps or
catches the ground (weakness: foot drop), an "if" whose clause dates a present sign, a
hypothetical frame broken by a real event, a report passed on ("rang to say"), not woken up
after a cardiac arrest or fits in a row, not knowing the family's name. Urgent: first-ever
jerking dated days ago in new words, worsening "a bit more every day". Each kind has its
non-emergency twin told in the same frame. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.unit.conftest import sign_keys


@pytest.mark.parametrize("text, sign", [
    # vision: half of what is seen missing or not there
    ("since tea the right half of the room has gone missing for my wife", "vision"),
    ("he says half the road isn't there when he looks, it began an hour ago", "vision"),
    ("mum can only see the left half of faces since lunch", "vision"),
    # speech: one word meant, another said
    ("my husband means 'fork' and says 'pillow', it started at dinner", "speech"),
    ("grandma keeps using the wrong names for things this afternoon", "speech"),
    ("she wanted 'towel' but said 'garden', just now", "speech"),
    # face: a mouth that won't close on one side, half a smile
    ("the right side of his lips won't shut and soup dribbles out", "stroke_signs"),
    ("only half of my face is smiling in the mirror tonight", "stroke_signs"),
    ("his tea is dribbling out of the left side of his mouth", "stroke_signs"),
    # weakness: foot drop
    ("on the walk home her left foot started slapping the pavement", "weakness"),
    ("since this morning my toes keep scraping the floor and i can't lift my foot up", "weakness"),
    ("i think i have foot drop since lunch, my right ankle also twitches", "weakness"),
])
def test_round10_missed_kinds_escalate(assess, text: str, sign: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()
    assert sign in sign_keys(result), result.as_dict()


@pytest.mark.parametrize("text, sign", [
    # an "if" whose clause dates a start in the past: the sign is present
    ("is it bad if i haven't been able to swallow anything since breakfast?", "breathing_swallowing"),
    ("what does it mean if his arm has been weak for the last hour?", "weakness"),
    # a hypothetical frame broken by a real event
    ("hypothetically, if someone's speech went slurred, like my wife's just did, is that a stroke?", "speech"),
    ("in theory, if a person's face drooped, which is what's happening to my dad right now, what then?", "stroke_signs"),
    # a report passed on is no conditional "say"
    ("the care home phoned to say he's had three seizures in a row", "fever_neuro"),
    # not woken up after an arrest or fits, told in another sentence
    ("my uncle's heart stopped at work and they did cpr. he hasn't woken up and his arms twitch.", "not_woken_after_arrest"),
    ("they restarted her heart in the ambulance an hour ago. she hasn't woken up.", "not_woken_after_arrest"),
    # not knowing the family's name, not answering to one's name
    ("granddad, 90. doesn't know my name since this evening.", "fever_neuro"),
    ("since 8pm she has not answered to her name", "fever_neuro"),
])
def test_round10_broken_frames_escalate(assess, text: str, sign: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()
    assert sign in sign_keys(result), result.as_dict()


@pytest.mark.parametrize("text", [
    # first-ever jerking dated days ago, in new words
    "since wednesday my knee jumps when i kneel, it never did that until then",
    "never had any problem like this: since three days ago my calf twitches when i stand",
    "something new for me, since last monday my wrist jerks when i type",
    "i noticed a bouncing in my left ankle four days ago, first time ever",
    # worsening a little every day
    "my ankle clonus is a bit stronger every day since the weekend",
    "his leg jerks and every day since monday there's a little more of it",
    "the spasms in my thigh get worse by the day",
])
def test_round10_urgent_kinds_are_urgent(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "urgent", result.as_dict()


@pytest.mark.parametrize("text", [
    # vision twins: a bulb, builders
    "half the room is dark because the bulb went, and my clonus is the same as ever",
    "half the kitchen is missing since the builders came, can dust affect clonus?",
    # speech twins: a toddler's words
    "my toddler says bucket for basket, is that normal at two?",
    "our two-year-old means 'rabbit' but says 'wabbit'",
    # face twins: teething, a lopsided smile since birth
    "my baby is teething and dribbles all day",
    "i've had a lopsided smile since i was born, any clonus exercises?",
    # swallow twins: a conditional without a date, long-standing
    "what should i do if he can't swallow his tablets one day?",
    "i can't swallow big tablets since childhood, is there a liquid baclofen?",
    # foot-drop twins: flip-flops, sandals
    "my feet slap the ground because of my flip-flops, my ankle clonus is as usual",
    "my foot was slapping the pavement in my old sandals, fine in trainers",
    # hypothetical frames that stay hypothetical
    "hypothetically, if someone's face dropped on one side like in the advert, is that a stroke?",
    "if my arm went weak like my dad's did years ago, would that be a stroke?",
    # worsening twin: walking more every day
    "my clonus is steady and every day since friday i can walk a little more",
    # a nap
    "my toddler hasn't woken up from his nap yet, his foot twitches in his sleep",
])
def test_round10_twins_do_not_escalate(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()
