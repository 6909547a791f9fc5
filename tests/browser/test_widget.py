"""The web widget on the demo page, in a real browser (Chromium, headless) against the
real servers (the session ``servers`` fixture: Rasa, actions and the page).

Every context is checked after its test (``new_context``): all requests went to this
machine and the page's Content-Security-Policy was never violated.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, List

import pytest

from tests.browser.conftest import SCREENSHOTS, Watched

pytestmark = pytest.mark.e2e

REPLY_TIMEOUT_MS = 45_000
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

GREETING = "I'm the clonus information assistant"
DISCLAIMER = "not medical advice or a diagnosis"
TOPICS = "I can give general information on these topics"


class Widget:
    """The demo page with the chat widget, driven like a visitor would."""

    def __init__(self, watched: Watched, url: str) -> None:
        self.watched = watched
        self.url = url
        self.page = watched.context.new_page()
        #: socket.io frames sent (">") and received ("<"), shown when a reply does not come
        self.frames: List[str] = []
        self.page.on("websocket", self._record)

    def _record(self, ws: Any) -> None:
        ws.on("framesent", lambda data: self.frames.append(f"> {str(data)[:160]}"))
        ws.on("framereceived", lambda data: self.frames.append(f"< {str(data)[:160]}"))

    def open_page(self) -> "Widget":
        self.page.goto(self.url)
        self.page.wait_for_selector(".rw-widget-container", state="attached")
        return self

    def open_chat(self, greeting: str = TOPICS) -> "Widget":
        self.open_page()
        self.page.click(".rw-launcher")
        self.wait_for_bot(greeting)
        return self

    def bot_texts(self) -> List[str]:
        return self.page.eval_on_selector_all(".rw-response", "els => els.map(e => e.innerText)")

    def user_texts(self) -> List[str]:
        return self.page.eval_on_selector_all(".rw-client .rw-message-text",
                                              "els => els.map(e => e.textContent)")

    def wait_for_bot(self, fragment: str, after: int = 0, timeout: float = REPLY_TIMEOUT_MS) -> None:
        """Wait for a bot message (past the first ``after`` ones) that contains ``fragment``."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:
            self.page.wait_for_function(
                "([fragment, after]) => Array.from(document.querySelectorAll('.rw-response'))"
                ".slice(after).some(e => e.innerText.includes(fragment))",
                arg=[fragment, after], timeout=timeout)
        except PlaywrightTimeout:
            pytest.fail(f"no bot message with {fragment!r} after message {after} within "
                        f"{timeout / 1000:.0f} s; socket.io frames:\n" + "\n".join(self.frames[-25:])
                        + "\nconsole:\n" + "\n".join(self.watched.console[-10:]))

    def wait_for_more_bot_messages(self, than: int, timeout: float = REPLY_TIMEOUT_MS) -> None:
        self.page.wait_for_function(
            "n => document.querySelectorAll('.rw-response').length > n", arg=than, timeout=timeout)

    def settle(self, quiet: float = 1.5, limit: float = 20.0) -> None:
        """Wait until no bot message has arrived for ``quiet`` seconds."""
        deadline = time.monotonic() + limit
        count, since = -1, time.monotonic()
        while time.monotonic() < deadline:
            now = len(self.bot_texts())
            if now != count:
                count, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return
            time.sleep(0.2)

    def say(self, text: str, expect: str = "") -> None:
        before = len(self.bot_texts())
        self.page.fill(".rw-new-message", text)
        self.page.press(".rw-new-message", "Enter")
        if expect:
            self.wait_for_bot(expect, after=before)
        else:
            self.wait_for_more_bot_messages(before)
        self.settle()

    def stored(self, key: str) -> Any:
        return self.page.evaluate("k => window.localStorage.getItem(k)", key)

    def session_id(self) -> str:
        return json.loads(self.stored("chat_session") or "{}").get("session_id", "")

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target = SCREENSHOTS / name
        self.page.screenshot(path=str(target))
        return target


