"""Bot text for the web widget: literal text, safe links only, urgent marking."""

from __future__ import annotations

import html
import re

import pytest

from bot.channels.widget_text import (
    URGENT_CSS_CLASS,
    citation_links,
    escape,
    is_urgent,
    safe_https_url,
    to_widget_markdown,
    widget_message,
)
from bot.knowledge.files import load_sources

LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")


def links(markdown: str) -> list[tuple[str, str]]:
    return [(html.unescape(label), url) for label, url in LINK.findall(markdown)]


def without_links(markdown: str) -> str:
    """The Markdown outside links, character references removed."""
    return re.sub(r"&#\d+;", "", LINK.sub("", markdown))


def test_escaped_text_reads_back_as_the_original() -> None:
    text = "A *b* _c_ [d](e) <f> `g` # h - 1. i ! j | k ~ l: m & n = o @ p \\ q"
    escaped = escape(text)
    assert html.unescape(escaped) == text
    bare = re.sub(r"&#\d+;", "", escaped)
    assert not set(bare) & set("*_[]()<>`#-.!|~:&=@\\"), bare


@pytest.mark.parametrize("payload", [
    "[click](javascript:alert(1))",
    "![x](https://evil.example/x.png)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<javascript:alert(1)>",
    "javascript:alert(document.cookie)",
    "[a](data:text/html;base64,PHNjcmlwdD4=)",
    "http://plain.example/page",
    "    indented code",
    "1. list\n- bullet\n# heading\n> quote",
])
def test_user_text_echoed_by_the_bot_makes_no_markdown(payload: str) -> None:
    text = f'Sorry, I couldn\'t find a city or town called "{payload}".'
    markdown = to_widget_markdown(text)
    # the only links are https URLs that were literally in the text
    for _, url in links(markdown):
        assert url.startswith("https://") and url in text
    plain = without_links(markdown)
    for char in "[]()<>!`*_#":
        assert char not in plain, (char, markdown)
    assert "javascript:" not in markdown and "data:" not in markdown
    assert not re.search(r"^\s", markdown, re.M)  # nothing indented (no code block)


def test_citations_with_a_known_https_address_become_links() -> None:
    text = ("Clonus feels like quick, rhythmic jerks.\n"
            "Sources: FindADoctor guide, 9 Jan 2026; wiseGEEK article, 17 Oct 2019.")
    markdown = to_widget_markdown(text)
    assert links(markdown) == [("FindADoctor guide, 9 Jan 2026", "https://findadoctor.in/")]
    assert "wiseGEEK article, 17 Oct 2019" in html.unescape(markdown)
    assert "  \n" in markdown  # the line break is kept
    parenthesised = to_widget_markdown("A neurologist. (Source: FindADoctor guide, 9 Jan 2026.)")
    assert links(parenthesised) == [("FindADoctor guide, 9 Jan 2026", "https://findadoctor.in/")]


def test_a_citation_outside_a_source_line_is_not_linked() -> None:
    assert links(to_widget_markdown("We read the FindADoctor guide, 9 Jan 2026 today.")) == []


def test_citation_links_come_from_the_knowledge_file_and_are_https() -> None:
    sources = load_sources()
    with_url = {s.citation: s.url for s in sources.values() if s.url}
    assert dict(citation_links()) == with_url
    assert all(url.startswith("https://") for url in with_url.values())


def test_https_urls_in_bot_text_are_links_other_schemes_are_not() -> None:
    markdown = to_widget_markdown(
        "You can search here: https://example.org/search?q=neurologist&city=Pune. "
        "Or http://insecure.example/x or javascript:alert(1).")
    assert links(markdown) == [("https://example.org/search?q=neurologist&city=Pune",
                                "https://example.org/search?q=neurologist&city=Pune")]
    assert safe_https_url("https://a.example/x y") is None
    assert safe_https_url("https://a.example/x\"onmouseover=1") is None
    assert safe_https_url("http://a.example/") is None


def test_urgent_messages_carry_the_urgent_class_and_open_the_chat() -> None:
    text = "⚠️ URGENT: This could be a medical emergency.\nNumber to call: 911 (all emergencies)."
    assert is_urgent(text)
    message = widget_message(text, urgent=True)
    assert message["metadata"]["customCss"] == {"style": "class", "css": URGENT_CSS_CLASS}
    assert message["metadata"]["forceOpen"] is True
    assert "911" in message["text"] and html.unescape(message["text"]).startswith("⚠️ URGENT")
    assert "metadata" not in widget_message("Hello!", urgent=False)
    assert not is_urgent("Hello! In an emergency, call your local emergency number now.")
