"""New courses of jerking told over days or weeks (session 20, issue 14, rf32b; FindADoctor guide 2026: new
clonus and clonus getting worse are for a doctor today).

An intermittent habit ("on and off", "comes and goes") reads as long-standing unless a date of the last days is
told with it. Session 18 looked for that date in the concept's own clause only ("jerking on and off for the past
two days"); people also tell the start first and the jerking after it in the same sentence ("on tramadol since
the 3rd and my legs have been jerking on and off"), or in the sentence just before it ("On citalopram since the 14th.
My calves jerk on and off"): the jerking began then and goes on now.
"""

from __future__ import annotations

from typing import Iterable

from spacy.tokens import Doc

from bot.nlp.spans import TokenSpan, within


def dated_earlier(doc: Doc, concept_start: int, sent: TokenSpan, dates: Iterable[TokenSpan]) -> bool:
    """Whether one of ``dates`` (spans of a recent date) stands before the concept in its sentence ``sent`` or in the
    sentence just before it."""
    first = doc[sent[0] - 1].sent.start if sent[0] > 0 else sent[0]
    return any(within(d, (first, sent[1])) and d[1] <= concept_start for d in dates)
