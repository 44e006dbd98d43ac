"""Browser journeys of the Manifesto: a citizen signs and confirms; a leader's amendment is
accepted by staff into a new version; the Arabic text renders right to left; axe finds nothing
serious on the public manifesto pages."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator

from forum.models import Amendment, Manifesto
from mondinsieme.models import OutgoingEmail
from tests.e2e.accounts import log_in, log_out, pass_second_factor
from tests.e2e.axe import serious_violations
from tests.factories import AssociationFactory, MembershipFactory, UserFactory
from tests.forum.factories import ManifestoFactory, SignatureFactory, TranslationFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Una-password-lunga-2026"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"
EMAIL_LABEL = re.compile(r"^E-?mail$", re.I)
ARABIC_BODY = "## المادة 1\n\nتعترف ريدجو إميليا والمدن التي جاء منها سكانها ببعضها كمدن صديقة."


def _log_in(page, live_server, email, password=PASSWORD):
    log_in(page, live_server.url, email, password)


def _log_out(page, live_server):
    log_out(page, live_server.url)


def _user(email, **kwargs):
    user = UserFactory(email=email, **kwargs)
    user.set_password(PASSWORD)
    user.save()
    return user


def test_a_citizen_signs_confirms_from_the_email_and_sees_the_counter_move(page, live_server):
    manifesto = ManifestoFactory(open=True, title="Manifesto dell'amicizia")
    SignatureFactory(manifesto=manifesto, confirmed=True)

    page.goto(f"{live_server.url}{manifesto.get_absolute_url()}")
    assert page.get_by_test_id("signature-total").inner_text() == "1"
    page.get_by_label("Nome e cognome").fill("Fatou Diop")
    page.get_by_label(EMAIL_LABEL).fill("fatou@example.org")
    page.get_by_label("Città di residenza").fill("Reggio Emilia")
    page.get_by_label("Paese di residenza").select_option("SN")
    # Bootstrap Italia draws the box over the input: people (and we) click the label.
    page.locator("label[for=id_consent]").click()
    page.locator("label[for=id_public_listing]").click()
    page.get_by_role("button", name="Firma", exact=True).click()
    page.get_by_role("heading", name="Controlla la tua casella di posta").wait_for()

    email = OutgoingEmail.objects.get(to="fatou@example.org", template="forum/signature_confirm")
    link = re.search(r"https?://\S+/forum/firma/\S+/", email.body_text).group(0)
    path = re.sub(r"^https?://[^/]+", "", link)
    page.goto(f"{live_server.url}{path}")
    page.get_by_role("button", name="Confermo la mia firma").click()
    page.get_by_text("Grazie, la tua firma è confermata.").wait_for()
    assert page.get_by_test_id("signature-total").inner_text() == "2"

    page.get_by_role("link", name="Chi ha firmato").click()
    page.get_by_text("Fatou Diop").wait_for()
    assert page.csp_errors == []


def test_a_leaders_amendment_is_accepted_into_a_new_version(page, live_server, totp_code):
    association = AssociationFactory(name="Associazione Ponti sul Mediterraneo")
    leader = _user("leader@example.org", full_name="Amina El Idrissi")
    MembershipFactory(association=association, user=leader, leader=True)
    staff = _user("staff@example.org", staff=True, is_superuser=True)
    Authenticator.objects.create(
        user=staff, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET}
    )
    manifesto = ManifestoFactory(consultation=True, title="Manifesto in consultazione")

    # The leader proposes a change to article 1.
    _log_in(page, live_server, "leader@example.org")
    page.goto(f"{live_server.url}{manifesto.get_absolute_url()}")
    page.get_by_role("link", name=re.compile("Proponi un emendamento")).click()
    page.get_by_label("Articolo", exact=True).select_option(label="Art. 1 — Titolo 1")
    page.locator("label", has_text="modifica il testo").click()
    page.get_by_label("Testo proposto").fill("Le città amiche si parlano ogni anno.")
    page.get_by_label("Motivazione").fill("Un impegno concreto.")
    page.get_by_role("button", name="Invia l'emendamento").click()
    page.get_by_text("Emendamento inviato.").wait_for()
    _log_out(page, live_server)

    # Staff accept it with a public reply and publish a new version from the admin.
    _log_in(page, live_server, "staff@example.org")
    pass_second_factor(page, totp_code(TOTP_SECRET))
    page.goto(f"{live_server.url}/gestione/forum/amendment/")
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("accept")
    page.locator("button[name=index], input[name=index]").first.click()
    page.get_by_label("Risposta pubblica").fill("Accolto: grazie.")
    page.get_by_role("button", name="Conferma").click()
    page.get_by_text("1 emendamento deciso.").wait_for()
    assert Amendment.objects.get().status == "accepted"

    page.goto(f"{live_server.url}/gestione/forum/manifesto/")
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("publish_version")
    page.locator("button[name=index], input[name=index]").first.click()
    page.get_by_role("button", name="Conferma").click()
    page.get_by_text(re.compile("pubblicata la versione 2")).wait_for()

    # The public sees the new text, the diff and the reply.
    page.goto(f"{live_server.url}{manifesto.get_absolute_url()}")
    page.get_by_text("Le città amiche si parlano ogni anno.").wait_for()
    page.get_by_role("link", name="Cosa è cambiato").click()
    page.locator("ins", has_text="Le città amiche si parlano ogni anno.").wait_for()
    page.get_by_role("link", name="Emendamenti").click()
    page.get_by_text("Accolto: grazie.").wait_for()
    assert Manifesto.objects.get().current_version.number == 2
    assert page.csp_errors == []


def test_the_arabic_translation_renders_right_to_left(page, live_server):
    manifesto = ManifestoFactory(open=True)
    TranslationFactory(
        version=manifesto.current_version,
        language="ar",
        title="بيان الصداقة بين المدن والمواطنين",
        body=ARABIC_BODY,
    )

    page.goto(f"{live_server.url}{manifesto.get_absolute_url()}")
    page.get_by_role("link", name="العربية").click()
    text = page.locator("#manifesto-text")
    text.wait_for()

    assert text.get_attribute("dir") == "rtl"
    assert text.get_attribute("lang") == "ar"
    assert text.evaluate("el => getComputedStyle(el).direction") == "rtl"
    # Right to left: the heading's text ends near the container's right edge.
    box = text.bounding_box()
    heading = text.locator("h2").first.evaluate(
        "el => { const r = document.createRange(); r.selectNodeContents(el);"
        " const b = r.getBoundingClientRect(); return {left: b.left, right: b.right}; }"
    )
    assert heading["right"] > box["x"] + box["width"] - 20
    assert heading["left"] > box["x"] + 20
    # Saved for a person to look at: Arabic glyphs, right alignment, the language picker.
    page.screenshot(path=Path(tempfile.gettempdir()) / "forum_manifesto_rtl.png", full_page=True)
    assert page.csp_errors == []


@pytest.mark.parametrize(
    "suffix", ["", "?lang=ar", "firmatari/", "emendamenti/", "versioni/", "firma/inviata/"]
)
def test_manifesto_pages_have_no_serious_accessibility_violations(page, live_server, suffix):
    manifesto = ManifestoFactory(open=True, slug="manifesto-amicizia")
    TranslationFactory(version=manifesto.current_version, language="ar", body=ARABIC_BODY)
    SignatureFactory(manifesto=manifesto, confirmed=True, country="SN")
    page.goto(f"{live_server.url}/forum/manifesto/manifesto-amicizia/{suffix}")
    assert serious_violations(page) == []
    assert page.csp_errors == []


@pytest.mark.parametrize("path", ["/forum/", "/forum/edizioni/forum-2026/"])
def test_forum_pages_have_no_serious_accessibility_violations(page, live_server, path):
    from tests.forum.factories import ForumEditionFactory, ProgrammeItemFactory

    ManifestoFactory(open=True)
    edition = ForumEditionFactory(slug="forum-2026", capacity=50, registration_open=True)
    ProgrammeItemFactory(edition=edition, title="Apertura", languages="it, fr")
    page.goto(f"{live_server.url}{path}")
    assert serious_violations(page) == []
    assert page.csp_errors == []


def test_the_confirmation_and_withdrawal_pages_have_no_serious_accessibility_violations(
    page, live_server
):
    from datetime import timedelta

    from django.utils import timezone

    from forum.models import Signature, token_hash

    manifesto = ManifestoFactory(open=True)
    SignatureFactory(manifesto=manifesto, email="attesa@example.org")
    Signature.objects.filter(manifesto=manifesto).update(
        token_hash=token_hash("token-di-prova"),
        token_expires_at=timezone.now() + timedelta(days=1),
    )
    confirmed = SignatureFactory(manifesto=manifesto, confirmed=True)
    Signature.objects.filter(pk=confirmed.pk).update(withdraw_token_hash=token_hash("ritiro"))

    for path in ("/forum/firma/token-di-prova/", "/forum/firma/ritiro/ritira/"):
        page.goto(f"{live_server.url}{path}")
        page.get_by_role("button").last.wait_for()
        assert serious_violations(page) == [], path
    assert page.csp_errors == []
