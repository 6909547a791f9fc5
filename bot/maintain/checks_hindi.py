"""The ``hindi`` content check (issue 17, item 3): every response has a faithful Hindi
variation, chosen by the slot ``answer_language``.

For every response of ``domain.yml`` and ``data/nlu/responses/faq.yml``:

- at least one Hindi variation (condition ``answer_language = hi``); every other
  conditional or channel variation carries ``answer_language = en`` (Rasa prefers any
  matching conditional variation, so an untagged one would be shown to Hindi users too);
- each Hindi variation matches its English counterpart (same other conditions and channel,
  else the default): the same sources (a ``Source(s): ...`` line becomes
  ``स्रोत (Source(s)): ...`` with the same citations; the same documents named inline), no
  slot variable the English one lacks and the number slot where the English has one, the
  same number of buttons, Devanagari text, nothing ``TODO``;
- a Hindi variation of a domain response that tells the user to call an emergency number
  names India's numbers (``india_numbers`` of ``knowledge/translations.yml``: 112 and 108);
- FAQ answers: the related-topic buttons are the Hindi titles of ``knowledge/translations.yml``
  (title = payload), the answer is under ``MAX_ANSWER_CHARS``; the Hindi topic list names
  every Hindi title; every Hindi payload is listed in ``knowledge/translations.yml`` (so the
  NLU can be trained on it);
- ``knowledge/translations.yml`` marks the texts as pending clinical review.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Optional

from bot.maintain.checks import MAX_ANSWER_CHARS, TODO, Problem, Project, _read

LANGUAGE_SLOT = "answer_language"
HINDI, ENGLISH = "hi", "en"
STATUS = "translated by the project, pending review by a Hindi-speaking clinician"
NUMBER_SLOTS = ("{emergency_number}", "{channel_emergency_number}")
EMERGENCY_WORDS = re.compile(r"emergency number", re.I)

_DEVANAGARI = re.compile(r"[\u0900-\u097F]")
_PLACEHOLDER = re.compile(r"\{[a-z_0-9]+\}")
#: the end of a slot's Hindi twin, the same value in Hindi (domain.yml ``red_flag_sign_hi``)
_HINDI_TWIN = "_hi}"
_EN_SOURCE = re.compile(r"\b(?P<label>Sources?): (?P<cites>[^\n)]+)")
_HI_SOURCE = re.compile(r"स्रोत \((?P<label>Sources?)\): (?P<cites>[^\n)]+)")


def language_of(variation: dict[str, Any]) -> Optional[str]:
    """The ``answer_language`` a variation is conditioned on, or ``None``."""
    for condition in variation.get("condition") or []:
        if condition.get("name") == LANGUAGE_SLOT:
            return str(condition.get("value"))
    return None


def is_hindi(variation: dict[str, Any]) -> bool:
    return language_of(variation) == HINDI


def english_variations(variations: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The variations an English-speaking user can get (what English-only checks read)."""
    return [v for v in variations if not is_hindi(v)]


def _others(variation: dict[str, Any]) -> tuple:
    """The variation's conditions other than the language, and its channel."""
    conditions = tuple(sorted((str(c.get("name")), str(c.get("value")))
                              for c in variation.get("condition") or [] if c.get("name") != LANGUAGE_SLOT))
    return conditions, variation.get("channel")


def counterpart(hindi: dict[str, Any], english: list[dict[str, Any]]) -> Optional[dict[str, Any]]:
    """The English variation a Hindi one translates: same other conditions and channel, else
    the default one of the same channel, else the default one."""
    conditions, channel = _others(hindi)
    for wanted in ((conditions, channel), ((), channel), ((), None)):
        found = next((v for v in english if _others(v) == wanted), None)
        if found is not None:
            return found
    return None


def _cites(pattern: re.Pattern, text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(m.group("label"), tuple(c.strip().rstrip(".") for c in m.group("cites").split(";")))
            for m in pattern.finditer(text)]


def _named(text: str, names: Iterable[str]) -> set[str]:
    return {name for name in names if name in text}


class _Translations:
    def __init__(self, project: Project) -> None:
        self.file = project.root / "knowledge" / "translations.yml"
        self.data: dict[str, Any] = _read(self.file) if self.file.is_file() else {}
        self.titles = {str(k): str(v) for k, v in (self.data.get("titles") or {}).items()}
        self.india_numbers = [str(n) for n in self.data.get("india_numbers") or []]
        listed = set(self.titles.values())
        for section in ("payloads", "phrases"):
            for texts in (self.data.get(section) or {}).values():
                listed |= {str(t) for t in texts or []}
        self.listed = listed


