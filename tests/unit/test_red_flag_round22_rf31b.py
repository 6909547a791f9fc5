"""Session 19 (issue 14, rf31b): false-alarm kinds "who and why" of the spent sets narratives_15 and 16, read by the
rules alone (knowledge/context_rules.yml: informational.source_lists and course_dates, hypothetical.advice and
backward, story.second_hand, others and topic, exclusions (fears to come); bot/nlp/watch_lists.py, mentions.py,
stories.py).

W1. A list of what to watch for given by a clinician ("the nurse told us what to watch for after his fall: ...",
    "my GP listed things to ring 999 for: ...", "the consultant warned us about ..."), "confusion can happen if ...".
W2. A medicine leaflet's list ("the leaflet for my sertraline lists ...") followed by "I don't have any of those".
W3. Someone else's past event outside the household, over ("my neighbour's son had a seizure last week. He's home now
    and fine"), a school's note about a pupil, a patient told of.
W4. A film, a course dated today ("in our first aid course today"), a forwarded list, "what are the signs of ...".
W5. The fear of a child's or a relative's seizure or stroke to come ("could have a seizure one day").
Twins: the same frames with the sign there now ("the nurse said to watch for confusion and he is confused now", "...
and I have the sweating and shivering now", "my neighbour's son is having a seizure in our garden right now", "...
and now my dad's face is drooping", "... and she is fitting now"). Sentences written for these tests (not from any
narratives*.yml nor from the web); FindADoctor guide (2026) red-flag list, Dr.Oracle (2025) serotonin-syndrome signs."""

from __future__ import annotations

import pytest

from tests.unit.conftest import assert_level, assert_not_escalated


@pytest.mark.parametrize("text", [
    # W1. a clinician's list of what to watch for, none present
    "The nurse told us what to watch for after his head injury: vomiting, confusion, fits, weakness. He's been fine "
    "for two days.",
    "The nurse told us what to watch for: drowsiness, confusion, fits and weakness. He's been his normal self.",
    "My GP listed things to ring 999 for: a drooping face, arm weakness, slurred speech. Got it. My question is about "
    "his ankle jerks.",
    "The doctor gave us a list of things to call an ambulance for: slurred speech, a droopy face, weakness. Nothing "
    "like that so far.",
    "The midwife told me to report bad headaches or changes in my vision. I haven't had any.",
    "His specialist explained that confusion can happen if it gets worse. At the moment he's fine.",
    "The consultant warned us about slurred speech and double vision as signs to call an ambulance. None of that has "
    "happened.",
    "The pharmacist told me to look out for sweating, shaking and confusion when I started tramadol. I'm fine.",
    "Our GP gave us a list of warning signs: confusion, high fever, muscle jerks. Dad has none of those.",
    # W2. a medicine leaflet's list, then none of it
    "The leaflet for my sertraline lists sweating, shivering, muscle jerks and confusion as warning signs. I don't "
    "have any of those.",
    "The information leaflet with my tramadol lists agitation, sweating, twitching and fever. I have none of them.",
    "My citalopram leaflet lists confusion, shivering and muscle twitching as serious side effects. I don't have any "
    "of these.",
    "The leaflet in the box of my fluoxetine says fever, sweating and jerking muscles are warning signs. Thankfully I "
    "have none.",
    "The leaflet for my duloxetine lists shivering, sweating and muscle jerks. I don't have any of these, but should "
    "I stop it before my operation?",
    # W3. someone else's past event, over
    "My neighbour's son had a seizure at school last week. He's home now and fine. How do you help someone having a "
    "seizure?",
    "My friend's daughter had a fit at a party on Saturday. She's back to normal now. What should we do next time?",
    "The school sent a note home about a boy who had a seizure in PE. What should teachers do?",
    "My husband is a nurse and told me about a patient on his ward with a thunderclap headache. What causes that?",
    "My mate says he gets blurry vision when he rubs his eyes. Is that normal?",
    # W4. media, courses, forwarded lists, questions of the signs
    "We learned about thunderclap headache in our first aid course today.",
    "On our first aid course this morning they taught us about sudden confusion and slurred speech.",
    "My mum keeps forwarding lists of stroke symptoms on WhatsApp: face drooping, arm weakness, slurred speech. Is "
    "clonus one of them?",
    "What are the signs of concussion I should look out for? My son plays rugby.",
    "We watched a film where a man's face drooped and he couldn't talk. What is the FAST test?",
    # W5. the fear of a child's or a relative's seizure or stroke to come
    "I'm scared my child could have a seizure one day because I did as a child. What should I do if it happens?",
    "I worry my daughter might have a fit some day like I did. What do I do if it happens?",
    "I'm frightened my son will have a seizure at school. How should teachers help?",
    "I'm worried our little one could have a seizure one day like her dad. What should we do if it happens?",
])
def test_who_and_why_is_no_red_flag(assess, text: str) -> None:
    assert_not_escalated(assess, text)


