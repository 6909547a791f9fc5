"""Mentions that are no report of a sign now (session 18, issue 14, rf30b; moved out of
``bot.nlp.context`` by the lead to keep that module small; rules in ``knowledge/context_rules.yml``):

- ``source_list``: a list read in a leaflet, on a website or given on a course ("the leaflet
  mentions sweating, fever, agitation, confusion"): informational, unless the story puts the list
  on someone or a later sentence is told now (``informational.source_lists``);
- ``feared``: a stroke or a seizure feared ("I worry a lot about having a stroke"): hypothetical
  (``feared``);
- ``comparison``: "worse than my right / the other side" compares two things, no worsening;
- ``next_sentence_reference``: a long-standing phrase opening the next sentence ("It's been that
  way for a couple of years.") dates the concept (``long_standing.reference``).

Each keeps the sign when its sentence holds a word of onset, "now", return or a recent or sudden
date (``anchored_now``). ``reading`` is ``bot.nlp.context._Reading`` (the doc's filtered triggers).
"""

from __future__ import annotations

from typing import Any, Optional

from spacy.tokens import Span

from bot.nlp.conditions import SIGN_ITEM_WORDS, TIME_CONCEPTS, labels_by_token
from bot.nlp.spans import TokenSpan
from bot.nlp.spans import text_of as _text
from bot.nlp.spans import within as _within
from bot.nlp.watch_lists import anchored_beyond_course, denies_list, had_one, had_one_undenied

#: session 18 (issue 14, rf30b): anchors that keep a sign present in its sentence whatever a list's source, a fear
#: or a long-standing phrase of the next sentence says
_NOW_ANCHORS = ("onset", "now", "with_now", "manner", "recurrence")
#: session 18 (issue 14, rf30b): concepts that date a sentence now
_DATED_NOW = ("SUDDEN", "SUDDEN_JERK", "TODAY_ONSET", "RECENT_START", "DAYS_AGO", "FIRST_EVER")
#: session 18 (issue 14, rf30b): a subject between a source and its verb makes the verb someone's ("since the course
#: he said ...")
_PERSONS = frozenset({"i", "he", "she", "we", "you", "they"})


#: session 18 (issue 14, rf30b): words a list's item may hold besides its signs ("slurred speech", "muscle jerks")
_LIST_NOUNS = frozenset({",", "/", "speech", "vision", "sight", "face", "arm", "arms", "leg", "legs", "muscle",
                         "muscles", "problems", "problem", "difficulty", "trouble", "pain", "changes", "loss", "body",
                         "side", "one", "eye", "eyes", "temperature", "temp", "as", "the", "sign",
                         "signs", "symptom", "symptoms", "warning",
                         # session 19 (issue 14, rf31b): items of a clinician's list that are no red flag themselves
                         "vomiting", "being", "sick", "drowsiness", "drowsy", "sleepiness", "dizziness", "nausea",
                         "feeling", "unusually", "sleepy", "fits", "fit", "fitting", "seizures", "seizure"})


#: session 18 (issue 14, rf30b): words that point back at a list just read ("he has them all", "all three")
_LIST_BACK = frozenset({"them", "those", "these", "all", "both", "exactly", "three", "four", "five", "same"})


#: session 18 (issue 14, rf30b): experiencer words that name nobody in particular, and words that say all is well
_NOT_PERSONS = frozenset({"them", "now", "today", "tonight", "currently", "right now", "it's happening"})
_WELL = frozenset({"fine", "well", "ok", "okay", "normal", "alright", "great", "good", "nothing"})
_IS = frozenset({"is", "are", "'s", "'re", "be"})


def anchored_now(reading: Any, scope: TokenSpan) -> bool:
    """Session 18 (issue 14, rf30b): ``scope`` holds a word of onset, "now", return or a sudden or recent date."""
    return any(reading.any_in(c, scope) for c in _NOW_ANCHORS) or any(
        _within(s, scope) for label in _DATED_NOW for s in reading.entity_spans_of(label))


def source_list(reading: Any, ent: Span) -> Optional[str]:
    """Session 18 (issue 14, rf30b): a concept of a list read in a leaflet, on a website or given on a course
    ("the leaflet mentions sweating, fever, agitation, confusion") right after the phrase (items of signs only
    between them), in a sentence with no word of onset, "now", return or recent date (knowledge/context_rules.yml,
    ``informational.source_lists``)."""
    doc = reading.doc
    sent = (ent.sent.start, ent.sent.end)
    triggers = [t for t in reading.found["source_list"] if _within(t, sent) and t[1] <= ent.start
                and not any(doc[i].lower_ in _PERSONS for i in range(*t))]
    # (session 19, rf31b: a date of the course is no anchor, "in our first aid course today", unless someone had the
    # thing later on, "and my colleague had one in the session")
    if not triggers or reading.any_in("real_event", sent) or anchored_beyond_course(
            reading, sent, _NOW_ANCHORS, _DATED_NOW, exempt=not had_one(reading, (triggers[0][1], len(doc)))):
        return None
    # (nor when the story goes on to put the list on someone: "He has them all.", "My mum has all three since ten
    # minutes ago", "That's exactly what's happening to Dad now"; session 19, rf31b: unless it puts it on nobody,
    # "I don't have any of those", bot/nlp/watch_lists.py)
    rest = range(triggers[0][1], len(doc))
    persons = reading.rules.experiencers - _NOT_PERSONS
    # (session 19, lead: "is clonus one of them?" asks about the list and puts it on nobody)
    back = [i for i in rest if doc[i].lower_ in _LIST_BACK and not _asks_membership(doc, i)]
    if back and any(doc[i].lower_ in persons for i in rest) \
            and not _all_denied(reading, triggers[0][1]):
        return None
    # (session 20, rf32c: "the leaflet lists seizures and she's just had one" puts the list on someone)
    if had_one_undenied(reading, (triggers[0][1], len(doc))) and any(doc[i].lower_ in persons for i in rest):
        return None
    # (a later sentence told now, unless it says all is well: "She's fine at the moment")
    i = sent[1]
    while i < len(doc):
        later = (i, doc[i].sent.end)
        if anchored_now(reading, later) and not any(doc[j].lower_ in _WELL for j in range(*later)):
            return None
        i = later[1]
    covered = labels_by_token(doc)
    for trig in triggers:
        if all((i in covered and covered[i] not in TIME_CONCEPTS) or doc[i].lower_ in SIGN_ITEM_WORDS
               or doc[i].lower_ in _LIST_NOUNS for i in range(trig[1], ent.start)):
            return _text(doc, trig)
    return None


