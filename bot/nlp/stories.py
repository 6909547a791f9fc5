"""Whose story a concept belongs to, and whether its sentence is a question (moved from
``bot.nlp.context`` in session 9 to keep that module under ~400 lines; rules in
``knowledge/context_rules.yml``, ``story`` and ``informational``).

- ``story``: someone else's story, a study or curiosity question, fiction, a sign acted out
  in a drill or scenario, the topic of an essay (informational), never a clause with a
  clock time of its own or a sentence that says the writer is with someone now.
- ``is_question`` / ``opens_question``: a question mark, an opening like a question, a
  question phrase or a search-style last word.
- ``words_of``: the words of a span (lower case and norm) for the experiencer checks.

``reading`` is ``bot.nlp.context._Reading`` (the doc's filtered triggers).
"""

from __future__ import annotations

from typing import Any, Optional, Tuple

from spacy.tokens import Doc, Span

from bot.nlp.triggers import ContextRules
from bot.nlp.watch_lists import says_well

TokenSpan = Tuple[int, int]


def _text(doc: Doc, span: TokenSpan) -> str:
    return doc[span[0]:span[1]].text


def _within(span: TokenSpan, scope: TokenSpan) -> bool:
    return scope[0] <= span[0] and span[1] <= scope[1]


def opens_question(doc: Doc, sent: TokenSpan, rules: ContextRules) -> bool:
    """The sentence opens like a question ("is slurred speech a sign of stroke"), after
    any lead-in words ("so", "quick question:")."""
    for i in range(*sent):
        word = doc[i].lower_
        if word in rules.question_openers:
            return True
        if not (doc[i].is_punct or word in rules.question_lead_ins):
            return False
    return False


#: words that deny a search-style last word ("no other signs") (session 12, rf18)
_DENYING = frozenset({"no", "not", "without", "none", "never", "nothing"})


def is_question(reading: Any, sent: TokenSpan, clause: TokenSpan) -> bool:
    """A question mark, a sentence or clause that opens like a question, a question phrase
    anywhere ("when to worry"), or a search-style last word ("tingling in hands causes")."""
    doc, rules = reading.doc, reading.rules
    if "?" in doc[sent[0]:sent[1]].text or reading.any_in("question_phrase", sent):
        return True
    if opens_question(doc, sent, rules) or opens_question(doc, clause, rules):
        return True
    words = [t for t in doc[sent[0]:sent[1]] if not t.is_punct]
    # session 12 (issue 14, rf18): "never had it before, no injury, no other signs." denies the
    # last word ("no other signs", "without any symptoms"): no search-style query
    return bool(words) and words[-1].lower_ in rules.question_endings and \
        not any(t.norm_ in _DENYING for t in words[-4:-1])


def words_of(doc: Doc, span: TokenSpan, rules: ContextRules) -> set[str]:
    """The words (lower case and norm) of a span, without a Hindi postposition spelt like
    an English pronoun right after a concept or a noun for people in general ("clonus me"
    is "in clonus", "kuch logon me" is "in some people", not "me")."""
    out: set[str] = set()
    for i in range(*span):
        token = doc[i]
        if token.lower_ in rules.postpositions and i > 0 and \
                (doc[i - 1].ent_type_ or doc[i - 1].lower_ in rules.postposition_heads):
            continue
        out |= {token.lower_, token.norm_}
    return out


#: words of an onset anchor that give a clock time ("an hour ago", "since 20 minutes")
_CLOCK_WORDS = frozenset({"ago", "since", "hour", "hours", "minute", "minutes", "mins", "hr", "hrs", "back"})


def _clock_time(reading: Any, clause: TokenSpan) -> bool:
    """The clause tells when the sign began by the clock ("an hour ago", "since 20 minutes")."""
    doc = reading.doc
    return any(_within(t, clause) and {doc[i].lower_ for i in range(*t)} & _CLOCK_WORDS
               for t in reading.found["onset"])


