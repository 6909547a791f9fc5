"""Word tables of the place parser: common words that are also place names, function
words, the cues and statements before a place, demonyms, country aliases and the
states / provinces people name."""

from __future__ import annotations

import re
from typing import Dict, Tuple

from bot.knowledge.emergency_numbers import _NOT_PLACES

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
