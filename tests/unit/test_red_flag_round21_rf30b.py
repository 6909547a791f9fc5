"""Session 18 (issue 14, rf30b): kinds of the false alarms the rules alone still raised on the spent sets
(narratives_14 above all), read by the rules alone (knowledge/context_rules.yml: explained.everyday_for and its
causes, informational.source_lists, feared, long_standing.reference, exclusions; bot/nlp/context.py).

1. A sign with an everyday cause that is over (blur after eye drops, a numb face after the dentist, a voice lost with
   a cold and back, words that "turned out" to be a joke or another language).
2. A list read in a leaflet, on a website or a poster, or given on a course, outside any "if".
3. The fear of a stroke or a seizure ("I worry a lot about having a stroke", "my biggest fear is a stroke").
4. Long-standing, pointed back at in the same or the next sentence ("it's been that way for a couple of years").
5. "Worse than" the other side, eye or person compares two things; "worse than yesterday" stays a worsening.
6. Figures and near misses: a numb heart or soul, "nearly had an accident", a near miss.
Twins: the same words with the sign there now ("it hasn't worn off and now my mouth droops", "the leaflet said
confusion, and he is confused now", "worried I'm having a stroke right now"). Sentences written for these tests (not
from any narratives*.yml nor from the web); FindADoctor guide (2026) red-flag list."""

from __future__ import annotations

import pytest

from tests.unit.conftest import assert_level, assert_not_escalated


