"""The admin: workflow buttons with guard messages, comparison page, constant queries."""

from datetime import date
from http import HTTPStatus

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from twinning.models import TwinningFile

from .factories import (
    ActivityFactory,
    CandidateAssessmentFactory,
    CriterionFactory,
    ScoreFactory,
    TwinningDocumentFactory,
    TwinningFileFactory,
    pdf_file,
)

pytestmark = pytest.mark.django_db


def _step_url(file, to):
    return reverse("admin:twinning_twinningfile_step", args=[file.pk, to])


def test_the_change_page_offers_the_allowed_steps(staff_client):
    file = TwinningFileFactory(status="negotiation")
    response = staff_client.get(reverse("admin:twinning_twinningfile_change", args=[file.pk]))
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert _step_url(file, "council_resolution") in html
    assert _step_url(file, "active") not in html


def test_a_refused_step_shows_the_guard_message_and_changes_nothing(staff_client):
    file = TwinningFileFactory(status="negotiation")
    response = staff_client.post(
        _step_url(file, "council_resolution"), {"number": "45", "votes_for": "19"}
    )
    assert response.status_code == HTTPStatus.OK
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Mancano" in m and "data della delibera" in m for m in messages)
    assert TwinningFile.objects.get(pk=file.pk).status == "negotiation"


