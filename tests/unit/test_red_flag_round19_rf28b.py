"""Session 16 (issue 14, rf28b): kinds of the false alarms that the rules alone still raised on the spent
sets (narratives_11, narratives_12) and on older sets, grouped across sets, read by the rules alone
(knowledge/red_flags.yml, knowledge/context_rules.yml, bot/nlp/conditions.py, bot/nlp/context.py).

1. A sign word in a figure of speech: paralysed with fear or nerves, a blind date, going in blind,
   cup or derby fever, a form or the kids giving one a (splitting) headache, falling over oneself to
   help, a swimmer's, rower's or golfer's stroke that is weaker or lopsided, tablets crushed in food. Twins: suddenly paralysed
   down one side, blind in one eye, the worst headache of one's life, a swimmer who collapsed, a hand crushed
   in a door.
2. A knock told with its harmless outcome or a recovery: just a graze, a bruise or embarrassed, no injury,
   no headache since and totally herself, recovered after physio, Hindi "bas ghutna chhil gaya". Twins: the
   same knock followed by sleepiness, vomiting, confusion, new weakness or jerking.
3. Signs asked about as a list of what might happen: an "if" whose list goes on with noun items
   (", a lopsided face or mixed-up words"), and a sentence of examples after a question of what to watch
   for ("Like sweating, shaking, a fever?"). Twins: a word of now or a subject in the list.
4. Someone else's or a fictional event and curiosity questions: in the film, in a documentary, what a
   seizure or stroke looks like, a colleague seen in an old job, a friend's relative told in the past in
   Hinglish ("... aaya tha"). Twins: the same sign in the person now ("... aaya hai", "abhi").
5. A habit pointed back at since one's youth or "since forever", the topic of a question one wants to ask.
   Twins: a new sign today after the habit.
Sentences written for these tests (not from any narratives*.yml nor from the web); FindADoctor guide (2026)
red-flag list."""

from __future__ import annotations

import pytest

from tests.unit.conftest import assert_level, assert_not_escalated


def _assert_emergency(assess, text: str, sign: str) -> None:
    assert_level(assess, text, "emergency", sign)


@pytest.mark.parametrize("text", [
    # 1. figures of speech
    "She was completely paralysed with nerves on stage last night but sang beautifully in the end.",
    "We were paralysed by indecision about which splint to buy for his clonus.",
    "My daughter was paralysed with stage fright at the school concert, now she asks about her twitchy calf.",
    "I'm off on a blind date on Friday and I'm so nervous my knee keeps bouncing.",
    "He's been on three blind dates this month and says his leg jiggles under the table.",
    "The whole street has derby fever this week, and my calf twitches at night like always.",
    "The whole family has cup final fever, and my ankle clonus is just the usual.",
    "These insurance forms are giving me a splitting headache, can you explain what clonus means?",
    "The kids are giving me a pounding headache with their noise, anyway is stretching good for clonus?",
    "The paperwork is giving him a massive headache, he wants to know about clonus benefits.",
    "I've been falling over myself to get everything ready for the party, and my legs twitch in bed after.",
    "My neighbours were falling over themselves to help after my op, and my foot clonus is settling.",
    "My swimming coach says my breaststroke is weaker on the right side, any drills?",
    "The tennis coach says my backhand stroke is lopsided, weaker than my forehand.",
    "My rowing stroke is weaker on the left, my coach wants me to do more core work.",
    "My kayaking coach says my stroke is weak on the left side, what exercises help?",
    "Grandad has his tablets crushed in jam because big pills make him gag, his eating is fine.",
    "I crush up my son's baclofen in yoghurt, is that okay for his clonus?",
    # 2. a knock with a harmless outcome or a recovery
    "My son tripped over the dog yesterday, just a grazed knee, he's fine.",
    "I slipped on the wet floor at work last week, no injury, just a bit embarrassed.",
    "My daughter bumped her head on the table on Sunday; a small lump, no headache since, totally herself.",
    "My wife slipped in the garden last Tuesday. Just a scraped hand, nothing else.",
    "Dad slipped in the shower last month, no real injury, just a bit shaken.",
    "I tripped over the cat on the stairs the other week. No harm done, just embarrassed.",
    "My toddler fell off the sofa on Saturday, only a scratch on her chin, she's been playing happily since.",
    "beta kal cycle se gira, bas kohni chhil gayi, ab theek hai",
    "beta school mein gira tha, bas ghutna chhil gaya, koi aur dikkat nahi",
    # 3. a list of what might happen
    "If my dad ever gets a droopy face, slurred speech or a weak arm, should I call 999? He's fine today.",
    "In case he ever gets a weak arm, a lopsided smile or garbled words, what should I do first?",
    "If she ever gets a drooping eyelid, blurred vision or a bad headache, do we go to A&E? She's fine.",
    "Suppose my dad gets a sudden headache, weakness or slurred words, who should I call?",
    "If he ever has a seizure, a high fever or trouble breathing, is it 999 or 111?",
    "What should I watch out for after starting tramadol? Like sweating, shaking, a high fever? I haven't taken any yet.",
    "What should we look out for when the dose goes up? Like fever, shaking or confusion?",
    "What do I need to watch for once she starts tramadol? Such as sweating, a fever or jerking?",
    # 4. someone else's or a fictional event, curiosity questions
    "In the film the old man suddenly couldn't speak and his face drooped, is that what a stroke looks like?",
    "In the movie last week the hero suddenly collapsed and had a fit, is that realistic?",
    "In a documentary a woman's face drooped and she couldn't speak, is that what a stroke is?",
    "My son asked me what a seizure looks like after a lesson at school. How do I explain?",
    "What does a stroke actually look like? I want to know for my gran's sake, she's fine.",
    "In my old job I saw a customer have a seizure in the shop, it scared me. Can clonus turn into that?",
    "When I worked as a lifeguard I saw a man collapse and have a fit, can clonus cause fits?",
    "mere dost ke papa ko stroke aaya tha aur unka muh tedha ho gaya tha, kya clonus me bhi aisa hota hai?",
    "meri saheli ki dadi ko pichle saal achanak lakwa hua tha, kya clonus se aisa ho sakta hai?",
    # 5. a habit since one's youth, the topic of a question
    "My hands go numb and white in the cold, it's been like that since I was a kid.",
    "His knee clicks and his foot tingles on long walks, been like this since he was 15.",
    "Mum chokes a bit on thin soup, since forever, the speech therapist says her swallow is fine.",
    "Just wanted to ask about vitamin B12 and tingling hands.",
    "Hoping to ask about blurred vision with baclofen, is that a side effect?",
])
def test_rf28b_false_alarm_kinds_not_escalated(assess, text):
    assert_not_escalated(assess, text)


