"""What a browser would do with a rendered page: read a form's fields, find rows, read messages."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

_TEXT_INPUTS = {"text", "hidden", "search", "email", "number", "date", "tel", "url", "password"}


class _FormReader(HTMLParser):
    """Collects the values a browser would submit for the fields inside the first element that matches."""

    def __init__(self, tag: str, attr: str, value: str):
        super().__init__(convert_charrefs=True)
        self.target = (tag, attr, value)
        self.depth = 0  # > 0 while inside the target element
        self.done = False
        self.fields: dict[str, list[str]] = {}
        self._textarea: tuple[str, list[str]] | None = None
        self._select: dict | None = None
        self._option: dict | None = None

    def _add(self, name, value):
        self.fields.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.done:
            return
        if self.depth == 0:
            want_tag, want_attr, want_value = self.target
            if tag == want_tag and a.get(want_attr) == want_value:
                self.depth = 1
            return
        if tag == self.target[0]:
            self.depth += 1
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in _TEXT_INPUTS:
                self._add(name, a.get("value") or "")
            elif kind in ("checkbox", "radio") and "checked" in a:
                self._add(name, a.get("value") or "on")
        elif tag == "textarea" and name:
            self._textarea = (name, [])
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in a, "options": []}
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "selected": "selected" in a, "text": []}
            self._select["options"].append(self._option)

    def handle_endtag(self, tag):
        if self.depth == 0 or self.done:
            return
        if tag == "textarea" and self._textarea:
            name, parts = self._textarea
            text = "".join(parts)
            self._add(name, text[1:] if text.startswith("\n") else text)
            self._textarea = None
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            options = self._select["options"]
            chosen = [o for o in options if o["selected"]]
            if not chosen and options and not self._select["multiple"]:
                chosen = options[:1]  # a single select submits its first option when none is selected
            for o in chosen:
                value = o["value"] if o["value"] is not None else "".join(o["text"]).strip()
                self._add(self._select["name"], value)
            self._select = None
        if tag == self.target[0]:
            self.depth -= 1
            if self.depth == 0:
                self.done = True

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1].append(data)
        elif self._option is not None:
            self._option["text"].append(data)


def form_fields(html: str, tag: str = "form", attr: str = "data-testid", value: str = "") -> dict[str, list]:
    """The fields a browser submits from the element `<tag attr="value">` of the page, untouched."""
    reader = _FormReader(tag, attr, value)
    reader.feed(html)
    assert reader.depth or reader.done, f"no <{tag} {attr}={value!r}> on the page"
    return reader.fields


def flat(fields: dict[str, list]) -> dict:
    """Single values as strings, repeated fields as lists (what the test client posts)."""
    return {k: v[0] if len(v) == 1 else v for k, v in fields.items()}


def messages_of(response) -> list[str]:
    """The alerts the user reads after the button: the redirect is followed, as a browser would."""
    if response.status_code == 302:
        response = response.client.get(response["Location"])
    html = response.content.decode()
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", m)).split()) for m in _ALERT.findall(html)]


_ALERT = re.compile(r'<div class="alert alert-\w+" role="alert">(.*?)</div>', re.S)


def task_links(html: str) -> list[int]:
    """Ids of the tasks listed in a page's task table, in display order."""
    table = html.split('data-testid="task-table"', 1)[1].split("</table>", 1)[0]
    return [int(pk) for pk in re.findall(r'href="/nhiem-vu/(\d+)/"', table)]


def text_of(html: str) -> str:
    """The page's text with tags removed and white space collapsed (what a reader sees)."""
    text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(unescape(text).split())
