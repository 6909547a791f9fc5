"""Session 17 (issue 14, rf29a): kinds of emergencies and urgent cases the rules alone still missed on the spent
set narratives_13, read by the rules alone (knowledge/red_flags.yml, knowledge/context_rules.yml).

1. Scope: a known condition told in an earlier sentence ("a stroke years ago", "MS for years") does not make a
   weakness, numbness or loss of balance in a later sentence part of its picture when that sentence tells a start
   of its own in any clause ("just now", "a few minutes ago", "suddenly") or names the side the condition spared
   ("my good leg", "her other arm", "the good one"): bot/nlp/pictures.py. Twins: the old weakness that still is,
   a good side that is fine, a present time told of something else.
2. The face in lay words: half the mouth that won't close or pucker, a drink or toothpaste running out of one
   side, one side drooping in the mirror, can't blow, smile or puff a cheek on one side (FindADoctor's stroke-like
   symptoms). Twins: a drooping curtain, tent or plant, a mouth that won't close round a burger.
3. Urgent: "since his physio stopped", "since the tablets ran out", "after I finished the course" tell when a
   worsening began, not that the clonus went away (a pseudo trigger in context_rules.yml). Twins: "since physio
   stopped I've been fine", clonus that got better or stopped.
4. Urgent: new clonus ("this is new:", "it's new for me", "only showed up last month") dated days or weeks ago
   (signs first_ever_jerking_days, first_ever_jerking_weeks). Twins: new shoes, a new neurologist, a new job,
   "not new", "nothing new".
5. Urgent: a serotonergic medicine taken now and jerking that began days ago or since yesterday, told with
   reassuring negatives (sign serotonergic_recent_jerking; issue 14: a serotonergic medicine with jerking is
   urgent). Twins: twitching for years on a long-taken medicine, a question, twitching years ago that went away.
Also: "stopped making sense" (confusion) and "speak strange" (speech).
6. The other spent sets' missed emergencies, by kind (rules alone): a fever told as a reading with a decimal ("I'm
   39.5": ``#temp`` in bot/nlp/patterns.py), "boiling hot, can't stop shaking", "hitting her head" and the head told
   first ("head hit on wall"), the struck simile ("like someone hit the back of my skull"), one eye named by its side
   that won't close, a droop in quotes, a once-in-a-lifetime headache after a habit word ("after training he has the
   worst headache of his life": a manner anchor, as "suddenly").
7. Urgent: a recent date nearer the concept in its clause ("restarted my paroxetine last week after a break over the
   summer") dates it, not the older date further away; "last week" (LAST_WEEK) dates its own clause against "a month
   ago" told before it (bot/nlp/context.py).
Sentences written for these tests (not from any narratives*.yml nor from the web); FindADoctor guide (2026),
wiseGEEK (2019) red-flag lists."""

from __future__ import annotations

import pytest

from tests.unit.conftest import assert_level, assert_not_escalated


