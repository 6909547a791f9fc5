"""Session 13 (issue 14, rf19): a wide vocabulary pass over the stroke-like signs of FindADoctor's
(2026) red-flag list, read by the rules alone (knowledge/red_flags.yml, knowledge/context_rules.yml).

Organised by how each sign shows itself, not by the failures of a set:
- the face: looks funny on one side, only one side goes up in a smile, bent to one side (Indian
  English), not moving on one side, drooped on the right; rf18's "it has drooped on one side" only
  after a face word (a shelf, a plant, a shoulder, an eyelid drooped since birth or with age do not escalate);
- speech: not talking "proper", not understanding what others say, words that will not come out,
  a mouth that will not form words, not making sense when talking, slushy words;
- weakness and numbness: a foot dragged, a hand "not listening", things slipping out of the hand,
  a hand that cannot be used, numbness down one side;
- vision: cannot make out faces, vision cut in half, sight that suddenly went;
- coordination: the hand cannot get to the cup, a key will not go in the lock, missing the spoon,
  legs all over the place.
Twins: a habit (slurring when drinking), an idiom ("can't see the point", "get a word in"), a limb
numb from sitting cross-legged, an animal, a toddler, a cut finger, a frozen lock, a blurry photo.
Sentences written for these tests (not from any independent set nor from dev_stories_26)."""

from __future__ import annotations

import pytest

from tests.unit.conftest import sign_keys


@pytest.mark.parametrize("text, sign", [
    # the face
    ("my brother says my face looks weird on the right, it started at lunch.", "stroke_signs"),
    ("when he smiles only the left side goes up, since ten minutes.", "stroke_signs"),
    ("since afternoon her mouth is bend to one side.", "stroke_signs"),
    ("his mouth is not moving on the right side when he eats.", "stroke_signs"),
    ("her smile, it has drooped on the left since the phone call.", "stroke_signs"),
    ("look at his face - i think it has drooped on one side.", "stroke_signs"),
    # speech
    ("from morning my mother is not speaking properly.", "speech"),
    ("he is not understanding anything we tell him since his nap.", "speech"),
    ("i know what i mean to say but the words won't come out.", "speech"),
    ("her tongue won't form the words.", "speech"),
    ("he's not making any sense when he talks tonight.", "speech"),
    ("his voice sounds all mushy.", "speech"),
    # weakness and numbness
    ("she is trailing her right leg when she walks to the kitchen.", "weakness"),
    ("my fingers are not obeying me, i can't hold the pen.", "weakness"),
    ("things keep falling out of his left hand this afternoon.", "weakness"),
    ("i can't use my left arm at all now.", "weakness"),
    ("tingling down my right side and my face.", "numbness"),
    # vision
    ("all of a sudden i can't make out the words on my phone.", "vision"),
    ("my sight is split in two since i stood up.", "vision"),
    ("her vision went completely in her left eye.", "vision"),
    # coordination
    ("he can't get the spoon to his mouth, he keeps missing the bowl.", "coordination"),
    ("i can't seem to put my key into the lock, my hand keeps going wide.", "coordination"),
    ("her feet are all over the place when she walks tonight.", "coordination"),
])
def test_round14_stroke_like_signs_escalate(assess, text: str, sign: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()
    assert sign in sign_keys(result), result.as_dict()


@pytest.mark.parametrize("text", [
    # drooping things that are not a new face droop
    "the shelf in the hall, it has drooped on one side, can clonus come from lifting?",
    "the plant on the windowsill has drooped on one side because i forgot to water it.",
    "his shoulder has drooped on one side for years.",
    "her eyelid has always drooped a bit, nothing new, just asking about clonus.",
    "my eyelid has drooped since birth.",
    "the eyelid drooped slightly with age, the optician says it's fine.",
    # speech twins
    "my husband says i slur my words when i'm tired, what is clonus?",
    "our toddler is not talking in sentences yet, he has ankle clonus the paediatrician follows.",
    "i couldn't get a word in edgeways at the clinic, what does 3 beats of clonus mean?",
    # weakness and numbness twins
    "my leg went numb from kneeling in church, it was fine after a minute.",
    "the cat is dragging his back leg since the vet.",
    "i can't use my left hand to type because of a burn, my clonus is the same.",
    # vision and coordination twins
    "i can't see the point of stretching if the jerks come back anyway.",
    "the video of my ankle jerks is blurry, can i send another?",
    "i can't get my key in the lock because it's stuck again, anyway how is clonus graded?",
])
def test_round14_twins_do_not_escalate(assess, text: str) -> None:
    result = assess(text)
    assert result.level != "emergency", result.as_dict()
