"""Hindi and Hinglish red flags, session 9 (issue 17, hindirf): the kinds of the fourth
development set (tests/red_flags/hindi_dev_stories_4.yml) fixed as data in
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
