"""Session 20 (issue 14, rf32a): RECALL kinds of the spent blind set narratives_18 (the lead's paraphrases), read by the rules
alone (knowledge/red_flags.yml, knowledge/context_rules.yml).

1. A hand task failing again and again, told only by its consequence in a calm frame: a cup, a fork, a toothbrush that keeps
   sliding out of one hand, buttons that cannot be done up, since a recent time (WRITING_LOSS, signs writing_lost and
   writing_lost_sudden). Twins: a hand clumsy for years, one hot mug dropped once, a phone dropped with no onset.
2. Speech errors told by their effect after a verb of saying or knowing about the intention: "trying to say", "what I want
   to say", "he knew it was wrong" (negation.pseudo: no hypothetical "say", no known problem "knew it"). Twins: a real
   hypothetical ("what would it look like if ..."), a toddler learning to talk, names muddled when tired for years.
3. One side of the world ignored, told by behaviour: half a plate eaten, the rest found when the plate is turned, one side of
   the page read (VISION). Twins: the same after a stroke years ago, followed by the eye clinic.
4. A bullet-point message whose thunderclap is told without the headache word on its line ("came on in one second", "like a
   switch", "worst ever"), the migraine or headache named elsewhere (THUNDERCLAP, HEAD_PAIN_WORD, sign thunderclap_told; the
   pseudo-negation "this one is not like my migraines"). Twins: an ordinary migraine that built up slowly like every month.
5. A correction that moves the sign: "it's not my lip that's numb now, it's my left hand" (NUMBNESS). Not done: the same with
   a parenthesis between the two parts ("(after the dentist)"): a pattern gap never crosses punctuation.
6. Weakness behind a relative clause ("his right arm which he can't move properly") with its onset after the "can't"
   (WEAKNESS). Twin: "which he hasn't been able to move since his stroke in 2019".
Sentences written for these tests (not from any tests/red_flags/*.yml nor from the web); FindADoctor guide (2026) red-flag
list."""

from __future__ import annotations

import pytest

from tests.unit.conftest import assert_level, assert_not_escalated

ESCALATED = [
    # kind 1. a hand task failing again and again since a recent time
    ("She says it's nothing, but her cup keeps sliding out of her right hand, the third time in the last half hour.",
     "emergency", "writing_lost_sudden"),
    ("Since lunch Grandad keeps dropping his spoon from his left hand, he says he's fine.", "emergency", "weakness"),
    ("His toothbrush slipped out of his right hand again just now, he insists it's nothing.", "emergency", "writing_lost_sudden"),
    ("Since breakfast my husband can't do up his buttons, he says he's just tired.", "emergency", "writing_lost_sudden"),
    # kind 2. a verb of saying or knowing about the intention
    ("Mum keeps trying to say something and it comes out as nonsense words.", "emergency", "speech"),
    ("I know what I want to say but the words come out jumbled.", "emergency", "speech"),
    ("His words came out all wrong and he knew it was wrong, then he went quiet.", "emergency", "speech"),
    # kind 3. one side ignored, told by behaviour
    ("Nan only ate the food on the left side of her plate tonight and found the rest when we turned the plate round.",
     "emergency", "vision"),
    ("Since his nap Dad only reads the left half of the page and keeps missing things on his right.", "emergency", "vision"),
    # kind 4. a bullet list with the thunderclap off the headache's line
    ("- 34F\n- migraine history, take sumatriptan\n- this one is not like my migraines, came on in a second while lifting\n"
     "- nothing else", "emergency", "thunderclap_told"),
    ("- 61M\n- headaches now and then\n- tonight's came on like a light switch\n- vomited once", "emergency", "thunderclap_told"),
    # kind 5. a correction that moves the sign
    ("It's not my lip that's numb now, it's my left hand and arm, since about an hour.", "emergency", "numbness"),
    # kind 6. weakness behind a relative clause, onset after the "can't"
    ("He's pointing at his right arm which he can't move properly started about 5 minutes ago.", "emergency", "weakness"),
    ("She keeps rubbing her left leg that she can't lift, it began a few minutes ago.", "emergency", "weakness"),
]

QUIET = [
    # kind 1 twins
    "I dropped my mug once this morning because it was too hot. Is my clonus making my hands jumpy?",
    "My teenage son keeps dropping his phone, the screen is cracked again.",
    # kind 2 twins
    "What would it look like if his words came out jumbled? I'd like to know what to watch for.",
    "I've mixed up names when I'm tired for years, my kids laugh at me.",
    # kind 3 twins
    "Since his stroke in 2016 he ignores the left side of his plate, the eye clinic follows it.",
    # kind 4 twins
    "- 29F\n- usual migraine, like every month\n- came on slowly over the morning, aura first\n- took sumatriptan",
    # kind 6 twins
    "He's pointing at his right arm which he hasn't been able to move properly since his stroke in 2019.",
]


@pytest.mark.parametrize("text, level, sign", ESCALATED)
def test_recall_kinds_escalate(assess, text: str, level: str, sign: str) -> None:
    assert_level(assess, text, level, sign)


@pytest.mark.parametrize("text", QUIET)
def test_look_alikes_stay_quiet(assess, text: str) -> None:
    assert_not_escalated(assess, text)
