"""The admin runs on the portal's site, which builds the list of apps once per page."""

from http import HTTPStatus
from unittest import mock

import pytest
from django.contrib import admin
from django.contrib.admin import AdminSite

from mondinsieme.admin_site import PortalAdminSite

pytestmark = pytest.mark.django_db


def test_the_default_admin_site_is_the_portals():
    assert isinstance(admin.site, PortalAdminSite)


def test_the_admin_index_lists_the_apps_building_the_list_once(client, staff):
    client.force_login(staff)
    with mock.patch.object(
        AdminSite, "_build_app_dict", autospec=True, side_effect=AdminSite._build_app_dict
    ) as build:
        response = client.get("/gestione/")
    assert response.status_code == HTTPStatus.OK
    assert build.call_count == 1
    page = response.content.decode()
    # The page and the navigation sidebar both show the objectives' apps.
    assert page.count('href="/gestione/funding/proposal/"') >= 1
    assert "/gestione/training/course/" in page


def test_an_app_page_lists_only_that_app(client, staff):
    client.force_login(staff)
    response = client.get("/gestione/funding/")
    assert response.status_code == HTTPStatus.OK
    assert "/gestione/funding/proposal/" in response.content.decode()