#: long-term conditions one "has" (not matched as concepts)
_LIFELONG = frozenset({"epilepsy", "asthma", "diabetes", "autism", "adhd", "dyspraxia", "migraines",
                       "eczema", "allergies", "cp", "ms", "dementia", "parkinson's", "parkinsons"})


def _tells_present(reading: Any, clause: TokenSpan) -> bool:
    """A present-tense word in the clause, not counting "has" / "have" right before a condition
    (session 12, issue 14, rf17: "a girl in my daughter's class has epilepsy and had a seizure last
    week" tells a past seizure of someone who lives with a condition)."""
    doc = reading.doc
    for t in reading.found["present_tense"]:
        if not _within(t, clause):
            continue
        if doc[t[0]:t[1]].text.lower() in {"has", "have"} and t[1] < len(doc) and (
                doc[t[1]].ent_type_ == "CONDITION" or doc[t[1]].lower_ in _LIFELONG):
            continue
        return True
    return False


def story(reading: Any, ent: Span, clause: TokenSpan) -> Optional[str]:
    """Someone else's story or a study question (see context_rules.yml, ``story``)."""
    doc, rules, found = reading.doc, reading.rules, reading.found
    sent = (ent.sent.start, ent.sent.end)
    # session 9 (rf7): a sign acted out in a drill or a scenario, whatever day it is told
    # with, unless its clause says it is real or tells a sudden or timed start
    acted = reading.any_in("acted", sent)
    if acted and not (reading.any_in("for_real", clause) or reading.any_in("manner", clause)
                      or _clock_time(reading, clause)):
        return _text(doc, acted)
    # session 20 (rf32c): a sign said in jest ("he jokes he's having a stroke at every bill"), unless its clause tells
    # now, a start, suddenly or a clock time ("... but right now his face is drooping")
    joke = reading.any_in("joke", sent)
    if joke and not (any(reading.any_in(c, clause) for c in ("now", "onset", "manner", "with_now", "recurrence",
                                                             "for_real")) or _clock_time(reading, clause)):
        return _text(doc, joke)
    # session 9 (rf7): a clause with a clock time of its own is nobody's old story
    # (session 12, rf15: nor a sentence that puts the sign on someone now, "like my dad's just did")
    if reading.any_in("with_now", sent) or _clock_time(reading, clause) or reading.any_in("real_event", sent):
        return None
    # session 9 (rf7): the topic of an essay, a talk or a leaflet, before the concept
    topic = next((t for t in found["topic"] if _within(t, clause) and t[1] <= ent.start), None)
    if topic is not None and not (reading.any_in("now", clause) or reading.any_in("manner", clause)):
        return _text(doc, topic)
    clause_words = words_of(doc, clause, rules)
    story_here = any(_within(t, clause) for c in ("study", "second_hand", "others_story") for t in found[c])
    if clause_words & rules.first_person and not story_here:
        return None
    told_in_past = not _tells_present(reading, clause)
    # a study question may be asked in the next sentence ("For my exam: a patient ... Which
    # red flag is it?")
    asked = is_question(reading, sent, clause) or reading.asks
    if found["study"] and (told_in_past or asked):
        return _text(doc, found["study"][0])
    if found["second_hand"] and told_in_past:
        return _text(doc, found["second_hand"][0])
    # session 9 (rf7): "a friend's son got ...", "my uncle's stroke was nothing like this: his
    # face drooped": only in a message with no word of now, onset or return anywhere
    # (session 19, rf31b: not a "now" that only says the person is well again, "He's home now and fine")
    anchored = any(not says_well(reading, (doc[t[0]].sent.start, doc[t[0]].sent.end))
                   for c in ("now", "onset", "with_now", "recurrence") for t in found[c])
    if found["others_story"] and told_in_past and not anchored:
        return _text(doc, found["others_story"][0])
    return None