@pytest.mark.parametrize("text,sign", [
    # 1. the same words as a sign
    ("I'm suddenly paralysed down my left side and can't lift my arm.", "weakness"),
    ("My husband suddenly can't move his left side, he's paralysed down one side since ten minutes ago.", "weakness"),
    ("I was paralysed with fear when my dad suddenly couldn't move his left arm an hour ago.", "weakness"),
    ("My mum went blind in one eye an hour ago.", "vision"),
    ("I have a splitting headache, the worst ever, it came on suddenly.", "severe_headache"),
    ("The form was giving me a headache, but now I have the worst headache of my life and it came on suddenly.",
     "severe_headache"),
    ("I'm falling over all the time since this morning and my speech is slurred.", "speech"),
    ("My mum has a high fever, a stiff neck and she's very confused.", "fever_stiff_neck"),
    ("I think my dad is having a stroke, his face is drooping.", "stroke_signs"),
    ("My swimming coach called, my son collapsed at the pool and is having a seizure now.", "fever_neuro"),
    ("My dad crushed his hand in the car door an hour ago and now his arm keeps jerking.", "trauma"),
    ("She crushed her tablets and then fell and hit her head, now she's drowsy.", "trauma"),
    # 2. the knock followed by a sign
    ("My son tripped over the dog and hit his head, now he's very sleepy and being sick.", "trauma"),
    ("My husband fell off a ladder this morning, just a graze but now he's confused.", "trauma"),
    ("My toddler fell off the sofa an hour ago, just a scratch, but now she's very sleepy and floppy.", "trauma"),
    ("I tripped over the cat yesterday, no injury, but today my left arm is suddenly weak.", "weakness"),
    ("She recovered from her fall last month, but since this morning she's been confused and can't speak properly.",
     "speech"),
    ("He recovered from the fall but since this morning his arm is weak again.", "weakness"),
    ("My husband fell down the stairs last week, just a bruise, but today he has a splitting headache and is confused.",
     "severe_headache"),
    ("I fell down the stairs an hour ago and now my ankle clonus won't stop.", "trauma"),
    # 3. the list told with a word of now or a subject
    ("If my dad gets a droopy face, call 999, and his face is drooping now.", "stroke_signs"),
    ("If he ever gets a weak arm, his face is drooping now and he can't speak.", "speech"),
    ("If you need to know, a droopy face, slurred speech and a weak arm since lunch.", "weakness"),
    ("If it helps, she has a lopsided face and slurred words since this morning.", "stroke_signs"),
    ("What should I watch for? He suddenly has slurred speech and a weak arm.", "speech"),
    ("What should I look out for? Like my dad now, sweating and shaking with a fever?", "fever_with_jerks"),
    ("What should I watch for? Like he is sweating and shaking now with a fever?", "fever_with_jerks"),
    ("What should I watch out for? Like sweating, shaking and a fever since this morning?", "fever_with_jerks"),
    # 4. the same sign in the person now
    ("In the film a man had a stroke and my dad is doing the same thing now, his face is drooping.", "stroke_signs"),
    ("In the film a woman collapsed, and my mum just collapsed the same way and won't wake up.", "fever_neuro"),
    ("We were watching a film and suddenly my dad's face drooped and he couldn't speak.", "stroke_signs"),
    ("What does a fit look like? My son is shaking all over and won't answer me.", "fever_neuro"),
    ("What does a seizure look like? He's jerking all over and not responding.", "fever_neuro"),
    ("What does a stroke look like? Her face is drooping on one side.", "stroke_signs"),
    ("My colleague just collapsed at work and is having a seizure.", "fever_neuro"),
    ("In my old job I had seizures, but today I had a seizure that won't stop.", "fever_neuro"),
    ("mere dost ke papa ko abhi stroke aaya hai aur unka muh tedha ho gaya hai", "stroke_signs"),
    ("मेरी सहेली की मम्मी को अचानक लकवा मार गया है, अभी क्या करें?", "stroke_signs"),
    ("meri saheli ki mummy ka muh tedha ho gaya hai aur bol nahi pa rahi", "stroke_signs"),
    # 5. a new sign after the habit
    ("My hands go numb in the cold, been like that since I was a kid, but since this morning my face is numb and "
     "drooping.", "stroke_signs"),
    ("Since I was a teenager my legs twitch, but an hour ago I suddenly couldn't speak.", "speech"),
    ("I wanted to ask about my tingling face, it started an hour ago and my arm is weak.", "weakness"),
    ("Just wanted to ask about my dad, his speech is slurred and his face has dropped.", "stroke_signs"),
    ("When I worked nights I got headaches, but this is the worst headache of my life and it came on suddenly.",
     "severe_headache"),
])
def test_rf28b_twins_stay_emergencies(assess, text, sign):
    _assert_emergency(assess, text, sign)