@pytest.mark.parametrize("text,sign", [
    # 1. a start of its own in a later sentence, or the spared side
    ("I have clonus from an old spinal injury years ago. Just now I got out of the bath and I can't move my right "
     "leg.", "weakness"),
    ("Mum has had MS for twenty years. Just now she stood up and she can't feel her left leg.", "numbness"),
    ("My brother was left with clonus after a head injury in 2012. Just now we were talking and he can't lift his "
     "arm.", "weakness"),
    ("I had a stroke years ago that weakened my right side. My good arm has gone weak as well and I can't lift it.",
     "weakness"),
    ("Dad had a stroke in 2016 and his left side is weak. His good hand can't hold a cup and he can't lift it.",
     "weakness"),
    ("Years ago a stroke left her right side weak. The other side has gone numb and she can't feel it.", "numbness"),
    ("Dad has had MS for years. Just now his good leg buckled under him and he can't move it.", "weakness"),
    ("My wife has cerebral palsy. A few minutes ago, while cooking, her good hand dropped the pan and she can't "
     "grip anything.", "weakness"),
    ("I've had MS for 12 years. Right now my other arm is floppy and I can't lift it, it started ten minutes ago.",
     "weakness"),
    ("He had a stroke in 2018. Suddenly, while we were eating, his good arm went limp and he can't raise it.",
     "weakness"),
    ("He has had clonus from a head injury for years. Just now his other leg buckled and he can't move it.",
     "weakness"),
    ("My dad had a stroke in 2015 that left him with clonus. This morning his good arm went weak and he can't "
     "lift it.", "weakness"),
    ("She's had MS for ten years and stiff legs. An hour ago her other arm went numb and she can't feel her "
     "fingers.", "numbness"),
    ("Years ago a car crash left me with a weak left leg. Since lunch my right leg, the good one, has gone weak "
     "too.", "weakness"),
    ("Mum's old stroke affected her right side years ago. Twenty minutes ago her left side went numb too.",
     "numbness"),
    ("My husband has had clonus since a brain injury years back. Tonight his good side feels numb and he can't "
     "stand.", "numbness"),
    ("I've had MS for years. Half an hour ago I lost my balance completely and I can't walk straight.",
     "coordination"),
    ("Her stroke was in 2019 and left her arm weak. Since breakfast her good leg has been numb.", "numbness"),
    # 2. the face in lay words
    ("Half his mouth won't shut properly and tea keeps running out the corner.", "stroke_signs"),
    ("My wife tried to drink water and it dribbled out the side of her mouth, her lip feels heavy.", "stroke_signs"),
    ("In the mirror my right side is drooping, it started twenty minutes ago.", "stroke_signs"),
    ("Grandad can't smile on his left side since lunch.", "stroke_signs"),
    ("I can't blow on one side, the air escapes from the corner of my mouth.", "stroke_signs"),
    ("She tried to whistle and only half her mouth would pucker.", "stroke_signs"),
    ("Half of my mouth won't close and water runs out when I drink.", "stroke_signs"),
    ("I looked in the mirror and my left side is drooping, my eyelid and my mouth.", "stroke_signs"),
    ("Brushing his teeth, the toothpaste kept dribbling out of one side of his mouth.", "stroke_signs"),
    ("Dad's drink is dribbling down his chin on one side and half his mouth isn't moving.", "stroke_signs"),
    ("He can't puff out his cheek on the left side, the air just leaks out.", "stroke_signs"),
    # also: confusion and speech in plain words
    ("I was chatting to my dad and he suddenly stopped making sense.", "fever_neuro"),
    ("My gran speak strange since lunch and her head hurts.", "speech"),
    ("My dad talks funny since lunch and can't find his words.", "speech"),
    # 6. the other spent sets' missed emergencies, by kind: a fever read with a decimal, "boiling hot, can't stop
    # shaking", "hitting her head" / "head hit on wall", the struck simile, one eye that won't close, a droop in
    # quotes, a once-in-a-lifetime headache after a habit ("after football")
    ("My boy is 38.9 tonight and his legs keep jerking.", "fever_with_jerks"),
    ("Temp 39.2 and she has a stiff neck, she's very sleepy.", "fever_stiff_neck"),
    ("I'm 39.5 and my neck is stiff, can't bend it.", "fever_stiff_neck"),
    ("His temperature is 40.1 and his arm is twitching by itself.", "fever_with_jerks"),
    ("He's 102.5 and really drowsy, hard to wake.", "fever_neuro"),
    ("I'm on fluoxetine and took some MDMA, now I'm boiling hot, can't stop shaking.", "serotonin_syndrome"),
    ("Dad's on tramadol and sertraline and he's boiling hot and can't stop twitching.", "serotonin_syndrome"),
    ("My daughter fell off the sofa, hitting her head on the table, and now her arm is jerking.", "trauma"),
    ("My son head hit on wall at school, since then he is vomiting and very sleepy.", "trauma"),
    ("Grandpa slipped in the bathroom hitting his head, he's confused now.", "trauma"),
    ("His head banged against the floor at football and an hour later his leg started jerking.", "trauma"),
    ("My husband head struck on pole while running, now his words are slurred.", "speech"),
    ("The headache came on all at once, like someone smashed the back of my head with a hammer.", "severe_headache"),
    ("It felt like somebody hit my head with a bat, the pain came on in a second.", "severe_headache"),
    ("Sudden pain like someone kicked the back of his skull, he's holding his head and crying.", "severe_headache"),
    ("Since this morning I can't close my left eye and my mouth feels odd.", "stroke_signs"),
    ("My mum can't shut her right eye since lunch and her lip is drooping.", "stroke_signs"),
    ("My husband says my mouth looks 'droopy' since dinner.", "stroke_signs"),
    ('She says my smile is "lopsided" since I woke up.', "stroke_signs"),
    ("After football he has the worst headache of his life and keeps vomiting.", "severe_headache"),
    ("After the gym I get the most terrible headache in my life, right now, and my neck is stiff.", "severe_headache"),
    ("When she coughs she gets the worst pain she has ever had in her head, it started an hour ago.", "severe_headache"),
    ("After training my son has the most severe headache ever, he says, and he's being sick.", "severe_headache"),
    ("She's at 38.6, her arm is jerking and she won't wake properly.", "fever_neuro"),
    ("My husband fell down the stairs last night, hitting his head hard, and this morning his leg is twitching.", "trauma"),
    ("It felt like someone hit the back of his head, so sudden, and he's vomiting.", "severe_headache"),
    ("The pain is like somebody whacked the back of my head with a bat and I feel sick.", "severe_headache"),
    ("Mum says it's as if someone smashed her skull, and she can't look at the light.", "severe_headache"),
    ("The swing came back hitting her head hard, and now she's very sleepy.", "trauma"),
    ("The cupboard door swung open, hitting his head, and he's been drowsy and twitchy since.", "trauma"),
    ("Her head knocked against the corner of the desk and now she keeps repeating herself and is drowsy.", "trauma"),
    ("My daughter's temperature was 39.4 this morning and now her arm is jerking.", "fever_with_jerks"),
    ("He is 40.2 and his neck is stiff.", "fever_stiff_neck"),
    ("Ive got 101.8 and my legs keep twitching.", "fever_with_jerks"),
])
def test_emergency(assess, text, sign):
    assert_level(assess, text, "emergency", sign)


