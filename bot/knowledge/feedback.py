""""Was this helpful?" after a curated answer: the names, the content version of an answer
and the ratings as they are stored in the conversation (issue 16).

The action server (``actions/feedback.py``) asks and records; ``python -m bot review``
(``bot/maintain/review.py``) reads the ratings back from the tracker store's events. A
rating is one ``SlotSet`` of the slot ``feedback``::

    {"answer": "<topic key>", "version": "<12 hex digits>", "rating": "helpful" | "not_helpful",
     "comment": "<the optional 'What was missing?' answer>" | null}

The content version is a hash of the answer's text as it was sent, so a rating stays
attached to the wording it judged after the answer is edited.
"""

from __future__ import annotations

import hashlib
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence

from bot.constants import RESPONSE_ASK_HELPFUL

ACTION_ASK = "action_feedback_ask"
ACTION_RECORD = "action_feedback_record"
ACTION_COMMENT = "action_feedback_comment"
VALIDATE_FORM = "validate_feedback_form"
FORM = "feedback_form"
RESPONSE_ASK = RESPONSE_ASK_HELPFUL
SLOT_PENDING = "feedback_pending"
SLOT_ASKED = "feedback_asked"
SLOT_FEEDBACK = "feedback"
SLOT_COMMENT = "feedback_comment"
INTENT_HELPFUL = "feedback_helpful"
INTENT_NOT_HELPFUL = "feedback_not_helpful"
HELPFUL, NOT_HELPFUL = "helpful", "not_helpful"
#: The retrieval intent's responses: ``utter_faq/<key>`` (data/nlu/responses/faq.yml).
FAQ_RESPONSE_PREFIX = "utter_faq/"


def content_version(text: str) -> str:
    """A short hash of an answer's text (whitespace-normalised)."""
    return hashlib.sha256(" ".join((text or "").split()).encode("utf-8")).hexdigest()[:12]


def versions_in_domain(responses: Mapping[str, Any], key: str) -> set[str]:
    """The content versions of every variant of ``utter_faq/<key>`` in a domain's responses."""
    return {content_version(str(v.get("text") or "")) for v in responses.get(FAQ_RESPONSE_PREFIX + key) or []
            if isinstance(v, Mapping)}


def last_curated_answer(events: Iterable[Mapping[str, Any]]) -> Optional[Dict[str, str]]:
    """The curated answer of the current turn: the last bot message since the last user
    message that came from ``utter_faq/<key>`` (``{"answer", "version"}``), else None."""
    found = None
    for event in events:
        if event.get("event") == "user":
            found = None
        elif event.get("event") == "bot":
            action = str((event.get("metadata") or {}).get("utter_action") or "")
            if action.startswith(FAQ_RESPONSE_PREFIX):
                found = {"answer": action[len(FAQ_RESPONSE_PREFIX):],
                         "version": content_version(str(event.get("text") or ""))}
    return found


def escalation_in_conversation(events: Iterable[Mapping[str, Any]],
                               get_slot: Callable[[str], Any]) -> bool:
    """An escalation happened in this conversation: the emergency flag, the escalation log
    (also for signs spread over several messages) or a red-flag intent."""
    from bot.knowledge.red_flags import RED_FLAG_INTENTS, SLOT_RED_FLAG_ACTIVE, SLOT_RED_FLAG_LOG

    if get_slot(SLOT_RED_FLAG_ACTIVE) or get_slot(SLOT_RED_FLAG_LOG):
        return True
    return any(e.get("event") == "user" and ((e.get("parse_data") or {}).get("intent") or {}).get("name")
               in RED_FLAG_INTENTS for e in events)


def slots_to_ask(events: Sequence[Mapping[str, Any]],
                 get_slot: Callable[[str], Any]) -> Optional[Dict[str, Any]]:
    """What ``action_feedback_ask`` decides (the action server's action and the Rasa
    server's in-process copy, ``bot.serve.local_actions``, both call this): ``None`` when
    it asks nothing (no curated answer in this turn, this topic already asked about, or an
    escalation in the conversation), else the slots it sets, in order, with the question
    ``utter_ask_helpful``."""
    answer = last_curated_answer(events)
    asked = list(get_slot(SLOT_ASKED) or [])
    if answer is None or answer["answer"] in asked or escalation_in_conversation(events, get_slot):
        return None
    return {SLOT_PENDING: answer, SLOT_ASKED: [*asked, answer["answer"]]}


def ratings(events: Iterable[Mapping[str, Any]]) -> List[Dict[str, Any]]:
    """The ratings of one conversation, in order; a later record of the same answer and
    version (the comment added to a 👎) replaces the earlier one."""
    out: Dict[tuple, Dict[str, Any]] = {}
    for event in events:
        if event.get("event") != "slot" or event.get("name") != SLOT_FEEDBACK:
            continue
        value = event.get("value")
        if isinstance(value, Mapping) and value.get("answer") and value.get("rating") in (HELPFUL, NOT_HELPFUL):
            key = (value["answer"], value.get("version"))
            out.pop(key, None)
            out[key] = dict(value)
    return list(out.values())
