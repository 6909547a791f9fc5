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
ALLOWED_PAYLOADS = frozenset({"/greet"})

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

DEFAULT_RASA_PORT = 5005
DEFAULT_ACTIONS_PORT = 5055
DEFAULT_WEB_PORT = 8080
