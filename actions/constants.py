"""Names shared by the custom actions (responses, slots, intents)."""

ACTION_RED_FLAG_DETAILS = "action_red_flag_details"
SLOT_RED_FLAG_LOG = "red_flag_log"
SLOT_RED_FLAG_SIGN = "red_flag_sign"
