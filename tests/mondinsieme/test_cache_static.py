"""Static files in production: hashed names cached for ever by browsers, compressed copies."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client, override_settings


@pytest.fixture
def collected(tmp_path, settings):
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path / "static", STORAGES=storages, DEBUG=False):
        call_command("collectstatic", interactive=False, verbosity=0)
        # override_settings(STORAGES=...) resets the lazy storage: this one reads the new manifest.
        from django.contrib.staticfiles.storage import staticfiles_storage

        yield staticfiles_storage


def test_it_serves_hashed_static_files_with_far_future_caching_and_compressed(collected):
    url = collected.url("css/portal.css")
    assert url != "/static/css/portal.css"  # a hashed name

    response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip, br")

    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "max-age=315360000" in cache_control and "immutable" in cache_control
    assert response["Content-Encoding"] in ("gzip", "br")
    assert "Accept-Encoding" in response["Vary"]


def test_an_unhashed_name_is_cached_only_briefly(collected):
    response = Client().get("/static/css/portal.css")
    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]
