"""Find the forms a page offers, as a browser would: their action, method and current values."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Forms every page carries that are not the page's own business.
IGNORED_ACTIONS = ("/i18n/setlang/", "/account/logout/")


@dataclass
class Form:
    action: str
    method: str
    values: dict[str, list[str]] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return sorted(name for name in self.values if name != "csrfmiddlewaretoken")


class _FormParser(HTMLParser):
    def __init__(self, page_url: str) -> None:
        super().__init__()
        self.page_url = page_url
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._multiple = False
        self._first_option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self._form = Form(
                action=attributes.get("action") or self.page_url,
                method=(attributes.get("method") or "get").lower(),
            )
            return
        if self._form is None:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = (attributes.get("type") or "text").lower()
            values = self._form.values.setdefault(name, [])
            if kind in ("checkbox", "radio"):
                if "checked" in attributes:
                    values.append(attributes.get("value") or "on")
            elif kind not in ("submit", "button", "file", "image"):
                values.append(attributes.get("value") or "")
        elif tag == "select" and name:
            self._select = name
            self._multiple = "multiple" in attributes
            self._first_option = None
            self._form.values.setdefault(name, [])
        elif tag == "option" and self._select:
            value = attributes.get("value") or ""
            if self._first_option is None:
                self._first_option = value
            if "selected" in attributes:
                self._form.values[self._select].append(value)
        elif tag == "textarea" and name:
            self._textarea = name
            self._form.values.setdefault(name, [""])

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form.values[self._textarea] = [data]

    def handle_endtag(self, tag):
        if tag == "select" and self._form is not None and self._select:
            # A browser sends the first option of a single select when none is selected.
            values = self._form.values[self._select]
            if not values and not self._multiple and self._first_option is not None:
                values.append(self._first_option)
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self._form is not None:
            if not self._form.action.startswith(IGNORED_ACTIONS):
                self.forms.append(self._form)
            self._form = None


def page_forms(html: str, page_url: str, *, method: str = "post") -> list[Form]:
    """The forms of a page that are submitted with ``method``."""
    parser = _FormParser(page_url)
    parser.feed(html)
    return [form for form in parser.forms if form.method == method]
