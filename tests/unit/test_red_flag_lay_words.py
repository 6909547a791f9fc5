"""Session 10 (issue 14, rf10): the lay, regional, text-speak and misspelt wordings added to
the red-flag vocabulary (knowledge/red_flags.yml: the "session 10 (issue 14, rf10)" phrases,
spelling entries and ``negated_contractions``), read by the rules alone.

Each new wording escalates as an emergency, and its twin (the same words negated, long-standing,
or a statement of normal function) stays calm, so a phrase cannot be so broad that it escalates
whatever is said around it. Sentences written for these tests (not taken from any test set).
"""

from __future__ import annotations

import pytest
import spacy

from tests.unit.conftest import sign_keys

#: (emergency wording, the sign it must give ("a|b": one of them), a calm twin in the same words)
PAIRS = [
    # sudden severe headache
    ("my head is paining very badly since an hour, it came suddenly", "severe_headache",
     "my head is not paining at all, i only have ankle clonus for years"),
    ("never in my life have i had this much pain in my head", "severe_headache",
     "no headache, no pain in my head, just my calf twitches after running as always"),
    ("it feels like my head is splitting open", "severe_headache",
     "no headache at all, what is clonus?"),
    ("like an axe went into my skull ten minutes ago", "severe_headache",
     "what does a thunderclap headache feel like? just reading about it"),
    # speech
    ("my dad cannot put his words together since lunch", "speech",
     "my dad can put his words together fine, his speech is normal"),
    ("what comes out of her mouth is gibberish", "speech",
     "my toddler is learning to talk and his ankle bounces when he stands, he has cp since birth"),
    ("his words keep jumbling and his foot twitches", "speech",
     "his words are not jumbling, he talks normally"),
    ("she is stumbling over her words all of a sudden", "speech",
     "she is not stumbling over her words, she talks fine"),
    ("bf is slurrin n cant talk properly", "speech",
     "he's not slurring, speech is normal, just leg twitches for years"),
    ("gran's speach is all wrong since tea", "speech",
     "gran's speech is normal, the doctor checked it today"),
    # one-sided weakness
    ("her right hand has no power since morning", "weakness",
     "her right hand is strong, no weakness, only the ankle clonus she has had for years"),
    ("when he holds his arms out the left one keeps drifting down", "weakness",
     "no weakness in his arms, he lifts them fine"),
    ("grandad slumped over to one side in his chair", "weakness",
     "no weakness, he is sitting up and walking as usual"),
    ("lost all strenght in my arm an hour ago", "weakness",
     "i have not lost any strength, my arms are fine"),
    ("one side of his body has gone weak", "weakness",
     "neither side of his body is weak, he is moving normally"),
    # numbness
    ("my left leg feels like it belongs to somebody else", "numbness",
     "no numbness, my legs feel normal"),
    ("pins n needles all down my right side suddenly", "numbness",
     "no pins and needles, no numbness, just cramps"),
    ("my hand feels like cotton wool", "numbness",
     "no numbness or tingling in my hand"),
    ("my arm went numm an hour ago", "numbness",
     "my arm is not numb, i can feel everything"),
    ("i cudnt feel my foot when i stood up just now", "numbness|weakness",
     "i cudnt sleep last night because my calf twitches, had it for years"),
    # face
    ("his mouth is deviated to the left since morning", "stroke_signs",
     "his mouth is not deviated, his face looks normal"),
    ("her smile is not even any more, it started suddenly", "stroke_signs",
     "her smile is even and her face is normal"),
    ("she can't puff out her cheeks on one side", "stroke_signs",
     "what is clonus? my face and arms are fine"),
    ("my moms face is droping on one side", "stroke_signs",
     "my mom's face is not drooping, the nurse checked"),
    # vision
    ("there's a dark patch covering half of what i see", "vision",
     "no problems with my vision, i see fine"),
    ("my eyes won't focus and everything looks doubled", "vision",
     "i can see fine, no double vision"),
    ("everything went black in front of my eyes for a minute and it still is not right", "vision",
     "my eyesight is fine, i can see normally"),
    ("lost my vission in my right eye suddenly", "vision",
     "my vision is normal, no blurry vision"),
    # balance / coordination
    ("she keeps toppling over to the right", "coordination",
     "her balance is fine, she walks normally"),
    ("his balance is totally off since lunch", "coordination",
     "his balance is fine, he is walking normally"),
    ("my legs won't go where i tell them", "coordination",
     "my legs are fine, i walk normally"),
    ("having giddiness and falling since morning", "coordination",
     "no giddiness, no falls, he walks as usual"),
    ("balence gone, cant walk without holding the wall", "coordination",
     "my balance is good and i can walk without holding anything"),
    # confusion / fever with neurological signs
    ("fever since two days and now she is not recognising us", "fever_neuro",
     "she recognises everyone, she is not confused, only a cold"),
    ("he has a fever and is behaving strangely", "fever_neuro",
     "he had a fever last year and he is thinking clearly"),
    ("my grandad is hallucinating and burning up", "fever_neuro",
     "no fever, no confusion, just his legs jerk at night as usual for years"),
    ("mum is talking irrelevant since this morning", "fever_neuro",
     "mum is talking normally, no confusion"),
    # seizure / unresponsive
    ("my brother is frothing at the mouth and jerking", "fever_neuro",
     "what is clonus? my brother is fine"),
    ("his eyes rolled back and he went stiff", "fever_neuro",
     "no fits, no seizures, he is awake and talking"),
    ("my son just had a seizer", "fever_neuro",
     "my son has not had a seizure, he is awake and well"),
    ("grandma keeled over in the kitchen", "fever_neuro",
     "grandma is fine, she is talking and walking as usual"),
    # breathing / swallowing
    ("he can't get air in", "breathing_swallowing",
     "he is breathing fine, no breathing problems"),
    ("having breathing problem suddenly", "breathing_swallowing",
     "no breathing problem, no trouble swallowing"),
    ("her breathing sounds like she is drowning", "breathing_swallowing",
     "she is breathing normally"),
    ("the milk is coming out of his nose when he drinks", "breathing_swallowing",
     "he swallows normally, no choking"),
    ("cant swolow anything since lunch", "breathing_swallowing",
     "i can swallow fine, no trouble swallowing"),
    # head / neck / spine injury
    ("had a motorbike smash this arvo and my legs are jumping", "trauma",
     "what is clonus? my legs are fine"),
    ("got tackled hard at footy and now my arm twitches", "trauma",
     "no injury, no fall, my arm twitches after the gym as always"),
    ("he banged his noggin and his foot is jerking", "trauma",
     "he has not hit his head, his foot twitches when he is tired, for years"),
    # serotonergic picture
    ("took pingers at a festival and now i'm super hot and shaking", "serotonin_syndrome",
     "i have never taken pingers, just asking what serotonin syndrome is"),
    ("my sertaline was increased and now i'm drenched in sweat and my legs are jerking", "serotonin_picture",
     "been on sertraline for years with no problems, no sweating, no jerking"),
    # clonus that begins suddenly
    ("since morning my ankle is jumping on its own", "recent_onset_jerking",
     "my ankle jumps on its own every morning, i've had it for years"),
    ("my foot started shaking outta nowhere", "sudden_onset",
     "my foot shakes when i'm nervous, always has"),
    # formal, clinical and more regional words
    ("my head is banging like never before", "severe_headache",
     "my head is fine, no headache, only the ankle clonus i have had for years"),
    ("sudden severe pain at the back of my neck and head", "severe_headache|severe_headache_told",
     "no pain in my neck or head, just asking about clonus"),
    ("she sounds like she has marbles in her mouth", "speech",
     "she talks normally, her speech is clear"),
    ("my husband has developed a sudden difficulty in articulating his words", "speech",
     "my husband has no difficulty articulating his words, he speaks normally"),
    ("his voice became unclear an hour ago", "speech",
     "his voice is clear and normal"),
    ("my eye and mouth on the left side are drooping", "stroke_signs",
     "his face is not drooping on either side, the nurse checked"),
    ("his mouth is turning to one side", "stroke_signs",
     "his mouth is not turning to one side, his face is normal"),
    ("my vision became obscured in the right eye this afternoon", "vision",
     "my vision is not obscured, i see fine"),
    ("i can't coordinate my movements since lunch", "coordination",
     "no problem coordinating my movements, i walk normally"),
    ("my child went blue and stiff and then jerked", "fever_neuro",
     "my child has not had a fit, he is awake and playing"),
    ("my son is getting fits since evening", "fever_neuro",
     "my son has never had fits, he is well"),
    ("the kid has a temp and is really floppy", "fever_drowsy",
     "he had a temp last week, it's gone and he's running around"),
    ("fever and her neck hurts when she bends it", "fever_stiff_neck",
     "no fever, her neck is fine, she bends it normally"),
    ("he came off his quad bike and now his legs are jumping", "trauma",
     "what is clonus? he rides his quad bike every weekend and his legs are fine"),
    ("cnt brethe properly", "breathing_swallowing",
     "i can breathe properly, no breathing problems"),
    ("my father keeps trying to say something but no words come out", "speech",
     "my father talks normally, what is clonus?"),
    ("my sis is burning up n talking crazy", "fever_neuro",
     "my sis had a fever last week, she's fine now and talking normally"),
]