@pytest.mark.parametrize("text", [
    # kind 1. transient, explained and over
    "My eyes went blurry for a moment after the eye drops this morning, then they were fine.",
    "I lost my voice with a bad cold last week, it's back now. Can clonus affect the throat?",
    "My lip was numb after the dentist this afternoon, it's worn off now.",
    "His words came out jumbled at tea, but turns out he was reading aloud in French for homework.",
    "My vision was blurry for a few minutes after I got sun cream in my eyes, then it cleared and it's fine.",
    "My voice went croaky and I could hardly talk with laryngitis last month, it's fully back now.",
    "Half my face was numb from the anaesthetic after my filling, it wore off by lunchtime.",
    "She was talking nonsense this morning but turns out she was just joking around with her brother.",
    "My speech was slurred after the dentist numbed my mouth, it's back to normal now.",
    "Everything looked blurry after my eye test drops yesterday, it wore off after a few hours.",
    "My cheek felt numb after the filling today, but that's the injection and it has worn off now.",
    "My son was talking gibberish at breakfast, turns out it was a made-up language with his sister.",
    # kind 2-4. lists from a source, fear of a sign, long-standing
    "The leaflet mentions sweating, fever, agitation, confusion. What else should we look for with a new antidepressant?",
    "The website lists confusion, slurred speech and a drooping face as stroke signs. Is clonus one of them?",
    "On my first aid course they listed weakness, numbness and blurred vision. Does clonus count as a warning sign?",
    "The pharmacy leaflet says fever, shivering, twitching and confusion, so which of those is the worst?",
    "The NHS page lists high fever, muscle jerks, agitation. My husband takes sertraline and he's fine.",
    "The booklet from the liver clinic mentions seizures, confusion and drowsiness. Mum is well at the moment.",
    "The poster at the surgery lists face drooping, arm weakness, speech problems. Why isn't clonus on it?",
    "The patient information sheet names fever, sweating, shaking and confusion. Should I keep it somewhere handy?",
    "I worry a lot about having a stroke because my mum had one. I feel fine right now. How can I lower my risk?",
    "My biggest fear is a stroke, my dad had two. What are the warning signs?",
    "I'm afraid of having a seizure at work. I've never had one, my clonus is my only issue.",
    "She is so anxious about having another stroke since her first one in 2019. She's fine today.",
    "He is terrified of having a fit while driving, even though his epilepsy is well controlled.",
    "My worst fear is having a stroke like my grandmother. How can I lower my risk?",
    "I often worry about getting a stroke because of my blood pressure. Nothing is wrong right now.",
    "I'm scared of having a seizure in my sleep, though it's never happened.",
    "Mum gets a bit confused late in the afternoon. It's been like that for three years and her doctor is aware.",
    "Dad gets a little muddled in the evenings, it's been that way for a couple of years. His GP knows.",
    "Grandma gets more muddled at bedtime. It has been the same for years now, and her doctor knows about it.",
    "Granddad is a bit confused in the evenings, and has been for a couple of years. The memory clinic follows him.",
    # kind 4, 6. long-standing across sentences, figures and near misses
    "Dad gets a little muddled in the evenings. It's been that way for a couple of years, his GP knows.",
    "My aunt is more forgetful and mixed up in the afternoons. It has been like that for several years now.",
    "Grandpa's words get a bit jumbled when he is tired at night, and it's been that way for a few years. The doctor knows.",
    "Her hand goes numb most mornings. It's been happening for years, the GP has looked at it.",
    "My mum gets confused in the evenings, she has been like that for three years. The memory nurse sees her.",
    "He gets muddled late in the day. That's been going on for a couple of years and his doctor is aware.",
    "There's a numbness in my soul since my divorce, haha. Anyway, do stretches help clonus?",
    "I nearly had an accident on the motorway today, a lorry cut in. Anyway, what is clonus?",
    "Almost caused a crash this morning because I was tired, nobody hurt. Can baclofen make you sleepy?",
    "We had a near miss with a cyclist on the way home today, all fine. Does clonus get worse when stressed?",
    "My heart feels numb since the funeral. Can grief affect clonus?",
    # kind 5. comparisons
    "The sight in my right eye has been worse than my left since I was a kid, I've worn glasses forever. Is that linked to clonus?",
    "My left leg has always been worse than my right since my injury years ago. Any stretches for clonus?",
    "His clonus is worse than his brother's, they both have CP. Is that usual?",
    "My right hand shakes worse than the other one, it's been like that since birth.",
    "The spasms on my left side are worse than on the right side, always have been.",
    "My eyesight in the left eye is worse than my right, I've worn glasses since school. Can clonus affect the eyes?",
    "Her clonus is worse than most kids in her class, the physio says that's her CP.",
    "His spasms are worse than his twin's, they have both had CP since birth. Is that usual?",
    # kind 1, 4 more: blur after hours at a screen, fine after sleep; like that since an operation years ago
    "Long shift again, my eyes are tired and a bit blurry after hours on a screen, that's normal for me, fine after sleep.",
    "After a long day at the computer my vision gets fuzzy, it's fine again after a good night's sleep.",
    "Everything was a bit blurry after twelve hours staring at my laptop, but I was fine after a rest.",
    "My sight goes blurry after hours in front of the monitor, always fine again after a nap. Is clonus linked to tired eyes?",
    "My smile has been crooked - my husband teases me - it's been like that since a dental operation 10 years ago.",
    "My mouth is a bit lopsided, it's been that way since my jaw surgery many years ago. Can clonus affect the face?",
    "Her eyelid droops a little, it has been like that since an accident twenty years ago.",
    "My left leg is weaker, it's been like that since the car crash several years ago, and the clonus came after.",
])
def test_rf30b_false_alarm_kinds_not_escalated(assess, text):
    assert_not_escalated(assess, text)