def test_greeting_shows_the_disclaimer_and_the_topics(new_context, page_url: str) -> None:
    widget = Widget(new_context(), page_url).open_chat()
    widget.settle()
    texts = "\n".join(widget.bot_texts())
    assert GREETING in texts and DISCLAIMER in texts and TOPICS in texts
    for topic in ("What is clonus?", "Is clonus the same as a tremor?", "When should I see a doctor?"):
        assert topic in texts
    replies = widget.page.eval_on_selector_all(".rw-reply", "els => els.map(e => e.innerText)")
    assert "I'm a healthcare professional" in replies


def test_a_topic_question_gets_the_curated_answer_with_a_safe_source_link(
        new_context, page_url: str) -> None:
    widget = Widget(new_context(), page_url).open_chat()
    widget.say("what does clonus feel like", expect="Source")
    answer = [t for t in widget.bot_texts() if "Source" in t][-1]
    assert "rhythmic jerks" in answer and "FindADoctor guide, 9 Jan 2026" in answer
    links = widget.page.eval_on_selector_all(
        ".rw-messages-container a", "els => els.map(e => ({href: e.getAttribute('href'), "
        "target: e.getAttribute('target'), rel: e.getAttribute('rel'), text: e.textContent}))")
    source = [link for link in links if link["text"] == "FindADoctor guide, 9 Jan 2026"]
    assert source and source[0]["href"] == "https://findadoctor.in/", links
    for link in links:
        assert link["href"].startswith("https://"), link
        assert link["target"] == "_blank", link
        assert set(link["rel"].split()) >= {"noopener", "noreferrer"}, link
    # a source without a known address stays plain text
    assert "wiseGEEK article, 17 Oct 2019" in answer
    assert not [link for link in links if "wiseGEEK" in link["text"]]


def test_a_red_flag_gets_the_urgent_escalation_with_the_emergency_number(
        new_context, page_url: str) -> None:
    widget = Widget(new_context(locale="en-US"), page_url).open_chat()  # US: 911
    widget.say("what is clonus", expect="Source")
    widget.say("sudden weakness in my left arm and clonus", expect="URGENT")
    urgent = widget.page.locator(".rw-response.clonus-urgent")
    assert urgent.count() >= 1
    text = urgent.first.inner_text()
    assert text.startswith("⚠️ URGENT") and "911" in text
    style = widget.page.evaluate("""() => {
        const look = e => { const s = getComputedStyle(e); return {bg: s.backgroundColor,
            border: s.borderLeftWidth, color: s.borderLeftColor, weight: s.fontWeight}; };
        return {urgent: look(document.querySelector('.rw-response.clonus-urgent')),
                normal: look(document.querySelector('.rw-response:not(.clonus-urgent)'))};
    }""")
    assert style["urgent"]["bg"] != style["normal"]["bg"], style
    assert float(style["urgent"]["border"].rstrip("px")) >= 4, style
    assert int(style["urgent"]["weight"]) >= 600, style
    # only the escalation is styled as urgent, not the answer before it
    assert all("URGENT" in t or "⚠" in t for t in
               widget.page.eval_on_selector_all(".rw-response.clonus-urgent",
                                                "els => els.map(e => e.innerText)"))
    shot = widget.screenshot("widget-conversation.png")
    assert shot.stat().st_size > 10_000


def test_the_conversation_survives_a_reload(new_context, page_url: str) -> None:
    widget = Widget(new_context(), page_url).open_chat()
    widget.say("is clonus the same as a tremor", expect="Source")
    before_texts, session = widget.bot_texts(), widget.session_id()
    assert session
    widget.page.reload()
    widget.page.wait_for_selector(".rw-response", timeout=REPLY_TIMEOUT_MS)
    widget.settle()
    assert widget.session_id() == session
    assert widget.bot_texts()[:len(before_texts)] == before_texts
    assert "is clonus the same as a tremor" in widget.user_texts()
    # and it goes on in the same conversation
    widget.say("can clonus go away", expect="Source")
    assert widget.session_id() == session


def bot_uttered(frames: List[str]) -> List[str]:
    """Texts of the ``bot_uttered`` socket.io events among received websocket frames."""
    texts = []
    for frame in frames:
        if frame.startswith("42["):
            event = json.loads(frame[2:])
            if event[0] == "bot_uttered" and isinstance(event[1], dict):
                texts.append(event[1].get("text", ""))
    return texts