@pytest.mark.parametrize("text,sign", [
    # 3. since the physio stopped, since the tablets ran out
    ("Since his physio sessions ended, my son's clonus is getting worse day by day.", "worsening"),
    ("Her ankle clonus has been getting worse every day since the baclofen ran out.", "worsening"),
    ("Ever since I finished the course of tablets my clonus has got worse each day.", "worsening"),
    ("My clonus is worse every day since the pharmacy stopped sending my baclofen.", "worsening"),
    ("Dad's jerking has been increasing day by day since his tablets were stopped.", "worsening"),
    ("Since she stopped her physio, her leg jerks are worsening every day.", "worsening"),
    ("The twitching is getting worse by the day since my prescription ran out.", "worsening"),
    ("Since we stopped the stretches, his clonus has been getting worse daily.", "worsening"),
    # 4. new clonus dated days or weeks ago
    ("I noticed clonus in my right foot for the first time three weeks ago. Should I get it checked?",
     "first_ever_jerking_days"),
    ("This is new: my left ankle has been jerking when I stand on tiptoe for a few days.", "first_ever_jerking_days"),
    ("Never had clonus before but since last week my knee bounces when I climb stairs.", "first_ever_jerking_days"),
    ("I have MS but this is new - jerking in my right hand since Monday.", "first_ever_jerking_days"),
    ("My wrist started this rhythmic jerking last month and it's new for me.", "first_ever_jerking_weeks"),
    ("It's new for him: his ankle has been beating when he stands, it only started a couple of weeks ago.",
     "first_ever_jerking_weeks"),
    ("I only noticed the clonus in my calf last month. This is new, I've never had it.", "first_ever_jerking_weeks"),
    ("I am 38 and healthy; clonus in my feet began a few weeks ago and it's brand new for me.",
     "first_ever_jerking_weeks"),
    ("Something new: my foot keeps jerking when I drive, it started last month.", "first_ever_jerking_weeks"),
    ("My son's ankle clonus only showed up last month, it's new for him.", "first_ever_jerking_weeks"),
    # 5. a serotonergic medicine and jerking that began days ago, with reassuring negatives
    ("My mum takes sertraline and her legs have been twitching since yesterday. She's calm and has no fever.",
     "serotonergic_recent_jerking"),
    ("I take fluoxetine, and since Tuesday my calves keep twitching. Temperature normal, I feel clear-headed.",
     "serotonergic_recent_jerking"),
    ("My husband is on lithium and duloxetine; his hands have been jerking since yesterday morning, but he's "
     "chatting normally.", "serotonergic_recent_jerking"),
    ("On tramadol for my back and an antidepressant, and my legs have been jumping for three days. No fever.",
     "serotonergic_recent_jerking"),
    ("Dad's on mirtazapine and has had twitchy feet since the weekend. No temperature, he's himself.",
     "serotonergic_recent_jerking"),
    ("My daughter is on escitalopram and has had jerks in her legs since last night, she's alert and cool.",
     "serotonergic_recent_jerking"),
    ("She takes citalopram and her muscles have been twitching the last two days. She seems fine and her "
     "temperature is normal.", "serotonergic_recent_jerking"),
    ("He's on paroxetine, and his toes have been twitching since the day before yesterday. He's chatty, no fever.",
     "serotonergic_recent_jerking"),
    # 7. a recent date nearer the medicine change in its clause wins over an older one ("last week ... after a break
    # over the summer"; "a month ago ..., and last week she added ...")
    ("Restarted my sertraline last week after a long gap over the summer, and now my ankles keep jerking.",
     "serotonergic_with_jerks"),
    ("A month ago my GP put me on amitriptyline and last week she added venlafaxine. Now my legs jerk in the evenings.",
     "serotonergic_with_jerks"),
    ("I went back on my citalopram last week after stopping it in 2019, and since then my calves twitch.",
     "serotonergic_with_jerks"),
])
def test_urgent(assess, text, sign):
    assert_level(assess, text, "urgent", sign)