@pytest.mark.parametrize("text,level,sign", [
    # 1. transient, explained and over
    ("My eyes went blurry after the eye drops this morning and it hasn't cleared in an hour, now I can't see on the left side.", "emergency", "vision"),
    ("Lost my voice? No, my words are slurred since lunch and I can't find them.", "emergency", "speech"),
    ("The numbness after the dentist wore off but now the other side of my face droops.", "emergency", "stroke_signs"),
    ("I thought he was joking, but his speech is slurred and his face is drooping now.", "emergency", "stroke_signs"),
    ("After the eye drops this morning my vision went blurry and it's still blurry two hours later.", "emergency", "vision"),
    ("It's not my cold, my voice is back but since an hour ago my speech is slurred.", "emergency", "speech"),
    ("The dentist's injection wore off hours ago but my face is still numb and drooping on one side.", "emergency", "stroke_signs"),
    ("My lip was numb after the dentist this morning, it's worn off, but now suddenly my right arm is weak.", "emergency", "stroke_signs"),
    ("Turns out he wasn't joking, he can't get his words out and his face has dropped.", "emergency", "stroke_signs"),
    # 2-4. lists from a source, fear of a sign, long-standing
    ("The leaflet said confusion, and he is confused now, he doesn't know where he is.", "emergency", "fever_neuro"),
    ("The leaflet mentions sweating, fever and agitation, and since this morning he has all of them and he's jerking.", "emergency", "fever_with_jerks"),
    ("The website lists slurred speech as a stroke sign and her speech is slurred right now.", "emergency", "speech"),
    ("The course listed weakness and numbness, and an hour ago my left arm went weak and numb.", "emergency", "weakness"),
    ("The leaflet mentions fever and twitching. He has a fever of 40 and his legs are twitching nonstop since he took the new dose.", "emergency", "fever_with_jerks"),
    ("I'm worried I'm having a stroke right now, my face feels droopy.", "emergency", "stroke_signs"),
    ("I'm scared she's having a stroke, her arm went weak ten minutes ago.", "emergency", "stroke_signs"),
    ("Worried he's having a seizure right now, he's jerking and won't respond.", "emergency", "fever_neuro"),
    ("I'm afraid I'm having a stroke, my speech suddenly went slurred.", "emergency", "stroke_signs"),
    ("I always worried about having a stroke and now it's happening, my face has dropped and I can't lift my arm.", "emergency", "stroke_signs"),
    ("I'm scared of him having a seizure right now, he is jerking all over.", "emergency", "fever_neuro"),
    ("Mum gets a bit confused in the evenings, it's been like that for years, but tonight she suddenly can't speak or lift her arm.", "emergency", "speech"),
    ("Dad gets muddled in the evenings, it's been that way for a couple of years, but since lunch today he has been much more confused and drowsy and can't find his words.", "emergency", "speech"),
    # 4, 6. long-standing across sentences, figures and near misses
    ("Dad gets a little muddled in the evenings, it's been that way for years, but since this afternoon he is suddenly much more confused and can't lift his arm.", "emergency", "weakness"),
    ("Mum gets confused in the evenings. It has been that way for years. Tonight her face is drooping and she can't speak.", "emergency", "stroke_signs"),
    ("He suddenly got muddled an hour ago. It's been that way for years with his memory but this is new.", "emergency", "fever_neuro"),
    ("I nearly had an accident and hit my head hard on the steering wheel, now I'm being sick and drowsy.", "emergency", "trauma"),
    ("There's a numbness in my heart since the breakup, but since lunch my left arm and face have gone numb.", "emergency", "stroke_signs"),
    ("We almost crashed, then my husband suddenly couldn't speak and his face dropped.", "emergency", "speech"),
    # 5. comparisons
    ("Since an hour ago the vision in my left eye is suddenly much worse than my right, it's gone dark.", "emergency", "vision"),
    ("My left arm is suddenly weaker than my right since lunch and my face is drooping.", "emergency", "stroke_signs"),
    ("My clonus is much worse than yesterday and has been spreading up my leg since this morning.", "emergency", "worsening"),
    ("His jerks are far worse than yesterday, nonstop since lunch.", "emergency", "worsening"),
    ("My clonus is worse than the other side since this morning and getting worse by the hour.", "emergency", "worsening"),
    ("The spasms are worse than last week, every day a bit more.", "urgent", "worsening"),
    # twins, more
    ("My face went numb after the dentist, it hasn't worn off after six hours and now my mouth droops.", "emergency", "stroke_signs"),
    ("My voice went after a cold, it's back now, but this afternoon my speech suddenly became slurred.", "emergency", "speech"),
    ("I got eye drops at the optician and my vision was blurry, then it cleared, but now it's gone blurry again and I see double.", "emergency", "vision"),
    ("My speech was slurred after the dentist, it wore off, but it's back again tonight and my arm is weak.", "emergency", "speech"),
    ("My face drooped for ten minutes this morning, then it was fine.", "emergency", "stroke_signs"),
    ("I had blurry vision for a few seconds, then it cleared, and now it's back and I can't see on one side.", "emergency", "vision"),
    ("I'm afraid of having a seizure because my son is jerking and won't wake up right now.", "emergency", "fever_neuro"),
    ("My biggest fear was a stroke and today at lunch my face suddenly dropped.", "emergency", "stroke_signs"),
    ("The leaflet lists fever, sweating and confusion and he has had all three since this morning.", "emergency", "fever_neuro"),
    ("The website said fever and jerking, he has a fever of 39 and can't stop jerking now.", "emergency", "fever_with_jerks"),
    ("My speech was slurred with the flu yesterday, then it was fine.", "emergency", "speech"),
    ("I had a cold and this morning my words came out slurred for ten minutes, then it was fine.", "emergency", "speech"),
    # 4. a phrase pointing back at minutes or hours is no long standing (twins)
    ("He is having a seizure. It has been going on for 10 minutes.", "emergency", "fever_neuro"),
    ("She can't speak properly. It's been like that since 2 o'clock.", "emergency", "speech"),
    ("His speech is slurred. It's been that way for 20 minutes now.", "emergency", "speech"),
    ("My face is drooping on one side. It has been like that for an hour.", "emergency", "stroke_signs"),
    ("Dad is suddenly confused. It's been that way since lunch.", "emergency", "fever_neuro"),
    ("Mum's arm is weak and her face droops. It's been like this for 3 hours.", "emergency", "stroke_signs"),
    ("My dad is confused and can't find his words. It has been like that for two days.", "emergency", "speech"),
    ("Mum's arm is weak and her face droops, it's been like this for 3 hours.", "emergency", "stroke_signs"),
    ("He is having a seizure, it has been going on for 10 minutes.", "emergency", "fever_neuro"),
    # 1, 4 more: blur after hours at a screen, fine after sleep; like that since an operation years ago
    ("After hours on the screen my vision went blurry and it hasn't cleared after sleep, now I'm seeing double.", "emergency", "vision"),
    ("My eyes were blurry after a long day at the computer, fine after a rest, but this evening I suddenly can't see out of my left eye.", "emergency", "vision"),
    ("My smile has been crooked since a dental operation 10 years ago, but since this morning the whole side of my face droops and my arm is weak.", "emergency", "stroke_signs"),
    ("It's been like that since an operation years ago, but an hour ago his face suddenly dropped further and his speech slurred.", "emergency", "stroke_signs"),
    ("After hours on my phone my vision went blurry, it's still blurry and my face feels numb on one side.", "emergency", "stroke_signs"),
    # 2. twins: the story goes on to put the list on someone
    ("The leaflet lists fever, sweating and jerking. He has all of those right now.", "emergency", "fever_with_jerks"),
    ("The leaflet mentions sweating, fever, agitation, confusion. That's exactly what's happening to Dad now.", "emergency", "fever_neuro"),
    ("The website lists slurred speech, a drooping face and arm weakness. My mum has all three since ten minutes ago.", "emergency", "stroke_signs"),
    ("The leaflet mentions fever, sweating and twitching. He has them all.", "emergency", "fever_with_jerks"),
    ("I worry a lot about having a stroke. My face has just dropped on one side.", "emergency", "stroke_signs"),
    ("The leaflet lists fever, sweating and jerking. Since this morning Dad is hot and shaky and not himself.", "emergency", "fever_with_jerks"),
])
def test_rf30b_twins_still_escalate(assess, text, level, sign):
    assert_level(assess, text, level, sign)