def record_frames(widget: Widget) -> List[str]:
    frames: List[str] = []
    widget.page.on("websocket", lambda ws: ws.on("framereceived",
                                                 lambda data: frames.append(str(data))))
    return frames


def test_a_second_browser_with_the_first_ones_session_id_gets_none_of_its_replies(
        new_context, page_url: str, servers: Any) -> None:
    owner_context = new_context()
    owner = Widget(owner_context, page_url).open_chat()
    owner.say("what causes clonus", expect="Source")
    session, key = owner.session_id(), owner.stored("clonus_client_key")
    assert session and key and key not in session
    owner.page.close()  # the owner disconnects

    # another browser presents the owner's session id (its storage says so)
    intruder_context = new_context()
    intruder_context.context.add_init_script(
        "try { if (location.protocol === 'http:' && !localStorage.getItem('chat_session')) {"
        " localStorage.setItem('chat_session', JSON.stringify({session_id: "
        + json.dumps(session) + "})); } } catch (error) {}")
    intruder = Widget(intruder_context, page_url)
    intruder_frames = record_frames(intruder)
    intruder.open_chat()
    intruder.settle()
    assert intruder.session_id() and intruder.session_id() != session
    assert "what causes clonus" not in "\n".join(intruder.bot_texts() + intruder.user_texts())

    # the owner comes back (same browser, same storage: a reload) and goes on
    owner = Widget(owner_context, page_url)
    owner_frames = record_frames(owner)
    owner.open_page()
    owner.page.wait_for_selector(".rw-response", timeout=REPLY_TIMEOUT_MS)
    assert owner.session_id() == session
    owner.say("is clonus dangerous", expect="Source")
    intruder.settle(quiet=3)

    owner_replies = bot_uttered(owner_frames)
    intruder_replies = bot_uttered(intruder_frames)
    assert owner_replies and intruder_replies  # both got their own replies
    assert set(owner_replies) & set(intruder_replies) == set()
    answer = [t for t in owner.bot_texts() if "Source" in t][-1]
    assert answer not in "\n".join(intruder.bot_texts())
    # the key is a browser secret: not in the server's log or the tracker store
    log = Path(servers.config.log_dir or "") / "rasa.log"
    if log.is_file():
        assert key not in log.read_text(encoding="utf-8", errors="replace")
    assert key.encode() not in Path(servers.config.tracker_db).read_bytes()


INJECTIONS = [
    '<script>alert("XSS1")</script>',
    '<img src=x onerror="alert(\'XSS2\')">',
    '<svg onload=alert("XSS3")>',
    '<iframe src="javascript:alert(\'XSS4\')"></iframe>',
    '[click me](javascript:alert("XSS5"))',
    '<a href="javascript:alert(\'XSS6\')">link</a>',
    'javascript:alert("XSS7")',
    '<body onload=alert("XSS8")>',
    '"><script>__clonusPwn(9)</script>',
    "'><img src=x onerror=__clonusPwn(10)>",
    '<details open ontoggle=alert("XSS11")>',
    '![XSS12](javascript:alert("XSS12"))',
    '<javascript:alert("XSS13")>',
    '<math><mtext><img src=x onerror=alert("XSS14")>',
    '<input autofocus onfocus=alert("XSS15")>',
    '[XSS16](data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTMTYnKTwvc2NyaXB0Pg==)',
    '<object data="javascript:alert(\'XSS17\')"></object>',
    '<video><source onerror=console.log("XSS18")></video>',
    '{{constructor.constructor("alert(\'XSS19\')")()}}',
    '<style>@import "http://evil.example/x.css";</style><b onmouseover=alert("XSS20")>hi</b>',
]

