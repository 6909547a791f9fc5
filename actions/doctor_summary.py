""""Summarise this for my doctor": the conversation's facts as one plain-text message
(issue 16; what is picked and how: ``bot/knowledge/doctor_summary.py``).

The labels are domain responses (``utter_summary_*``); the whole summary is sent as
``utter_doctor_summary``. The web widget adds Copy and Download buttons to it; messaging
platforms get it as a message. Information only: the summary repeats what the user typed.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.constants import ANSWER_LANGUAGE_SLOT
from bot.knowledge import doctor_summary as ds
from bot.knowledge.files import load_topics

#: The domain response of each part of the summary (bot.knowledge.doctor_summary.render).
LABELS = {
    "title": "utter_summary_title",
    "about": "utter_summary_about",
    "about_self": "utter_summary_about_self",
    "body_parts": "utter_summary_body_parts",
    "since": "utter_summary_since",
    "sides": "utter_summary_sides",
    "conditions": "utter_summary_conditions",
    "medicines": "utter_summary_medicines",
    "signs": "utter_summary_signs",
    "sign_line": "utter_summary_sign_line",
    "status_present": "utter_summary_status_present",
    "status_denied": "utter_summary_status_denied",
    "status_past": "utter_summary_status_past",
    "questions": "utter_summary_questions",
    "question_line": "utter_summary_question_line",
    "ask_doctor": "utter_summary_ask_doctor",
    "nothing": "utter_summary_nothing",
    "footer": "utter_summary_footer",
}


#: The action server imports its actions once, at start-up: the pipeline is loaded then.
ds.warm_up()


class ActionDoctorSummary(Action):
    def name(self) -> Text:
        return ds.ACTION

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[Dict[Text, Any]]:
        titles = {key: topic.title for key, topic in load_topics().items()}
        language = str(tracker.get_slot(ANSWER_LANGUAGE_SLOT) or "en")
        summary = ds.summary_from_events(tracker.events, domain.get("responses") or {}, LABELS, titles,
                                         language)
        if summary is None:
            dispatcher.utter_message(response="utter_summary_empty")
        else:
            dispatcher.utter_message(response="utter_doctor_summary", summary=summary)
        return []
