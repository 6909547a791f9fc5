"""A resolved phrase ("got better", "thik ho gaya", "ab theek hai") clears only the sign it
is said of (bot/nlp/context.py ``_said_of_a_later_concept``, ``list_joiners`` in
knowledge/context_rules*.yml): a drooping face told with "and the arm got better" is still
an emergency in every script, while a list of signs that "went away" stays resolved."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "papa ka muh tedha ho gaya aur haath thik ho gaya",
    "muh tedha ho gaya hai aur haath ab theek hai",
    "पापा का मुँह टेढ़ा हो गया और हाथ ठीक हो गया",
    "mummy ka face tedha ho gaya aur leg ab theek hai",
    "mom's face drooped and her arm got better",
])
def test_another_signs_recovery_does_not_clear_a_present_sign(assess, text: str) -> None:
    assert assess(text).level == "emergency", text


@pytest.mark.parametrize("text", [
    "muh tedha aur haath sunn hua tha, ab theek hai",
    "मुँह टेढ़ा और हाथ सुन्न हुआ था, अब ठीक है",
    "the weakness in my left arm after my stroke is better since rehab",
    "her face drooped and her arm was weak three years ago, but it all went away",
])
def test_a_list_of_signs_or_a_later_reference_is_still_resolved(assess, text: str) -> None:
    assert assess(text).level != "emergency", text