@pytest.mark.parametrize("text", [
    # the broad words these phrases were narrowed for: an ordinary headache, heat after a
    # workout, a figure of speech, a wobble after a spin class
    "my head is hurting so much after studying all day, is that clonus?",
    "i feel really hot after my workout and my calves jerk a bit",
    "it is really hot today and my legs twitch",
    "i feel like i'm drowning in work, and my leg twitches at night",
    "is it normal that my balance is a bit off after a spin class?",
    "i get neck pain from my desk job and my calf twitches",
])
def test_a_figure_of_speech_or_an_ordinary_state_stays_calm(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()


@pytest.mark.parametrize("text,sign", [(e, s) for e, s, _ in PAIRS])
def test_a_lay_wording_escalates(assess, text: str, sign: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()
    assert set(sign.split("|")) & sign_keys(result), result.as_dict()


@pytest.mark.parametrize("twin", [t for _, _, t in PAIRS])
def test_its_calm_twin_does_not_escalate(assess, twin: str) -> None:
    result = assess(twin)
    assert not result.escalate, result.as_dict()


@pytest.mark.parametrize("word,pieces", [
    ("cudnt", [("cud", "could"), ("nt", "not")]),
    ("dint", [("di", "do"), ("nt", "not")]),
    ("canot", [("ca", "can"), ("not", "not")]),
    ("doesnot", [("does", "does"), ("not", "not")]),
    ("cudn't", [("cud", "could"), ("n't", "not")]),
])
def test_a_misspelt_negated_contraction_is_split(word: str, pieces: list) -> None:
    nlp = spacy.load("en_clonus_pipeline")
    doc = nlp.make_doc(f"i {word} feel my arm")
    assert [(t.text, t.norm_) for t in doc][1:3] == pieces


def test_a_misspelt_negated_contraction_keeps_its_negation(assess) -> None:
    assert not assess("i dnt have any numbness or weakness").escalate
    assert assess("i cudnt feel my left arm suddenly").level == "emergency"
