"""Session 17 (issue 14, rf29b): kinds of the false alarms that the rules alone still raised on the spent sets
(narratives_13 above all; narratives_4, 6, 8, 10, 11 and 12 too), grouped by kind, read by the rules alone (knowledge/context_rules.yml:
exclusions, future_course, gradual.slow_*, explained, historical.resolved_reference, well_since; bot/nlp/context.py,
bot/nlp/conditions.py).

1. A question or a worry about the future course is no worsening now ("will it get worse as I age?").
2. The fear of a stroke or a seizure to come is no sign of one ("scared I might have a stroke one day").
3. An "if" whose list goes on with signs only ("if someone on an SSRI gets a fever, sweating and twitching, ...?").
4. A slow change over months or years ("gradually, over many months ... weaker") is no sudden sign.
5. Numbness from an everyday cause that passed (cold, a limb gone to sleep), a fever "all better now", a flare
   "back to my usual", a slip with no head injury and "walking fine now"; the recovery may come in the next
   sentence ("... 'asleep' and tingly. It came back within a minute"), or in a headline ("... - resolved.").
6. Figures of speech, one family: a car crash of a speech, blind to one's faults, weak at the knees, paralysed
   with laughter, a stroke of luck, a mind gone blank in an exam, a face that fell at the news, a fit of the
   giggles or a hiccup fit; blur with glasses off; help asked "for numb feet".
7. An animal's fit, seizure or collapse.
Twins: the same words with the sign there now ("... but my face is still numb on one side", "it has got much
worse since this morning", "the dog had a fit and now my son is having one"). Sentences written for these tests
(not from any narratives*.yml nor from the web); FindADoctor guide (2026) red-flag list."""

from __future__ import annotations

import pytest

from tests.unit.conftest import assert_level, assert_not_escalated


