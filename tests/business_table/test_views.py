"""Staff pages: record, create from a meeting, change status; bad input never breaks a page."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from business_table.models import Action, Meeting, Opportunity
from tests.business_table.factories import ActionFactory, MeetingFactory, OpportunityFactory
from tests.factories import AssociationFactory

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_staff_record_a_meeting(staff_client, staff):
    start = timezone.localtime() - timedelta(days=1)
    response = staff_client.post(
        reverse("business_table:meeting-create"),
        {
            "title": "Tavolo di prova",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "place": "Sala",
            "minutes": "Verbale <script>alert(1)</script>",
            "staff_attendees": [staff.pk],
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == meeting.get_absolute_url()
    page = staff_client.get(meeting.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page


def test_a_meeting_ending_before_it_starts_is_refused_with_a_message(staff_client):
    start = timezone.localtime()
    response = staff_client.post(
        reverse("business_table:meeting-create"),
        {"title": "X", "place": "Y", "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
         "ends_at": (start - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")},
    )  # fmt: skip
    assert response.status_code == HTTPStatus.OK
    assert "La fine deve venire dopo" in response.content.decode()
    assert not Meeting.objects.exists()


def test_an_opportunity_is_created_from_a_meeting_with_a_connector(staff_client):
    meeting = MeetingFactory()
    connector = AssociationFactory()
    form = staff_client.get(reverse("business_table:opportunity-create") + f"?meeting={meeting.pk}")
    assert f'value="{meeting.pk}" selected' in form.content.decode()
    response = staff_client.post(
        reverse("business_table:opportunity-create"),
        {"title": "Export in Marocco", "kind": "export", "country": "MA", "sector": "28.30",
         "description": "d", "source_meeting": meeting.pk,
         "connector_associations": [connector.pk]},
    )  # fmt: skip
    opportunity = Opportunity.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert list(opportunity.connector_associations.all()) == [connector]
    assert "Export in Marocco" in staff_client.get(meeting.get_absolute_url()).content.decode()


def test_a_bad_sector_code_is_shown_as_a_form_error(staff_client):
    response = staff_client.post(
        reverse("business_table:opportunity-create"),
        {"title": "X", "kind": "export", "country": "MA", "sector": "ZZ", "description": "d"},
    )
    assert response.status_code == HTTPStatus.OK
    assert "non è un codice ATECO" in response.content.decode()


def test_a_refused_transition_says_why(staff_client):
    opportunity = OpportunityFactory(assessing=True)
    response = staff_client.post(
        reverse("business_table:opportunity-status", args=[opportunity.pk]), {"to": "active"}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert any("prossimo passo" in m for m in _messages(response))


def test_a_nonsense_status_is_refused_without_error(staff_client):
    opportunity = OpportunityFactory()
    for url, data in [
        (reverse("business_table:opportunity-status", args=[opportunity.pk]), {"to": "boh"}),
        (reverse("business_table:meeting-status", args=[MeetingFactory().pk]), {"to": "boh"}),
        (reverse("business_table:action-status", args=[ActionFactory().pk]), {"to": "boh"}),
    ]:
        assert staff_client.post(url, data).status_code == HTTPStatus.FOUND


def test_an_action_is_assigned_completed_and_its_result_shown_on_both_pages(staff_client, staff):
    meeting = MeetingFactory()
    opportunity = OpportunityFactory(source_meeting=meeting)
    staff_client.post(
        reverse("business_table:opportunity-action-create", args=[opportunity.pk]),
        {"title": "Chiamare le imprese", "owner": staff.pk, "due_on": "2030-01-31"},
    )
    action = Action.objects.get()
    staff_client.post(
        reverse("business_table:action-status", args=[action.pk]),
        {"to": "done", "outcome": "RISULTATO-TRE-IMPRESE"},
    )
    for url in (meeting.get_absolute_url(), opportunity.get_absolute_url()):
        body = staff_client.get(url).content.decode()
        assert "Chiamare le imprese" in body and "RISULTATO-TRE-IMPRESE" in body


def test_a_bad_action_form_says_what_to_fix(staff_client):
    meeting = MeetingFactory()
    response = staff_client.post(
        reverse("business_table:meeting-action-create", args=[meeting.pk]),
        {"title": "", "owner": "x", "due_on": "domani"},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert len(_messages(response)) >= 2
    assert not Action.objects.exists()


def test_staff_publish_the_summary_from_the_page(staff_client, client):
    meeting = MeetingFactory(held=True, public_summary="ORA-PUBBLICA")
    staff_client.post(
        reverse("business_table:meeting-status", args=[meeting.pk]), {"to": "publish"}
    )
    client.logout()
    assert "ORA-PUBBLICA" in client.get(reverse("business_table:index")).content.decode()


def test_the_ical_lists_only_upcoming_planned_meetings(staff_client):
    MeetingFactory(upcoming=True, title="Prossima riunione")
    MeetingFactory(title="Riunione passata")
    response = staff_client.get(reverse("business_table:meeting-ical"))
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Prossima riunione"]


def test_the_opportunity_list_filters_and_flags_expired(staff_client):
    OpportunityFactory(title="In Marocco", country="MA", expired=True)
    OpportunityFactory(title="In Ghana", country="GH")
    body = staff_client.get(
        reverse("business_table:opportunity-list") + "?country=MA"
    ).content.decode()
    assert "In Marocco" in body and "In Ghana" not in body
    assert "scaduta" in body
    bad = staff_client.get(reverse("business_table:opportunity-list") + "?status=boh&page=x")
    assert bad.status_code == HTTPStatus.OK


def test_the_country_page_shows_community_associations_and_open_work(staff_client):
    from tests.factories import CommunityFactory

    community = CommunityFactory(
        country="GH", residents_estimate=2967, residents_year=2010, residents_source="ISTAT"
    )
    AssociationFactory(name="Associazione ghanese", communities=[community])
    ActionFactory(opportunity=OpportunityFactory(country="GH", title="Cacao"), title="Telefonare")
    OpportunityFactory(country="GH", title="Chiusa", status="dropped", outcome="no")
    body = staff_client.get(reverse("business_table:country-detail", args=["gh"])).content.decode()
    assert "2.967" in body and "ISTAT" in body
    assert "Associazione ghanese" in body
    assert "Cacao" in body and "Telefonare" in body
    assert "Chiusa" not in body
    overview = staff_client.get(reverse("business_table:country-list")).content.decode()
    assert "Ghana" in overview


def test_the_home_page_figures(db):
    from business_table.selectors import home_figures

    MeetingFactory(held=True)
    OpportunityFactory(active=True)
    OpportunityFactory()
    assert [value for _label, value in home_figures()] == [1, 1]


@pytest.mark.parametrize("year", ["0001", "1899", "2101", "9999"])
def test_a_meeting_date_in_an_impossible_year_is_a_form_error(staff_client, year):
    response = staff_client.post(
        reverse("business_table:meeting-create"),
        {"title": "X", "place": "Y", "starts_at": f"{year}-01-01T00:00",
         "ends_at": f"{year}-01-01T02:00"},
    )  # fmt: skip
    assert response.status_code == HTTPStatus.OK
    assert "Indica una data tra il 2000 e il 2100." in response.content.decode()
    assert not Meeting.objects.exists()


def test_impossible_dates_of_actions_and_opportunities_are_refused(staff_client, staff):
    meeting = MeetingFactory()
    response = staff_client.post(
        reverse("business_table:meeting-action-create", args=[meeting.pk]),
        {"title": "Chiamare", "owner": staff.pk, "due_on": "0001-01-01"},
    )
    assert "Indica una data tra il 2000 e il 2100." in _messages(response)
    assert not Action.objects.exists()
    response = staff_client.post(
        reverse("business_table:opportunity-create"),
        {"title": "X", "kind": "export", "country": "MA", "description": "d",
         "expires_on": "1900-01-01"},
    )  # fmt: skip
    assert response.status_code == HTTPStatus.OK
    assert "Indica una data tra il 2000 e il 2100." in response.content.decode()
    assert not Opportunity.objects.exists()


@pytest.mark.parametrize(
    "target", ["/\\evil.example/", "//evil.example/", "https://evil.example/", "javascript:x"]
)
def test_updating_an_action_never_sends_you_to_another_site(staff_client, target):
    action = ActionFactory()
    response = staff_client.post(
        reverse("business_table:action-status", args=[action.pk]),
        {"to": "in_progress", "next": target},
    )
    assert response["Location"] == action.opportunity.get_absolute_url()
    action.refresh_from_db()
    assert action.status == "in_progress"


def test_a_too_long_result_says_so_and_changes_nothing(staff_client):
    action = ActionFactory()
    response = staff_client.post(
        reverse("business_table:action-status", args=[action.pk]),
        {"to": "done", "outcome": "x" * 5001},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert any("5000" in m for m in _messages(response))
    action.refresh_from_db()
    assert action.status == "open"


def test_a_nonsense_opportunity_status_says_what_is_wrong(staff_client):
    opportunity = OpportunityFactory()
    response = staff_client.post(
        reverse("business_table:opportunity-status", args=[opportunity.pk]), {"to": "boh"}
    )
    assert any("boh" in m for m in _messages(response))
    opportunity.refresh_from_db()
    assert opportunity.status == "identified"


def test_an_edit_never_reverts_a_status_changed_meanwhile(staff):
    from business_table import services

    opportunity = OpportunityFactory()
    stale = Opportunity.objects.get(pk=opportunity.pk)
    Opportunity.objects.filter(pk=opportunity.pk).update(status="assessing")
    services.opportunity_save(actor=staff, opportunity=stale, data={"title": "Rinominata"})
    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.title) == ("assessing", "Rinominata")


def test_the_chain_shows_on_the_country_page_too(staff_client):
    meeting = MeetingFactory(title="Riunione di origine")
    opportunity = OpportunityFactory(country="SN", title="Pesca in Senegal", source_meeting=meeting)
    ActionFactory(opportunity=opportunity, meeting=meeting, title="Visitare il porto")
    body = staff_client.get(reverse("business_table:country-detail", args=["SN"])).content.decode()
    assert "Visitare il porto" in body
    assert f'href="{meeting.get_absolute_url()}"' in body
    assert f'href="{opportunity.get_absolute_url()}"' in body