@pytest.mark.parametrize("text", [
    # 1. twins: the old weakness that still is, the good side that is fine, "now" told of something else
    "A stroke years ago left my left leg weak, and it still is.",
    "I had a stroke in 2015 and my arm is still weak. Is clonus common after a stroke?",
    "I have cerebral palsy and my legs have always been weak. Right now I'm doing my stretches.",
    "Years ago a stroke left my right arm weak. This morning my physio gave me new exercises for it.",
    "My good leg is fine, it's the weak one from the stroke years ago that has clonus.",
    "I've had MS for years and my legs are weak. Today I went swimming for the first time in ages.",
    "I have had MS for years and weak legs. My good leg is strong and I walk fine with a stick.",
    "My stroke years ago left me with a weak right side. The other side is fine, thank you.",
    "Years ago a stroke left my right side weak; the other side is fine and I manage.",
    "My good leg is fine but the stroke years ago left my right leg weak.",
    "I had a stroke years ago that weakened my right side. My good arm is strong and does the work.",
    "Mum has had MS for twenty years and her legs are weak. Just now she said the new physio is lovely.",
    "My husband's old stroke left his left leg weak, so he leans on his good side when he walks.",
    "I've had MS for years. My legs are weak, my good arm is fine.",
    "I have cerebral palsy. My right leg is weak so I kick the ball with my good one.",
    "I've had MS since 2009. My left hand is numb and clumsy, so I write with the other hand.",
    "She has had MS for years; her right leg is weak and the other one does most of the work.",
    # 2. twins: drooping things that are not a face
    "The curtain on the right side is drooping, can clonus make it hard to hang curtains?",
    "My mouth won't close around these huge burgers haha. Anyway, does clonus run in families?",
    "The left side of the tent is drooping after the rain. Can cold make clonus worse?",
    "My plant's leaves are drooping on one side. Separately, is ankle clonus normal after a long walk?",
    # 3. twins: fine since the physio stopped, better or stopped
    "Since physio stopped I've been fine.",
    "His clonus has been much better since his physio ended.",
    "My clonus stopped after physio.",
    "The jerking stopped since I started the stretches.",
    "Since the course finished she does her exercises at home and her clonus is stable.",
    # 4. twins: a new thing, not a new sign
    "I bought new shoes and my ankle clonus is the same as always.",
    "We have a new neurologist for her clonus; it's been the same for years.",
    "My clonus is not new, I've had it since my injury in 2012.",
    "I've had clonus for years and this physio is new to me.",
    "Last month my neurologist said the clonus is nothing new.",
    "I started a new job last month. Does clonus get worse with stress?",
    # 5. twins: a long-taken medicine and an old habit, a question, a twitch that went away
    "He's been on paroxetine for years and his legs twitch at night like always.",
    "I'm on sertraline. Could it cause twitching?",
    "My sister is on fluoxetine and had some twitching years ago that went away.",
    "I take sertraline and my eyelid has twitched when I'm tired for years.",
    # also: an accent or braces are no trouble speaking
    "i talk funny bc of my accent lol, my ankle twitches after running",
    "My son speaks funny because of his braces. Is ankle clonus common in teens?",
    # 7. twins: "last week" told of something else
    "In 2019 I started sertraline and last week I saw the neurologist about my clonus, which is unchanged.",
    "Last week I read about a stroke my uncle had in 2010.",
    "My clonus began in 2015 after my accident and it is the same as it was last week.",
    # 7. twins: a duration ("for a few days") is no date nearer than the older one
    "Her speech was slurred for a few days after her stroke in 2020 but it is back to normal now. Is clonus common "
    "after stroke?",
    "She was in hospital in February and was muddled for a few days. She's back home now.",
    "A few months ago he was confused for a couple of days but he's been sharp since.",
    "Last year I had numbness in my hand for three days, then it went.",
    # 6. twins: a price, an age, a normal reading, weeks of pregnancy, the weather, a rattle, a pause button, a
    # haircut, an old worst headache, a mild habit
    "I paid 39.99 for a new ankle brace. Does it help clonus?",
    "My son is 38 and has had clonus since his injury in 2010.",
    "Her temperature is 36.8, totally normal, and her clonus is the same as always.",
    "It's boiling hot in the office and my clonus is the same as usual.",
    "Years ago I fell, hitting my head, and the clonus started after that; it has been the same since.",
    "My baby keeps hitting her head with her rattle and laughing. Is ankle clonus normal in babies?",
    "It was like someone hit the pause button on my life when I got the MS diagnosis.",
    "My son called my new haircut 'wonky' lol. Does clonus get worse with cold?",
    "My worst headache ever was in 2015 after my accident. Now I only have clonus. Can clonus cause headaches?",
    "After training I often get a headache, nothing bad, and my ankle clonus kicks in.",
    "My wife is 38.5 weeks pregnant and my clonus is acting up as usual.",
])
def test_not_escalated(assess, text):
    assert_not_escalated(assess, text)