@pytest.mark.parametrize("text", [
    # kind 1: future questions
    "I've had mild ankle clonus since a back operation years ago. Will it get worse as I age?",
    "My clonus started ten years ago after a spinal injury. Is it likely to get worse when I'm older?",
    "Could my clonus get worse over time?",
    "My son has had spastic legs since birth. Will his stiffness get worse as he grows?",
    "Stiff legs since my spinal cord injury in 2015. Does it get worse with a chest infection? I don't have one at the moment.",
    "Is the clonus going to get worse with age, or does it usually stay the same?",
    "I've had these jerks for years. Might they get worse if I stop the baclofen?",
    "Would the spasms get worse in winter? Mine have been the same for years.",
    "Can MS clonus get worse during pregnancy? We're planning a baby next year.",
    "What makes clonus get worse over the years?",
    "I'm worried my clonus will get worse when I'm older.",
    "What are the chances of my spasms getting worse after the operation?",
    # kind 1: future questions, more
    "My ankle clonus has been there since my spinal surgery. Is there a chance it gets worse later on?",
    "Will my son's clonus get worse as he grows? He's had it since birth.",
    "Would pregnancy make my clonus worse? I've had it for years.",
    "Is my clonus likely to get any worse with time?",
    "Does clonus tend to get worse with age?",
    "I'm a bit worried the spasms will get worse when I stop physio next month.",
    "Do spasms get worse in hot weather? Asking before our holiday.",
    "Could the jerks in my legs ever get worse after the op?",
    "What are the chances of my clonus getting worse after the operation?",
    # kind 2: fear of a sign
    "I'm scared I might have a stroke one day like my mum did. How do I lower the risk?",
    "I worry that I'll have a stroke like my grandad. My clonus has been the same for years.",
    "My husband is afraid he could have a stroke because his father had two. What can he do?",
    "I'm terrified I'll have a seizure one day, my brother has epilepsy. Is clonus linked?",
    "worried I could get a seizure one day because of my clonus, is that a thing?",
    "She fears she may have a stroke in the future because of her blood pressure. Any tips?",
    "I'm frightened that I will have a fit at work someday. Nothing has happened so far.",
    "My wife is worried about having a stroke like her sister. She's fine, no symptoms.",
    # kind 3: if-lists
    "If someone on an SSRI gets a fever, sweating and twitching, is that an emergency? Nobody here has it.",
    "If my dad on sertraline got shivering, sweating and jerking, would that be serotonin syndrome? He's fine, just asking.",
    "If a person on tramadol and citalopram develops agitation, sweating and shaking, what should they do?",
    "If you get a high fever, a stiff neck and confusion, should you call an ambulance? Just for a class.",
    "Suppose a patient on an antidepressant gets twitching, shivering and sweating, is it serious?",
    "If a child has a fever, jerking and drowsiness, what happens next? It's for my nursing exam.",
    # kind 4: slow and known
    "Gradually, over many months, my grip has felt a little weaker. The neurologist knows and is doing tests.",
    "Slowly over the past year my left leg has got a bit weaker, my GP has referred me to neurology.",
    "Over several months my hand has gradually become weaker, the consultant is following it.",
    "Little by little over the last two years my fingers have gone numb, the neurologist is aware.",
    "My balance has slowly got a bit worse over the past few years, my physio knows.",
    "Bit by bit over the past months his speech has become a little slurred, the MND team are seeing him.",
    "My eyesight has gradually got blurrier over the years, the optician is monitoring it.",
    "Very slowly over many months her right arm has weakened, she has tests booked with the neurologist.",
    # kind 5: transient explained over
    "My fingers went numb from the cold while I was cycling this morning, but they were fine once I warmed up.",
    "My feet were numb from the frost on the school run today, fine again after a warm bath.",
    "My arm went dead from sleeping on it last night, pins and needles for a minute and then it was back to normal.",
    "My foot fell asleep while I sat on it during the film, tingling for a minute, then fine.",
    "My leg went to sleep while I sat cross-legged on the floor, pins and needles for a few minutes, then fine.",
    "My hand went numb from leaning on my elbow at the desk, gone after a minute of shaking it.",
    "I had a fever last week with a cold, all better now. Does a fever affect clonus?",
    "She had a temperature on Monday with a tummy bug, she's completely better now and back at school.",
    "Fever three days ago with the flu, all gone now. My clonus was worse during it but it's back to normal.",
    "I tripped on the stairs a week ago and bruised my knee. No head injury, I'm walking fine now. Can bruises cause clonus?",
    "I fell off my bike on Saturday and grazed my elbow, no head injury and I'm fine now. Could it affect my spasms?",
    # kind 5: transient explained over, more; kind 3 and 4 more
    "Kneeling in the garden, my foot went to sleep and tingled for a bit, then it was fine when I stood up and walked.",
    "My toes went numb in the icy sea this morning, they came back within a few minutes once I was dry.",
    "After the long drive my bum and leg were numb from sitting, then fine after a little walk around.",
    "Slept funny on my arm, woke up with it numb and tingly, then it was fine after a couple of minutes of shaking it.",
    "My hands were numb with the cold at the bus stop today, then fine after I held my tea.",
    "At the cinema my leg fell asleep, pins and needles for a minute or two, then gone.",
    "If a man on fluoxetine has a fever, shivering, sweating and jerking, what do you do? It's a first aid quiz question.",
    "Suppose someone taking tramadol and sertraline gets agitation, sweating and twitching, should they go to A&E?",
    "Progressively over the last few years my legs have got weaker, the MS team know and I have a review in March.",
    "Gradually over the past months I've become a bit unsteady on my feet, my neurologist is arranging a scan.",
    # kind 5: transient explained over, next sentence; headline resolved; everyday senses
    "On the sofa I fell asleep on my arm and woke with it 'asleep' and tingly. I shook it and it came back within a minute, fully normal now.",
    "Lying on the beach, my leg was asleep and numb. It came back in a couple of minutes once I rolled over.",
    "Trapped nerve tingling - resolved. Last spring my fingers were numb for a month from my neck. Can clonus start in the neck?",
    "Pins and needles in my hand - sorted. It was my wrist splint being too tight. Is a splint ok for clonus?",
    "My dad has had numb feet from diabetes for years. Which socks are best for numb feet?",
    "Are there good kitchen tools for weak hands? My clonus makes cooking hard.",
    "Everything's blurry when I take my glasses off, always has been. Does clonus affect eyesight?",
    "Things look fuzzy without my contact lenses, nothing new. Can spasticity affect the eyes?",
    # kind 6: idioms
    "My sister's wedding speech was a total car crash. Anyway, does stress make clonus worse?",
    "Our team's presentation was an absolute car crash lol. Is stretching good for ankle clonus?",
    "My husband says I'm blind to my own faults. Is yoga ok with clonus?",
    "He's completely blind to how much the kids need him. Separately, what is clonus?",
    "This hot weather leaves me weak at the knees haha. Does heat affect spasticity?",
    "When I saw the puppy I went weak at the knees. Anyway is clonus genetic?",
    "My mum will have a fit when she sees my new tattoo. Is clonus related to tattoos?",
    "My brother threw a fit about the washing up. What's ankle clonus?",
    "I was paralysed with laughter at the comedy show. Can laughing trigger clonus?",
    # kind 7: animals
    "Our dog had a fit last night and the vet says he's fine. Can people and dogs get the same seizures?",
    "My cat had a seizure this morning, the vet is keeping her in. Is clonus a thing in cats?",
    "The puppy's back legs were twitching in his sleep, is that like clonus?",
    "Our horse collapsed at the show, the vet says it was heat. Do horses get clonus?",
    "My neighbour's dog had a seizure in the garden, she says the vet has him on meds now.",
    # kind 6: idioms, more
    "What a stroke of luck that the physio had a cancellation. What stretches help clonus?",
    "It totally slipped my mind to ask the neurologist about clonus, can you explain it?",
    "I was completely speechless when I heard the news. Anyway, what is clonus?",
    "I couldn't see the point of the exercises at first. Do they help clonus?",
    "My jaw dropped when I saw the bill. Is baclofen expensive?",
    "I was tongue-tied in front of the consultant and forgot to ask about clonus.",
    "My mind went blank in the appointment. What does ankle clonus mean?",
    "The price of the splint knocked me for six. Are there cheaper options for clonus?",
    "I fell head over heels for my physio's dog. Anyway is swimming good for clonus?",
    "My face fell when the doctor said it might be permanent. How long does clonus last?",
    "My heart skipped a beat when I saw the letter from neurology. What does clonus mean?",
    "I nearly died laughing at my son's joke, and my calf twitched. Is that clonus?",
    # kind 6: idioms, fits of laughter
    "My nan had a fit of the giggles at the wedding and couldn't stop. Does laughing affect clonus?",
    "Halfway through the call my sister got a hiccup fit, we both cracked up. Are hiccups a muscle spasm?",
    "My son had a coughing fit at dinner last night, he's fine now. Can coughing set off clonus?",
    "My toddler threw a hissy fit at the shops. Separately, what causes ankle clonus?",
    "I had a laughing fit in the meeting today. Is that like clonus?",
    # kind 7: animals, more
    "My sister's rabbit keeps having seizures, the vet put him on medicine. Is that like epilepsy in people?",
    "The neighbour's puppy collapsed after a long run but the vet says she's fine now. Just curious, do dogs get clonus?",
    "Our spaniel has fits now and then, he's on tablets from the vet. Can the tablets affect people if I touch them?",
    "My kitten was a bit wobbly this morning, the vet thinks it was low sugar. Does clonus happen in cats?",
    "Our old labrador's back legs are weak and twitching, the vet says it's arthritis. Is that like clonus?",
    # None
    "Over the past few months his speech has gradually become a little slurred, the neurologist is doing tests.",
])
def test_rf29b_false_alarm_kinds_not_escalated(assess, text):
    assert_not_escalated(assess, text)


