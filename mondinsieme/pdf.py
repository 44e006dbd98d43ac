"""One helper to render a template to PDF with WeasyPrint.

The URL fetcher serves only the portal's own static files: a template (or user content in it)
cannot make the renderer reach the network or read arbitrary files.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string

# A made-up origin: relative URLs in PDF templates resolve against it and nothing else is served.
PDF_BASE_URL = "https://pdf.portal.invalid/"


class ForbiddenResource(ValueError):
    """Raised for any URL outside the portal's static files."""


def _static_path(url: str) -> Path:
    parts = urlsplit(url)
    prefix = settings.STATIC_URL
    if f"{parts.scheme}://{parts.netloc}/" != PDF_BASE_URL or not parts.path.startswith(prefix):
        raise ForbiddenResource(url)
    relative = unquote(parts.path[len(prefix) :])
    # An absolute path ("/static//etc/passwd") would escape STATIC_ROOT in the join below.
    if ".." in Path(relative).parts or Path(relative).is_absolute():
        raise ForbiddenResource(url)
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        raise ForbiddenResource(url) from None
    if not found and settings.STATIC_ROOT:
        candidate = Path(settings.STATIC_ROOT) / relative
        found = str(candidate) if candidate.is_file() else None
    if not found:
        raise ForbiddenResource(url)
    return Path(found)


class StaticOnlyURLFetcher:
    """WeasyPrint URL fetcher that answers only for ``/static/...`` on the fake PDF origin."""

    _fail_on_errors = False

    def __call__(self, url: str):
        from weasyprint.urls import URLFetcherResponse

        path = _static_path(url)
        mime_type, _encoding = mimetypes.guess_type(path.name)
        return URLFetcherResponse(
            url, path.read_bytes(), {"Content-Type": mime_type or "application/octet-stream"}
        )


def render_pdf(template_name: str, context: dict | None = None) -> bytes:
    """Render ``template_name`` (which should extend ``base_pdf.html``) to PDF bytes."""
    from weasyprint import HTML

    html = render_to_string(template_name, context or {})
    return HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=StaticOnlyURLFetcher()).write_pdf()
