"""Privacy by design: notices per purpose, consents, data exports, retention rules, access log."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from mondinsieme.uploads import GeneratedName


class Purpose(models.TextChoices):
    """Why the portal collects personal data; each purpose has its own versioned notice."""

    ACCOUNTS = "accounts", _("Account del portale")
    TRAINING = "training", _("Formazione")
    FORUM = "forum", _("Forum: iscrizioni e delegazioni")
    SIGNATURES = "signatures", _("Firme del manifesto")
    PROPOSALS = "proposals", _("Proposte di progetto")


class NotOnPublicPages:
    """Rows of the privacy app that no public page shows: saving them leaves the cached pages
    and the kept notice ids of the ``privacy`` area alone (mondinsieme/cache.py). Only
    notices are public."""

    def affects_public_pages(self) -> bool:
        return False


class NoticeQuerySet(models.QuerySet):
    def published(self) -> NoticeQuerySet:
        return self.filter(published_at__isnull=False, published_at__lte=timezone.now())


class Notice(models.Model):
    """One version of the privacy notice of a purpose; published versions never change."""

    purpose = models.CharField(_("finalità"), max_length=16, choices=Purpose.choices)
    version = models.PositiveIntegerField(_("versione"))
    title_it = models.CharField(_("titolo (italiano)"), max_length=200)
    title_en = models.CharField(_("titolo (inglese)"), max_length=200)
    body_it = models.TextField(_("testo (italiano)"), help_text=_("Markdown."))
    body_en = models.TextField(_("testo (inglese)"), help_text=_("Markdown."))
    legal_basis = models.CharField(_("base giuridica"), max_length=300)
    data_categories = models.CharField(_("categorie di dati"), max_length=400)
    data_subjects = models.CharField(_("categorie di interessati"), max_length=300)
    recipients = models.CharField(_("destinatari"), max_length=400)
    changes = models.TextField(_("cosa cambia rispetto alla versione precedente"), blank=True)
    published_at = models.DateTimeField(_("pubblicata il"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("informativa")
        verbose_name_plural = _("informative")
        ordering = ["purpose", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["purpose", "version"], name="privacy_notice_one_per_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} v{self.version}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.published_at <= timezone.now()

    @property
    def title(self) -> str:
        return self.title_en if translation.get_language() == "en" else self.title_it

    @property
    def body(self) -> str:
        return self.body_en if translation.get_language() == "en" else self.body_it


class Consent(NotOnPublicPages, models.Model):
    """A person accepted a notice version, for a purpose, through a form of the portal."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consents",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    purpose = models.CharField(_("finalità"), max_length=16, choices=Purpose.choices)
    notice = models.ForeignKey(
        Notice, verbose_name=_("informativa"), on_delete=models.PROTECT, related_name="consents"
    )
    source = models.CharField(_("modulo"), max_length=100, blank=True)
    # True for a consent in the GDPR sense (art. 6.1.a, 9.2.a), which the person may withdraw;
    # False when the person only read the notice of a service based on another legal ground.
    explicit = models.BooleanField(_("consenso esplicito"), default=False)
    # What the consent is about (a signature, a proposal...), so withdrawing it can act on it.
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    subject = GenericForeignKey("content_type", "object_id")
    given_at = models.DateTimeField(_("dato il"), default=timezone.now, db_index=True)
    withdrawn_at = models.DateTimeField(_("revocato il"), null=True, blank=True)
    withdrawn_source = models.CharField(_("revocato da"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("consenso")
        verbose_name_plural = _("consensi")
        ordering = ["-given_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(email="") | Q(withdrawn_at__isnull=False),
                name="privacy_consent_has_a_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} v{self.notice.version}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class DataExport(NotOnPublicPages, models.Model):
    """A ZIP of everything the portal holds about a user, built by a task, valid for some days."""

    class Status(models.TextChoices):
        PENDING = "pending", _("in preparazione")
        READY = "ready", _("pronto")
        FAILED = "failed", _("non riuscito")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    # Never served by the web server: only the view behind login and a signed token.
    file = models.FileField(upload_to=GeneratedName("private/exports"), blank=True)
    size = models.PositiveBigIntegerField(default=0)
    requested_at = models.DateTimeField(_("richiesto il"), auto_now_add=True, db_index=True)
    ready_at = models.DateTimeField(_("pronto il"), null=True, blank=True)
    expires_at = models.DateTimeField(_("scade il"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("copia dei dati")
        verbose_name_plural = _("copie dei dati")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.requested_at:%Y-%m-%d %H:%M}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()


class RetentionRule(NotOnPublicPages, models.Model):
    """How long one dataset is kept, and what happens after (a nightly job applies it)."""

    class Action(models.TextChoices):
        DELETE = "delete", _("cancella")
        ANONYMISE = "anonymise", _("rendi anonimo")

    dataset = models.CharField(
        _("insieme di dati"),
        max_length=80,
        unique=True,
        help_text=_("La chiave registrata da un'app, ad esempio forum.unconfirmed_signatures."),
    )
    purpose = models.CharField(_("finalità"), max_length=16, choices=Purpose.choices, blank=True)
    period_days = models.PositiveIntegerField(_("periodo (giorni)"))
    action = models.CharField(_("azione"), max_length=12, choices=Action.choices)
    legal_basis = models.CharField(_("base giuridica"), max_length=300)
    description = models.TextField(_("descrizione"))
    active = models.BooleanField(_("attiva"), default=True)
    last_run_at = models.DateTimeField(_("ultima esecuzione"), null=True, blank=True)
    last_count = models.PositiveIntegerField(_("righe trattate l'ultima volta"), default=0)

    class Meta:
        verbose_name = _("regola di conservazione")
        verbose_name_plural = _("regole di conservazione")
        ordering = ["dataset"]

    def __str__(self) -> str:
        return self.dataset


class AccessLog(NotOnPublicPages, models.Model):
    """Who viewed or exported a list of personal data, when, with which filters."""

    class Kind(models.TextChoices):
        LIST = "list", _("elenco")
        DETAIL = "detail", _("scheda")
        EXPORT = "export", _("esportazione")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chi"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("quando"), default=timezone.now, db_index=True)
    kind = models.CharField(_("tipo"), max_length=8, choices=Kind.choices)
    what = models.CharField(_("cosa"), max_length=120, db_index=True)
    object_id = models.CharField(_("oggetto"), max_length=64, blank=True)
    path = models.CharField(_("indirizzo"), max_length=300)
    query = models.CharField(_("filtri"), max_length=1000, blank=True)
    row_count = models.PositiveIntegerField(_("righe"), null=True, blank=True)
    ip = models.GenericIPAddressField(_("indirizzo IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("accesso ai dati personali")
        verbose_name_plural = _("accessi ai dati personali")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.what}"


class InactivityWarning(NotOnPublicPages, models.Model):
    """When an account unused for the retention period was warned that it will be deleted."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utente"),
        on_delete=models.CASCADE,
        related_name="inactivity_warning",
    )
    # A login after this time cancels the deletion; the next warning overwrites it.
    warned_at = models.DateTimeField(_("avvisato il"), db_index=True)

    class Meta:
        verbose_name = _("avviso di inattività")
        verbose_name_plural = _("avvisi di inattività")
        ordering = ["-warned_at"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.warned_at:%Y-%m-%d}"
