"""Curated answers read in the conversation's context: follow-ups, "Do you mean...?",
courtesy inside a question, and the warning signs after a mention.

The NLU judges each message alone. This policy looks at the latest message together with
the conversation and, right after a user message, plans the bot's turn:

- **Unsure, so ask** (``utter_clarify_topic``): the message asks about a curated topic,
  but the response selector's best topic is weak or the best two are close. The user gets
  "Do you mean...?" with the closest topics as buttons (each button's payload is the
  topic's own question, so the pick is answered like any question) and "something else".
- **Follow-ups**: a short message right after a curated answer that the classifier put
  out of scope or did not understand ("any tablets for that?") is read as a question
  about clonus: answered when the topic is clear, otherwise the same "Do you mean...?".
  A guard's decision (dose requests, unreadable input) is never overridden.
- **A fresh "can it wait?"** (``downplay_emergency`` with no escalation active) is a
  question about when to see a doctor: it gets the curated answer, never the text for
  someone downplaying an escalation.
- **Thanks or a greeting + a question**: the question is answered, after a short "You're
  welcome." or the greeting, even when the classifier heard only the courtesy.
- **Warning signs only mentioned** (denied, hypothetical, past, asked about): after the
  answer, one line says which signs need emergency help if they start
  (``utter_red_flag_watch_for``).

Planned turns start with the disclaimer when the conversation has none yet. Escalations
always win: the policy never acts on a red-flag intent, inside a form, or while the
combined red-flag policy (priority 8, above this one's 7) escalates; on any error it
predicts nothing and the rules answer as before.
"""

from __future__ import annotations

import re
from typing import Any, Collection, Dict, List, Optional, Sequence, Text, Tuple

from rasa.core.policies.policy import PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.constants import (
    CLARIFY_COUNT_SLOT,
    CLARIFY_OPTION_SLOTS,
    DOWNPLAY_INTENT,
    FAQ_INTENT,
    GREET_INTENT,
    INTENT_FORCED_BY_KEY,
    NLU_FALLBACK_INTENT,
    OUT_OF_SCOPE_INTENT,
    THANK_INTENT,
    UTTER_CLARIFY_TOPIC,
    UTTER_DEFAULT,
    UTTER_DISCLAIMER,
    UTTER_FAQ,
    UTTER_GREET,
    UTTER_OUT_OF_SCOPE,
    UTTER_THANK_BRIEF,
    UTTER_WATCH_FOR,
)
from bot.knowledge.feedback import ACTION_ASK as ACTION_FEEDBACK_ASK
from bot.knowledge.files import load_hindi_titles, load_topics
from bot.knowledge.red_flags import (
    CONTEXT_CONCEPTS,
    PARSE_KEY,
    PRESENT,
    RED_FLAG_INTENTS,
    SLOT_RED_FLAG_ACTIVE,
)
from bot.nlu.language import ENGLISH, HINDI
from bot.policies.combined_red_flags import actions_since_user
from bot.policies.language_slots import turn_answer_language
from bot.policies.planned import PlannedPolicy

#: A thank-you inside a longer message ("thanks so much, and can he still swim?").
THANKS = re.compile(r"\b(thanks?|thank\s*(you|u)|thx|tnx|ty|cheers|grateful|appreciate)\b", re.I)
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
#: Courtesy words stripped before asking whether a greeting or a thank-you also asks
#: something ("hi, what helps with clonus at night?").
COURTESY = re.compile(r"\b(hi+|hello|hey|hiya|namaste|good (morning|afternoon|evening)|dear|"
                      r"thanks?|thank\s*(you|u)|thx|tnx|ty|cheers|so much|a lot|very much|doctor|"
                      r"sir|madam|team|there|all|again|ok(ay)?)\b", re.I)
QUESTION = re.compile(r"\?|\b(what|why|how|when|where|which|who|can|could|should|is|are|does|do|"
                      r"will|would|any)\b", re.I)

#: The rules' own answer for the intents whose turn this policy may extend.
COURTESY_INTENTS = (GREET_INTENT, THANK_INTENT)
RULE_ANSWERS = {FAQ_INTENT: UTTER_FAQ, OUT_OF_SCOPE_INTENT: UTTER_OUT_OF_SCOPE,
                NLU_FALLBACK_INTENT: UTTER_DEFAULT}
RULE_INTENT = {answer: intent for intent, answer in RULE_ANSWERS.items()}


def topic_ranking(parse_data: Dict[str, Any]) -> List[Tuple[str, float]]:
    """The response selector's topics (``faq/<key>`` -> ``<key>``), best first."""
    selector = ((parse_data.get("response_selector") or {}).get(FAQ_INTENT) or {})
    ranking = []
    for item in selector.get("ranking") or []:
        key = str(item.get("intent_response_key") or "")
        if key.startswith(f"{FAQ_INTENT}/"):
            ranking.append((key.split("/", 1)[1], float(item.get("confidence") or 0.0)))
    return ranking


