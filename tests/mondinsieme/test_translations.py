"""Both catalogues are complete, and the English site really speaks English."""

from __future__ import annotations

import re
import subprocess
from http import HTTPStatus
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The core catalogue (locale/) and one per objective app (<app>/locale/).
CATALOGUES = sorted(
    path.relative_to(ROOT)
    for path in ROOT.glob("**/locale/*/LC_MESSAGES/django.po")
    if ".venv" not in path.parts and "node_modules" not in path.parts
)


def test_every_language_has_the_core_catalogue():
    assert {str(path) for path in CATALOGUES} >= {
        "locale/it/LC_MESSAGES/django.po",
        "locale/en/LC_MESSAGES/django.po",
    }


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=str)
def test_the_catalogue_has_no_untranslated_or_fuzzy_entries(catalogue):
    po = ROOT / catalogue
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    statistics = result.stderr.strip()
    assert re.fullmatch(r"\d+ translated messages\.", statistics), statistics


@pytest.mark.django_db
def test_the_home_page_is_in_italian_at_the_root_and_in_english_under_en(client):
    italian = client.get("/")
    english = client.get("/en/")
    assert italian.status_code == english.status_code == HTTPStatus.OK
    assert '<html lang="it"' in italian.content.decode()
    assert '<html lang="en"' in english.content.decode()
    assert "Associazioni" in italian.content.decode()
    assert "Associations" in english.content.decode()
    assert "Vai al contenuto" in italian.content.decode()
    assert "Vai al contenuto" not in english.content.decode()
