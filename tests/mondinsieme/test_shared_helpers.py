"""Markdown sanitising, uploaded-document checks and calendar files shared by the apps."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from icalendar import Calendar

from mondinsieme.ical import CalendarEvent, calendar_response
from mondinsieme.markdown import render_markdown
from mondinsieme.uploads import GeneratedName, validate_document


def test_markdown_keeps_formatting_and_drops_scripts_and_javascript_links():
    html = render_markdown(
        "**Forte** e [link](https://example.org)\n\n<script>alert(1)</script>"
        "[male](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )
    assert "<strong>Forte</strong>" in html
    assert 'href="https://example.org"' in html
    assert "<script" not in html
    assert "javascript:" not in html
    assert "onerror" not in html


def test_a_real_pdf_is_accepted():
    validate_document(SimpleUploadedFile("delibera.pdf", b"%PDF-1.7\n...", "application/pdf"))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "Formato non accettato"),
        ("finto.pdf", b"MZ\x90\x00 not a pdf", "non corrisponde a un PDF"),
        ("foto.png", b"GIF89a", "non corrisponde a un PNG"),
    ],
)
def test_wrong_documents_are_refused_with_a_clear_message(name, content, message):
    with pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile(name, content))
    assert message in error.value.messages[0]


def test_an_oversized_document_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile("grande.pdf", b"%PDF-" + b"0" * 2048), max_bytes=1024)
    assert "il massimo è" in error.value.messages[0]


def test_stored_names_are_generated_not_taken_from_the_user():
    name = GeneratedName("twinning/documents")(None, "../../etc/passwd Mario Rossi.PDF")
    assert name.startswith("twinning/documents/")
    assert name.endswith(".pdf")
    assert "Rossi" not in name and ".." not in name


def test_calendar_file_has_one_event_per_item():
    rome = ZoneInfo("Europe/Rome")
    response = calendar_response(
        name="Corso",
        filename="corso",
        events=[
            CalendarEvent(
                uid="training-session-1",
                start=datetime(2026, 12, 1, 17, tzinfo=rome),
                end=datetime(2026, 12, 1, 19, tzinfo=rome),
                title="Europrogettazione",
                location="Sala del Tricolore",
            )
        ],
    )
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(event["summary"]) for event in events] == ["Europrogettazione"]
    assert str(events[0]["location"]) == "Sala del Tricolore"
