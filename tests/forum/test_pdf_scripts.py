"""The manifesto PDF of a translation draws its script with a font that has the glyphs.

WeasyPrint falls back to the system fonts (fontconfig) for characters the PDF stylesheet's
Titillium Web lacks. Without a font for a script the letters silently disappear from the PDF,
so each script is checked against the fonts actually embedded in the document.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from forum import selectors
from forum.models import LANGUAGE_CHOICES, ManifestoPdf
from forum.tasks import build_manifesto_pdf, pdf_fingerprint

from .factories import ManifestoFactory, TranslationFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("fc-list"), reason="fontconfig's fc-list is missing"),
]

#: language → (title, body, Debian package with a font for it)
SAMPLES = {
    "ar": ("بيان الصداقة", "## المادة 1\n\nتعترف المدن ببعضها كمدن صديقة.", "fonts-dejavu-core"),
    "fa": ("بیانیه دوستی", "## ماده ۱\n\nشهرها یکدیگر را دوست می‌دانند.", "fonts-dejavu-core"),
    "uk": ("Маніфест дружби", "## Стаття 1\n\nМіста визнають одне одного.", "fonts-dejavu-core"),
    "ur": ("دوستی کا منشور", "## آرٹیکل 1\n\nیہ شہر ایک دوسرے کے دوست ہیں۔", "fonts-noto-core"),
    "zh": ("城市友谊宣言", "## 第一条\n\n城市之间互相承认为友好城市。", "fonts-noto-cjk"),
    "hi": ("मित्रता घोषणापत्र", "## अनुच्छेद 1\n\nशहर एक दूसरे को मित्र मानते हैं।", "fonts-noto-core"),
    "pa": ("ਦੋਸਤੀ ਦਾ ਐਲਾਨਨਾਮਾ", "## ਧਾਰਾ 1\n\nਸ਼ਹਿਰ ਇੱਕ ਦੂਜੇ ਨੂੰ ਦੋਸਤ ਮੰਨਦੇ ਹਨ।", "fonts-noto-core"),
}
#: Languages written in the Latin script, drawn by the stylesheet's Titillium Web (latin-ext).
LATIN = {"it", "en", "fr", "sq", "es", "pt", "ro", "wo"}


def test_every_language_offered_for_translations_is_checked_here():
    offered = {code for code, _name in LANGUAGE_CHOICES}
    assert offered <= LATIN | set(SAMPLES), offered - LATIN - set(SAMPLES)


def _families(language: str) -> set[str]:
    out = subprocess.run(
        ["fc-list", f":lang={language}", "family"], capture_output=True, text=True, check=True
    ).stdout
    names = {name.strip() for line in out.splitlines() for name in line.split(",")}
    return {name.replace(" ", "").replace("-", "").lower() for name in names if name}


def _embedded_fonts(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    return out.stdout.replace("-", "").lower()


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_the_translation_pdf_embeds_a_font_for_its_script(language, pdf_text, settings, tmp_path):
    title, body, package = SAMPLES[language]
    families = _families(language)
    if not families:
        pytest.skip(f"no system font covers '{language}': install the {package} package")
    settings.MEDIA_ROOT = tmp_path
    manifesto = ManifestoFactory(open=True)
    TranslationFactory(version=manifesto.current_version, language=language, title=title, body=body)
    manifesto.refresh_from_db()
    translation = selectors.translation_for(manifesto.current_version, language)

    pk = build_manifesto_pdf(manifesto.pk, language, pdf_fingerprint(manifesto, translation))

    with ManifestoPdf.objects.get(pk=pk).file.open("rb") as handle:
        pdf = handle.read()
    fonts = _embedded_fonts(pdf, tmp_path)
    assert any(family in fonts for family in families), (language, families, fonts)
    text = pdf_text(pdf)
    if translation.is_rtl:
        # Right to left: the title line is pushed to the right margin.
        line = next(line for line in text.splitlines() if title.split()[-1] in line)
        assert len(line) - len(line.lstrip()) > 20, line
    else:
        assert title in text