def _asks_membership(doc: Any, i: int) -> bool:
    """Session 19 (lead): the list-back word ``i`` closes "is X one of them / among those", asking whether something
    belongs to the list ("just wondering if clonus is one of them?"), not putting the list on someone."""
    words = [doc[j].lower_ for j in range(max(0, i - 3), i)]
    return (words[-2:] in (["one", "of"], ["any", "of"]) and any(w in _IS for w in words[:-2])) or (
        words[-1:] == ["among"] and any(w in _IS for w in words[-3:-1]))


def _all_denied(reading: Any, start: int) -> bool:
    """Session 19 (issue 14, rf31b): every sentence part from token ``start`` on that points back at the list denies
    it ("I don't have any of those", bot/nlp/watch_lists.py)."""
    doc, i, parts = reading.doc, start, []
    while i < len(doc):
        parts.append((i, doc[i].sent.end))
        i = parts[-1][1]
    pointing = [p for p in parts if any(doc[j].lower_ in _LIST_BACK for j in range(*p))]
    return all(denies_list(reading, p, _LIST_BACK, anchored_now(reading, p)) for p in pointing)


def feared(reading: Any, ent: Span) -> Optional[str]:
    """Session 18 (issue 14, rf30b): a stroke or a seizure feared ("I worry a lot about having a stroke", "my
    biggest fear is having a seizure"): the marker ends at most two words before the concept or inside it, in a
    sentence with no word of onset, "now", return or recent date (knowledge/context_rules.yml, ``feared``)."""
    if ent.label_ not in reading.rules.feared_for:
        return None
    sent = (ent.sent.start, ent.sent.end)
    marker = next((t for t in reading.found["feared"] if _within(t, sent) and t[0] < ent.end and t[1] <= ent.end
                   and ent.start - t[1] <= 2), None)
    if marker is None or anchored_now(reading, sent):
        return None
    return _text(reading.doc, marker)


#: session 18 (issue 14, rf30b): what a "worse than" compares with when it compares two things, not two times
_COMPARED = frozenset({"left", "right", "other", "good", "better", "healthy", "brother", "sister", "twin", "friends",
                       "friend", "peers", "classmates", "others", "everyone", "most"})


def comparison(reading: Any, ent: Span) -> Optional[str]:
    """Session 18 (issue 14, rf30b): "worse than my right", "worse than the other side", "worse than my brother's"
    compares two things and tells of no worsening (the sign compared keeps its own reading); "worse than yesterday"
    stays a worsening; so does any comparison in a sentence with a word of onset, "now", return or a recent date."""
    doc = reading.doc
    if ent.label_ not in reading.rules.future_for or ent.end >= len(doc) or doc[ent.end].lower_ != "than":
        return None
    if not any(doc[i].lower_ in _COMPARED for i in range(ent.end + 1, min(ent.end + 4, ent.sent.end))):
        return None
    if anchored_now(reading, (ent.sent.start, ent.sent.end)):
        return None
    return _text(doc, (ent.start, min(ent.end + 4, ent.sent.end)))


#: session 18 (issue 14, rf30b): words of a long span, and of a short one, after a phrase pointing back
_LONG_WORDS = frozenset({"years", "year", "decades", "decade", "ages", "months", "birth", "childhood", "forever",
                         "always", "long", "yonks", "teenager", "teen", "kid", "child", "baby", "school", "little"})
_SHORT_WORDS = frozenset({"minutes", "minute", "mins", "min", "hours", "hour", "hrs", "hr", "seconds", "days", "day",
                          "weeks", "week", "today", "tonight", "morning", "lunch", "lunchtime", "afternoon", "evening",
                          "yesterday", "o'clock", "am", "pm"})


def next_sentence_reference(reading: Any, ent: Span) -> Optional[str]:
    """Session 18 (issue 14, rf30b): a long-standing phrase that opens the next sentence and points back ("Dad gets
    muddled in the evenings. It's been that way for a couple of years.") dates a concept whose own sentence holds no
    word of onset, "now", return or recent date."""
    doc = reading.doc
    sent = (ent.sent.start, ent.sent.end)
    if sent[1] >= len(doc) or anchored_now(reading, sent):
        return None
    nxt = (sent[1], doc[sent[1]].sent.end)
    trig = next((t for t in reading.found["long_standing_ref"] if _within(t, nxt) and t[0] <= nxt[0] + 1), None)
    # (a long span told in words: "for 3 hours", "for 10 minutes" are no long standing)
    words = {doc[i].lower_ for i in range(trig[0], min(trig[1] + 1, nxt[1]))} if trig is not None else set()
    if trig is None or not words & _LONG_WORDS or words & _SHORT_WORDS or anchored_now(reading, nxt):
        return None
    return _text(doc, trig)
