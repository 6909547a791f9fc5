"""Names shared by the custom actions (responses, slots, intents)."""

FAQ_INTENT = "faq"
FAQ_RESPONSE_PREFIX = "utter_faq/"

SLOT_AUDIENCE = "audience"

ACTION_SUGGEST_RELATED = "action_suggest_related"
UTTER_ASK_NEXT = "utter_ask_next"

#: How many related topics to offer after an answer.
MAX_RELATED = 3

ACTION_RED_FLAG_DETAILS = "action_red_flag_details"
SLOT_RED_FLAG_LOG = "red_flag_log"
SLOT_RED_FLAG_SIGN = "red_flag_sign"
SLOT_RED_FLAG_ACTIVE = "red_flag_active"
