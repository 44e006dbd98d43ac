"""The signatories in the manifesto PDF: grouped by country, in blocks of a fixed size."""

import pytest

from forum import selectors
from forum.models import ManifestoPdf
from forum.tasks import NAMES_PER_BLOCK, build_manifesto_pdf, citizen_groups, pdf_fingerprint

from .factories import ManifestoFactory, SignatureFactory, confirmed_public_citizens

pytestmark = pytest.mark.django_db


def test_citizens_are_grouped_by_country_unknown_last_in_blocks_of_fixed_size():
    rows = [("citizen", f"Nome {i}", "", "SN") for i in range(NAMES_PER_BLOCK * 2 + 1)]
    rows += [("citizen", "Senza Paese", "", ""), ("citizen", "Amina", "", "MA")]

    groups = citizen_groups(rows)

    assert [(g["country"], g["count"]) for g in groups] == [
        ("Marocco", 1),
        ("Senegal", NAMES_PER_BLOCK * 2 + 1),
        ("Paese non indicato", 1),
    ]
    assert [len(block) for block in groups[1]["blocks"]] == [NAMES_PER_BLOCK, NAMES_PER_BLOCK, 1]


def test_the_pdf_lists_every_public_citizen_under_their_country(pdf_text, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    manifesto = ManifestoFactory(open=True)
    confirmed_public_citizens(
        manifesto, 250, name="Firmataria", country=lambda i: "GH" if i % 2 else "AL"
    )
    SignatureFactory(manifesto=manifesto, confirmed=True, name="<b>Non HTML</b>", country="GH")
    manifesto.refresh_from_db()
    translation = selectors.translation_for(manifesto.current_version, "it")

    pk = build_manifesto_pdf(manifesto.pk, "it", pdf_fingerprint(manifesto, translation))

    with ManifestoPdf.objects.get(pk=pk).file.open("rb") as handle:
        text = " ".join(pdf_text(handle.read()).split())
    assert "251 firme confermate" in text
    assert "Albania (125)" in text and "Ghana (126)" in text
    assert text.index("Albania (125)") < text.index("Firmataria000") < text.index("Ghana (126)")
    assert all(f"Firmataria{i:03d}" in text for i in range(250))
    assert "<b>Non HTML</b>" in text
