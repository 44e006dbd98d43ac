"""Pages render with the production static storage (hashed names from the collected manifest)."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from mondinsieme.objectives import objectives


@pytest.fixture
def manifest_storage(tmp_path, settings):
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path / "static", STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield


@pytest.mark.django_db
def test_public_pages_render_with_hashed_static_files(client, manifest_storage):
    # A {% static %} of something that is not a collected file (e.g. a folder) raises in
    # production only: the manifest has no entry for it.
    paths = ["/", "/en/", "/associazioni/", "/account/login/", "/privacy/"]
    paths += [reverse(objective.url_name) for objective in objectives()]
    for path in paths:
        response = client.get(path)
        assert response.status_code == HTTPStatus.OK, path
        assert "/static/css/portal." in response.content.decode(), path