def test_an_accepted_step_moves_the_file_and_redirects(staff_client):
    file = TwinningFileFactory(status="negotiation")
    response = staff_client.post(
        _step_url(file, "council_resolution"),
        {
            "number": "45",
            "resolution_date": "2025-11-03",
            "votes_for": "19",
            "votes_against": "0",
            "votes_abstained": "7",
            "text": "Testo approvato",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    file.refresh_from_db()
    assert (file.status, file.resolution_date) == ("council_resolution", date(2025, 11, 3))


def test_a_bad_date_is_a_form_error_not_a_500(staff_client):
    file = TwinningFileFactory(status="negotiation")
    response = staff_client.post(
        _step_url(file, "council_resolution"), {"resolution_date": "31/02/xx"}
    )
    assert response.status_code == HTTPStatus.OK
    assert TwinningFile.objects.get(pk=file.pk).status == "negotiation"


def test_an_unknown_step_is_404(staff_client):
    file = TwinningFileFactory()
    assert staff_client.get(_step_url(file, "nowhere")).status_code == HTTPStatus.NOT_FOUND


def test_a_move_outside_the_map_shows_a_message(staff_client):
    file = TwinningFileFactory()
    response = staff_client.post(_step_url(file, "active"), {"term_years": "3"})
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Non è possibile passare" in m for m in messages)


def test_users_without_staff_rights_cannot_reach_the_admin(client, user):
    file = TwinningFileFactory()
    client.force_login(user)
    response = client.post(_step_url(file, "assessment"))
    assert response.status_code == HTTPStatus.FOUND
    assert "/login" in response["Location"]
    assert TwinningFile.objects.get(pk=file.pk).status == "proposed"


def test_the_comparison_ranks_candidates_by_weighted_score(staff_client):
    file = TwinningFileFactory(status="assessment")
    size, ties = CriterionFactory(name="Comunità", weight=3), CriterionFactory(weight=1)
    first = CandidateAssessmentFactory(file=file, city__name="Dakar")
    second = CandidateAssessmentFactory(file=file, city__name="Touba")
    unscored = CandidateAssessmentFactory(file=file, city__name="Abidjan")
    ScoreFactory(assessment=first, criterion=size, value=5)
    ScoreFactory(assessment=first, criterion=ties, value=1)  # (15 + 1) / 4 = 4.0
    ScoreFactory(assessment=second, criterion=size, value=2)
    ScoreFactory(assessment=second, criterion=ties, value=5)  # (6 + 5) / 4 = 2.75

    response = staff_client.get(reverse("admin:twinning_twinningfile_comparison", args=[file.pk]))

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert html.index("Dakar") < html.index("Touba") < html.index("Abidjan")
    assert "4.0" in html or "4,0" in html
    assert "2.75" in html or "2,75" in html
    assert unscored.city.name in html


def test_a_score_out_of_range_is_refused_by_the_database():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ScoreFactory(value=6)


def _changelist_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:twinning_twinningfile_changelist"))
        assert response.status_code == HTTPStatus.OK
    return len(queries)


def test_the_admin_changelist_runs_a_constant_number_of_queries(staff_client):
    def grow(n):
        for _ in range(n):
            file = TwinningFileFactory(active=True)
            ActivityFactory.create_batch(2, file=file)
            TwinningDocumentFactory.create_batch(2, file=file)

    grow(2)
    small = _changelist_queries(staff_client)
    grow(20)
    large = _changelist_queries(staff_client)
    assert small == large, (small, large)


def _change_form_data(response) -> dict:
    """The change form as the browser would post it back, inlines included."""
    data = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if hasattr(value, "all"):
            value = [item.pk for item in value.all()]
        elif isinstance(value, list):
            value = [getattr(item, "pk", item) for item in value]
        data[name] = "" if value is None else value
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management.initial.get(name, 0)
    return data


def test_notice_dates_changed_in_the_admin_form_are_logged_on_the_file(staff_client, staff):
    from mondinsieme.models import ActivityLog

    file = TwinningFileFactory(status="negotiation")
    url = reverse("admin:twinning_twinningfile_change", args=[file.pk])
    data = _change_form_data(staff_client.get(url))
    data.update(
        notice_regione_on="2026-01-05", notice_dar_on="2026-01-05", notice_maeci_on="2026-01-07"
    )
    response = staff_client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND, response.context["adminform"].form.errors
    file.refresh_from_db()
    assert file.notice_maeci_on == date(2026, 1, 7)
    entry = ActivityLog.objects.for_object(file).get(action="notice")
    assert entry.actor == staff
    assert "si potrà firmare dal" in entry.note

    # Saving again without touching the dates adds no second entry.
    staff_client.post(url, _change_form_data(staff_client.get(url)))
    assert ActivityLog.objects.for_object(file).filter(action="notice").count() == 1


def test_the_change_page_shows_the_timeline_with_actor_and_note(staff_client, staff):
    from twinning import services

    file = TwinningFileFactory(status="assessment")
    services.twinning_advance(
        file=file, to="on_hold", actor=staff, note="In attesa delle elezioni nella città partner"
    )
    response = staff_client.get(reverse("admin:twinning_twinningfile_change", args=[file.pk]))
    html = response.content.decode()
    assert "in valutazione → sospesa" in html
    assert "In attesa delle elezioni nella città partner" in html
    assert str(staff) in html


def test_a_refused_step_speaks_english_in_the_english_admin(staff_client):
    from django.utils import translation

    file = TwinningFileFactory(status="negotiation")
    with translation.override("en"):
        url = _step_url(file, "council_resolution")
    assert url.startswith("/en/")
    response = staff_client.post(url, {"number": "45", "votes_for": "19"})
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(m.startswith("Missing:") and "resolution date" in m for m in messages), messages
    assert TwinningFile.objects.get(pk=file.pk).status == "negotiation"


def test_the_changelist_filters_by_status_and_country(staff_client):
    TwinningFileFactory(status="active", partner_city__name="Dakar", partner_city__country="SN")
    TwinningFileFactory(status="proposed", partner_city__name="Touba", partner_city__country="SN")
    TwinningFileFactory(status="active", partner_city__name="Khouribga")
    url = reverse("admin:twinning_twinningfile_changelist")

    by_country = staff_client.get(url, {"country": "SN"}).content.decode()
    assert "Dakar" in by_country and "Touba" in by_country and "Khouribga" not in by_country
    both = staff_client.get(url, {"country": "SN", "status__exact": "active"}).content.decode()
    assert "Dakar" in both and "Touba" not in both


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("firmato.exe", b"MZ\x90\x00", "Formato non accettato"),
        ("firmato.pdf", b"MZ\x90\x00", "non corrisponde"),
        ("firmato.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "il massimo è"),
    ],
    ids=["type", "content", "size"],
)
def test_the_signing_step_refuses_a_bad_upload_with_a_message(staff_client, name, content, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    file = TwinningFileFactory(resolved=True)
    response = staff_client.post(
        _step_url(file, "signed_reggio"),
        {
            "signed_on": "2026-02-02",
            "place": "Sala del Tricolore",
            "document": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()
    file.refresh_from_db()
    assert (file.status, file.signed_document.name) == ("council_resolution", "")


def test_a_document_added_in_the_admin_is_checked_and_stored_under_a_generated_name(
    staff_client,
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    file = TwinningFileFactory(status="negotiation")
    url = reverse("admin:twinning_twinningfile_change", args=[file.pk])

    def post(upload):
        data = _change_form_data(staff_client.get(url))
        data.update(
            {
                "documents-TOTAL_FORMS": "1",
                "documents-0-kind": "agreement",
                "documents-0-title": "Testo dell'accordo in arabo",
                "documents-0-language": "ar",
                "documents-0-document": upload,
                "documents-0-file": str(file.pk),
            }
        )
        return staff_client.post(url, data)

    refused = post(SimpleUploadedFile("accordo.pdf", b"MZ\x90\x00"))
    assert refused.status_code == HTTPStatus.OK
    assert "non corrisponde" in refused.content.decode()
    assert not file.documents.exists()

    accepted = post(SimpleUploadedFile("Accordo Mario Rossi.pdf", b"%PDF-1.4\n"))
    assert accepted.status_code == HTTPStatus.FOUND
    document = file.documents.get()
    assert document.document.name.startswith("twinning/documents/")
    assert "Mario" not in document.document.name


def test_the_admin_links_documents_to_the_checked_downloads_not_to_media(staff_client, client):
    file = TwinningFileFactory(active=True, slug="dakar-2026")
    file.signed_document.save("firmato.pdf", pdf_file(), save=True)
    document = TwinningDocumentFactory(file=file, title="Bozza interna")

    html = staff_client.get(
        reverse("admin:twinning_twinningfile_change", args=[file.pk])
    ).content.decode()
    signed_url = reverse("admin:twinning_twinningfile_signed_document", args=[file.pk])
    assert signed_url in html
    assert document.get_absolute_url() in html
    assert "/media/" not in html

    response = staff_client.get(signed_url)
    assert response.status_code == HTTPStatus.OK
    assert 'filename="dakar-2026-firmato.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")

    client.logout()
    assert client.get(signed_url).status_code == HTTPStatus.FOUND  # to the login page


def test_a_historical_file_without_expiry_is_renewed_from_a_given_date(staff_client):
    file = TwinningFileFactory(status="renewal_due", kind="friendship", term_years=3)
    url = _step_url(file, "renewed")

    refused = staff_client.post(url, {"term_years": "3"})
    messages = [str(m) for m in get_messages(refused.wsgi_request)]
    assert any("non ha una data di scadenza" in m for m in messages), messages
    assert TwinningFile.objects.get(pk=file.pk).status == "renewal_due"

    response = staff_client.post(url, {"term_years": "3", "renewed_from": "2026-06-01"})
    assert response.status_code == HTTPStatus.FOUND
    file.refresh_from_db()
    assert (file.status, file.expires_on) == ("renewed", date(2029, 6, 1))


def test_an_activity_links_to_a_funding_proposal_in_the_admin(staff_client):
    from tests.funding.factories import ProposalFactory

    proposal = ProposalFactory(title="Scuole in rete Reggio–Dakar")
    activity = ActivityFactory(funding_proposal=proposal)
    html = staff_client.get(
        reverse("admin:twinning_twinningfile_change", args=[activity.file.pk])
    ).content.decode()
    assert "Scuole in rete Reggio–Dakar" in html
    assert proposal.twinning_activities.get() == activity