HOOKS = """
window.__clonusHits = [];
window.__clonusPwn = function (n) { window.__clonusHits.push('pwn:' + n); };
['alert', 'confirm', 'prompt', 'print', 'open'].forEach(function (name) {
  window[name] = function () { window.__clonusHits.push(name + ':' + Array.from(arguments).join(',')); };
});
['log', 'info', 'warn', 'error', 'debug'].forEach(function (name) {
  var original = console[name].bind(console);
  console[name] = function () {
    var text = Array.from(arguments).map(String).join(' ');
    if (text.indexOf('XSS') >= 0) { window.__clonusHits.push('console.' + name + ':' + text); }
    return original.apply(null, arguments);
  };
});
"""


def test_script_injection_typed_as_messages_never_runs(new_context, page_url: str) -> None:
    """20 payloads, typed into the doctor search (the bot repeats an unknown place back, so
    they reach both the user's and the bot's bubbles). The page's CSP is bypassed here, so
    only the rendering itself can keep them from running."""
    assert len(INJECTIONS) == 20
    watched = new_context(bypass_csp=True)
    watched.context.add_init_script(HOOKS)
    widget = Widget(watched, page_url).open_chat()
    widget.say("find a neurologist near me", expect="Which city or town")
    for payload in INJECTIONS:
        widget.say(payload)
    widget.page.mouse.move(200, 200)
    widget.page.keyboard.press("Tab")
    time.sleep(1)
    hits = widget.page.evaluate("window.__clonusHits")
    assert hits == [] and watched.dialogs == [], (hits, watched.dialogs)
    # every payload is shown as the text the user typed
    shown = widget.user_texts()
    for payload in INJECTIONS:
        assert payload in shown, payload
    # the bot repeated at least one of them, as text
    assert any("onerror" in text for text in widget.bot_texts())
    found = widget.page.evaluate("""() => {
        const log = document.querySelector('.rw-messages-container');
        const tags = 'script,iframe,img,svg,object,embed,video,audio,source,details,input,math,'
                   + 'style,body,meta,form,link,b,strong,em,code,pre,h1,h2,h3,h4,h5,h6,blockquote';
        const injected = Array.from(log.querySelectorAll(tags)).map(e => e.outerHTML.slice(0, 80));
        const handlers = [];
        document.querySelectorAll('#rasaWebchatPro *').forEach(e => {
            for (const a of e.attributes) { if (a.name.startsWith('on')) handlers.push(a.name); }
        });
        const hrefs = Array.from(log.querySelectorAll('a')).map(a => a.getAttribute('href'));
        return {injected, handlers, hrefs};
    }""")
    assert found["injected"] == [] and found["handlers"] == [], found
    assert all(href.startswith("https://") for href in found["hrefs"]), found


def test_no_serious_or_critical_accessibility_violations(new_context, page_url: str) -> None:
    assert AXE.is_file(), f"{AXE} missing: run `make install` (npm ci installs axe-core)"
    widget = Widget(new_context(), page_url).open_chat()
    widget.say("what does clonus feel like", expect="Source")
    widget.say("sudden weakness in my leg and my ankle jerks", expect="URGENT")
    widget.page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = widget.page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    bad = [v for v in violations if v["impact"] in {"serious", "critical"}]
    assert bad == [], json.dumps(violations, indent=1)


def test_keyboard_only_visitor_with_labelled_controls_and_a_live_region(
        new_context, page_url: str) -> None:
    widget = Widget(new_context(), page_url).open_page()
    page = widget.page
    for _ in range(15):  # Tab from the top of the page to the chat button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('rw-launcher')"):
            break
    else:
        pytest.fail("the chat button cannot be reached with Tab")
    assert page.get_attribute(".rw-launcher", "aria-label")
    page.keyboard.press("Enter")
    widget.wait_for_bot(TOPICS)
    log = page.locator(".rw-messages-container")
    assert log.get_attribute("role") == "log" and log.get_attribute("aria-live") == "polite"
    assert page.get_attribute(".rw-new-message", "aria-label") == "Type your question"
    assert page.get_attribute(".rw-send", "aria-label") == "Send"
    assert page.get_attribute(".rw-close-button", "aria-label")
    # a quick reply is reachable and works from the keyboard
    widget.settle()
    reply = page.locator(".rw-reply").first
    assert reply.get_attribute("tabindex") == "0" and reply.get_attribute("role") == "button"
    chosen = reply.inner_text()
    reply.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("t => Array.from(document.querySelectorAll('.rw-client'))"
                           ".some(e => e.innerText.includes(t))", arg=chosen, timeout=REPLY_TIMEOUT_MS)
    widget.settle()
    # typing a question with the keyboard only; the answer arrives inside the live region
    page.focus(".rw-new-message")
    page.keyboard.type("how is clonus treated")
    page.keyboard.press("Enter")
    widget.wait_for_bot("Source")
    assert log.locator(".rw-response", has_text="Source").count() >= 1
    # the close button is a real button (focusable, Enter / Space work)
    assert page.evaluate("document.querySelector('.rw-close-button').tagName") == "BUTTON"


