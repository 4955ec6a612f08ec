"""The pages keep to their Content-Security-Policy: no template of the web app or of the published
site holds an inline script, an event-handler attribute, a `javascript:` URL or an inline style.
Scripts and styles live in static files."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(
    [
        *(ROOT / "src" / "pursuit" / "web" / "templates").rglob("*.html"),
        *(ROOT / "src" / "pursuit" / "publish" / "templates").glob("*.j2"),
    ]
)


class InlineCode(HTMLParser):
    """Collects what a strict policy (`script-src 'self'; style-src 'self'`) would block."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        names = {name for name, _ in attrs}
        if tag == "style":
            self.found.append(f"line {line}: a <style> block")
        if tag == "script":
            self._in_script = True
            if "src" not in names:
                self.found.append(f"line {line}: a <script> without src")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"line {line}: an {name}= handler")
            if name == "style":
                self.found.append(f"line {line}: a style= attribute")
            if value and value.strip().lower().startswith("javascript:"):
                self.found.append(f"line {line}: a javascript: URL in {name}=")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.found.append(f"line {self.getpos()[0]}: a script body")


def inline_code(text: str) -> list[str]:
    parser = InlineCode()
    parser.feed(text)
    parser.close()
    return parser.found


def test_the_check_finds_each_kind_of_inline_code() -> None:
    bad = """<p style="color: red" onclick="go()">x</p>
<a href=" JavaScript:go()">y</a>
<script>go()</script><script src="/static/live.js"></script>
<style>p { color: red }</style>
<form onsubmit="return confirm('Sure?')"></form>"""
    found = inline_code(bad)
    assert len(found) == 7, found
    assert inline_code('<script src="/static/live.js" defer></script><p class="x">ok</p>') == []


def test_there_are_templates_to_check() -> None:
    names = {path.name for path in TEMPLATES}
    assert {"base.html", "desk.html", "login.html", "base.html.j2"} <= names


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_holds_inline_script_or_style(path: Path) -> None:
    assert inline_code(path.read_text("utf-8")) == []
