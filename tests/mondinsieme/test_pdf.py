"""PDF rendering: real PDFs, and a URL fetcher that serves only the portal's static files."""

import subprocess

import pytest
from django.conf import settings
from PIL import Image

from mondinsieme.pdf import PDF_BASE_URL, ForbiddenResource, StaticOnlyURLFetcher, render_pdf

STATIC = PDF_BASE_URL + settings.STATIC_URL.lstrip("/")
BOOTSTRAP_CSS = "vendor/bootstrap-italia/css/bootstrap-italia.min.css"


@pytest.fixture
def pdf_template(settings, tmp_path):
    """A one-page PDF template with an image whose address the test chooses."""
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "sheet.html").write_text(
        '{% extends "base_pdf.html" %}{% block content %}<h1>{{ heading }}</h1>'
        '{% if image %}<img src="{{ image }}" alt="">{% endif %}{% endblock content %}'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    return "tests/sheet.html"


def _pdf_tool(tool: str, pdf: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    args = [tool, str(path), "-"] if tool == "pdftotext" else [tool, str(path)]
    if tool == "pdfimages":
        args = [tool, "-list", str(path)]
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=30).stdout


def test_it_renders_a_pdf_with_the_text(db, pdf_template, tmp_path):
    pdf = render_pdf(pdf_template, {"heading": "Associazione Senegalese di Reggio Emilia"})

    assert pdf.startswith(b"%PDF")
    assert "Associazione Senegalese di Reggio Emilia" in _pdf_tool("pdftotext", pdf, tmp_path)


def test_it_uses_the_portals_fonts_from_static_files(db, pdf_template, tmp_path):
    pdf = render_pdf(pdf_template, {"heading": "Titolo"})

    # The font comes from static/css/pdf.css → vendored .woff: both fetched through the fetcher.
    assert "Titillium-Web" in _pdf_tool("pdffonts", pdf, tmp_path)


def test_a_pdf_embeds_an_image_from_static_files(db, settings, pdf_template, tmp_path):
    static_dir = tmp_path / "extra-static"
    (static_dir / "img").mkdir(parents=True)
    Image.new("RGB", (8, 8), "red").save(static_dir / "img" / "dot.png")
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, static_dir]

    pdf = render_pdf(pdf_template, {"heading": "Titolo", "image": "/static/img/dot.png"})

    images = _pdf_tool("pdfimages", pdf, tmp_path).splitlines()[2:]
    assert len(images) == 1


@pytest.mark.parametrize(
    "address",
    [
        "http://example.com/x.png",
        "file:///etc/passwd",
        f"{STATIC}../mondinsieme/settings.py",
        "/static/../settings.py",
    ],
)
def test_a_pdf_never_embeds_resources_from_outside(db, pdf_template, tmp_path, address):
    pdf = render_pdf(pdf_template, {"heading": "Titolo", "image": address})

    images = _pdf_tool("pdfimages", pdf, tmp_path).splitlines()[2:]
    assert images == []


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.png",
        "https://example.com/static/css/pdf.css",
        "file:///etc/passwd",
        "/static/../settings.py",
        f"{STATIC}../mondinsieme/settings.py",
        f"{STATIC}css/%2e%2e/%2e%2e/manage.py",
        f"{STATIC}/etc/passwd",
        f"{STATIC}%2Fetc/passwd",
        f"{STATIC}css/does-not-exist.css",
        PDF_BASE_URL + "manage.py",
        "data:text/plain,ciao",
    ],
)
def test_the_fetcher_refuses_anything_but_static_files(url):
    with pytest.raises(ForbiddenResource):
        StaticOnlyURLFetcher()(url)


def test_the_fetcher_serves_a_real_static_file():
    relative = BOOTSTRAP_CSS
    if not (settings.BASE_DIR / "static" / relative).is_file():
        relative = "css/pdf.css"

    response = StaticOnlyURLFetcher()(STATIC + relative)

    assert response.read() == (settings.BASE_DIR / "static" / relative).read_bytes()
    assert response.content_type == "text/css"