def test_works_on_a_375_px_phone(new_context, page_url: str) -> None:
    watched = new_context(viewport={"width": 375, "height": 740}, is_mobile=True,
                          has_touch=True, device_scale_factor=2)
    widget = Widget(watched, page_url).open_chat()
    widget.say("is a little clonus normal", expect="Source")
    page = widget.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    for selector in (".rw-conversation-container", ".rw-new-message", ".rw-send",
                     ".rw-close-button"):
        box = page.locator(selector).bounding_box()
        assert box is not None, selector
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375.5, (selector, box)
    for box in page.eval_on_selector_all(".rw-response, .rw-client", "els => els.map(e => {"
                                         "const r = e.getBoundingClientRect(); return [r.left, r.right]; })"):
        assert box[0] >= 0 and box[1] <= 375.5, box
    widget.screenshot("widget-375px.png")


# --- Hindi (issue 17, items 3 and 5) ---------------------------------------------------------

#: A Devanagari topic question, a romanised one and a Devanagari emergency: a visitor's
#: whole Hindi conversation, every reply from the real bot. The two questions are training
#: phrasings (data/nlu/hindi/): this test checks the channel (the Hindi answer is chosen,
#: sent and drawn), the held-in Hindi sets measure understanding
#: (tests/test_nlu_accuracy_hindi.py); the emergency is no training example
HINDI_QUESTION = "क्लोनस का मतलब क्या है"
HINGLISH_QUESTION = "clonus ka ilaj kya hai"
HINDI_EMERGENCY = "पापा का मुँह अचानक एक तरफ टेढ़ा हो गया है और वो ठीक से बोल नहीं पा रहे"
DEVANAGARI_FAMILY = "Devanagari"  # Noto Sans / Lohit / Kohinoor Devanagari, Devanagari Sangam MN
HINDI_SOURCE = "स्रोत (Source"  # "स्रोत (Source):" or "स्रोत (Sources):"


def hindi_texts() -> dict:
    """The Hindi variations of the replies the conversation must get, from the domain files
    (the first line of each answer, which no other reply shares)."""
    import yaml

    from bot import paths
    from bot.maintain.checks_hindi import is_hindi

    domain = yaml.safe_load(paths.DOMAIN.read_text(encoding="utf-8"))["responses"]
    faq = yaml.safe_load((paths.DATA / "nlu" / "responses" / "faq.yml").read_text(encoding="utf-8"))["responses"]

    def line(variations: List[dict], index: int = 0) -> str:
        # the general (no audience) Hindi variation
        texts = [v["text"] for v in variations if is_hindi(v)
                 and not any(c.get("name") == "audience" for c in v.get("condition", []))]
        return texts[0].split("\n")[index][:40]
    return {"greeting": line(domain["utter_greet"]), "what_is": line(faq["utter_faq/what_is_clonus"]),
            "what_is_source": line(faq["utter_faq/what_is_clonus"], -1),
            "treatment": line(faq["utter_faq/clonus_treatment"]),
            "treatment_source": line(faq["utter_faq/clonus_treatment"], -1),
            "emergency": line(domain["utter_red_flag_emergency"])}


