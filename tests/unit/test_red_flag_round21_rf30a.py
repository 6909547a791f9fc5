"""Session 18 (issue 14, rf30a): kinds of emergencies and urgent cases the rules alone still missed on the spent
set narratives_14, read by the rules alone (knowledge/red_flags.yml, knowledge/context_rules.yml).

1. Emergency: Indian-English durations ("from 20 minutes", "since 2 hours", "from morning") open a sentence whose
   later clause says "her right hand is weak": a side told as weak is no comparison of the sides ("the weaker
   one") and no state of long standing; "not able to say proper words", "the words would not come out right" are
   speech. Twins: speech slow from childhood, a toddler not saying proper words yet, "the weaker one" since a
   stroke.
2. Emergency: sudden clumsiness and numbness in lay words: fingers or thumbs that would not hit the right keys,
   a hand that "forgot how" (with a start: sign writing_lost), a face, cheek or lip gone fuzzy or like novocaine
   (FindADoctor 2026: numbness, loss of coordination). Twins: typos on a tiny phone, typing exercises, fuzzy hair.
3. Urgent: a worsening dated from a past point ("worse since his last visit a month ago", "since March", "over the
   last month": the date starts the change, bot/nlp/context.py _since_start), and a change told as from a little
   to a lot ("from a couple of beats to long runs"). Twins: worse a month ago and settled since, from long runs to
   the odd beat, unchanged since the visit, constant since a diagnosis years ago.
4. Urgent: a serotonergic medicine started weeks ago ("started on sertraline last month") is still taken: with
   jerking now urgent (sign serotonergic_started_weeks); "on and off for the past two days" is new, not a habit;
   fever in lay words with it an emergency. Twins: stopped the medicine and the twitching went, no twitching,
   started years ago.
5. Urgent: first-ever jerking: "New for me:" opening the message (FIRST_EVER), jerking told as having started and
   dated days ago (STARTED_JERK, sign started_jerking_days), "he's his usual self otherwise" (USUAL_SELF: a
   reassurance, not the usual episode of a known clonus). Twins: "new for me is the physio's routine", the usual
   self with no sign, the usual clonus the same as always.
Sentences written for these tests (not from any narratives*.yml nor from the web); FindADoctor guide (2026),
wiseGEEK (2019) red-flag lists."""

from __future__ import annotations

import pytest

from tests.unit.conftest import assert_level, assert_not_escalated


@pytest.mark.parametrize("text,sign", [
    # 1. durations and speech
    ("From half an hour my father is not able to speak proper words and his left arm is weak.", "weakness"),
    ("Since 2 hours my wife is not able to say the right words and her right leg is weak, please advise.", "speech"),
    ("From morning my uncle's left hand is weak and he is dropping the tea cup.", "weakness"),
    ("Since one hour my mother's words are coming out wrong and her left arm is weak.", "weakness"),
    ("Her right hand is weak since lunch and she can't hold her spoon.", "weakness"),
    ("My grandfather is not able to say proper words from the last 30 minutes.", "speech"),
    ("My aunt's right arm is weak, it started twenty minutes back, and she is slurring.", "weakness"),
    ("His left leg is weak and the words would not come out right when he tried to call me.", "speech"),
    ("My brother is 55. From 15 minutes he can't get the words out and his face looks odd.", "speech"),
    # 2. clumsiness and numbness in lay words
    ("I was texting my sister and my thumbs would not hit the right letters. Now my cheek feels fuzzy on one side.",
     "coordination"),
    ("The left side of her face feels fuzzy and tingly, like after the dentist.", "numbness"),
    ("My lip and cheek on the right have gone all fuzzy in the last hour.", "numbness"),
    ("Dad's face feels like novocaine on the left, started while watching TV.", "numbness"),
    ("I sat down to type and my fingers just couldn't find the right keys, as if they had forgotten how, that was "
     "20 minutes ago.", "writing_lost"),
    ("Suddenly my hand forgot how to write, the pen just would not do what I wanted.", "writing_lost"),
    ("All of a sudden she can't do up her buttons and her right hand is clumsy.", "coordination"),
    ("My husband can't hold the pen all of a sudden, his hand keeps dropping it.", "weakness"),
    ("Half my tongue has gone fuzzy and my arm feels heavy.", "numbness"),
])
def test_emergency_kinds_1_2(assess, text, sign):
    assert_level(assess, text, "emergency", sign)


