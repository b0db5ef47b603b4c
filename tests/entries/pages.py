"""Reading pages the way a person does, with the standard library's HTML parser only."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class Page:
    text: str = ""
    title: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, href)
    forms: list[Form] = field(default_factory=list)
    elements: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # (tag, attrs)

    def link(self, text: str) -> str:
        """The href of the first link whose text contains ``text``."""
        for link_text, href in self.links:
            if text in link_text:
                return href
        raise AssertionError(f"no link with text {text!r}; links: {self.links}")

    def forms_to(self, action: str) -> list[Form]:
        return [form for form in self.forms if form.action == action]

    def has(self, tag: str, **attrs: str) -> bool:
        wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
        return any(
            t == tag and all(a.get(k) == v for k, v in wanted.items()) for t, a in self.elements
        )


class _Reader(HTMLParser):
    SKIP = {"script", "style", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._text: list[str] = []
        self._title: list[str] = []
        self._skip: list[str] = []
        self._link: tuple[str, list[str]] | None = None
        self._form: Form | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        self.page.elements.append((tag, attributes))
        if tag in self.SKIP:
            self._skip.append(tag)
        elif tag == "a":
            self._link = (attributes.get("href", ""), [])
        elif tag == "form":
            self._form = Form(attributes.get("action", ""), attributes.get("method", "get").lower())
            self.page.forms.append(self._form)
        elif tag == "input" and self._form is not None and "name" in attributes:
            self._form.fields[attributes["name"]] = attributes.get("value", "")
        elif tag in {"p", "li", "h1", "h2", "h3", "dt", "dd", "th", "td", "br", "div"}:
            self._text.append(" ")

    def handle_endtag(self, tag):
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()
        elif tag == "a" and self._link is not None:
            href, words = self._link
            self.page.links.append((_squash("".join(words)), href))
            self._link = None
        elif tag == "form":
            self._form = None

    def handle_data(self, data):
        if self._skip:
            if self._skip[-1] == "title":
                self._title.append(data)
            return
        self._text.append(data)
        if self._link is not None:
            self._link[1].append(data)

    def close(self):
        super().close()
        self.page.text = _squash("".join(self._text))
        self.page.title = _squash("".join(self._title))


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read(response) -> Page:
    reader = _Reader()
    reader.feed(response.get_data(as_text=True))
    reader.close()
    return reader.page


def publish() -> None:
    """Commit what the factories made and bring the search index up to date."""
    from register.extensions import db
    from register.search.sync import sync_index

    db.session.commit()
    sync_index()


def slugs_in_order(page: Page, prefix: str = "/initiatieven/") -> list[str]:
    return [href.removeprefix(prefix) for _, href in page.links if _is_detail(href, prefix)]


def _is_detail(href: str, prefix: str) -> bool:
    rest = href.removeprefix(prefix)
    is_page = rest and rest != "vergelijk" and not any(c in rest for c in "/?#")
    return href.startswith(prefix) and is_page