def platform_fonts(page: Any, selector: str) -> List[List[dict]]:
    """The fonts Chromium drew each matching element's text with (DevTools protocol):
    ``[{"familyName", "glyphCount", ...}]`` per element."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    found = []
    for node in cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]:
        found.append(cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"])
    cdp.detach()
    return found


def assert_devanagari_drawn(page: Any, selector: str) -> int:
    """Every Devanagari letter of the matching elements is drawn with a Devanagari font
    (a Devanagari letter drawn with a Latin font would be a missing-glyph box). Returns the
    number of Devanagari letters checked."""
    checked = 0
    elements = page.eval_on_selector_all(selector, "els => els.map(e => e.textContent)")
    assert elements, selector
    for text, fonts in zip(elements, platform_fonts(page, selector), strict=True):
        devanagari = sum(1 for c in text if "\u0900" <= c <= "\u097F")
        latin = len(text) - devanagari
        drawn = sum(f["glyphCount"] for f in fonts if DEVANAGARI_FAMILY in f["familyName"])
        other = sum(f["glyphCount"] for f in fonts if DEVANAGARI_FAMILY not in f["familyName"])
        if devanagari:
            assert drawn > 0, (text, fonts)
        assert other <= latin, (text, fonts)
        checked += devanagari
    return checked


def test_a_hindi_conversation_is_answered_in_hindi_and_drawn_with_a_devanagari_font(
        new_context, page_url: str) -> None:
    """A visitor with a Hindi (India) browser holds a whole conversation through the real
    widget and bot: a Devanagari topic question gets the Hindi answer with its source, a
    romanised Hindi question too (in Devanagari), and a Devanagari emergency gets the Hindi
    escalation naming India's 112 and 108. Every Devanagari letter on the page is drawn with
    a Devanagari font (none as a missing-glyph box), Hindi messages get lang="hi", nothing
    overflows on a phone. Screenshots: reports/browser/widget-hindi.png (the answers) and
    widget-hindi-emergency.png (the escalation)."""
    watched = new_context(locale="hi-IN", viewport={"width": 390, "height": 844}, is_mobile=True,
                          has_touch=True, device_scale_factor=2)
    expected = hindi_texts()
    # a hi-IN browser sends language "hi-IN" and country "IN": the greeting comes in Hindi
    widget = Widget(watched, page_url).open_chat(greeting=expected["greeting"])
    page = widget.page

    widget.say(HINDI_QUESTION, expect=expected["what_is"])
    assert HINDI_QUESTION in widget.user_texts()
    answer = next(t for t in widget.bot_texts() if expected["what_is"] in t)
    assert HINDI_SOURCE in answer and expected["what_is_source"] in answer, answer
    widget.say(HINGLISH_QUESTION, expect=expected["treatment"])
    answer = next(t for t in widget.bot_texts() if expected["treatment"] in t)
    assert HINDI_SOURCE in answer and expected["treatment_source"] in answer, answer
    assert page.eval_on_selector_all(".rw-client[lang=hi] .rw-message-text", "els => els.length") >= 1
    assert page.eval_on_selector_all(".rw-response[lang=hi]", "els => els.length") >= 3
    checked = assert_devanagari_drawn(page, ".rw-response[lang=hi] .rw-message-text p")
    checked += assert_devanagari_drawn(page, ".rw-client[lang=hi] .rw-message-text")
    assert checked > 300, checked
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for box in page.eval_on_selector_all(".rw-response, .rw-client", "els => els.map(e => {"
                                         "const r = e.getBoundingClientRect(); return [r.left, r.right]; })"):
        assert box[0] >= 0 and box[1] <= 390.5, box
    shot = widget.screenshot("widget-hindi.png")
    assert shot.stat().st_size > 10_000

    widget.say(HINDI_EMERGENCY, expect=expected["emergency"])
    escalation = next(t for t in widget.bot_texts() if expected["emergency"] in t)
    assert "112" in escalation and "108" in escalation, escalation
    assert page.eval_on_selector_all(".rw-response[lang=hi].clonus-urgent", "els => els.length") >= 1
    assert_devanagari_drawn(page, ".rw-response[lang=hi].clonus-urgent .rw-message-text p")
    shot = widget.screenshot("widget-hindi-emergency.png")
    assert shot.stat().st_size > 10_000