@pytest.mark.parametrize("text,sign", [
    # 3. worsening dated from a past point; from a little to a lot
    ("His clonus has got much worse since the summer, it used to be just a few beats.", "worsening"),
    ("My ankle clonus has been worse since my last neuro appointment a month ago.", "worsening"),
    ("Her leg jerking is more frequent since March, now it happens every evening.", "worsening"),
    ("My foot clonus has gone from a couple of beats to long runs every time I climb the stairs.", "worsening"),
    ("The twitching in my calf has gone from once a week to every day.", "worsening"),
    ("His knee jerking went from the odd flick to constant bouncing over the last fortnight.", "worsening"),
    ("My daughter's clonus is clearly worse since her last visit two months ago.", "worsening"),
    ("Over the past three weeks the spasms in his ankle have gone from mild to violent.", "worsening"),
    # 4. a serotonergic medicine started weeks ago, jerking now
    ("My wife started on sertraline last month and now her legs keep twitching.", "serotonergic_started_weeks"),
    ("He started venlafaxine last month and his legs twitch now when he lies down.", "serotonergic_started_weeks"),
    ("Mum began paroxetine a month ago and now her ankles jerk.", "serotonergic_started_weeks"),
    ("Started fluoxetine last month, my jaw and legs are twitchy now.", "serotonergic_started_weeks"),
    ("My son was started on escitalopram a month ago and he has jerky legs today.", "serotonergic_started_weeks"),
    ("I was put on citalopram a few weeks ago and this week my arms have started jerking.",
     "serotonergic_started_weeks"),
    ("I am on venlafaxine and my legs have been jerking on and off for the past two days.",
     "serotonergic_recent_jerking"),
    ("I've been on St John's wort a while and my calves have started twitching.", "serotonergic_recent_jerking"),
    # 5. first-ever jerking
    ("New for me: my ankle starts bouncing when I push the clutch. Been going on for three days.",
     "first_ever_jerking_days"),
    ("New to me - my thigh jerks when I stand up, since Monday. No other problems.", "first_ever_jerking_days"),
    ("New for me, my hand jerks when I lift the kettle, it's been happening for five days.",
     "first_ever_jerking_days"),
    ("My dad's knee has started jerking when he climbs stairs, it started three days ago. He's his usual self "
     "otherwise.", "started_jerking_days"),
    ("Her ankle has started beating when she stands, it began four days ago. She is her normal self otherwise.",
     "started_jerking_days"),
    ("My son's foot has started doing this odd bouncing when he sits at his desk, a few weeks ago now. He is his "
     "usual self otherwise.", "started_jerking_days"),
    ("My leg started twitching a few days ago when I point my foot, never had that. I'm my usual self otherwise.",
     "first_ever_jerking_days"),
])
def test_urgent_kinds_3_4_5(assess, text, sign):
    assert_level(assess, text, "urgent", sign)


@pytest.mark.parametrize("text,sign", [
    ("I started sertraline last month and now I am very hot and sweating and my legs are jerking.", "fever_with_jerks"),
    ("He started duloxetine a few weeks ago and now he's burning up and really agitated.", "serotonin_syndrome"),
    ("Scraped my head on the car door yesterday and now I have a cracking headache.", "severe_headache"),
])
def test_serotonergic_and_headache_emergencies(assess, text, sign):
    assert_level(assess, text, "emergency", sign)


@pytest.mark.parametrize("text", [
    # 1
    "From childhood my speech has been slow, the speech therapist says it is part of my CP.",
    "My son is 2 and he is not able to say proper words yet, is that normal with his clonus?",
    "His right leg is the weaker one since his stroke in 2015, and his ankle clonus is the same as always.",
    # 2
    "My fingers keep hitting the wrong letters on this tiny phone screen, so sorry for typos.",
    "The physio asked me to type for ten minutes a day to keep my fingers supple, my clonus is the same.",
    "The baby's hair is so fuzzy after her bath and her legs kick like always.",
    "After years away from the piano my fingers have forgotten how to play scales.",
    # 3
    "My clonus got worse a month ago during a chest infection and has settled since.",
    "His ankle clonus has gone from long runs to the odd beat since he started physio.",
    "My clonus was worse last month but it's back to my usual now.",
    "Since his last visit a month ago the physio says his ankle clonus is unchanged.",
    "My ankle clonus has been constant since my diagnosis in 2012.",
    # 4
    "He stopped the fluoxetine last month and the twitching went.",
    "I started sertraline last month, no twitching or jerking at all, just a bit tired.",
    "She started citalopram years ago and her clonus has been the same since her injury.",
    # 5
    "New for me is the physio's stretching routine, she gave it to me last week.",
    "He's his usual self, eating and chatting, we just wanted to ask about the clonus clinic.",
    "She's her normal self today and her usual ankle clonus is the same as always.",
    "Last Tuesday his speech was slurred with a water infection; by Thursday he was fine and he's been his usual "
    "self all week. Can infections set off clonus?",
])
def test_twins_not_escalated(assess, text):
    assert_not_escalated(assess, text)