def is_clear(ranking: Sequence[Tuple[str, float]], minimum: float, margin: float) -> bool:
    """The best topic is strong enough and ahead of the second by ``margin``."""
    if not ranking:
        return False
    second = ranking[1][1] if len(ranking) > 1 else 0.0
    return ranking[0][1] >= minimum and ranking[0][1] - second >= margin


def clarify_options(ranking: Sequence[Tuple[str, float]], known: Collection[str]) -> List[str]:
    """The topics a "Do you mean...?" offers as buttons: the two closest, and a third only
    when it is within reach of the second (half its confidence or more); only ``known``
    topics (the catalogue's)."""
    options = [key for key, _ in ranking[:2] if key in known]
    if len(ranking) > 2 and ranking[2][0] in known and ranking[2][1] >= ranking[1][1] / 2:
        options.append(ranking[2][0])
    return options


def first_message_answer(parse_data: Dict[str, Any], minimum: float, margin: float) -> Optional[str]:
    """How the policy answers a message that opens a conversation (no follow-up context,
    no courtesy): ``UTTER_FAQ`` (the best topic), ``UTTER_CLARIFY_TOPIC`` ("Do you
    mean...?") or None (the rules answer the intent; an escalation, a guard's decision)."""
    intent = str((parse_data.get("intent") or {}).get("name") or "")
    if intent in RED_FLAG_INTENTS or (parse_data.get(PARSE_KEY) or {}).get("escalate"):
        return None
    ranking = topic_ranking(parse_data)
    clear = is_clear(ranking, minimum, margin)
    if intent in (FAQ_INTENT, DOWNPLAY_INTENT):
        return UTTER_FAQ if clear else UTTER_CLARIFY_TOPIC
    if (intent == NLU_FALLBACK_INTENT and ranking and not parse_data.get(INTENT_FORCED_BY_KEY)
            and best_other_intent(parse_data) == FAQ_INTENT):
        return UTTER_CLARIFY_TOPIC  # leaned to a topic, too unsure to answer
    return None


def asks_beyond_courtesy(text: str) -> bool:
    """A greeting or thank-you that also asks a question of three words or more."""
    rest = COURTESY.sub(" ", text)
    return len(WORD.findall(rest)) >= 3 and bool(QUESTION.search(rest))


def best_other_intent(parse_data: Dict[str, Any]) -> Optional[str]:
    """The best intent other than the fallback (what the classifier leaned to)."""
    for item in parse_data.get("intent_ranking") or []:
        name = item.get("name")
        if name and name != NLU_FALLBACK_INTENT:
            return str(name)
    return None


def mentions_signs_only(parse_data: Dict[str, Any]) -> bool:
    """Warning-sign concepts were mentioned, none of them as present now."""
    assessment = parse_data.get(PARSE_KEY) or {}
    if assessment.get("escalate"):
        return False
    concepts = [c for c in assessment.get("concepts") or [] if isinstance(c, dict)]
    signs = [c for c in concepts if c.get("label") not in CONTEXT_CONCEPTS]
    return bool(signs) and not any(c.get("status", PRESENT) == PRESENT for c in signs)


def session_before_latest(tracker: DialogueStateTracker) -> Tuple[List[Event], List[str]]:
    """This session's events before the latest user message, and its earlier user turns'
    actions (names only), for deciding what the conversation already had."""
    events = list(tracker.events)
    last_user = max((i for i, e in enumerate(events) if isinstance(e, UserUttered)), default=None)
    if last_user is None:
        return [], []
    start = max((i for i, e in enumerate(events[:last_user])
                 if isinstance(e, ActionExecuted) and e.action_name == ACTION_SESSION_START_NAME),
                default=-1)
    before = events[start + 1:last_user]
    return before, [e.action_name for e in before if isinstance(e, ActionExecuted) and e.action_name]


