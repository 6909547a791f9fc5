"""Red flags in Hindi and Hinglish (issue 17, item 4): the spaCy concept and ConText rules
with their Hindi supplements (knowledge/red_flags_hi.yml, knowledge/context_rules_hi.yml)
on the held-in vignettes (tests/red_flags/hindi_vignettes.yml) and the development stories
(tests/red_flags/hindi_dev_stories.yml, hindi_dev_stories_2.yml, hindi_dev_stories_3.yml,
hindi_dev_stories_4.yml), per script: every emergency escalates, at most 5 %
of the negated, past or hypothetical signs do, and no ordinary question does. The whole NLU (with the classifier) is tested on the same set by
tests/test_red_flag_vignettes_hindi.py."""

from __future__ import annotations

import pytest
import spacy
import yaml

from bot import paths
from bot.knowledge.rule_files import merge, red_flag_data
from bot.nlp.components import fold_devanagari

SETS = {name: yaml.safe_load((paths.ROOT / "tests" / "red_flags" / name).read_text(encoding="utf-8"))
        for name in ("hindi_vignettes.yml", "hindi_dev_stories.yml", "hindi_dev_stories_2.yml",
                     "hindi_dev_stories_3.yml", "hindi_dev_stories_4.yml")}
SCRIPTS = ("hi", "hi-latn", "mixed")
CASES = [(name, script) for name in SETS for script in SCRIPTS]
FALSE_ALARM_GATE = 0.05
#: False-alarm gates not met yet (set, script) -> reason with the measured figure: a strict
#: expected failure, so the mark must go as soon as the script passes.
NOT_YET = {
    (name, script): "issue 17 (session 9): someone else's past stroke or paralysis told with a "
                    "general question ('meri saheli ki mummy ko lakwa mara tha, kya clonus se bhi "
                    "aisa hota hai?') stays present, as in English; 1/13 rules-only. Session 16 (issue 14, "
                    "rf28b): met in Latin letters and mixed script (a relative's story told in the past reads as "
                    "someone else's); in Devanagari अचानक ('suddenly') still reads as an onset: 1/13"
    for name, script in [("hindi_dev_stories_4.yml", "hi")]
}
FALSE_ALARM_CASES = [pytest.param(name, script, marks=pytest.mark.xfail(strict=True, reason=NOT_YET[(name, script)]))
                     if (name, script) in NOT_YET else (name, script) for name, script in CASES]


def texts(name: str, part: str, script: str) -> list[str]:
    return [v["text"] for v in SETS[name].get(part) or [] if v["script"] == script]


@pytest.mark.parametrize("name, script", CASES)
def test_every_hindi_emergency_escalates(assess, name: str, script: str) -> None:
    emergencies = texts(name, "emergency", script)
    assert len(emergencies) >= 5
    missed = [t for t in emergencies if not assess(t).escalate]
    assert not missed, missed


@pytest.mark.parametrize("name, script", FALSE_ALARM_CASES)
def test_few_false_alarms_on_negated_past_or_hypothetical_signs(assess, name: str, script: str) -> None:
    others = texts(name, "not_emergency", script)
    assert len(others) >= 2
    alarms = [t for t in others if assess(t).escalate]
    assert len(alarms) <= FALSE_ALARM_GATE * len(others), alarms


@pytest.mark.parametrize("script", SCRIPTS)
def test_ordinary_hindi_questions_do_not_escalate(assess, script: str) -> None:
    alarms = [t for t in texts("hindi_vignettes.yml", "ordinary", script) if assess(t).escalate]
    assert not alarms, alarms


