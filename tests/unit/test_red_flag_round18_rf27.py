"""Session 15 (issue 14, rf27): kinds of narratives_12's misses (spent set), read by the rules alone
(knowledge/red_flags.yml, knowledge/context_rules.yml).

1. A head that struck something told with more lay verbs ("slammed his head against", "walloped her
   forehead on") or an object taken to the head ("took an elbow to the side of her head", "got hit with a
   golf ball on the back of his head"): FindADoctor's new clonus after trauma. Twins: the same verbs with no
   head ("slammed the door", "took a cricket ball to the party").
2. A limb that HAS BEEN (was, became) useless, dead, limp or floppy ("my right hand has been useless since
   breakfast"): FindADoctor's new weakness. Twins: "useless at writing", a leg dead from sitting on it.
3. Other people telling what they see now with a plural subject and "say" ("my kids say I'm slurring", "the
   twins say mum can't lift her arm") report a sign, no conditional "say". Twins: a general statement after
   "say" ("my kids say slurred speech is a sign of a stroke"), a sign told as past or recovered.
4. Jerking that is stronger or more intense each morning or night, compared with "the one before" or "the
   last", or "getting stronger and stronger": FindADoctor's clonus getting worse (urgent). Twins: weaker,
   better or less intense each day, legs getting stronger after rehab, a baby's kicks in pregnancy.
5. Coughing, choking or gagging every time one tries to swallow, eat or drink, chewing the same mouthful over
   and over: FindADoctor's trouble swallowing. Twins: big tablets, long-standing, a child's fish bones.
6. A person (not a limb) stiff and jerking ("my baby is stiff and jerking"): a seizure, FindADoctor's
   nervous-system changes. Twins: stiff and shaking with cold or laughter, after the gym, legs stiff and jerky.
Sentences written for these tests (not from any narratives*.yml nor from the web); FindADoctor guide (2026)
red-flag list."""

from __future__ import annotations

import pytest

from tests.unit.conftest import assert_level, assert_not_escalated, sign_keys


def _assert_emergency(assess, text: str, sign: str) -> None:
    assert_level(assess, text, "emergency", sign)


@pytest.mark.parametrize("text,sign", [
    # 1. a head knock in lay verbs
    ("my son slammed his head against the goalpost at practice and now his hand keeps jerking", "trauma"),
    ("she took an elbow right to the side of her head in netball, an hour later her leg started twitching", "trauma"),
    ("grandad smashed his head on the kitchen cupboard door this morning and his arm has been jumping since", "trauma"),
    ("i took a cricket ball full on the temple yesterday evening and my foot keeps flicking", "trauma"),
    ("my daughter walloped her forehead on the swing frame, she's been sick twice and her leg is twitching", "trauma"),
    ("my husband clobbered his head on the loft beam and his arm is jerking now", "trauma"),
    ("took a hockey stick to the back of the head during training and my knee has been jerking since", "trauma"),
    ("my mate got hit with a golf ball on the back of his head on the course and his hand is shaking now", "trauma"),
    ("my toddler conked her head off the edge of the coffee table and now she's very sleepy and twitchy", "trauma"),
    # 2. a limb that has been useless, dead, limp or floppy
    ("my right hand has been useless since breakfast", "weakness"),
    ("since lunchtime her left arm has been dead and floppy", "weakness"),
    ("my leg has been useless all morning and i can barely get up the stairs", "weakness"),
    ("my dad's right side has been limp since he woke up", "weakness"),
    ("his left hand's been useless for the last hour", "weakness"),
    ("my foot has been floppy since this morning", "weakness"),
    ("her arm has become useless and heavy since she sat down an hour ago", "weakness"),
    ("my hand was useless and dead this morning and it still is", "weakness"),
    # 3. others say what they see now
    ("my kids say i'm slurring my words and mixing everything up", "speech"),
    ("the children say dad is talking nonsense and can't get his words out", "speech"),
    ("my grandkids say my face looks lopsided and droopy", "stroke_signs"),
    ("my workmates say i'm walking like i'm drunk and keep bumping into the desks", "coordination"),
    ("the twins say mum can't lift her arm and her speech is slurred", "weakness"),
    ("my friends say i'm slurring badly and don't make sense", "speech"),
    ("my sons say my words are coming out all wrong and my hand is shaking", "speech"),
    ("my colleagues say i'm dragging my right leg", "weakness"),
])
def test_round18_rf27_emergency(assess, text, sign):
    _assert_emergency(assess, text, sign)


@pytest.mark.parametrize("text", [
    # 1. the same verbs with no head
    "my son slammed the door after practice, his calves twitch a bit when he's tired",
    "she took an elbow brace to netball because her joint aches",
    "i took a cricket ball to my nephew's birthday as a present",
    "he caught a football at lunch and scored, he's so proud",
    "grandad smashed his record at bowls this morning",
    "my daughter walloped her brother at chess",
    "the ball landed on the side of the house and broke a tile",
    "took a hockey stick to the repair shop during lunch",
    # 2. useless at a skill, dead from sitting or sleeping on it
    "my left hand has always been useless at writing",
    "my left hand has been useless at drawing since school",
    "i'm useless with my left hand, always have been",
    "my leg was dead for a minute after sitting cross-legged, fine now",
    "his arm was useless for a bit after he slept on it funny",
    "my arm has been dead from sleeping on it, it came back after a shake",
    "my kids say i'm useless at football",
    # 3. a general statement after "say", or a sign told as past or recovered
    "my kids say slurred speech is a sign of a stroke",
    "my grandkids say a droopy face means you should call 999",
    "the children say slurring your words is what happens when you're drunk",
    "my friends say you can't lift your arm after a stroke",
    "my kids say i used to slur my words when i was exhausted at uni",
    "my family say my speech is back to normal since the speech therapy last year",
    "my friends say i'm talking fine now, the slur cleared up after rehab years ago",
    "the grandkids say grandad's smile looks even again since his physio last year",
])
def test_round18_rf27_twin_not_escalated(assess, text):
    assert_not_escalated(assess, text)


