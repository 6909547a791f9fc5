"""Names shared by the custom actions (actions, responses, slots, intents)."""

# red-flag escalation: defined with the red-flag logic in bot/knowledge/red_flags.py, which the
# Rasa server (NLU detector, combined-signs policy) uses without this package
from bot.knowledge.red_flags import (  # noqa: F401 - re-exported for the actions
    ACTION_RED_FLAG_DETAILS,
    SLOT_RED_FLAG_ACTIVE,
    SLOT_RED_FLAG_LEVEL,
    SLOT_RED_FLAG_LOG,
    SLOT_RED_FLAG_SIGN,
    SLOT_RED_FLAG_SIGN_HI,
)

# specialist suggestion and "find a doctor near me"
ACTION_SUGGEST_SPECIALIST = "action_suggest_specialist"
ACTION_SPECIALIST_SEARCH = "action_specialist_search"
ACTION_UPDATE_LOCATION = "action_update_location"
ACTION_ASK_LOCATION = "action_ask_location"
FORM_SPECIALIST = "specialist_form"
VALIDATE_SPECIALIST_FORM = "validate_specialist_form"

SLOT_SPECIALIST_REQUESTED = "specialist_requested"
SLOT_SPECIALIST_SITUATION = "specialist_situation"
SLOT_SPECIALIST_SEARCH = "specialist_search"
SLOT_LOCATION = "location"
SLOT_LOCATION_CITY = "location_city"
SLOT_LOCATION_COUNTRY = "location_country"
SLOT_LOCATION_OPTIONS = "location_options"
SLOT_LOCATION_PROBLEM = "location_problem"
SLOT_COUNTRY = "country"
SLOT_EMERGENCY_NUMBER = "emergency_number"
SLOT_REQUESTED = "requested_slot"

ENTITY_PLACE = "place"
INTENT_INFORM_LOCATION = "inform_location"
#: Messages the location form never reads as a place: each has its own rule inside the form.
NOT_A_LOCATION_INTENTS = frozenset({
    "faq", "ask_topics", "bot_challenge", "stop", "deny", "goodbye",
    "red_flag", "red_flag_urgent", "downplay_emergency",
})

RESPONSE_SPECIALIST_DURING_EMERGENCY = "utter_specialist_during_emergency"
RESPONSE_ASK_LOCATION = "utter_ask_location"
RESPONSE_ASK_LOCATION_WHICH = "utter_ask_location_which"
RESPONSE_LOCATION_UNKNOWN = "utter_location_unknown"
RESPONSE_LOCATION_CORRECTED = "utter_location_corrected"
RESPONSE_RESULTS_INTRO = "utter_specialist_results_intro"
RESPONSE_RESULTS_ELSEWHERE = "utter_specialist_results_elsewhere"
RESPONSE_RESULT = "utter_specialist_result"
RESPONSE_SAMPLE_NOTE = "utter_directory_sample_note"
RESPONSE_NO_RESULTS = "utter_specialist_no_results"
RESPONSE_DIRECTORY_UNAVAILABLE = "utter_directory_unavailable"
RESPONSE_SEARCH_LINK = "utter_specialist_search_link"

#: Responses sent only by custom actions (not by any rule): `make validate` knows they are used although no
#: rule names them (bot/maintain/validate.py); the situation responses of
#: knowledge/specialists.yml are added from that file.
ACTION_RESPONSES = (
    RESPONSE_ASK_LOCATION, RESPONSE_ASK_LOCATION_WHICH,
    RESPONSE_LOCATION_UNKNOWN, RESPONSE_LOCATION_CORRECTED, RESPONSE_RESULTS_INTRO,
    RESPONSE_RESULTS_ELSEWHERE,
    RESPONSE_RESULT, RESPONSE_SAMPLE_NOTE, RESPONSE_NO_RESULTS, RESPONSE_DIRECTORY_UNAVAILABLE,
    RESPONSE_SEARCH_LINK,
)