@pytest.mark.parametrize("text, label, status", [
    ("muh tedha nahi hai", "FACE_DROOP", "negated"),            # negation after the sign
    ("zubaan nahi ladkhadati", "COORDINATION", "negated"),     # right before the verb
    ("muh tedha ho gaya kuch kha nahi pa rahe", "FACE_DROOP", "present"),  # negates 'kha'
    ("haath sunn ho gaya hai pata nahi kyu", "NUMBNESS", "present"),       # 'pata nahi' = no idea
    ("saalon se haath me kamzori hai", "WEAKNESS", "historical"),
    ("saalon se pair kamzor ho rahe hain", "WEAKNESS", "historical"),
    ("saalon se kamzori hai par aaj achanak bol nahi pa rahe", "SPEECH", "present"),
    ("agar lakwa ho jaye to kya karein", "WEAKNESS", "hypothetical"),
    ("kya clonus se kamzori hoti hai?", "WEAKNESS", "informational"),
    ("मुँह टेढ़ा हो गया है।", "FACE_DROOP", "present"),
    ("मुंह टेढा नहीं है", "FACE_DROOP", "negated"),
    # session 6: "kabhi nahi" negates; "pehle kabhi nahi" / "aisa ... kabhi nahi" tells of a new sign
    ("behoshi kabhi nahi hui", "UNRESPONSIVE", "negated"),
    ("बेहोशी कभी नहीं हुई", "UNRESPONSIVE", "negated"),
    ("unhe lakwa kabhi nahi hua", "WEAKNESS", "negated"),
    ("सिर में ऐसा दर्द पहले कभी नहीं हुआ", "HEADACHE", "present"),
    ("sir me aisa dard kabhi nahi hua", "HEADACHE", "present"),
    ("behoshi kabhi nahi hui par aaj achanak behosh ho gaye", "UNRESPONSIVE", "present"),
    # resolved later in the sentence; a sign that came back stays present
    ("pichhle mahine haath sunn hua tha, ab theek hai", "NUMBNESS", "historical"),
    ("कुछ दिन पहले नजर धुंधली हुई थी, अब ठीक है", "VISION", "historical"),
    ("pehle kamzori thi, abhi nahi hai", "WEAKNESS", "historical"),
    ("doctor ne kaha tha lakwe ka khatra hai, par abhi aisa kuch nahi hai", "WEAKNESS", "historical"),
    ("pehle bolne me dikkat thi, therapy ke baad thik ho gayi", "SPEECH", "historical"),
    ("pichhle saal lakwa hua tha, ab phir se haath nahi uth raha", "WEAKNESS", "present"),
    ("aaj subah haath sunn hua tha, ab theek hai", "NUMBNESS", "present"),  # today: still urgent news
    # the condition after the sign ("... ho to", "... ho jaye to"); "ho gaya to" is an event
    ("bolne me dikkat ho to kis doctor ko dikhayein?", "SPEECH", "hypothetical"),
    ("लकवा हो जाए तो कैसे पता चलेगा?", "WEAKNESS", "hypothetical"),
    ("haath sunn ho to gaya hai, ab kya karein", "NUMBNESS", "present"),
    ("muh tedha ho gaya to hum ghabra gaye", "FACE_DROOP", "present"),
    # English nouns with Hindi after them
    ("papa ko breathing me dikkat ho rahi hai", "BREATHING", "present"),
    ("swallowing me problem hai since morning", "SWALLOWING", "present"),
    # a Hindi question: "me" after a concept is "in", not the English "me"
    ("clonus me behoshi aati hai kya?", "UNRESPONSIVE", "informational"),
    ("help me, papa ka muh tedha ho gaya", "FACE_DROOP", "present"),
    ("क्लोनस और लकवे में क्या फर्क है?", "WEAKNESS", "informational"),
    ("muh tedha hone pe kya karna chahiye", "FACE_DROOP", "hypothetical"),
    ("muh tedha hua tha, thik ho gaya", "FACE_DROOP", "historical"),
    ("kal lakwa ka attack aaya tha, abhi theek hai", "STROKE", "present"),  # yesterday is recent
    # session 7: "ab tak nahi" after a list negates it; a sign that has not gone, or one
    # that was not there before ("jo pehle nahi thi"), is present
    ("कोई सुन्नपन या कमजोरी अब तक नहीं है", "WEAKNESS", "negated"),
    ("koi sunnpan ab tak nahi hai", "NUMBNESS", "negated"),
    ("हाथ की कमजोरी अभी तक नहीं गई है", "WEAKNESS", "present"),
    ("kamzori abhi tak nahi gayi", "WEAKNESS", "present"),
    ("सुन्नपन नहीं गया", "NUMBNESS", "present"),
    ("अचानक कमजोरी आई जो पहले नहीं थी", "WEAKNESS", "present"),
    ("बुखार नहीं आया", "FEVER", "negated"),
    # a question about a name; a limb moved gently by a carer
    ("kya clonus ko kapkapi keh sakte hai", "SHIVERING", "informational"),
    ("kya pair ko dheere se kheenchne se clonus rukta hai", "WEAKNESS", "informational"),
    ("papa ko kapkapi ho rahi hai aur jhatke aa rahe hain", "SHIVERING", "present"),
    # a limb that does not work; a fall on the head told without a helper verb
    ("mummy ke ek taraf ka haath pair abhi se kaam nahi kar raha", "WEAKNESS", "present"),
    ("बेटा आज खेलते हुए सिर के बल गिरा, अब पैर में झटके हैं", "TRAUMA", "present"),
    # session 8: one negation after a list denies every item (bot/nlp/lists.py) ...
    ("उन्हें कोई कमजोरी या सुन्नपन या बोलने में दिक्कत नहीं है", "WEAKNESS", "negated"),
    ("kamzori, sunnpan ya sir dard, aisa kuch nahi hua", "NUMBNESS", "negated"),
    ("उनको कोई सुन्नपन, कोई कमजोरी, कोई लकवा नहीं है", "NUMBNESS", "negated"),
    ("बुखार और गर्दन में अकड़न, दोनों नहीं हैं", "FEVER", "negated"),
    ("behoshi, daura ya saans ki takleef kuch nahi hui", "UNRESPONSIVE", "negated"),
    ("कोई weakness या numbness या speech problem नहीं है", "WEAKNESS", "negated"),
    # ... but a verb, a person, a time word or another object ends the list (recall first)
    ("kamzori aa gayi aur sunnpan nahi hai", "WEAKNESS", "present"),
    ("अचानक कमजोरी आई है, सुन्नपन नहीं है", "WEAKNESS", "present"),
    ("kamzori aur sunnpan, koi dawa nahi li", "WEAKNESS", "present"),
    ("haath me kamzori, kuch samajh nahi aa raha", "WEAKNESS", "present"),
    ("बोलने में दिक्कत, पापा कुछ नहीं बोल रहे", "SPEECH", "present"),
    ("muh tedha ho gaya aur bukhar nahi hai", "FACE_DROOP", "present"),
])
def test_hindi_context(assess, text: str, label: str, status: str) -> None:
    found = {c.label: c.status for c in assess(text).concepts}
    assert found.get(label) == status, found


def test_devanagari_spelling_variants_fold() -> None:
    # nukta and chandrabindu are written either way
    assert fold_devanagari("कमज़ोरी") == fold_devanagari("कमजोरी") == "कमजोरी"
    assert fold_devanagari("मुँह") == "मुंह"
    assert fold_devanagari("लड़खड़ा") == "लडखडा"
    assert fold_devanagari("weakness") == "weakness"


def test_tokenizer_splits_the_danda(assess) -> None:
    nlp = spacy.load("en_clonus_pipeline")
    doc = nlp("मुंह टेढा हो गया है। वो बोल नहीं पा रहे")
    assert [t.text for t in doc][5] == "।"
    assert len(list(doc.sents)) == 2


def test_a_supplement_only_adds() -> None:
    data = red_flag_data()
    assert set(data["signs"]) == set(red_flag_data(supplements=[])["signs"])
    assert "lakwa" in " ".join(data["concepts"]["WEAKNESS"])
    with pytest.raises(ValueError):
        merge({"negation": {"window": 7}}, {"negation": {"window": 9}})
