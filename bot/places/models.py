"""Results of place resolution (``Place``, ``Resolution``, ``PlaceMention``) and the
constants of the parser and the spelling correction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Tuple

MAX_CHARS = 200  # longer text is cut before it is looked at
MAX_OPTIONS = 5
AMBIGUITY_SHARE = 0.10
FUZZY_MIN_POPULATION = 100_000  # spelling correction: cities this big ...
FUZZY_SHORT_MIN_POPULATION = 1_000_000  # ... and this big for words of up to 7 letters
#: A lower-case city name after "in"/"near" counts only for a city at least this big.
LOWERCASE_MIN_POPULATION = 100_000
_MAX_SPAN = 9  # tokens in one place phrase ("Manchester, New Hampshire, United States")

#: label() shows the state / province only in these countries (and for a place without city).
_ADMIN_IN_LABEL = frozenset({"US", "CA"})

Region = Tuple[str, Optional[str]]  # (country code, admin1 code or None for the whole country)


@dataclass(frozen=True)
class Place:
    city: Optional[str]          # "Pune"; None when only a country (or state) was given
    country_code: str            # ISO-2, "IN"
    country_name: str            # "India"
    admin: Optional[str] = None  # state / province name when known ("Illinois"), else None
    area: Optional[str] = None   # a neighbourhood the user typed that is not in the gazetteer
    population: int = 0          # 0 when not known (a country or a city not in the gazetteer)

    def label(self) -> str:
        """"Kothrud, Pune, India", "Chicago, Illinois, United States", "India"."""
        show_admin = self.admin and (self.country_code in _ADMIN_IN_LABEL or self.city is None)
        parts = [self.area, self.city, self.admin if show_admin else None, self.country_name]
        shown: List[str] = []
        for part in parts:
            if part and (not shown or shown[-1].lower() != part.lower()):
                shown.append(part)
        return ", ".join(shown)


@dataclass(frozen=True)
class Resolution:
    status: str                       # "resolved" | "ambiguous" | "unknown" | "empty"
    place: Optional[Place] = None
    options: Tuple[Place, ...] = ()   # when ambiguous: most populous first, at most 5
    query: str = ""                   # the cleaned place text that was looked up
    corrected_from: Optional[str] = None  # the misspelt text when a spelling was corrected


@dataclass(frozen=True)
class PlaceMention:
    text: str             # the place phrase as typed: "Kothrud, Pune"
    start: int            # character offsets in the message
    end: int
    whole_message: bool   # the message is nothing but a place (after "I'm in", "near" ...)