@pytest.mark.parametrize("text, sign", [
    # W1 twins
    ("The nurse said to watch for confusion and he is confused now.", "fever_neuro"),
    ("The nurse told us what to watch for after his head injury: vomiting, confusion, fits, weakness. He has just had "
     "a fit.", "fever_neuro"),
    ("My GP listed things to ring 999 for: a drooping face, arm weakness, slurred speech. Mum's face is drooping right "
     "now.", "stroke_signs"),
    ("The midwife told me to report bad headaches or changes in my vision. I suddenly can't see properly out of my "
     "left eye.", "vision"),
    ("The consultant warned us about slurred speech, and since an hour ago his speech is slurred.", "speech"),
    # W2 twins
    ("The leaflet for my sertraline lists sweating, shivering, muscle jerks and confusion as warning signs, and I "
     "have the sweating and shivering now.", "serotonin_syndrome"),
    ("The leaflet for my sertraline lists sweating, shivering, muscle jerks and confusion. I have all of those since "
     "this morning.", "serotonin_syndrome"),
    ("The leaflet for my sertraline lists sweating, shivering and muscle jerks. I didn't have any of those but now I "
     "have all of them.", "serotonin_syndrome"),
    # W3 twins
    ("My neighbour's son is having a seizure in our garden right now.", "fever_neuro"),
    ("My neighbour's son had a seizure at school last week and now he is fitting again.", "fever_neuro"),
    ("My neighbour's son had a seizure last week. He was fine but now he's fitting again.", "fever_neuro"),
    ("My neighbour's son had a seizure last week. He's fine now but his face looks droopy.", "stroke_signs"),
    ("The school sent a note home about a boy who had a seizure in PE, and now my son is having one in the "
     "playground.", "fever_neuro"),
    # W4 twins
    ("We learned about FAST on a course and now my dad's face is drooping.", "stroke_signs"),
    ("We learned about thunderclap headache on our course today and now I have the worst headache of my life.",
     "severe_headache"),
    # (found on the way: the sign named on the course, then had, "just had one", was read as the course's topic)
    ("We learned about thunderclap headache on our first aid course and I have just had one.", "severe_headache"),
    ("We learned about thunderclap headache on our first aid course today and my husband has just had one.",
     "severe_headache"),
    ("We learned about seizures on a course today, and my colleague had one in the session.", "fever_neuro"),
    ("We learned about seizures on our course today. My colleague had one in the session.", "fever_neuro"),
    ("My mum keeps forwarding lists of stroke symptoms: face drooping, arm weakness, slurred speech. And now her own "
     "face is drooping.", "stroke_signs"),
    ("What are the signs of concussion? He hit his head an hour ago and keeps being sick and is confused.", "trauma"),
    # W5 twins
    ("I was always scared she'd have a seizure and she is fitting now.", "fever_neuro"),
    ("I'm scared my child could have a seizure one day, and she has just started fitting.", "fever_neuro"),
])
def test_the_same_frames_with_the_sign_now_stay_emergencies(assess, text: str, sign: str) -> None:
    assert_level(assess, text, "emergency", sign)