def check_hindi(project: Project) -> list[Problem]:
    """See the module docstring."""
    translations = _Translations(project)
    problems: list[Problem] = []
    where_tr = project.rel(translations.file) if translations.file.is_file() else "knowledge/translations.yml"
    if translations.data.get("status") != STATUS:
        problems.append(Problem("hindi", where_tr, f"status must be {STATUS!r}"))
    if sorted(translations.india_numbers) != ["108", "112"]:
        problems.append(Problem("hindi", where_tr, "india_numbers must be [\"112\", \"108\"]"))
    names = [str(c).split(",")[0].split()[0] for c in project.citations]
    files = ((project.rel(project.domain_file), project.domain.get("responses") or {}),
             (project.rel(project.responses_file), project.faq_responses))
    for rel, responses in files:
        for name, variations in responses.items():
            where = f"{rel}: {name}"
            found = _check_response(name, variations or [], translations, names, project)
            problems += [Problem("hindi", where, message) for message in found]
    return problems


def _check_response(name: str, variations: list[dict[str, Any]], translations: _Translations,
                    names: list[str], project: Project) -> list[str]:
    english = english_variations(variations)
    hindi = [v for v in variations if is_hindi(v)]
    found: list[str] = []
    if english and not hindi:
        return ["no Hindi variation (condition: slot answer_language = hi): translate the English one"]
    for variation in english:
        if (variation.get("condition") or variation.get("channel")) and language_of(variation) != ENGLISH:
            found.append("a conditional or channel variation without answer_language = en: Rasa "
                         "would show it to Hindi users too")
    for variation in hindi:
        match = counterpart(variation, english)
        if match is None:
            found.append("a Hindi variation with no English counterpart")
            continue
        found += _compare(name, variation, match, translations, names)
    if name.startswith("utter_faq/"):
        found += _faq(name, hindi, translations, project)
    if name == "utter_topics":
        text = " ".join(str(v.get("text") or "") for v in hindi)
        missing = [t for t in translations.titles.values() if f"- {t}" not in text]
        if missing:
            found.append(f"the Hindi topic list lacks {missing}")
    return found


def _compare(name: str, hindi: dict[str, Any], english: dict[str, Any], translations: _Translations,
             names: list[str]) -> list[str]:
    found: list[str] = []
    text, original = str(hindi.get("text") or ""), str(english.get("text") or "")
    if not text.strip() or TODO in text:
        found.append("the Hindi variation is still TODO: translate the English one")
        return found
    if re.search(r"[A-Za-z]", _PLACEHOLDER.sub("", original)) and not _DEVANAGARI.search(text):
        found.append("the Hindi variation has no Devanagari text")
    # a slot's Hindi twin ("{red_flag_sign_hi}" for "{red_flag_sign}") stands for the same value
    extra = {p.replace(_HINDI_TWIN, "}") for p in _PLACEHOLDER.findall(text)} - set(_PLACEHOLDER.findall(original))
    if extra:
        found.append(f"the Hindi variation uses {sorted(extra)}, which the English one does not")
    numbers = [s for s in NUMBER_SLOTS if s in original]
    if numbers and not any(s in text for s in numbers):
        found.append(f"the Hindi variation drops the number to call ({numbers[0]})")
    if _cites(_HI_SOURCE, text) != _cites(_EN_SOURCE, original):
        found.append("the Hindi source line differs from the English one: keep the English citations "
                     "after 'स्रोत (Source): ' / 'स्रोत (Sources): '")
    if _named(text, names) != _named(original, names):
        found.append("the Hindi variation names other documents than the English one")
    # FAQ answers say only what the seeds say (their numbers must be in a seed: answers_safe)
    if (not name.startswith("utter_faq/") and EMERGENCY_WORDS.search(original)
            and not all(n in text for n in translations.india_numbers)):
        found.append(f"the Hindi variation must name India's numbers {translations.india_numbers}")
    buttons = hindi.get("buttons") or []
    if len(buttons) != len(english.get("buttons") or []):
        found.append("the Hindi variation has a different number of buttons")
    for button in buttons:
        payload = str(button.get("payload") or "")
        if payload.startswith("/") or _PLACEHOLDER.fullmatch(payload):
            continue
        if payload not in translations.listed:
            found.append(f"the Hindi payload {payload!r} is not listed in knowledge/translations.yml")
    return found


def _faq(name: str, hindi: list[dict[str, Any]], translations: _Translations, project: Project) -> list[str]:
    found: list[str] = []
    key = name.split("/", 1)[1]
    topic = project.topics.get(key) or {}
    if key not in translations.titles:
        found.append(f"no Hindi title for topic {key} in knowledge/translations.yml")
    elif TODO in translations.titles[key]:
        found.append(f"the Hindi title of topic {key} is still TODO (knowledge/translations.yml)")
    wanted = [{"title": translations.titles.get(k, ""), "payload": translations.titles.get(k, "")}
              for k in (topic.get("related") or []) if k in project.topics and k != key][:3]
    for variation in hindi:
        text = str(variation.get("text") or "")
        if len(text) >= MAX_ANSWER_CHARS:
            found.append(f"the Hindi answer is {len(text)} characters: keep it under {MAX_ANSWER_CHARS}")
        if [dict(b) for b in variation.get("buttons") or []] != wanted:
            found.append("the Hindi related-topic buttons are out of date: run "
                         "`python scripts/sync_related_buttons.py`")
    return found
