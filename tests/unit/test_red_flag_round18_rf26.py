"""Session 14 (issue 14, rf26): everyday senses, recovered and usual patterns, a few lay signs, read by
the rules alone (knowledge/red_flags.yml, knowledge/context_rules.yml).

- objects, not the body: a fuzzy television picture, a smudged printout, fogged glasses or windscreen,
  a book that describes slurred speech, soap or keys slipping out of a wet hand, window blinds, a
  theatre curtain;
- recovered or passed with its everyday cause: a fall dated "two summers ago", a tablet taken twice
  "by accident" (no injury; the medicine itself is left to the serotonergic rules);
- the usual pattern: blur after long hours at a screen, a stammer strangers take for a stroke, a
  child's repeated question about a parent's condition;
- lay signs: an eye gone dark like a blind coming down, a curtain over one eye, asking the same
  question over and over, a limb beating on the bed, eyes open but no answer.
Each mechanism has its emergency twin told with the same words. Sentences written for these tests
(not from any narratives*.yml nor from dev_stories_32)."""

from __future__ import annotations

import pytest

from tests.unit.conftest import sign_keys


@pytest.mark.parametrize("text", [
    # objects, not the body
    "the tv picture is blurry tonight, does clonus affect eyesight?",
    "the picture on the telly has gone all fuzzy again, the aerial needs fixing.",
    "the book i'm reading describes slurred speech in ms, is that clonus?",
    "the soap slipped out of my hand in the shower and i laughed. my clonus is fine today.",
    "the cup slipped out of my hand because it was wet, nothing else is wrong.",
    "the keys slipped out of my wet hand at the door.",
    "my glasses are smudged so the page looks blurry. does clonus run in families?",
    "the printout is blurred so i can't read my nerve test results.",
    "my windscreen was fogged up so the road looked blurry until the heater kicked in.",
    "we put a blind down over the window because the sun hurts my eyes.",
    "the curtain came down at the end of the play and my legs were stiff from sitting.",
    "the screen went black on my laptop while i was reading about clonus.",
    # recovered or passed with an everyday cause
    "slipped on the ice last christmas, fine since. does a fall cause clonus?",
    "my foot fell asleep on the train, then it was gone within minutes.",
    "i took two tramadol instead of one by accident this morning, anything i should know?",
    "i fell off my bike two summers ago and hurt my knee, all healed.",
    "i bumped my head on the cupboard door last month, no problems since.",
    # the usual pattern
    "cold numb fingers every winter since i was a teenager, is that clonus?",
    "my eyes go blurry after hours at the screen, normal for me. should i worry about clonus?",
    "my eyes get blurry after long hours at the laptop, normal for me, no other symptoms.",
    "the heat makes my legs flare the same as always.",
    "people think i'm having a stroke when i stammer. does clonus cause a stammer?",
    "my son keeps asking the same question about why my leg jumps. how do i explain clonus?",
    "my daughter keeps asking the same question about my leg jerks, how do i explain clonus to a child?",
    "my daughter keeps asking me the same question about my leg jerks, how do i explain it to her?",
])
def test_round18_rf26_everyday_senses_do_not_escalate(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()


@pytest.mark.parametrize("text, sign", [
    # twins of the objects
    ("the tv picture is fine but suddenly my own vision went blurry in one eye.", "vision"),
    ("reading the book, suddenly my own speech came out slurred and my face drooped.", "speech"),
    ("the soap slipped out of my hand because my hand suddenly went numb and weak.", "numbness"),
    ("the cup slipped from my hand because my right arm suddenly went weak and my face is drooping.", "stroke_signs"),
    ("the book fell from my lap and suddenly my vision went double.", "vision"),
    # twins of the recovered
    ("slipped on the ice this morning and hit my head, now i'm being sick and confused.", "trauma"),
    ("my foot fell asleep on the train and an hour later my whole right leg is weak and my face droops.", "stroke_signs"),
    ("i took an extra sertraline by accident and now i'm sweating, shivering, agitated and my legs are jerking.", "serotonin_syndrome"),
    # twins of the usual pattern
    ("cold numb fingers every winter, but today my whole right arm suddenly went numb and weak.", "numbness"),
    ("i have a stammer, but since an hour ago i can't get any words out and my mouth droops.", "speech"),
    ("people think he's having a stroke when he stammers, but today his face is drooping and his arm is weak.", "stroke_signs"),
    ("blurry after screens is normal for me, but now i suddenly can't see out of my right eye.", "vision"),
    ("my son keeps asking the same question over and over and has a high fever.", "fever_neuro"),
    # lay signs
    ("my eye went dark like a blind came down.", "vision"),
    ("a curtain came down over my left eye an hour ago.", "vision"),
    ("everything went black on one side like a curtain.", "vision"),
    ("it was like someone pulled a blind down over my right eye twenty minutes ago.", "vision"),
    ("a grey curtain fell across the sight of my left eye this morning.", "vision"),
    ("mum keeps asking the same question over and over since lunch.", "fever_neuro"),
    ("mum keeps asking me the same question over and over since lunch.", "fever_neuro"),
    ("grandad kept asking us what day it is all afternoon.", "fever_neuro"),
    ("he keeps asking the same questions again and again and doesn't know where he is.", "fever_neuro"),
    ("her arm keeps beating on the bed and she won't answer me.", "fever_neuro"),
    ("his eyes open but not answer when i call him.", "fever_neuro"),
    ("her eyes are open but she doesn't answer me.", "fever_neuro"),
    ("her arm keeps beating on the bed and it started suddenly ten minutes ago.", "sudden_onset"),
])
def test_round18_rf26_emergency_twins_escalate(assess, text: str, sign: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()
    assert sign in sign_keys(result), result.as_dict()
