"""The business round table: trade associations, meetings, opportunities and actions."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from associations.models import Association, City, Community
from mondinsieme.validators import validate_plain_text

from . import ateco


class TradeAssociation(models.Model):
    """An associazione di categoria sitting at the table."""

    class Kind(models.TextChoices):
        INDUSTRY = "industry", _("industria")
        CRAFTS = "crafts", _("artigianato")
        COMMERCE = "commerce", _("commercio e servizi")
        COOPERATIVES = "cooperatives", _("cooperative")
        AGRICULTURE = "agriculture", _("agricoltura")
        CHAMBER = "chamber", _("camera di commercio")
        OTHER = "other", _("altro")

    name = models.CharField(
        _("nome"), max_length=200, unique=True, validators=[validate_plain_text]
    )
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("tipo"), max_length=16, choices=Kind.choices)
    description = models.TextField(_("descrizione"), blank=True, max_length=3000)
    contact_name = models.CharField(
        _("persona di contatto"), max_length=120, blank=True, validators=[validate_plain_text]
    )
    contact_email = models.EmailField(_("e-mail di contatto"), blank=True)
    website = models.URLField(_("sito web"), blank=True)
    sectors = models.CharField(
        _("settori (codici ATECO)"),
        max_length=300,
        blank=True,
        validators=[ateco.validate_ateco_list],
        help_text=_("Codici separati da virgole, per esempio: 10, 28.1, 46"),
    )
    member_companies = models.PositiveIntegerField(_("imprese associate"), null=True, blank=True)
    member_companies_year = models.PositiveSmallIntegerField(
        _("anno del dato sulle imprese"), null=True, blank=True
    )
    active = models.BooleanField(_("partecipa al tavolo"), default=True)

    class Meta:
        verbose_name = _("associazione di categoria")
        verbose_name_plural = _("associazioni di categoria")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member_companies__isnull=True) | Q(member_companies_year__isnull=False),
                name="trade_association_members_have_year",
                violation_error_message=_("Indica l'anno a cui si riferisce il numero di imprese."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def sector_labels(self) -> list[str]:
        return [ateco.label(code) for code in ateco.split_codes(self.sectors)]


class TradeAssociationContact(models.Model):
    """A person of a trade association who may log in and read the table's material."""

    trade_association = models.ForeignKey(
        TradeAssociation,
        verbose_name=_("associazione di categoria"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utente"),
        on_delete=models.CASCADE,
        related_name="trade_contacts",
    )
    role = models.CharField(
        _("ruolo"), max_length=120, blank=True, validators=[validate_plain_text]
    )
    active = models.BooleanField(_("attivo"), default=True)

    class Meta:
        verbose_name = _("referente di associazione di categoria")
        verbose_name_plural = _("referenti di associazioni di categoria")
        ordering = ["trade_association__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["trade_association", "user"],
                name="trade_contact_one_per_user",
                violation_error_message=_("Questa persona è già referente dell'associazione."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.trade_association}"


class Meeting(models.Model):
    """A meeting of the table: agenda, attendees, minutes, decisions and a public summary."""

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("meeting status", "in programma")
        HELD = "held", pgettext_lazy("meeting status", "svolta")
        CANCELLED = "cancelled", pgettext_lazy("meeting status", "annullata")

    TRANSITIONS = {
        Status.PLANNED: {Status.HELD, Status.CANCELLED},
        Status.HELD: set(),
        Status.CANCELLED: {Status.PLANNED},
    }

    title = models.CharField(_("titolo"), max_length=200, validators=[validate_plain_text])
    starts_at = models.DateTimeField(_("inizio"))
    ends_at = models.DateTimeField(_("fine"))
    place = models.CharField(_("luogo"), max_length=200, validators=[validate_plain_text])
    status = models.CharField(
        _("stato"), max_length=16, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    status_changed_at = models.DateTimeField(_("stato aggiornato il"), null=True, blank=True)
    agenda = models.TextField(
        _("ordine del giorno"), blank=True, max_length=5000, help_text=_("Un punto per riga.")
    )
    trade_associations = models.ManyToManyField(
        TradeAssociation,
        verbose_name=_("associazioni di categoria presenti"),
        blank=True,
        related_name="meetings",
    )
    associations = models.ManyToManyField(
        Association,
        verbose_name=_("associazioni della diaspora presenti"),
        blank=True,
        related_name="business_meetings",
    )
    staff_attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personale presente"),
        blank=True,
        related_name="business_meetings",
    )
    guests = models.TextField(
        _("ospiti"), blank=True, max_length=2000, help_text=_("Nome ed ente, uno per riga.")
    )
    minutes = models.TextField(
        _("verbale"), blank=True, max_length=30000, help_text=_("Puoi usare il Markdown.")
    )
    decisions = models.TextField(
        _("decisioni"), blank=True, max_length=10000, help_text=_("Puoi usare il Markdown.")
    )
    staff_notes = models.TextField(
        _("note interne del personale"),
        blank=True,
        max_length=5000,
        help_text=_("Non sono mai mostrate ai referenti delle associazioni di categoria."),
    )
    public_summary = models.TextField(
        _("sintesi pubblica"), blank=True, max_length=5000, help_text=_("Puoi usare il Markdown.")
    )
    summary_published = models.BooleanField(_("sintesi pubblicata"), default=False)
    summary_published_at = models.DateTimeField(_("sintesi pubblicata il"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("creata il"), auto_now_add=True)

    class Meta:
        verbose_name = _("riunione del tavolo")
        verbose_name_plural = _("riunioni del tavolo")
        ordering = ["-starts_at"]
        # Published summaries, newest first.
        indexes = [
            models.Index(
                fields=["summary_published", "status", "starts_at"], name="meeting_published_idx"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("La riunione deve finire dopo l'inizio."),
            ),
            models.CheckConstraint(
                condition=Q(summary_published=False) | ~Q(public_summary=""),
                name="meeting_published_summary_not_empty",
                violation_error_message=_("Scrivi la sintesi pubblica prima di pubblicarla."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("business_table:meeting-detail", kwargs={"pk": self.pk})

    @property
    def agenda_items(self) -> list[str]:
        return [line.strip(" -*\t") for line in self.agenda.splitlines() if line.strip(" -*\t")]

    @property
    def guest_list(self) -> list[str]:
        return [line.strip() for line in self.guests.splitlines() if line.strip()]


class Opportunity(models.Model):
    """A lead for export, investment or partnership with a territory of origin."""

    class Kind(models.TextChoices):
        EXPORT = "export", _("export")
        INVESTMENT_ABROAD = "investment_abroad", _("investimento all'estero")
        INVESTMENT_IN = "investment_in", _("investimento a Reggio Emilia")
        PARTNERSHIP = "partnership", _("partenariato")
        IMPORT = "import", _("import")

    class Status(models.TextChoices):
        IDENTIFIED = "identified", pgettext_lazy("opportunity status", "individuata")
        ASSESSING = "assessing", pgettext_lazy("opportunity status", "in valutazione")
        ACTIVE = "active", pgettext_lazy("opportunity status", "attiva")
        CONCLUDED = "concluded", pgettext_lazy("opportunity status", "conclusa")
        DROPPED = "dropped", pgettext_lazy("opportunity status", "abbandonata")

    TRANSITIONS = {
        Status.IDENTIFIED: {Status.ASSESSING, Status.DROPPED},
        Status.ASSESSING: {Status.ACTIVE, Status.DROPPED},
        Status.ACTIVE: {Status.CONCLUDED, Status.DROPPED},
        Status.CONCLUDED: set(),
        Status.DROPPED: {Status.IDENTIFIED},
    }
    OPEN_STATUSES = (Status.IDENTIFIED, Status.ASSESSING, Status.ACTIVE)

    title = models.CharField(_("titolo"), max_length=200, validators=[validate_plain_text])
    kind = models.CharField(_("tipo"), max_length=20, choices=Kind.choices)
    country = CountryField(_("paese"))
    city = models.ForeignKey(
        City,
        verbose_name=_("città"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="business_opportunities",
    )
    region = models.CharField(
        _("regione"), max_length=120, blank=True, validators=[validate_plain_text]
    )
    sector = models.CharField(
        _("settore (codice ATECO)"),
        max_length=10,
        blank=True,
        validators=[ateco.validate_ateco_code],
        help_text=_("Per esempio 10 oppure 28.30"),
    )
    description = models.TextField(_("descrizione"), max_length=5000)
    source_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("nata dalla riunione"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities",
    )
    source_association = models.ForeignKey(
        Association,
        verbose_name=_("segnalata dall'associazione"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_trade_association = models.ForeignKey(
        TradeAssociation,
        verbose_name=_("segnalata dall'associazione di categoria"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities",
    )
    connector_associations = models.ManyToManyField(
        Association,
        verbose_name=_("associazioni che fanno da ponte"),
        blank=True,
        related_name="business_opportunities",
    )
    connector_communities = models.ManyToManyField(
        Community,
        verbose_name=_("comunità che fanno da ponte"),
        blank=True,
        related_name="business_opportunities",
    )
    estimated_value = models.DecimalField(
        _("valore stimato (euro)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    next_step = models.CharField(
        _("prossimo passo"), max_length=300, blank=True, validators=[validate_plain_text]
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsabile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="business_opportunities",
    )
    expires_on = models.DateField(
        _("scade il"), null=True, blank=True, help_text=_("Dopo questa data va rivista.")
    )
    expiry_notice_sent_at = models.DateTimeField(
        _("avviso di scadenza inviato il"), null=True, blank=True
    )
    outcome = models.TextField(_("esito"), blank=True, max_length=5000)
    staff_notes = models.TextField(
        _("note interne del personale"),
        blank=True,
        max_length=5000,
        help_text=_("Non sono mai mostrate ai referenti delle associazioni di categoria."),
    )
    status = models.CharField(
        _("stato"), max_length=16, choices=Status.choices, default=Status.IDENTIFIED, db_index=True
    )
    status_changed_at = models.DateTimeField(_("stato aggiornato il"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("creata il"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("singular", "opportunità")
        verbose_name_plural = pgettext_lazy("plural", "opportunità")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(estimated_value__isnull=True) | Q(estimated_value__gte=0),
                name="opportunity_value_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(status="concluded") | ~Q(outcome=""),
                name="opportunity_concluded_has_outcome",
                violation_error_message=_("Un'opportunità conclusa deve avere un esito."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("business_table:opportunity-detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_expired(self) -> bool:
        """Open and past its review date, like an expired partnering profile."""
        return bool(self.is_open and self.expires_on and self.expires_on < timezone.localdate())

    @property
    def sector_label(self) -> str:
        return ateco.label(self.sector)

    @property
    def place(self) -> str:
        parts = [self.city.name if self.city else "", self.region, self.country.name]
        return ", ".join(part for part in parts if part)


class Action(models.Model):
    """A task agreed at a meeting or for an opportunity, with an owner, a due date and a result."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("action status", "da fare")
        IN_PROGRESS = "in_progress", pgettext_lazy("action status", "in corso")
        DONE = "done", pgettext_lazy("action status", "completata")
        CANCELLED = "cancelled", pgettext_lazy("action status", "annullata")

    TRANSITIONS = {
        Status.OPEN: {Status.IN_PROGRESS, Status.DONE, Status.CANCELLED},
        Status.IN_PROGRESS: {Status.DONE, Status.CANCELLED, Status.OPEN},
        Status.DONE: set(),
        Status.CANCELLED: {Status.OPEN},
    }
    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    title = models.CharField(_("azione"), max_length=200, validators=[validate_plain_text])
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("riunione"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="actions",
    )
    opportunity = models.ForeignKey(
        Opportunity,
        verbose_name=_("opportunità"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="actions",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsabile"),
        on_delete=models.PROTECT,
        related_name="business_actions",
    )
    due_on = models.DateField(_("entro il"))
    status = models.CharField(
        _("stato"), max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    status_changed_at = models.DateTimeField(_("stato aggiornato il"), null=True, blank=True)
    outcome = models.TextField(_("risultato"), blank=True, max_length=5000)
    reminder_sent_at = models.DateTimeField(_("promemoria inviato il"), null=True, blank=True)
    created_at = models.DateTimeField(_("creata il"), auto_now_add=True)

    class Meta:
        verbose_name = _("azione")
        verbose_name_plural = _("azioni")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting__isnull=False) | Q(opportunity__isnull=False),
                name="action_has_meeting_or_opportunity",
                violation_error_message=_("Collega l'azione a una riunione o a un'opportunità."),
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(outcome=""),
                name="action_done_has_outcome",
                violation_error_message=_("Un'azione completata deve avere un risultato."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()
