"""Session 16 (issue 14, rf28a): kinds of emergencies and urgent cases the rules alone still missed on the spent
sets (narratives_11, narratives_12), read by the rules alone (knowledge/red_flags.yml, knowledge/context_rules.yml).

1. A person who does not answer, does not look at the caller or only stares (blank stare, glazed eyes), with
   jerking: a seizure (sign absent_with_jerks; FindADoctor's nervous-system changes); "won't answer, just staring"
   and "eyes open but not answering" are unresponsiveness on their own. Twins: a teenager gaming, a sulking child,
   someone staring at a menu, a husband who won't answer texts.
2. Sight lost in one eye told as "the left one went black like a curtain", letters, words or clues on one side
   that "just aren't there": FindADoctor's changes in vision. Twins: a TV or a stage going black like a curtain,
   letters missing from a sign, a printer out of ink.
3. After a knock or a fall (came off a bike on a pothole or at a roundabout, a cracked helmet, knocked or clattered
   in a tackle): foggy, groggy, repeating the same question, jerking hours later: FindADoctor's new clonus after
   trauma (sign trauma_then_muddled for confusion told as behaviour). Twins: a four-year-old who keeps asking the
   same question ("that's how he is"), foggy after a night shift, a question asked about clonus.
4. A skill lost today, suddenly or with new jerking: cannot make the letters, the pen slides off the page (sign
   writing_lost; FindADoctor's sudden weakness, loss of coordination). Twins: a child who cannot write yet, glossy
   paper, handwriting never neat.
5. Urgent: first-ever jerking dated days ago told with "never had jerky muscles before", "nothing like this
   before", "never before in my life", "first time jerky leg", "goes into a beating motion", "until last week"; "today is Tuesday" is a date,
   not a start today (lead's policy of session 8: urgent); a serotonergic herb tried "for a month now with my
   citalopram" (wiseGEEK 2019: combining). Twins: "never had jerky muscles" with no jerking told, a beating motion
   tapping to music, "now with my new job".
Sentences written for these tests (not from any narratives*.yml nor from the web); FindADoctor guide (2026),
wiseGEEK (2019) red-flag lists."""

from __future__ import annotations

import pytest

from tests.unit.conftest import assert_level, assert_not_escalated


@pytest.mark.parametrize("text,sign", [
    # 1. not answering, not looking, staring, with jerking
    ("my son isn't looking at me and his leg keeps jerking", "absent_with_jerks"),
    ("kid wont stop twitching n shes not looking at me", "absent_with_jerks"),
    ("my wife has a blank stare and her hand is jerking", "absent_with_jerks"),
    ("grandma's eyes are glazed over and her arm keeps jerking", "absent_with_jerks"),
    ("he's just staring, and his foot is twitching nonstop", "absent_with_jerks"),
    ("my baby is staring into space and her arm keeps twitching", "absent_with_jerks"),
    ("dad is gazing vacantly and his hand keeps jerking", "absent_with_jerks"),
    ("she won't answer and her left leg keeps beating", "absent_with_jerks"),
    ("my toddler isn't looking at me and her whole arm keeps twitching, what do i do", "absent_with_jerks"),
    ("she's not looking at me at all and her arm is twitching, it just started", "absent_with_jerks"),
    # unresponsive on its own
    ("my husband won't answer, he's just staring at the wall and his left hand keeps jerking", "fever_neuro"),
    ("dad just stares straight through me and won't answer, his arm keeps jumping", "fever_neuro"),
    ("my friend collapsed at the bus stop, eyes open but not answering", "fever_neuro"),
    ("he's just staring and not answering, his jaw keeps jerking", "fever_neuro"),
    ("grandad's eyes are open but he's not answering and his hand is shaking", "fever_neuro"),
    ("baby's eyes are fixed and staring and his arm is jerking", "absent_with_jerks"),
    ("my husband isn't responding properly, just staring at the ceiling, his hand twitching", "fever_neuro"),
    # 2. sight in one eye, one side not there
    ("i can see fine with my right eye but the left one went black like a curtain a few minutes ago", "vision"),
    ("the right one just went dark like a blind, my left eye is fine", "vision"),
    ("reading the paper tonight, the words on the right half just aren't there", "vision"),
    ("the letters on the left side of the page are just not there anymore", "vision"),
    ("mum says the numbers on the left side of the clock aren't there", "vision"),
    ("trying to read my texts and the words on the left just aren't there", "vision"),
    ("doing the crossword and the clues on the right half of the paper just aren't there", "vision"),
    ("out of nowhere my left eye went dark like a curtain coming across", "vision"),
    ("whatever i look at, the left side is just not there", "vision"),
    ("i'm reading and the ends of the lines on the right aren't there", "vision"),
    # 3. after a knock or fall
    ("came off on the ice on my scooter, helmet cracked, and now i feel foggy and my leg is jerking", "trauma"),
    ("i came off at the roundabout on my bike and a few hours later my arm started jerking", "trauma"),
    ("my son got knocked in a tackle at football and now he keeps asking the same question", "trauma"),
    ("my daughter got clattered in a challenge at hockey and her arm is twitching", "trauma"),
    ("cracked my helmet on the kerb on my way to work, a few hours later my leg started jerking", "trauma"),
    ("he fell off the trampoline and hit his head and now he keeps repeating the same question", "trauma_then_muddled"),
    ("dad slipped in the shower and hit his head, now he's muddled and keeps repeating himself", "trauma_then_muddled"),
    ("my wife fell on the stairs yesterday and today she feels groggy and keeps repeating herself", "trauma_then_muddled"),
    ("after he came off his motorbike this morning he's been really woozy and being sick", "trauma_then_muddled"),
    ("my son came off the scooter yesterday and this morning he's groggy and his arm keeps twitching", "trauma_then_muddled"),
    ("dad walked into the low beam in the garage and now he seems spaced out and keeps repeating himself", "trauma_then_muddled"),
    ("my grandson fell from the climbing frame, bumped his head, and keeps forgetting what he was saying", "trauma_then_muddled"),
    # 4. a skill lost
    ("at work today i tried to write and my pen kept sliding off the page, i couldn't make the letters", "writing_lost"),
    ("signing the card tonight my pen kept slipping off the paper and i couldn't write my name", "writing_lost"),
    ("an hour ago dad suddenly couldn't make the letters on his shopping list", "writing_lost"),
    ("mum can't write her name all of a sudden, the pen just slides off the page", "writing_lost"),
    ("i couldn't make the letters this afternoon and now my right hand is jerking", "writing_lost"),
    ("filling in a form at the bank my hand couldn't make the letters, just now", "writing_lost"),
    ("my pen keeps sliding off the page and i can't make the letters, it started an hour ago", "writing_lost"),
    ("in the meeting my pen kept drifting off the line and now my hand is twitching", "writing_lost"),
    ("this morning my husband tried to sign a cheque and could not write his own name", "writing_lost"),
])
def test_missed_emergency_kinds(assess, text, sign):
    assert_level(assess, text, "emergency", sign)