@pytest.mark.parametrize("text,level,sign", [
    # kind 1: future questions
    ("Will my clonus get worse? It has got much worse since this morning.", "emergency", "recent_onset_jerking"),
    ("Will it get worse? It's got much worse since this morning and my arm is weak.", "emergency", "weakness"),
    ("My clonus is getting worse every day. Will it keep getting worse?", "urgent", "worsening"),
    ("The jerks are worse today than ever. Is it going to get worse still?", "urgent", "worsening"),
    ("Will this get worse? My face has suddenly dropped on one side.", "emergency", "stroke_signs"),
    ("My spasms have been getting worse and worse this week, will they get worse still?", "urgent", "worsening"),
    ("I'm worried because my clonus has got worse since this morning.", "emergency", "recent_onset_jerking"),
    ("My ankle clonus is much worse now, will it get even worse?", "urgent", "worsening"),
    ("Does it always get worse like this? My clonus is suddenly much worse today.", "emergency", "sudden_onset"),
    ("Can clonus get worse? Mine has been getting worse every day this week.", "urgent", "worsening"),
    # kind 1: future questions, more
    ("I'm worried I'll have another seizure, I've had three already today.", "emergency", "fever_neuro"),
    ("I think there's a chance my clonus is getting worse, is that something to worry about? It's much more often this week.", "urgent", "worsening"),
    # kind 2: fear of a sign
    ("I'm scared I'm having a stroke right now, my face feels numb on one side.", "emergency", "stroke_signs"),
    ("I'm worried he's having a stroke, he can't lift his arm.", "emergency", "stroke_signs"),
    ("I think she's having a stroke.", "emergency", "stroke_signs"),
    ("I'm scared my dad is having a seizure right now, he's jerking and won't answer.", "emergency", "absent_with_jerks"),
    ("I'm afraid I might be having a stroke, my speech is slurred.", "emergency", "speech"),
    ("Scared I might have a stroke, my arm suddenly went weak and my face is drooping.", "emergency", "stroke_signs"),
    # kind 3: if-lists
    ("If that matters, he's on an SSRI and has a fever, sweating and twitching right now.", "emergency", "fever_with_jerks"),
    ("He's on an SSRI. If it helps, he has sweating and twitching and he's agitated now.", "emergency", "serotonin_picture"),
    ("If someone on an SSRI gets a fever, is that bad? My son is on sertraline and he's sweating and twitching right now.", "emergency", "serotonin_picture"),
    ("My mum started sertraline last week and now she's sweating, shivering and twitching. Is that an emergency?", "emergency", "serotonin_picture"),
    # kind 4: slow and known
    ("Over the past hour my arm has gradually got weaker and now I can't lift it.", "emergency", "weakness"),
    ("My grip has been slowly weakening for months, but since this morning I can't hold a cup at all and my face drooped.", "emergency", "stroke_signs"),
    ("Gradually over the last few minutes his speech has become slurred.", "emergency", "speech"),
    ("My leg has got weaker bit by bit today, it started this morning.", "emergency", "sudden_onset"),
    ("Slowly over many months my grip got weaker, but this morning my arm suddenly went completely weak.", "emergency", "sudden_onset"),
    # kind 5: transient explained over
    ("My hands went numb from the cold this morning and warmed up, but my face is still numb on one side.", "emergency", "stroke_signs"),
    ("I was numb from the cold, warmed up, but my face is still numb on one side.", "emergency", "stroke_signs"),
    ("My arm went dead from sleeping on it, but it's still weak and floppy an hour later and my face looks droopy.", "emergency", "stroke_signs"),
    ("My leg went to sleep sitting cross-legged and now it's still numb after an hour and I can't walk properly.", "emergency", "coordination"),
    ("I had a fever last week with the flu, and now it's back with a stiff neck and he's confused.", "emergency", "fever_neuro"),
    ("I slipped on some steps a week ago, no head injury, but since this morning my legs have started jerking.", "emergency", "recent_onset_jerking"),
    ("My arm suddenly went numb this morning and it came back after ten minutes.", "emergency", "numbness"),
    # kind 5: transient explained over, more; kind 3 and 4 more
    ("Slept on my arm and it was numb, then fine, but since an hour ago my face has gone numb on one side and my speech is off.", "emergency", "stroke_signs"),
    ("My leg went to sleep at my desk, and it's still numb two hours later and now it's weak too.", "emergency", "numbness"),
    ("Suddenly my whole left side went numb while I was sitting on the sofa, then it got better after ten minutes.", "emergency", "numbness"),
    ("If you need to know, he's on tramadol and sertraline and has agitation, sweating and twitching now.", "emergency", "serotonin_picture"),
    ("Gradually over the past months I've become unsteady, but since this morning I can't stand at all and I'm slurring.", "emergency", "speech"),
    # kind 5: transient explained over, next sentence; headline resolved; everyday senses
    ("I fell asleep on my arm and woke with it numb. It hasn't come back after two hours and my face is numb on the same side.", "emergency", "numbness"),
    ("My leg was asleep from sitting on it. Now my face is numb on one side and it's been an hour.", "emergency", "stroke_signs"),
    ("My vision went blurry an hour ago even with my glasses on, and I can't see out of my left side.", "emergency", "vision"),
    ("Numbness in my face - not resolved, it started an hour ago and my speech is slurred.", "emergency", "numbness"),
    # kind 6: idioms
    ("He's a total car crash victim, he was hit by a car an hour ago and his legs are jerking.", "emergency", "recent_onset_jerking"),
    ("My knees suddenly went weak and I can't stand up, my face is drooping.", "emergency", "stroke_signs"),
    ("I suddenly went blind in my left eye.", "emergency", "vision"),
    ("He had a fit and won't wake up.", "emergency", "fever_neuro"),
    # kind 7: animals
    ("The dog had a fit and now my son is having one too, he's jerking and won't answer.", "emergency", "absent_with_jerks"),
    ("Our dog had a seizure this morning, and now my daughter has suddenly collapsed and is jerking.", "emergency", "fever_neuro"),
    ("While walking the dog my husband suddenly collapsed and is jerking.", "emergency", "fever_neuro"),
    # kind 6: idioms, more
    ("His face dropped on one side when he stood up, and his speech is slurred.", "emergency", "speech"),
    ("My mind went blank and I didn't know where I was for an hour, and my arm is weak now.", "emergency", "fever_neuro"),
    ("My face fell when I heard the news, and now an hour later my face is drooping on the left and I can't lift my arm.", "emergency", "stroke_signs"),
    # kind 6: idioms, fits of laughter
    ("My nan had a fit at the wedding, she went stiff and jerked and isn't waking up properly.", "emergency", "fever_neuro"),
    ("He was coughing, then suddenly had a fit and is jerking all over and won't answer.", "emergency", "absent_with_jerks"),
    # kind 7: animals, more
    ("Our spaniel had a fit, and while I was with him my husband suddenly collapsed and now he won't wake up.", "emergency", "fever_neuro"),
    ("The dog's back legs are wobbly, and my own legs suddenly went weak an hour ago and my face is drooping.", "emergency", "stroke_signs"),
    # more twins
    ("I'm worried she's going to have another seizure, she has had three fits this morning and isn't waking up.", "emergency", "fever_neuro"),
    ("He'll have a stroke if we don't get help, his face is drooping right now.", "emergency", "stroke_signs"),
    ("The interview was a total car crash, and on the way home I was in a real car crash, hit my head an hour ago and now my legs are jerking.", "emergency", "recent_onset_jerking"),
    ("I'm blind to my own faults, my wife says, but since this morning I can't see out of my right eye.", "emergency", "vision"),
    ("I went weak at the knees and collapsed an hour ago and now I can't move my left leg.", "emergency", "fever_neuro"),
    ("Our dog had a fit this morning and I've just found my dad collapsed and jerking on the floor.", "emergency", "fever_neuro"),
    ("My cat had a seizure last week, but now my son is having a seizure and won't respond.", "emergency", "fever_neuro"),
    ("Will my clonus get worse? It has been getting worse every day this week.", "urgent", "worsening"),
    ("I'm scared I'm going to have a stroke, my face has gone droopy and my speech is slurred.", "emergency", "speech"),
    ("If you're asking, sweating, twitching and a fever is what my son on sertraline has right now.", "emergency", "fever_with_jerks"),
    ("My leg went to sleep sitting cross-legged and then fine, but now my other leg is suddenly weak and I can't stand.", "emergency", "sudden_onset"),
    ("I'm worried I'll have another seizure, I've had three already today.", "emergency", "fever_neuro"),
    ("I woke up with my arm weak, I thought I'd slept on it, then it was fine after 20 minutes, but my face feels droopy.", "emergency", "stroke_signs"),
    ("His speech has gradually become slurred over the past hour.", "emergency", "speech"),
])
def test_rf29b_twins_still_escalate(assess, text, level, sign):
    assert_level(assess, text, level, sign)
