"""Names and limits shared across the project (channels, CLI, tests)."""

#: Messages longer than this many characters are cut before NLU (documented in README).
MAX_MESSAGE_CHARS = 2000
#: A cut message is still scanned for red flags up to this many characters.
MAX_SCAN_CHARS = 20000
#: Largest HTTP request body the server accepts (bytes); a 10,000-character message of
#: emoji escaped as JSON is about 120 KB.
MAX_REQUEST_BYTES = 256 * 1024
#: Longest accepted conversation id (``sender``).
MAX_SENDER_CHARS = 128

#: ``/intent`` payloads users may send verbatim (e.g. a widget's initial payload).
#: Every other text starting with "/" is treated as plain text: users cannot force
#: intents or set slots by typing ``/intent{...}``.
ALLOWED_PAYLOADS = frozenset({
    "/greet", "/ask_topics",
    # "delete my data" (widget menu item) and its confirmation buttons
    "/delete_data", "/affirm", "/deny",
    # the fixed payloads of the "Was this helpful?" buttons and the widget's summary button
    # (issue 16): no entities, no slots, nothing a user could not also type in words
    "/feedback_helpful", "/feedback_not_helpful", "/summarise_for_doctor"})
#: The "Was this helpful?" question after a curated answer (``action_feedback_ask``, asked by
#: the Rasa server itself: bot/serve/local_actions.py).
RESPONSE_ASK_HELPFUL = "utter_ask_helpful"
#: The payloads of the "Was this helpful?" buttons (utter_ask_helpful).
RATING_PAYLOADS = frozenset({"/feedback_helpful", "/feedback_not_helpful"})

#: Metadata key under which channels record what the input guard did.
INPUT_METADATA_KEY = "clonus_input"

#: Replies a channel sends when Rasa itself could not answer (no NLG is available
#: at that point). Each still points to emergency help.
REPLY_SERVER_ERROR = (
    "Sorry, something went wrong on our side and I couldn't answer. Please try again "
    "in a moment. If this is an emergency, call your local emergency number now."
)
REPLY_BUSY = (
    "Sorry, I'm taking too long to answer right now. Please try again in a moment. "
    "If this is an emergency, call your local emergency number now."
)

#: A store the turn needs (the lock store or the tracker database) is unreachable: the
#: message was not processed (fail closed).
REPLY_UNAVAILABLE = (
    "Sorry, the assistant is temporarily unavailable. Please try again in a few minutes. "
    "In an emergency, call your local emergency number now."
)

#: Said (once per turn, from domain.yml) when a custom action failed: the action server is
#: down, too slow or answered an error (bot/serve/action_unavailable.py).
UTTER_ACTION_UNAVAILABLE = "utter_action_unavailable"

DEFAULT_RASA_PORT = 5005
DEFAULT_ACTIONS_PORT = 5055
DEFAULT_WEB_PORT = 8080

# --- Dialogue names shared by the policies, the NLU components and the tests ---
FAQ_INTENT = "faq"
GREET_INTENT = "greet"
THANK_INTENT = "thank"
OUT_OF_SCOPE_INTENT = "out_of_scope"
NLU_FALLBACK_INTENT = "nlu_fallback"
DOWNPLAY_INTENT = "downplay_emergency"
UTTER_FAQ = "utter_faq"
UTTER_GREET = "utter_greet"
UTTER_DISCLAIMER = "utter_disclaimer"
UTTER_OUT_OF_SCOPE = "utter_out_of_scope"
UTTER_DEFAULT = "utter_default"
UTTER_THANK_BRIEF = "utter_thank_brief"
#: "Do you mean...?" with the closest topics as buttons (bot/policies/topic_context.py).
UTTER_CLARIFY_TOPIC = "utter_clarify_topic"
CLARIFY_OPTION_SLOTS = ("clarify_option_1", "clarify_option_2", "clarify_option_3")
CLARIFY_COUNT_SLOT = "clarify_count"
#: After a message that only mentions warning signs: which ones need emergency help.
UTTER_WATCH_FOR = "utter_red_flag_watch_for"
#: Parse key naming the NLU component that forced the intent (a guard's decision).
INTENT_FORCED_BY_KEY = "intent_forced_by"

#: The slot that chooses the answers' language ("en" or "hi"): every Hindi response
#: variation has the condition answer_language == "hi" (issue 17).
ANSWER_LANGUAGE_SLOT = "answer_language"