@pytest.mark.parametrize("text,sign", [
    ("never had twitchy legs before, but since monday my thigh jumps when i climb the stairs", "first_ever_jerking_days"),
    ("first time jerky ankle, started three days ago when i stand on tiptoe", "first_ever_jerking_days"),
    ("since saturday my dad's foot goes into a beating motion when he walks, never had that", "first_ever_jerking_days"),
    ("nothing like this before: my wrist started jerking four days ago when i type", "first_ever_jerking_days"),
    ("never had jerky muscles in my life until last week, now my calf bounces when i stretch", "first_ever_jerking_days"),
    ("never had shaky feet before, since sunday my foot jerks when i press the pedal", "first_ever_jerking_days"),
    ("first time twitchy hand, it began two days ago when i hold a cup", "first_ever_jerking_days"),
    ("my knee goes into a bouncing motion when i kneel, started on friday, nothing like it before", "first_ever_jerking_days"),
    ("since tuesday his ankle goes into a rhythmic motion when he stands, never had it before", "first_ever_jerking_days"),
    ("since monday, and never before in my life, my knee jerks when i kneel down. it's wednesday now", "first_ever_jerking_days"),
    ("my ankle has been bouncing when i stand since saturday, never before in my life", "first_ever_jerking_days"),
    # a date told with "today" is no start today
    ("my foot started bouncing on friday when i stand, first time ever. it's tuesday today", "first_ever_jerking_days"),
    ("first time my hand has jerked like this, it started on sunday. today is wednesday and it's still happening when i write",
     "first_ever_jerking_days"),
    # combining a serotonergic herb or drug
    # session 20: rf32b's "for a few weeks now" dates the combination (LATELY), so the urgent sign that names the jerking new
    # while taking the medicines answers instead of the one that names the combining; the level is the same
    ("trying st john's wort for a few weeks now with my sertraline and my legs jerk a bit", "serotonergic_recent_jerking"),
    ("been using 5-htp for a fortnight now alongside my fluoxetine, lately my calves twitch when i stand", "serotonergic_with_jerks"),
])
def test_missed_urgent_kinds(assess, text, sign):
    assert_level(assess, text, "urgent", sign)


@pytest.mark.parametrize("text", [
    # 1.
    "my teenager won't answer me when he's gaming",
    "my son is staring at his phone and won't answer, typical 14 year old",
    "my husband won't answer my texts, is he ok? my leg twitches at night sometimes, is that clonus",
    "she's not looking at me because she's sulking after our argument",
    "my toddler won't look at me when i tell her off",
    "my son isn't looking at me, he's sulking, his leg bounces when he's nervous",
    "she's just staring at the menu, can't decide what to order",
    "the puppy has a blank stare when i say no",
    "my husband is staring at the football and won't answer me",
    "my baby stares at the ceiling fan for ages, is that normal",
    "the right one of my speakers went black and stopped working",
    # 2.
    "the screen went black like a curtain falling at the end of the play",
    "the tv went black like a curtain coming down in the middle of the film, we had to restart the box",
    "there are two doors, the left one went black after we painted it",
    "the words on the left of the form are not there because the printer ran out of ink",
    "the letters on the left side of the sign aren't there, someone pulled them off",
    # 3.
    "my son keeps asking the same question, he's 4 and that's how he is",
    "he keeps asking the same question about clonus and i don't know the answer",
    "i feel foggy after the night shift, normal for me",
    "my brain is foggy from the hay fever tablets",
    "my wife keeps repeating herself, she's always been a bit scatty",
    "i'm groggy every morning until i've had coffee",
    # 4.
    "my son can't make the letters yet, he's only 3",
    "my pen kept sliding off the page because the paper was glossy",
    "i can't write neatly, never could, teachers always complained",
    "my grandson can't write his name yet, he only started school",
    "my writing has always been all over the place, my teachers despaired",
    # 5.
    "never had jerky muscles, my legs are fine, just asking about clonus for my course",
    "my foot goes into a beating motion when i tap along to music",
    "first time posting here, my ankle clonus is the same as always",
    "never before in my life have i been so tired, is that my thyroid",
    "on sertraline for six years, now with my new job i'm stressed and my eyelid twitches",
])
def test_twins_not_escalated(assess, text):
    assert_not_escalated(assess, text)
