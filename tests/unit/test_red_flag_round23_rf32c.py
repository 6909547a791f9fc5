"""Session 20 (issue 14, rf32c): kinds of the false alarms the rules alone still raised on the spent sets
narratives_17 and 18, "who and why", read by the rules alone (knowledge/context_rules.yml: story.study, story.jokes,
informational.triggers and referred_now, informational.source_lists, well_since; knowledge/red_flags.yml: TRAUMA;
bot/nlp/stories.py, bot/nlp/watch_lists.py).

1. Fiction: a TV series or a novel "where" or "in which" a character has the sign, a stage play.
2. A list to watch for: the signs a course "went through"; a leaflet's list on nobody, unless someone "has just had
   one" (a miss on main: "the leaflet lists seizures and she's just had one").
3. A relative's old episode told to a curiosity question ("my mum had that years ago and it got better").
4. A definition asked with "what's" ("what's a thunderclap headache?").
5. A sign said in jest ("he jokes he's having a stroke at every bill", "she laughed that her arm went dead").
6. A knock someone checked and cleared (a clear CT and a discharge, the GP or paramedics checked and found her fine,
   "she was checked", "cried for a bit, then was fine"), and "is it too late for concussion?".
Twins: the same frames with the sign there now, sudden, on one side, or a new sign after the knock (a fall "in the
garden" is a fall). Sentences written for these tests (not from any tests/red_flags/*.yml nor from the web);
FindADoctor guide (2026) red-flag list."""

from __future__ import annotations

import pytest

from tests.unit.conftest import assert_level, assert_not_escalated


@pytest.mark.parametrize("text", [
    # kind 1. fiction
    "There's a drama series where the grandmother has a stroke and her speech goes slurred. Is recovery that quick?",
    "I'm reading a novel in which the hero has seizures after a car crash. Is that realistic?",
    "In the musical last night one of the characters collapses and can't move his arm. Does that really happen to young men?",
    # kind 2. a list to watch for
    "At my first aid refresher the trainer ran through slurred speech, a drooping face and sudden weakness. Which is the most common?",
    "The leaflet lists seizures and confusion as rare side effects. She hasn't had one in the month she's been on it.",
    # kind 3. a relative's old episode
    "Can a migraine cause blurred vision? My sister had that years ago and it went away. Just curious.",
    # kind 4. a definition
    "What's a thunderclap headache? My GP used the phrase on the radio.",
    "Whats a mini stroke exactly?",
    # kind 5. a sign said in jest
    "My brother jokes he's having a stroke every time his team loses. Should I tell him it isn't funny?",
    "It's a running joke in our house that Dad's face drops when he sees the gas bill.",
    # kind 6. a knock checked and cleared
    "Gran tripped in the hallway on Friday, the GP checked her over and she's fine. Should we get a grab rail?",
    "My x-ray after I fell off my bike was clear and they sent me home. How long do bruised ribs hurt?",
    "My daughter bumped her head at nursery on the 3rd, cried, then was fine. Is it too late for concussion?",
])
def test_who_and_why_not_escalated(assess, text):
    assert_not_escalated(assess, text)


@pytest.mark.parametrize("text,sign", [
    # kind 1 twins
    ("We were halfway through a TV series when my husband's face dropped on the left and he can't talk.", "stroke_signs"),
    ("I was reading a novel in bed and now my right arm has gone weak and my words are slurred.", "weakness"),
    # kind 2 twins
    ("The leaflet lists seizures and she's just had one, she's very drowsy.", "fever_neuro"),
    ("On the course they went through face drooping and slurred speech, and now my dad's face is drooping.",
     "stroke_signs"),
    # kind 3 twins
    ("Can a migraine cause blurred vision? My sister had that ten minutes ago and she still can't see properly.",
     "vision"),
    # kind 4 twins
    ("What's a thunderclap headache? I think I'm having one, it came on in seconds and it's the worst ever.",
     "severe_headache"),
    # kind 5 twins
    ("He always jokes about having a stroke, but right now his face is drooping on one side.", "stroke_signs"),
    ("My brother jokes he's having a stroke every time his team loses, but tonight he suddenly can't lift his arm.",
     "weakness"),
    # kind 6 twins
    ("My CT was clear last week but today his speech is slurred.", "speech"),
    ("She hit her head last month and was checked, but today she's vomiting and confused.", "fever_neuro"),
    ("Gran fell in the kitchen this morning and now she's very drowsy and has been sick.", "trauma_then_sick"),
    ("My son fell in the playground at lunch and hit his head.", "trauma"),
])
def test_who_and_why_twins_stay(assess, text, sign):
    assert_level(assess, text, "emergency", sign)
