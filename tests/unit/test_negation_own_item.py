"""A sign told after a negated item, in a later comma item with its own time words, is a
statement of its own (issue 14: "a sign after a negation still counts"; settings in
``knowledge/context_rules.yml``, ``negation.own_item``; code in ``bot/nlp/denial_lists.py``).
A verb's negation or an "or" list still denies every item. Sentences written for this test."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "no fever, slurred speech since an hour",
    "no headache, sudden weakness in his left arm since this morning",
    "not dizzy, face drooping on one side now",
    "no temperature or anything, her words coming out jumbled since lunch",
    "no pain at all, numb down my right side since i woke up",
])
def test_a_later_item_with_its_own_time_is_present(assess, text: str) -> None:
    assert assess(text).level == "emergency", text


@pytest.mark.parametrize("text", [
    "no fever, headache or numbness",
    "no fever, no headache, no numbness since this morning",
    "i haven't had any headache, dizziness or weakness today",
    "no numbness, tingling, weakness or blurred vision since this morning",
    "no fever, numbness or weakness now, just the usual clonus",
])
def test_a_denied_list_stays_denied(assess, text: str) -> None:
    assert assess(text).level not in ("emergency", "urgent"), text