@pytest.mark.parametrize("text", [
    # 4. the jerking worse each morning or night, or than the one before
    "since monday the jerks in my calf have been stronger each morning than the one before",
    "each day this week it's been a little worse, my ankle jerking, and now it wakes me at night",
    "every night since last weekend they've been more intense, my foot jerking in bed",
    "mum's knee twitching is getting stronger and stronger as the week goes on",
    "my ankle clonus gets more intense each evening this week",
    "each morning it's been a bit longer than the last, my foot jerking when i get up",
    "my son's foot jerking: every day since friday it's been a touch more than the day before",
    "dad's ankle beats harder each night this week than the night before",
])
def test_round18_rf27_worsening_urgent(assess, text):
    result = assess(text)
    assert result.level in ("urgent", "emergency"), (text, result.level, sign_keys(result))
    assert "worsening" in sign_keys(result), (text, sign_keys(result))


@pytest.mark.parametrize("text", [
    # 4. twins: weaker, better, less intense; strength coming back; a baby's kicks in pregnancy
    "since monday the jerks in my calf have been weaker each morning than the one before",
    "each day this week it's been a little better, my ankle jerking is settling",
    "every night since last weekend they've been less intense, the physio's stretches help my foot jerking",
    "my grip is getting stronger each morning since the stroke rehab, and the odd twitch is the same as always",
    "the baby's kicks get stronger each day, is that normal at 30 weeks?",
    "each morning i walk a bit further than the day before, my foot jerking has been the same for years",
    "my legs are getting stronger and stronger since rehab, the odd twitch at night as always for years",
    "the spasms in his legs have been weaker each week since the botox, much better",
    "my grandad's arm was weak after his stroke last year. with rehab it gets stronger every week. he still gets jerks in his wrist now and then",
])
def test_round18_rf27_worsening_twin_not_escalated(assess, text):
    assert_not_escalated(assess, text)


@pytest.mark.parametrize("text,sign", [
    # 5. trouble swallowing
    ("grandma coughs every time she tries to swallow her tea since she woke up", "breathing_swallowing"),
    ("my husband splutters each time he tries to drink water this evening", "breathing_swallowing"),
    ("he keeps chewing the same bite over and over and coughing, this started an hour ago", "breathing_swallowing"),
    ("mum chokes as soon as she tries to swallow her pills today", "breathing_swallowing"),
    ("my son chokes every single time he attempts to drink since the knock", "breathing_swallowing"),
    ("my wife has been holding food in her cheek and coughing whenever she tries to eat tonight", "breathing_swallowing"),
    ("my dad gags whenever he tries to eat anything since lunch, it won't go down", "breathing_swallowing"),
    ("she's been chewing the same mouthful for ten minutes and can't get it down", "breathing_swallowing"),
    # 6. a person stiff and jerking
    ("my baby is stiff and jerking and won't settle", "fever_neuro"),
    ("grandad is rigid and shaking all over on the sofa", "fever_neuro"),
    ("my toddler was stiff and twitching in his cot a minute ago and still is", "fever_neuro"),
    ("my husband is all stiff and jerking on the kitchen floor", "fever_neuro"),
    ("the baby's stiff, twitching and staring", "fever_neuro"),
    ("he is rigid and jerking and his eyes are fixed", "fever_neuro"),
    ("she's gone all stiff, jerking and her lips look blue", "fever_neuro"),
    ("my girlfriend went rigid then started shaking on the bathroom floor", "fever_neuro"),
])
def test_round18_rf27_swallowing_and_fit_emergency(assess, text, sign):
    _assert_emergency(assess, text, sign)


@pytest.mark.parametrize("text", [
    # 5. twins
    "grandma coughs every time she tries to swallow those huge vitamin tablets, she always has",
    "my toddler chews the same mouthful of broccoli for ages because he hates it",
    "dad coughs every time he tries to drink thin liquids since his stroke in 2015, the therapist has him on thickened drinks",
    "i gag whenever i try to swallow big capsules, always have, can i crush them?",
    "as a child she choked every time she tried to eat fish because of the bones, she laughs about it now",
    # 6. twins
    "she's stiff and shaking with cold after the swim",
    "he was stiff and shaking after the gym session, sore today",
    "my legs are stiff and jerky in the mornings, my ms nurse knows",
    "my husband is stiff and shaking with laughter at the film",
    "my son is stiff and twitchy after the match, sore legs, otherwise fine",
    "mum is stiff and trembling from the cold after waiting for the bus",
])
def test_round18_rf27_swallowing_and_fit_twin_not_escalated(assess, text):
    assert_not_escalated(assess, text)