def curated_answer_recently(before: Sequence[Event], turns: int) -> bool:
    """A curated answer was given in the last ``turns`` user turns of this session."""
    seen_turns = 0
    for event in reversed(before):
        if isinstance(event, ActionExecuted) and event.action_name == UTTER_FAQ:
            return True
        if isinstance(event, UserUttered):
            seen_turns += 1
            if seen_turns >= turns:
                return False
    return False


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class TopicContextPolicy(PlannedPolicy):
    """Plans curated-answer turns with the conversation's context (see module docstring)."""

    failure_message = "topic context failed; leaving the prediction to the other policies"

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            # below CombinedRedFlagPolicy (8): an escalation always wins; above RulePolicy (6)
            "priority": 7,
            # the best topic must reach this confidence and lead the second by the margin
            "topic_confidence": 0.5,
            "topic_margin": 0.1,
            # a follow-up: at most this many words, right after a curated answer (1 turn)
            "followup_max_words": 12,
            "followup_turns": 1,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._titles = {key: topic.title for key, topic in load_topics().items()}
        self._titles_hi = load_hindi_titles()

    # --- planning ------------------------------------------------------------------

    def plan(self, tracker: DialogueStateTracker) -> Tuple[List[str], List[SlotSet]]:
        """The actions of this turn (ending with listen) and the slots that go with the
        first of them; ``[]`` when the rules should answer as they do."""
        latest = tracker.latest_message
        if latest is None or tracker.active_loop_name:
            return [], []
        parse = latest.parse_data or {}
        intent = str((latest.intent or parse.get("intent") or {}).get("name") or "")
        if intent in RED_FLAG_INTENTS or (parse.get(PARSE_KEY) or {}).get("escalate"):
            return [], []
        if intent == DOWNPLAY_INTENT and tracker.get_slot(SLOT_RED_FLAG_ACTIVE):
            return [], []  # downplaying an active escalation: the rules repeat the advice
        before, earlier_actions = session_before_latest(tracker)
        ranking = topic_ranking(parse)
        clear = is_clear(ranking, *self.thresholds)
        forced = bool(parse.get(INTENT_FORCED_BY_KEY))
        text = latest.text or ""

        main: Optional[str]
        if intent in COURTESY_INTENTS and ranking and asks_beyond_courtesy(text):
            main = UTTER_FAQ if clear else UTTER_CLARIFY_TOPIC  # "hi, what is clonus?"
        elif (intent in (OUT_OF_SCOPE_INTENT, NLU_FALLBACK_INTENT) and not forced and ranking
              and self._is_followup(text, before)):
            main = UTTER_FAQ if clear else UTTER_CLARIFY_TOPIC
        else:
            main = first_message_answer({**parse, "intent": {"name": intent}}, *self.thresholds)
        thanks = main == UTTER_FAQ and intent != DOWNPLAY_INTENT and bool(THANKS.search(text))
        watch_for = mentions_signs_only(parse)
        base = main or RULE_ANSWERS.get(intent)
        if base is None:
            return [], []
        if main in (None, UTTER_FAQ) and intent == RULE_INTENT.get(base) and not thanks and not watch_for:
            return [], []  # exactly what the rules do
        steps = [UTTER_GREET] if intent == GREET_INTENT else []
        steps += [UTTER_DISCLAIMER] if UTTER_DISCLAIMER not in earlier_actions else []
        steps += [UTTER_THANK_BRIEF] if thanks else []
        steps.append(base)
        steps += [UTTER_WATCH_FOR] if watch_for and base != UTTER_CLARIFY_TOPIC else []
        steps += [ACTION_FEEDBACK_ASK] if base == UTTER_FAQ else []  # "Was this helpful?" (issue 16)
        steps.append(ACTION_LISTEN_NAME)
        slots = self._clarify_slots(ranking, turn_answer_language(tracker)) if base == UTTER_CLARIFY_TOPIC else []
        return steps, slots

    @property
    def thresholds(self) -> Tuple[float, float]:
        """The best topic's minimum confidence and its lead over the second."""
        return float(self.config["topic_confidence"]), float(self.config["topic_margin"])

    def _is_followup(self, text: str, before: Sequence[Event]) -> bool:
        words = WORD.findall(text)
        return (0 < len(words) <= int(self.config["followup_max_words"])
                and curated_answer_recently(before, int(self.config["followup_turns"])))

    def _clarify_slots(self, ranking: Sequence[Tuple[str, float]], language: str = ENGLISH) -> List[SlotSet]:
        """The buttons' topics (``clarify_options``) as their own questions, in Hindi for a
        Hindi answer (``knowledge/translations.yml``; the English title if one is missing)."""
        keys = clarify_options(ranking, self._titles)
        hindi = self._titles_hi if language == HINDI else {}
        titles = [hindi.get(key) or self._titles[key] for key in keys]
        slots = [SlotSet(name, titles[i] if i < len(titles) else None)
                 for i, name in enumerate(CLARIFY_OPTION_SLOTS)]
        return [*slots, SlotSet(CLARIFY_COUNT_SLOT, str(len(titles)))]

    # --- prediction ----------------------------------------------------------------

    def _predict(self, tracker: DialogueStateTracker, domain: Domain) -> PolicyPrediction:
        nothing = self._nothing(domain)
        done = actions_since_user(tracker)
        if done is None:
            return nothing
        steps, slots = self.plan(tracker)
        if not steps or len(done) >= len(steps) or done != steps[:len(done)]:
            return nothing
        action = steps[len(done)]
        return self._choose(domain, action, optional_events=list(slots) if action == UTTER_CLARIFY_TOPIC else None)
