"""Session 12 (issue 14, rf17): false alarms whose cause is WHO or WHY, not when (the kinds of
/work/notes/s12/rf17.md), read by the rules alone (knowledge/red_flags.yml,
knowledge/context_rules.yml, bot/nlp/context.py, bot/nlp/conditions.py).

No alarm: someone on the news or in a drama; an "if" list of alternatives in a question or a
plan (every item, not only the first); "and now I'm worried" after something read; a new
doctor, a walk taken up, a medicine planned for next year (no medicine started); a knock
checked and followed by normal behaviour; no eyesight problems; a normal check; a child alert
and answering with sleep twitches; a routine told with the day it was seen; a policy named
after a sign. Each has its emergency twin told in the same frame. Sentences written for these
tests (not from any independent set nor from dev_stories_24)."""

from __future__ import annotations

import pytest

from tests.unit.conftest import sign_keys


@pytest.mark.parametrize("text", [
    # someone else: the news, a drama
    "read a newspaper article about a teenager who collapsed at football and was jerking. is that clonus?",
    "there was a footballer on the tv who fainted mid-match. do faints cause twitching?",
    "watching a hospital drama on sunday, a woman on antidepressants and painkillers started sweating and jerking. would that happen?",
    # an if-list of alternatives, asked or planned
    "what are the danger signs? if his ankle ever started jerking suddenly, or he got a violent headache or went numb down one side, would that be an emergency?",
    "the school nurse says if a child suddenly can't speak properly, has a drooping face or a floppy arm, staff must call 999. is there anything else?",
    # something read, and a feeling now
    "i read in a magazine that sudden clonus can mean a stroke and now i'm really anxious, mine is the same as it has been for years.",
    # medicines: a new doctor, a walk taken up, a switch planned for next year
    "on sertraline for eight years. my new neurologist wants to add tramadol but i haven't started. my clonus is the same as always.",
    "same dose of citalopram for four years and my calves twitch since i started swimming again in the summer.",
    "the gp talked about switching me to venlafaxine next year. i've had a little clonus from my ms for ages.",
    # a knock checked and followed by normal behaviour
    "my grandson bumped his head on the slide this morning. he cried, then was playing happily all day and ate his tea.",
    "my nephew knocked his head on a shelf at the weekend, the gp saw him and he is back to normal.",
    # normal function and normal checks
    "no vision problems, no numbness, just tired since my daughter was born.",
    "my reflex tests at the clinic were normal and the doctor said the ankle beats are nothing to worry about.",
    "temperature 38 with a cough, he's chatting and answering everything, and his legs twitch when he naps.",
    "this afternoon was her usual few jerks after lunch, documented in her care plan.",
    # a policy named after a sign
    "our rugby club needs a concussion protocol. which signs after a head knock need hospital?",
])
def test_round12_false_alarm_kinds_do_not_escalate(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()


@pytest.mark.parametrize("text, sign", [
    # someone else's frame, the writer's own person now
    ("we were watching a hospital drama when my wife's face suddenly drooped and she can't lift her arm", "stroke_signs"),
    ("i read a news story about strokes and now my husband's speech is slurred", "speech"),
    # the listed sign is happening
    ("if his arm went weak, or his face drooped, would that be a stroke? his arm is weak right now", "weakness"),
    ("if it helps, her face started drooping an hour ago or so and she can't lift her arm", "stroke_signs"),
    ("i read online that sudden clonus can mean a stroke and my mum has sudden clonus now", "sudden_onset"),
    # a medicine started lately, with signs now
    ("my new gp started me on tramadol on tuesday with my sertraline and now i'm sweating and my legs keep jerking", "serotonin_syndrome"),
    # the knock and a new sign
    ("my grandson bumped his head on the slide this morning and now his arm keeps jerking", "trauma"),
    ("my nephew knocked his head at school, the nurse checked him, and since lunch he's very sleepy and confused", "fever_neuro"),
    # normal function, then a new sign
    ("temperature 39 and his legs keep jerking and he's hard to wake", "fever_with_jerks"),
    ("this afternoon her usual jerks after lunch, then she had three fits in a row and hasn't woken up", "fever_neuro"),
])
def test_round12_twins_stay_emergencies(assess, text: str, sign: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()
    assert sign in sign_keys(result), result.as_dict()


def test_a_medicine_started_this_week_with_jerking_stays_urgent(assess) -> None:
    result = assess("i started tramadol on monday with my fluoxetine and my ankles are twitching")
    assert result.level in ("urgent", "emergency"), result.as_dict()
    assert "serotonergic_with_jerks" in sign_keys(result), result.as_dict()


def test_an_if_list_ends_at_an_item_with_its_own_subject(assess) -> None:
    """"If X, or Y, I guess that would be serious" covers X and Y; an item with its own subject
    ("her face started drooping") is a statement, not part of the condition."""
    result = assess("if it matters, his speech has been slurred since lunch or thereabouts")
    assert result.level == "emergency", result.as_dict()


def test_a_condition_read_elsewhere_is_still_present_when_anchored(assess) -> None:
    """"now I'm worried" is a feeling; "she has it now" is an anchor."""
    result = assess("i read that a drooping face can mean a stroke and now her face is drooping")
    assert result.level == "emergency", result.as_dict()
