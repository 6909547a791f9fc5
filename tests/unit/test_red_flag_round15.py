"""Session 13 (issue 14, rf20): a wide vocabulary pass over six signs of the seeds' red-flag list
(FindADoctor 2026), read by the rules alone (knowledge/red_flags.yml, knowledge/context_rules.yml):

- a sudden severe headache: "paining too much, never had like this", zero to ten in seconds, a
  headache that exploded behind the eyes;
- confusion: "is not knowing where she is", not talking sense, cannot tell what day it is, can
  hardly be woken, acting drunk without a drink;
- fever with neurological changes: hot with the chills, a temperature number with its unit;
- seizures and unresponsiveness: convulsing, lost consciousness, dropped to the floor shaking;
- injury: a dive into the shallow end, the head hit on the bottom of the pool;
- the topic look-alikes of rf18's not-answering family: a person who does not answer about
  homework, a question, an email is not unresponsive; not answering the people with him still is.
Each new phrase has its twins (usual, past, figurative, someone else's, a question).
Sentences written for these tests (not from any independent set nor from dev_stories_27)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    # headache
    "since the morning my head is paining too much, never had like this.",
    "the headache went from nothing to ten in a split second while i was lifting.",
    "the pain exploded behind her eyes ten minutes ago.",
    # confusion
    "my father is not knowing where he is since this morning.",
    "my wife is not talking any sense tonight and she's burning up.",
    "he could not tell us what year it is and he has a high temperature.",
    "she can barely be roused and she has a fever.",
    "he's behaving drunk though he hasn't had a drink, and his leg is jerking.",
    # fever with neurological changes
    "my daughter is hot with the shivers and her neck is stiff.",
    "he is 39.6 degrees and very drowsy.",
    # seizures and unresponsiveness
    "the baby is seizing.",
    "my husband lost all consciousness at the table.",
    "she collapsed onto the floor and started jerking.",
    # injury
    "he dove headfirst into the shallows and now his arms jerk.",
    "she banged her head on the bottom of the pool and now her legs are twitching.",
    # not answering the people with him still escalates
    "he doesn't answer when we call his name and he's shaking.",
    "she won't answer me and her eyes rolled back.",
])
def test_round15_vocabulary_escalates(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()


@pytest.mark.parametrize("text", [
    # the not-answering family: a topic, a question, homework, an email
    "my son doesn't answer me about his homework.",
    "she won't answer my question.",
    "he didn't answer the quiz question.",
    "my husband doesn't answer my questions about money.",
    "he won't answer me when i ask about school.",
    "she didn't respond to my email.",
    "he never answers me about his grades. is clonus hereditary?",
    # twins of the new phrases
    "my knee pain went from zero to ten in seconds when i kicked the door.",
    "my son can't tell me where he is going tonight.",
    "he's acting drunk at the party again.",
    "the council are not talking sense.",
    "it was 39 degrees on our holiday.",
    "she is warm from playing outside.",
    "he lost consciousness once in 2015 and has been fine since.",
    "what happens if someone loses consciousness?",
    "i dropped to the floor to do push ups.",
    "the kids jumped into the shallow end all afternoon.",
    "my leg is convulsing like usual when i stretch, my clonus.",
])
def test_round15_twins_do_not_escalate(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()
