"""Hindi and Hinglish red flags, session 9 (issue 17, hindirf): the kinds of the fourth
development set (tests/red_flags/hindi_dev_stories_4.yml) and of the judge's report on the
held-in Hindi sets (kinds only, every sentence here is ours), fixed as data in
knowledge/red_flags_hi.yml and knowledge/context_rules_hi.yml. Each fix that stops a
false alarm has a case beside it that keeps an emergency present (recall first)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, label, status", [
    # cannot stand up, with the helper verb between: the "nahi" is the sign's own ...
    ("papa को आज morning से दोनों legs में numbness है और वो खड़े नहीं हो पा रहे", "WEAKNESS", "present"),
    ("dadi khade nahi ho pa rahi hain", "WEAKNESS", "present"),
    # ... and it negates nothing before it: the numbness stays present
    ("papa को आज morning से दोनों legs में numbness है और वो खड़े नहीं हो पा रहे", "NUMBNESS", "present"),
    ("haath sunn hai aur wo so nahi ho pa raha", "NUMBNESS", "present"),
    # a plain "nahi" after the sign still negates it
    ("haath me sunnpan nahi hai", "NUMBNESS", "negated"),
    # a fall told in the honorific feminine plural; the English word for the head
    ("दादी bathroom में slip होकर गिर गईं, अब पैर में झटके हैं", "TRAUMA", "present"),
    ("नानी सीढ़ी पर फिसल गयीं", "TRAUMA", "present"),
    ("भाई के head पर चोट लगी है और पैर कांप रहा है", "TRAUMA", "present"),
    ("dadi gir gayin aur ab pair kaanp raha hai", "TRAUMA", "present"),
    # the sign called old after it ("... purani hai") is long-standing ...
    ("neurologist dekh rahe hain, unke hisaab se haath ki kamzori purani hai", "WEAKNESS", "historical"),
    ("neurologist देख रहे हैं, उनकी numbness पुरानी है", "NUMBNESS", "historical"),
    ("हाथ की कमजोरी पुरानी ही है", "WEAKNESS", "historical"),
    # ... unless a word of now or onset shares its clause
    ("haath ki kamzori purani hai par aaj achanak bahut badh gayi", "WEAKNESS", "present"),
    ("पैर की कमजोरी पुरानी है पर आज सुबह से हाथ भी नहीं उठ रहा", "WEAKNESS", "present"),
])
def test_round4_hindi_context(assess, text: str, label: str, status: str) -> None:
    found = {c.label: c.status for c in assess(text).concepts}
    assert found.get(label) == status, found


@pytest.mark.parametrize("text", [
    "papa को आज morning से दोनों legs में numbness है और वो खड़े नहीं हो पा रहे",
    "दादी bathroom में slip होकर गिर गईं, head पर चोट है, अब legs में jerks आ रहे हैं",
    "haath ki kamzori purani hai par aaj achanak bol nahi pa rahe",
])
def test_round4_emergencies_escalate(assess, text: str) -> None:
    assert assess(text).level == "emergency"


@pytest.mark.parametrize("text", [
    "neurologist dekh rahe hain, unke hisaab se haath ki kamzori purani hai",
    "neurologist देख रहे हैं, उनकी numbness पुरानी है",
])
def test_round4_old_signs_do_not_escalate(assess, text: str) -> None:
    assert not assess(text).escalate


@pytest.mark.parametrize("text, label, status", [
    # a demonstrative and a word of intensity between the head and the pain (a miss before)
    ("दीदी के सिर में ऐसा भयानक दर्द है जैसा पहले कभी नहीं हुआ", "HEADACHE", "present"),
    ("सिर में इतना तेज दर्द उठा है", "HEADACHE", "present"),
    ("bhabhi ke sir me aisa zordar dard hai jaisa kabhi nahi hua", "HEADACHE", "present"),
    ("sar me itna tez sa dard ho raha hai", "HEADACHE", "present"),
    # long-standing told with the English word for the time and the Hindi "se"
    ("pair me numbness kai years se hai, doctor ko maloom hai", "NUMBNESS", "historical"),
    ("बेटी के हाथ में weakness childhood से है", "WEAKNESS", "historical"),
    ("kai years se numbness hai par aaj achanak chehra latak gaya", "FACE_DROOP", "present"),
    # the recovery told in English words; a Hindi word needs its "hai", and no "nahi"
    ("teen hafte pehle pair sunn ho gaya tha, now all fine", "NUMBNESS", "historical"),
    ("ungliyan sunn thi, now wo bilkul okay", "NUMBNESS", "historical"),
    ("उंगलियां सुन्न थीं, अब सब ok है", "NUMBNESS", "historical"),
    ("haath sunn tha, ab sab theek nahi hai", "NUMBNESS", "present"),
    ("haath sunn tha, ab sab ok nahi hai", "NUMBNESS", "present"),
    # a general question names signs without reporting them: a modal "can grow", a
    # condition "on being more", "why does it come" without "?", in people in general
    ("kya yoga se clonus badh sakta hai", "WORSENING", "informational"),
    ("क्या दौड़ने से क्लोनस बढ़ सकता है", "WORSENING", "informational"),
    ("reflex zyada hone par jhatke kyu aate hain", "WORSENING", "informational"),
    ("chot ke baad kuch logon me jhatke kyon aate hain", "TRAUMA", "informational"),
    ("गिरने के बाद कुछ लोगों में झटके क्यों आते हैं", "TRAUMA", "informational"),
    ("kya doctor bhi clonus aur kapkapi me dhokha kha jaate hain", "SHIVERING", "informational"),
    # ... but a report stays present: a perfective verb, a person, a word of now
    ("papa ka clonus aaj bahut badh gaya hai", "WORSENING", "present"),
    ("papa gir gaye, jhatke kyu aa rahe hain", "TRAUMA", "present"),
    ("mere papa ka accident hua, logon me se kisi ne uthaya, ab pair kaanp raha hai", "TRAUMA", "present"),
    # a sudden jerk while falling asleep is the harmless kind ...
    ("sote samay achanak ek jhatka lagta hai, kya ye clonus hai", "SUDDEN", "informational"),
    ("नींद में अचानक झटका आता है", "SUDDEN", "informational"),
    # ... and a sign beside it stays present
    ("raat ko sote samay achanak jhatke aaye aur ab wo bol nahi pa rahe", "SPEECH", "present"),
])
def test_round4_judge_kinds(assess, text: str, label: str, status: str) -> None:
    found = {c.label: c.status for c in assess(text).concepts}
    assert found.get(label) == status, found


@pytest.mark.parametrize("text, escalates", [
    ("दीदी के सिर में ऐसा भयानक दर्द है जैसा पहले कभी नहीं हुआ", True),
    ("kai years se numbness hai par aaj achanak chehra latak gaya", True),
    ("haath sunn tha, ab sab theek nahi hai", True),
    ("papa gir gaye, jhatke kyu aa rahe hain", True),
    ("pair me numbness kai years se hai, doctor ko maloom hai", False),
    ("teen hafte pehle pair sunn ho gaya tha, now all fine", False),
    ("kya yoga se clonus badh sakta hai", False),
    ("chot ke baad kuch logon me jhatke kyon aate hain", False),
    ("sote samay achanak ek jhatka lagta hai, kya ye clonus hai", False),
])
def test_round4_judge_kinds_levels(assess, text: str, escalates: bool) -> None:
    assert assess(text).escalate is escalates


# Session 16 (issue 14): a fit told as going on now ("daura pad raha hai") is a seizure; the same
# word for a tour ("daure par rahe"), a fit told as long past, or a question stays calm.
@pytest.mark.parametrize("text, escalates", [
    ("mere bete ko daura pad raha hai, haath pair jhatak rahe hain", True),
    ("nani ko mirgi ka daura pad raha hai, jaldi batao kya karein", True),
    ("भाई को दौरा पड़ रहा है और हाथ झटक रहे हैं", True),
    ("papa pichhle hafte office ke daure par rahe, ab ghar aa gaye", False),
])
def test_session16_fit_going_on_now(assess, text: str, escalates: bool) -> None:
    assert assess(text).escalate is escalates


# session 16 found it, session 17 closed it (an exclusion in knowledge/context_rules_hi.yml): a general question
# whether fits come with clonus is informational; the habitual verb sits inside the seizure's own phrase
@pytest.mark.parametrize("text", ["clonus me daura padta hai kya?", "kya clonus me daura padta hai?",
                                  "क्या क्लोनस में दौरा पडता है?", "clonus wale logon ko fits aate hain kya"])
def test_session16_question_about_fits_is_no_report(assess, text: str) -> None:
    assert assess(text).escalate is False


@pytest.mark.parametrize("text", ["papa ko abhi daura pad raha hai", "kya karu, use daura aata hai aur abhi wo behosh hai",
                                  "क्या करें, मम्मी को दौरा पड रहा है"])
def test_session17_a_fit_now_beside_the_question_words_still_escalates(assess, text: str) -> None:
    assert assess(text).level == "emergency"
