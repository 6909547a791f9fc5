"""Compile ``knowledge/context_rules.yml`` into trigger matchers and scope settings.

Every trigger list is written in the concept pattern mini-language (``bot/nlp/patterns.py``)
and added under a category name (``neg_forward``, ``long_standing``, ``study`` ...) to a
``ShardedMatcher`` (``bot/nlp/sharded_matcher.py``: one small matcher per anchor word, run
only on messages that contain it, with exactly the matches of one full ``Matcher``); the full
spaCy ``Matcher`` of every pattern is built only on demand, as the reference it is tested
against. ``find_triggers`` returns, per category, the token spans matched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence, Set, Tuple

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from bot.nlp.patterns import cached_norms, to_patterns
from bot.nlp.sharded_matcher import ShardedMatcher

Span = Tuple[int, int]
#: Where a list lives in context_rules.yml: category -> (section, key) (key None: the
#: section itself is the list).
CATEGORY_PATHS: Dict[str, Tuple[str, Optional[str]]] = {
    "neg_forward": ("negation", "forward"),
    "neg_backward": ("negation", "backward"),
    "neg_adjacent": ("negation", "adjacent"),
    "neg_after_list": ("negation", "after_list"),
    "pseudo": ("negation", "pseudo"),
    "normal_function": ("normal_function", "phrases"),
    "time": ("historical", "time_markers"),
    "resolved": ("historical", "resolved"),
    "resolved_ref": ("historical", "resolved_reference"),
    "long_standing": ("long_standing", "markers"),
    "long_standing_ref": ("long_standing", "reference"),
    "long_standing_frame": ("long_standing", "frame"),
    "chronic_state": ("long_standing", "state_phrases"),
    # session 18 (issue 14, rf30a): "on and off" with a span of the last days (bot/nlp/context.py)
    "intermittent": ("long_standing", "intermittent"),
    # session 18 (issue 14, lead): a sign that lasted seconds or minutes (bot/nlp/context.py)
    "passing_span": ("historical", "passing_spans"),
    "lifelong_condition": ("chronic_picture", "lifelong"),
    "past_condition": ("chronic_picture", "past"),
    "relapsing_condition": ("chronic_picture", "relapsing"),
    "change": ("chronic_picture", "change_words"),
    # session 17 (issue 14, rf29a): "my good leg", "the other side" (bot/nlp/pictures.py)
    "unaffected_side": ("chronic_picture", "unaffected_side"),
    "liver_condition": ("liver_picture", "conditions"),
    "liver_habit": ("liver_picture", "habits"),
    "followed": ("followed", "markers"),
    "followed_ref": ("followed", "reference"),
    "onset": ("recent", "onset"),
    "manner": ("recent", "manner"),
    "now": ("recent", "now"),
    "recurrence": ("recent", "recurrence"),
    # session 14 (issue 14, rf25): "this time", "this isn't that": a past frame ends (bot/nlp/context.py)
    "contrast": ("recent", "contrast"),
    "hypothetical": ("hypothetical", "forward"),
    "hyp_backward": ("hypothetical", "backward"),
    "informational": ("informational", "triggers"),
    "question_phrase": ("informational", "question_phrases"),
    "generic": ("informational", "generic_statements"),
    "hearsay": ("informational", "hearsay_frames"),
    "referred_now": ("informational", "referred_now"),
    "study": ("story", "study"),
    "second_hand": ("story", "second_hand"),
    "present_tense": ("story", "present_tense"),
    "past_tense": ("historical", "past_tense"),
    "with_now": ("story", "with_now"),
    "acted": ("story", "acted"),
    "for_real": ("story", "for_real"),
    # session 20 (issue 14, rf32c): a sign said in jest (bot/nlp/stories.py)
    "joke": ("story", "jokes"),
    # session 12 (issue 14, rf15): a hypothetical frame broken by a real event (bot/nlp/frames.py)
    "real_event": ("hypothetical", "broken_by"),
    "others_story": ("story", "others"),
    "topic": ("story", "topic"),
    "advice": ("hypothetical", "advice"),
    "exclusion": ("exclusions", None),
    "habitual": ("current_report", "habitual"),
    "gradual": ("gradual", "markers"),
    "gradual_not": ("gradual", "not_with"),
    # session 17 (issue 14, rf29b)
    "slow_manner": ("gradual", "slow_manner"),
    "slow_span": ("gradual", "slow_spans"),
    "future": ("future_course", "markers"),
    "future_asked": ("future_course", "asked"),
    "explained_cause": ("explained", "causes"),
    "explained_over": ("explained", "over"),
    # session 18 (issue 14, rf30b): everyday causes of other signs, a voice that is back, a source's list, a fear
    "explained_sight_causes": ("explained", "sight_causes"),
    "explained_mouth_causes": ("explained", "mouth_causes"),
    "explained_voice_causes": ("explained", "voice_causes"),
    "explained_voice_over": ("explained", "voice_over"),
    "explained_words_causes": ("explained", "words_causes"),
    # session 19 (issue 14, rf31c): more everyday causes, and the blocks of a sign bound to its cause (bot/nlp/everyday.py)
    "explained_allergy_causes": ("explained", "allergy_causes"),
    "explained_glasses_causes": ("explained", "glasses_causes"),
    "explained_spin_causes": ("explained", "spin_causes"),
    "explained_drink_causes": ("explained", "drink_causes"),
    "explained_posture_causes": ("explained", "posture_causes"),
    "explained_effort_causes": ("explained", "effort_causes"),
    "explained_jab_causes": ("explained", "jab_causes"),
    # session 20 (issue 14, rf32d): a child who has only just started walking (bot/nlp/everyday.py)
    "explained_development_causes": ("explained", "development_causes"),
    "explained_dead_limb_causes": ("explained", "dead_limb_causes"),
    "explained_bound_not": ("explained", "bound_not"),
    "source_list": ("informational", "source_lists"),
    # session 19 (issue 14, rf31b): "on our first aid course today" dates the course (bot/nlp/watch_lists.py)
    "course_date": ("informational", "course_dates"),
    "feared": ("feared", "markers"),
    # session 11 (issue 14, rf14): "he's been himself since" (bot/nlp/recovery.py)
    "well_since": ("well_since", "phrases"),
    # session 12 (issue 14, rf16): a past episode told over several sentences (bot/nlp/episodes.py)
    "back_reference": ("past_episode", "back_reference"),
    "dated_next": ("past_episode", "dated_next"),
    "past_next_sentence": ("past_episode", "next_sentence"),
    "same_episode_after": ("past_episode", "same_episode_after"),
    # session 18 (issue 14, lead): rising counts (bot/nlp/counts.py)
    "count_unit": ("rising_counts", "units"),
    "count_clock": ("rising_counts", "not_counts"),
    "count_earlier": ("rising_counts", "earlier"),
    "count_later": ("rising_counts", "later"),
    "count_change": ("rising_counts", "change_verbs"),
    # session 19 (issue 14, lead): "I think I'm having one" after a condition named (bot/nlp/referred.py)
    "referred_having": ("referred_back", "phrases"),
}
CATEGORIES = tuple(CATEGORY_PATHS)


def word(value: Any) -> str:
    """YAML reads unquoted no/yes as booleans: turn them back into words."""
    if value is False:
        return "no"
    if value is True:
        return "yes"
    if value is None:
        return "none"
    return str(value).lower()


def _list(rules: Dict[str, Any], section: str, key: Optional[str]) -> List[Any]:
    value = rules.get(section, {} if key else [])
    if key is not None:
        value = value.get(key, []) if isinstance(value, dict) else []
    return list(value or [])


@dataclass
class ContextRules:
    """Compiled trigger phrases and scope settings."""

    #: every category's token patterns, as compiled from context_rules.yml
    patterns: Dict[str, List[List[Dict[str, Any]]]]
    vocab: Vocab
    negation_window: int
    terminators: Set[str]
    clause_breaks: Set[str]
    #: subject words: a clause with one is its own statement (``historical.subjects``)
    subjects: Set[str]
    #: (previous word, word): a clause-break word used otherwise ("a while")
    not_breaks: Set[Tuple[str, str]]
    experiencers: Set[str]
    interjection_followers: Set[str]
    #: concepts that describe an ongoing state: long-standing phrases do not make them past
    state_concepts: Set[str]
    #: concepts read as part of a known long-term condition's picture, and the readings
    #: that tell of such a condition (context_rules.yml, ``chronic_picture``)
    chronic_features: Set[str]
    chronic_frames: Set[str]
    chronic_not_after: Set[str]
    relapsing_with: Set[str]
    liver_features: Set[str]
    liver_frames: Set[str]
    liver_not_with: Set[str]
    #: a sentence that opens with one of these is a question even without "?"
    question_openers: Set[str]
    question_lead_ins: Set[str]
    question_endings: Set[str]
    report_max_words: int
    first_person: Set[str]
    third_person: Set[str]
    progressive: Set[str]
    not_current: Set[str]
    #: concepts that a gradual change over months makes no acute sign (``gradual``)
    gradual_for: Set[str]
    #: session 17 (issue 14, rf29b): signs that a slow change over months or years makes no acute sign
    slow_for: Set[str] = field(default_factory=set)
    #: session 18 (issue 14, rf30a): concepts that a past date after "since" does not date ("worse since
    #: his visit a month ago": the date starts the change, ``historical.since_for``)
    since_for: Set[str] = field(default_factory=set)
    #: session 18 (issue 14, lead): stroke-like signs that a recovery phrase makes past only in a sentence dated
    #: days ago or earlier (``historical.passing_warning_for``)
    passing_warning_for: Set[str] = field(default_factory=set)
    #: session 17 (issue 14, rf29b): concepts that a question about the future course makes hypothetical
    future_for: Set[str] = field(default_factory=set)
    #: session 17 (issue 14, rf29b): signs that an everyday cause told with a recovery makes no sign
    explained_for: Set[str] = field(default_factory=set)
    #: session 18 (issue 14, rf30b): each sign's categories of everyday causes (``explained.everyday_for``)
    explained_everyday: Dict[str, Tuple[str, ...]] = field(default_factory=dict)
    #: session 19 (issue 14, rf31c): each sign's causes that explain it with no recovery told (``explained.bound_for``)
    explained_bound: Dict[str, Tuple[str, ...]] = field(default_factory=dict)
    #: session 20 (issue 14, rf32d): bound causes that "still" does not undo (``explained.bound_still``)
    explained_bound_still: Set[str] = field(default_factory=set)
    #: session 18 (issue 14, rf30b): signs that a fear of them to come makes hypothetical (``feared.for``)
    feared_for: Set[str] = field(default_factory=set)
    #: Hindi postpositions spelt like an English experiencer ("clonus me", "pair me"): right
    #: after a concept they name nobody (``informational.postpositions``)
    postpositions: Set[str] = field(default_factory=set)
    #: nouns for people in general ("kuch logon me", "bachchon me"): a postposition right
    #: after one names nobody either (``informational.postposition_heads``, session 9)
    postposition_heads: Set[str] = field(default_factory=set)
    #: words that only join the items of a list ("numbness and weakness went away"): a
    #: resolved phrase after a list covers every item; after a concept with its own words
    #: in between ("muh tedha ho gaya aur haath thik ho gaya") it covers only the later one
    list_joiners: Set[str] = field(default_factory=set)
    #: a negation's list of items ("denies headache, blurred vision, slurred speech, facial
    #: droop and any numbness") reaches a concept up to this many tokens away (0: never),
    #: each item at most ``list_item_words`` words besides the concepts (``negation.list``)
    list_window: int = 0
    list_item_words: int = 3
    #: "no" / "not" before one item does not reach a later item after a comma that has its
    #: own time words, unless a verb follows the negation (``negation.own_item``)
    own_item_triggers: Set[str] = field(default_factory=set)
    own_item_verbs: Set[str] = field(default_factory=set)
    #: a negation that closes a list denies every item of it, and the words allowed between
    #: the items besides joiners and commas (``negation.list_end``, ``negation.list_fillers``;
    #: Hindi, ``bot/nlp/lists.py``)
    list_negation_ends: Set[str] = field(default_factory=set)
    #: session 11 (issue 14, rf14): concepts that a later "he's been himself since" makes past
    #: (``well_since``, ``bot/nlp/recovery.py``), those it does whatever time their clause
    #: tells, and the concepts that do not stop it (no warning sign of their own)
    well_since_for: Set[str] = field(default_factory=set)
    well_since_any_time: Set[str] = field(default_factory=set)
    well_since_neutral: Set[str] = field(default_factory=set)
    #: words before a back reference or a dating clause that make it a comparison ("just like
    #: back then"): ``past_episode.not_after``, bot/nlp/episodes.py
    past_not_after: Set[str] = field(default_factory=set)
    #: a word right before a later mention of a past concept that points back at it ("the")
    same_episode_before: Set[str] = field(default_factory=set)
    list_fillers: Set[str] = field(default_factory=set)
    #: session 18 (issue 14, lead): number words and their values, and the label a rising count
    #: gets (``rising_counts``, bot/nlp/counts.py)
    count_words: Dict[str, float] = field(default_factory=dict)
    count_label: str = "WORSENING"
    #: session 19 (issue 14, lead): conditions a later "having one" refers back to, the concept each stands for,
    #: and how far back (tokens) (``referred_back``, bot/nlp/referred.py)
    referred_conditions: Dict[str, str] = field(default_factory=dict)
    referred_reach: int = 30
    #: the same patterns as ``matcher``, run only where their words occur (the same
    #: matches, much faster: ``bot/nlp/sharded_matcher.py``); None: ``matcher`` is used
    sharded: Optional[ShardedMatcher] = None
    _full: Optional[Matcher] = field(default=None, init=False, repr=False, compare=False)

    @property
    def matcher(self) -> Matcher:
        """One spaCy ``Matcher`` with every pattern (the reference the sharded matcher is
        tested against). Built on first use only: adding ~10,000 patterns with sets of
        words to one ``Matcher`` took most of the pipeline's load time, and the sharded
        matcher finds the same matches."""
        if self._full is None:
            full = Matcher(self.vocab)
            for category, patterns in self.patterns.items():
                full.add(category, patterns)
            self._full = full
        return self._full

    @classmethod
    def from_dict(cls, rules: Dict[str, Any], nlp: Language,
                  norms: Optional[Callable[[str], List[str]]] = None) -> "ContextRules":
        if norms is None:
            norms = cached_norms(lambda text: [t.norm_ for t in nlp.make_doc(text)])
        compiled: Dict[str, List[List[Dict[str, Any]]]] = {}
        for category, (section, key) in CATEGORY_PATHS.items():
            patterns = []
            for phrase in _list(rules, section, key):
                text = word(phrase).strip()
                if text:
                    patterns.extend(to_patterns(text, norms))
            if patterns:
                compiled[category] = patterns

        def words(values: Sequence[Any]) -> Set[str]:
            return {word(v) for v in values}

        report = rules.get("current_report", {}) or {}
        return cls(
            patterns=compiled,
            vocab=nlp.vocab,
            sharded=ShardedMatcher(nlp.vocab, ((c, p) for c, ps in compiled.items() for p in ps)),
            negation_window=int(rules.get("negation", {}).get("window", 7)),
            terminators=words(rules.get("terminators", [])),
            clause_breaks=words(rules.get("clause_breaks", [])),
            subjects=words((rules.get("historical", {}) or {}).get("subjects", [])),
            not_breaks={tuple(word(v).split()[-2:]) for v in rules.get("not_breaks", [])  # type: ignore[misc]
                        if len(word(v).split()) >= 2},
            experiencers=words(rules.get("informational", {}).get("experiencers", [])),
            interjection_followers=words(rules.get("negation", {}).get("interjection_followers", [])),
            state_concepts={str(c) for c in rules.get("long_standing", {}).get("not_for", [])},
            chronic_features={str(c) for c in rules.get("chronic_picture", {}).get("features", [])},
            chronic_frames={str(c) for c in rules.get("chronic_picture", {}).get("frames", [])},
            chronic_not_after=words(rules.get("chronic_picture", {}).get("not_after", [])),
            relapsing_with={str(c) for c in rules.get("chronic_picture", {}).get("relapsing_with", [])},
            liver_features={str(c) for c in rules.get("liver_picture", {}).get("features", [])},
            liver_frames={str(c) for c in rules.get("liver_picture", {}).get("frames", [])},
            liver_not_with={str(c) for c in rules.get("liver_picture", {}).get("not_with", [])},
            question_openers=words(rules.get("informational", {}).get("question_openers", [])),
            question_lead_ins=words(rules.get("informational", {}).get("question_lead_ins", [])),
            question_endings=words(rules.get("informational", {}).get("question_endings", [])),
            report_max_words=int(report.get("max_words", 25)),
            first_person=words(report.get("first_person", [])),
            third_person=words(report.get("third_person", [])),
            progressive=words(report.get("progressive", [])),
            not_current={str(c) for c in report.get("not_current", [])},
            gradual_for={str(c) for c in (rules.get("gradual", {}) or {}).get("for", [])},
            slow_for={str(c) for c in (rules.get("gradual", {}) or {}).get("slow_for", [])},
            since_for={str(c) for c in (rules.get("historical", {}) or {}).get("since_for", [])},
            passing_warning_for={str(c) for c in (rules.get("historical", {}) or {}).get("passing_warning_for", [])},
            future_for={str(c) for c in (rules.get("future_course", {}) or {}).get("for", [])},
            explained_for={str(c) for c in (rules.get("explained", {}) or {}).get("for", [])},
            explained_everyday={str(label): tuple(f"explained_{k}" for k in keys) for label, keys in
                                ((rules.get("explained", {}) or {}).get("everyday_for", {}) or {}).items()},
            explained_bound={str(label): tuple(f"explained_{k}" for k in keys) for label, keys in
                             ((rules.get("explained", {}) or {}).get("bound_for", {}) or {}).items()},
            explained_bound_still={f"explained_{k}" for k in (rules.get("explained", {}) or {}).get("bound_still", [])},
            feared_for={str(c) for c in (rules.get("feared", {}) or {}).get("for", [])},
            postpositions=words(rules.get("informational", {}).get("postpositions", [])),
            postposition_heads=words(rules.get("informational", {}).get("postposition_heads", [])),
            list_joiners=words(rules.get("list_joiners", [])),
            list_window=int((rules.get("negation", {}).get("list", {}) or {}).get("window", 0)),
            list_item_words=int((rules.get("negation", {}).get("list", {}) or {}).get("item_words", 3)),
            own_item_triggers=words((rules.get("negation", {}).get("own_item", {}) or {}).get("triggers", [])),
            own_item_verbs=words((rules.get("negation", {}).get("own_item", {}) or {}).get("verbs", [])),
            list_negation_ends=words(rules.get("negation", {}).get("list_end", [])),
            list_fillers=words(rules.get("negation", {}).get("list_fillers", [])),
            well_since_for={str(c) for c in (rules.get("well_since", {}) or {}).get("for", [])},
            well_since_any_time={str(c) for c in (rules.get("well_since", {}) or {}).get("any_time", [])},
            well_since_neutral={str(c) for c in (rules.get("well_since", {}) or {}).get("neutral", [])},
            past_not_after=words((rules.get("past_episode", {}) or {}).get("not_after", [])),
            same_episode_before=words((rules.get("past_episode", {}) or {}).get("same_episode_before", [])),
            count_words={word(k): float(v) for k, v in ((rules.get("rising_counts", {}) or {}).get("numbers", {}) or {}).items()},
            count_label=str((rules.get("rising_counts", {}) or {}).get("label", "WORSENING")),
            referred_conditions={str(k).lower(): str(v) for k, v in
                                 ((rules.get("referred_back", {}) or {}).get("conditions", {}) or {}).items()},
            referred_reach=int((rules.get("referred_back", {}) or {}).get("reach", 30)),
        )


def find_triggers(doc: Doc, rules: ContextRules) -> Dict[str, List[Span]]:
    """Token spans of every trigger category in the doc (cached on the doc)."""
    cached = doc.user_data.get("clonus_triggers")
    if cached is not None:
        return cached
    found: Dict[str, List[Span]] = {c: [] for c in CATEGORIES}
    matcher = rules.sharded if rules.sharded is not None else rules.matcher
    # the same (category, start, end) matches either way; sorted below, so their order
    # does not matter
    for match_id, start, end in matcher(doc):
        found[doc.vocab.strings[match_id]].append((start, end))
    for spans in found.values():
        spans.sort()
    doc.user_data["clonus_triggers"] = found
    return found
