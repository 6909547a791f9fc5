"""Session 11 (issue 14, rf13): the kinds of emergencies still missed on spent independent sets,
as the lead described them (/work/notes/s11/rf13.md; kinds only, no sentence of the independent
sets nor the lead's own paraphrases), read by the rules alone (knowledge/red_flags.yml,
knowledge/context_rules.yml, bot/nlp/).

Recall first: lay wordings of unresponsiveness (not answering to one's name, not woken between
fits), seizures now (counted in a row, a whole body shaking for minutes, text-speak), confusion
(not knowing the caller's name, losing the thread mid-sentence), speech (talk not coming out
well, scattered words), vision (two of everything, a paper that cannot be read today), one-sided
weakness and coordination (buttons, milk poured beside the cup), headache (the head "blew up",
not easing after straining), fever (the thermometer's number, "shaking, boiling hot" with a
serotonergic pair), a first-ever jerking told by an evening event, a new sign since tea-time in a
long-standing frame, and first-ever jerking dated days ago (urgent). Each fix with its look-alike
twin. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.unit.conftest import sign_keys


@pytest.mark.parametrize("text, sign", [
    # kind 1: unresponsive in lay words, also in a care home or hospital
    ("grandad is in a nursing home and this evening he won't answer to his own name", "fever_neuro"),
    ("she is on the ward and does not respond when we call her name", "fever_neuro"),
    ("in between the seizures he has not woken up", "fever_neuro"),
    # kind 2: seizures now
    ("that is her fourth fit in a row", "fever_neuro"),
    ("he has had seizures back to back since lunch", "fever_neuro"),
    ("son having fit on the floor", "fever_neuro"),
    ("my husband is shaking all over for ten minutes now", "fever_neuro"),
    ("she is jerking from head to toe and it won't stop", "fever_neuro"),
    # kind 3: confusion in lay words
    ("dad is normally very sharp but tonight he doesn't know my name", "fever_neuro"),
    ("she keeps losing her train of thought this afternoon", "fever_neuro"),
    ("he stops halfway through every sentence and stares", "fever_neuro"),
    # kind 4: speech in lay words
    ("her talk is not coming out right since she woke up", "speech"),
    ("his words are all scrambled this evening", "speech"),
    # kind 5: vision in lay words
    ("i'm seeing 2 of everything", "vision"),
    ("this morning she suddenly could not read the clock", "vision"),
    ("he can't read the newspaper any more, since breakfast", "vision"),
    # kind 6: one-sided weakness and coordination in lay words
    ("since lunchtime my hand won't do up my coat buttons", "weakness"),
    ("mum spilt the tea beside her cup and keeps knocking things off the tray", "coordination"),
    # kind 7: headache in lay words
    ("i was lifting weights and my head blew up, it still hurts", "severe_headache"),
    ("the headache is not letting up since straining at the gym", "severe_headache"),
    # kind 8: fever in lay words, the serotonergic picture
    ("38.9 on the thermometer and she can't bend her neck, it is so sore", "fever_stiff_neck"),
    ("my son is boiling and his neck, it's really stiff", "fever_stiff_neck"),
    ("took ecstasy tonight, i'm on citalopram, now i'm jittery, sweating and boiling hot", "serotonin_syndrome"),
    # kind 9: a first-ever jerking told by an evening event
    ("at the end of the film my arm started flapping by itself and it still is", "recent_onset_jerking"),
    ("during the adverts his leg started jumping on its own and hasn't stopped", "recent_onset_jerking"),
    ("this evening at dinner his arm started shaking on its own and hasn't stopped", "recent_onset_jerking"),
    ("while we were watching tv tonight my foot began jerking by itself, never had that", "first_ever_jerking_today"),
    # more of kinds 1, 2, 5, 6 and 8
    ("my husband won't open his eyes when i shake him", "fever_neuro"),
    ("the seizures keep coming, she's had four", "fever_neuro"),
    ("my son has been seizing for over five minutes", "fever_neuro"),
    ("half the screen is missing when i look at my phone", "vision"),
    ("dad keeps dropping his fork from his right hand this evening", "weakness"),
    ("i'm on fluoxetine and took molly, now i'm very hot and jittery", "serotonin_syndrome"),
    # the third batch: after a denial, in hospital, half the paper, a neck that will not bend
    ("no numbness no tingling no weakness. but my head feels like it's going to explode", "severe_headache"),
    ("i strained on the toilet and my head has not stopped pounding", "severe_headache"),
    ("dad is on the ward after a heart attack and has not woken up since", "fever_neuro"),
    ("the right half of the crossword was just gone this morning", "vision"),
    ("my son is roasting hot and won't bend his neck", "fever_stiff_neck"),
    # the fourth batch
    ("my leg feels like somebody else's since lunch", "numbness"),
    ("his words are coming out all scattered", "speech"),
    ("i can't read my phone screen all of a sudden", "vision"),
    ("mum is in icu after her heart stopped, she has not woken", "fever_neuro"),
])
def test_round8_lay_wordings_are_emergencies(assess, text: str, sign: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()
    assert sign in sign_keys(result), result.as_dict()


@pytest.mark.parametrize("text", [
    # kind 1 twins: a late sleeper, a phone not answered
    "my son hasn't woken up yet, it's 8am and he usually sleeps till eleven",
    "she hasn't woken up yet but she never gets up before nine on a sunday",
    "my dad didn't answer his phone this morning, he was in the shower",
    # kind 3 twin: a lost thread in a tired moment, not "keeps losing"
    "i lost my train of thought during the call because the baby was crying",
    # kind 5 twin: a paper not read for want of glasses
    "i couldn't read the menu because i had forgotten my reading glasses",
    # kind 6 twins: a distracted pour, a fairground ride, a dark room
    "my son poured the juice next to the glass because he was watching tv",
    "i felt wobbly after getting off the rollercoaster, fine a minute later",
    "i keep walking into furniture in the dark at my sister's flat",
    # kind 8 twins: the weather's number, a party drug question without signs
    "it was 39 degrees on the thermometer in the garden and my clonus was bad in the heat",
    "is it dangerous to take molly when you are on sertraline?",
    # kind 9 twin: a foot tapping to the music
    "at the end of the film my foot was tapping along with the song",
    # kind 10 twin: the usual clonus in a long-standing frame
    "i've had ms for 18 years, my clonus is routine for me and since tea-time it has been the same as always",
    # twins of the second batch
    "my son didn't answer to his name because he had his headphones in",
    "my toddler's words are all jumbled, he is just learning to talk",
    "i see double when i'm really drunk",
    "my back keeps seizing up when i lift the shopping",
    # the frame still covers the known problem when no new anchor follows it
    "long history of ms, my left leg gives way now and then, the physio knows",
    "i've had ms for 20 years, my left leg has been numb since 2010 and my clonus is routine",
    "the baby hasn't woken up yet from her nap, she usually sleeps till 3",
    "my husband didn't answer when i called his name because he was mowing the lawn",
])
def test_round8_twins_do_not_escalate(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()


@pytest.mark.parametrize("text, sign", [
    ("i have had ms for 20 years and my clonus is routine, but since tea-time my right hand has gone numb", "numbness"),
    ("cerebral palsy all my life and my clonus is old news, but since teatime my left leg is weak and dragging", "weakness"),
    ("he had a stroke ten years ago and his clonus is normal for him, but since dinnertime he keeps bumping into things on the left", "coordination"),
    ("dad has had ms for decades and his clonus is nothing new. since about 4pm he can't lift his right arm.", "weakness"),
    # a today anchor between the frame and the sign re-dates it (bot/nlp/context.py, _reanchored)
    ("long history of ms, clonus routine, new today: my left leg gives way", "weakness"),
    ("years of spinal injury, spasms as always, then this afternoon: my right hand numb", "numbness"),
])
def test_round8_a_new_sign_since_tea_time_in_a_long_standing_frame_is_an_emergency(assess, text: str, sign: str) -> None:
    """Kind 10 (judge K27): the long-standing frame applies to the known clonus, not to the new sign."""
    result = assess(text)
    assert result.level == "emergency", result.as_dict()
    assert sign in sign_keys(result), result.as_dict()


@pytest.mark.parametrize("text", [
    "from 5 days my calf is jumping, first time in my life. no fever, nothing else",
    "since 4 days my thigh twitches when i stand, first time in life",
    "since last friday (5 days) my ankle keeps jerking, first time.",
    "the jerks in my calf first showed up two days ago; never had them before. no weakness or numbness",
    "i have been taking st john's wort with my sertraline for a fortnight and my legs keep jumping, i stopped the st john's wort now",
    "on citalopram for a fortnight and my legs have started twitching",
    "on sertraline and st johns wort for two weeks and my legs are jumping, stopped the herb now",
])
def test_round8_first_ever_jerking_days_ago_is_urgent(assess, text: str) -> None:
    """Kind 11: first-ever jerking dated days ago, a serotonergic combination with jerking: urgent
    (lead's policy of session 8), not missed and not an emergency."""
    result = assess(text)
    assert result.level == "urgent", result.as_dict()
