"""Issue 16 in a real browser: the "Was this helpful?" buttons after a curated answer (with
the related topics still offered), the "What was missing?" question, and the summary for
the doctor asked from the header button, with Copy and Download. Screenshots:
reports/browser/widget-helpfulness.png, reports/browser/widget-summary.png."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.test_widget import Widget

pytestmark = pytest.mark.e2e


def replies(widget: Widget) -> list:
    return widget.page.eval_on_selector_all(".rw-reply", "els => els.map(e => e.innerText)")


def test_helpfulness_buttons_and_what_was_missing(new_context, page_url: str) -> None:
    widget = Widget(new_context(), page_url).open_chat()
    widget.say("what does clonus feel like", expect="Was this answer helpful?")
    shown = replies(widget)
    assert "👍 Yes" in shown and "👎 No" in shown, shown
    assert any("clonus" in r.lower() for r in shown if r not in ("👍 Yes", "👎 No")), shown  # related topics
    widget.screenshot("widget-helpfulness.png")
    before = len(widget.bot_texts())
    widget.page.locator(".rw-reply", has_text="👎 No").click()
    widget.wait_for_bot("What was missing?", after=before)
    widget.settle()
    assert "Skip" in replies(widget)
    widget.say("whether it can be cured", expect="this helps us improve the answers")
    assert widget.screenshot("widget-helpfulness-comment.png").stat().st_size > 10_000


def test_summary_for_the_doctor_copy_and_download(new_context, page_url: str, tmp_path: Path) -> None:
    watched = new_context(permissions=["clipboard-read", "clipboard-write"])
    widget = Widget(watched, page_url).open_chat()
    widget.say("my daughter's right leg has been jerking for two weeks, no weakness")
    widget.settle()
    before = len(widget.bot_texts())
    widget.page.click(".clonus-summary-request")
    widget.wait_for_bot("Summary for your doctor", after=before)
    widget.settle()
    summary = [t for t in widget.bot_texts() if "Summary for your doctor" in t][-1]
    assert "About: my daughter" in summary and "weakness: said to be absent" in summary, summary
    tools = widget.page.locator(".clonus-summary-tools button")
    assert tools.all_inner_texts() == ["Copy", "Download .txt"]
    widget.page.locator(".clonus-summary-tools button", has_text="Copy").click()
    widget.page.wait_for_function("() => document.querySelector('.clonus-summary-tools button')"
                                  ".textContent === 'Copied'")
    copied = widget.page.evaluate("() => navigator.clipboard.readText()")
    assert copied.startswith("📋 Summary for your doctor") and "About: my daughter" in copied
    with widget.page.expect_download() as info:
        widget.page.locator(".clonus-summary-tools button", has_text="Download").click()
    download = info.value
    assert download.suggested_filename == "summary-for-doctor.txt"
    target = tmp_path / download.suggested_filename
    download.save_as(str(target))
    text = target.read_text(encoding="utf-8")
    assert text.startswith("📋 Summary for your doctor") and "About: my daughter" in text
    assert "It is not a diagnosis" in text
    assert widget.screenshot("widget-summary.png").stat().st_size > 10_000
