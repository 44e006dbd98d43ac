"""The Forum of the diaspora cities and the Manifesto of the friendship of cities and citizens."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Lower
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from associations.models import Association, City
from mondinsieme.uploads import GeneratedName
from mondinsieme.validators import validate_plain_text

RTL_LANGUAGES = frozenset({"ar", "ur", "fa", "he"})

LANGUAGE_CHOICES = [
    ("it", "Italiano"),
    ("en", "English"),
    ("fr", "Français"),
    ("ar", "العربية"),
    ("sq", "Shqip"),
    ("zh", "中文"),
    ("uk", "Українська"),
    ("ur", "اردو"),
    ("es", "Español"),
    ("pt", "Português"),
    ("ro", "Română"),
    ("hi", "हिन्दी"),
    ("pa", "ਪੰਜਾਬੀ"),
    ("wo", "Wolof"),
    ("fa", "فارسی"),
]


def token_hash(token: str) -> str:
    """Only the hash of a token is stored: a database leak does not confirm anyone's signature."""
    return hashlib.sha256(token.encode()).hexdigest()


# --- The Manifesto -----------------------------------------------------------------------------


class Manifesto(models.Model):
    """A text written together, then signed by citizens, associations and cities."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("manifesto status", "bozza")
        CONSULTATION = "consultation", pgettext_lazy("manifesto status", "in consultazione")
        FINAL = "final", pgettext_lazy("manifesto status", "testo definitivo")
        OPEN = "open_for_signature", pgettext_lazy("manifesto status", "aperto alle firme")
        CLOSED = "closed", pgettext_lazy("manifesto status", "chiuso")

    TRANSITIONS = {
        Status.DRAFT: {Status.CONSULTATION, Status.FINAL},
        Status.CONSULTATION: {Status.FINAL, Status.DRAFT},
        Status.FINAL: {Status.OPEN, Status.CONSULTATION},
        Status.OPEN: {Status.CLOSED},
        Status.CLOSED: {Status.OPEN},
    }

    title = models.CharField(_("titolo"), max_length=200, validators=[validate_plain_text])
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.TextField(_("presentazione"), blank=True, max_length=3000)
    status = models.CharField(
        _("stato"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    status_changed_at = models.DateTimeField(_("stato aggiornato il"), null=True, blank=True)
    signature_target = models.PositiveIntegerField(_("obiettivo di firme"), default=1000)
    current_version = models.ForeignKey(
        "Version",
        verbose_name=_("versione in vigore"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    # Moved on every change to the confirmed signatures: the cached PDF is keyed on it.
    signatures_changed_at = models.DateTimeField(auto_now_add=True, editable=False)
    created_at = models.DateTimeField(_("creato il"), auto_now_add=True)

    class Meta:
        verbose_name = _("manifesto")
        verbose_name_plural = _("manifesti")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forum:manifesto-detail", kwargs={"slug": self.slug})

    @property
    def is_open_for_signature(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def in_consultation(self) -> bool:
        return self.status == self.Status.CONSULTATION


class Article(models.Model):
    """An article of the working text; versions snapshot the articles when published."""

    manifesto = models.ForeignKey(Manifesto, on_delete=models.CASCADE, related_name="articles")
    position = models.PositiveIntegerField(_("posizione"))
    title = models.CharField(_("titolo"), max_length=200, validators=[validate_plain_text])
    body = models.TextField(_("testo"), max_length=10000)

    class Meta:
        verbose_name = _("articolo")
        verbose_name_plural = _("articoli")
        ordering = ["manifesto", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["manifesto", "position"], name="forum_article_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return _("Art. %(n)s — %(title)s") % {"n": self.position, "title": self.title}


class Version(models.Model):
    """An immutable snapshot of the text at a publication."""

    manifesto = models.ForeignKey(Manifesto, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("numero"))
    title = models.CharField(_("titolo"), max_length=200)
    #: [{"title": ..., "body": ...}, ...] in order.
    articles = models.JSONField(_("articoli"), default=list)
    notes = models.TextField(_("note di pubblicazione"), blank=True, max_length=3000)
    published_at = models.DateTimeField(_("pubblicata il"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("versione")
        verbose_name_plural = _("versioni")
        ordering = ["manifesto", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["manifesto", "number"], name="forum_version_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return _("%(title)s, versione %(n)s") % {"title": self.title, "n": self.number}

    def save(self, *args, **kwargs):
        # A published text never changes: a correction is a new version.
        if self.pk is not None:
            raise ValidationError(_("Una versione pubblicata non si può modificare."))
        super().save(*args, **kwargs)

    def as_text(self) -> str:
        """The version as plain text, one paragraph per line (for diffs and exports)."""
        lines = [self.title]
        for index, article in enumerate(self.articles, start=1):
            lines.append(f"{index}. {article['title']}")
            lines.extend(p for p in article["body"].splitlines() if p.strip())
        return "\n".join(lines)


class Translation(models.Model):
    """The text of a version in another language."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("lingua"), max_length=8, choices=LANGUAGE_CHOICES)
    title = models.CharField(_("titolo"), max_length=200)
    body = models.TextField(
        _("testo"), max_length=30000, help_text=_("Markdown: un titolo ## per ogni articolo.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("traduzione")
        verbose_name_plural = _("traduzioni")
        ordering = ["version", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "language"],
                name="forum_translation_one_per_language",
                violation_error_message=_(
                    "Questa versione ha già una traduzione in questa lingua."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} [{self.language}]"

    @property
    def is_rtl(self) -> bool:
        return self.language in RTL_LANGUAGES

    @property
    def direction(self) -> str:
        return "rtl" if self.is_rtl else "ltr"


class Amendment(models.Model):
    """A change to an article proposed by an association during the consultation."""

    class Kind(models.TextChoices):
        CHANGE = "change", _("modifica il testo")
        ADD_AFTER = "add_after", _("aggiunge un articolo dopo")
        DELETE = "delete", _("toglie l'articolo")

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("amendment status", "da valutare")
        ACCEPTED = "accepted", pgettext_lazy("amendment status", "accolto")
        REJECTED = "rejected", pgettext_lazy("amendment status", "respinto")

    TRANSITIONS = {
        Status.PENDING: {Status.ACCEPTED, Status.REJECTED},
        Status.ACCEPTED: set(),
        Status.REJECTED: set(),
    }

    manifesto = models.ForeignKey(Manifesto, on_delete=models.CASCADE, related_name="amendments")
    # SET_NULL: an accepted deletion removes the article, the amendment keeps its history.
    article = models.ForeignKey(
        Article,
        verbose_name=_("articolo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="amendments",
    )
    article_title = models.CharField(_("titolo dell'articolo"), max_length=220, editable=False)
    kind = models.CharField(_("tipo"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("testo proposto"), blank=True, max_length=10000)
    new_title = models.CharField(
        _("titolo del nuovo articolo"), max_length=200, blank=True, validators=[validate_plain_text]
    )
    rationale = models.TextField(_("motivazione"), max_length=3000)
    association = models.ForeignKey(
        Association, verbose_name=_("associazione"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("stato"), max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    reply = models.TextField(_("risposta pubblica"), blank=True, max_length=3000)
    applied_in = models.ForeignKey(
        Version,
        verbose_name=_("inserito nella versione"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
        editable=False,
    )
    created_at = models.DateTimeField(_("proposto il"), auto_now_add=True)

    class Meta:
        verbose_name = _("emendamento")
        verbose_name_plural = _("emendamenti")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="delete") | ~Q(text=""),
                name="forum_amendment_text_needed",
                violation_error_message=_("Scrivi il testo che proponi."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.article_title}"


class SignatureQuerySet(models.QuerySet):
    def confirmed(self) -> SignatureQuerySet:
        return self.filter(status=Signature.Status.CONFIRMED)

    def public(self) -> SignatureQuerySet:
        return self.confirmed().filter(public_listing=True)


class Signature(models.Model):
    """One signature of a manifesto: a citizen (double opt-in), an association or a city."""

    class Kind(models.TextChoices):
        CITIZEN = "citizen", _("cittadina o cittadino")
        ASSOCIATION = "association", _("associazione")
        CITY = "city", pgettext_lazy("singular", "città")

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("signature status", "da confermare")
        CONFIRMED = "confirmed", pgettext_lazy("signature status", "confermata")
        WITHDRAWN = "withdrawn", pgettext_lazy("signature status", "ritirata")

    TRANSITIONS = {
        Status.PENDING: {Status.CONFIRMED, Status.WITHDRAWN},
        Status.CONFIRMED: {Status.WITHDRAWN},
        Status.WITHDRAWN: set(),
    }

    manifesto = models.ForeignKey(Manifesto, on_delete=models.PROTECT, related_name="signatures")
    version = models.ForeignKey(
        Version, verbose_name=_("versione firmata"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("firma come"), max_length=12, choices=Kind.choices)
    status = models.CharField(
        _("stato"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    name = models.CharField(_("nome"), max_length=200, blank=True)
    role = models.CharField(_("ruolo"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    residence_city = models.CharField(_("città di residenza"), max_length=120, blank=True)
    country = CountryField(_("paese di residenza"), blank=True)
    association = models.ForeignKey(
        Association, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    city = models.ForeignKey(
        City, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    document = models.FileField(
        _("documento firmato"), upload_to=GeneratedName("forum/signatures"), blank=True
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consent_at = models.DateTimeField(_("consenso dato il"), null=True, blank=True)
    public_listing = models.BooleanField(_("nell'elenco pubblico"), default=False)
    news_opt_in = models.BooleanField(_("vuole ricevere notizie"), default=False)
    language = models.CharField(max_length=8, default="it")
    token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    token_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdraw_token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    confirmed_at = models.DateTimeField(_("confermata il"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ritirata il"), null=True, blank=True)
    created_at = models.DateTimeField(_("firmata il"), auto_now_add=True, db_index=True)

    objects = SignatureQuerySet.as_manager()

    class Meta:
        verbose_name = _("firma")
        verbose_name_plural = _("firme")
        ordering = ["-created_at"]
        constraints = [
            # One signature per person per manifesto, whatever the capitals (and however many
            # requests arrive at the same moment). A withdrawn signature keeps no e-mail.
            models.UniqueConstraint(
                F("manifesto"),
                Lower("email"),
                condition=~Q(email=""),
                name="forum_signature_one_per_email",
                violation_error_message=_("Questo indirizzo ha già firmato."),
            ),
            models.UniqueConstraint(
                fields=["manifesto", "association"],
                condition=Q(association__isnull=False) & ~Q(status="withdrawn"),
                name="forum_signature_one_per_association",
                violation_error_message=_("Questa associazione ha già firmato."),
            ),
            models.UniqueConstraint(
                fields=["manifesto", "city"],
                condition=Q(city__isnull=False) & ~Q(status="withdrawn"),
                name="forum_signature_one_per_city",
                violation_error_message=_("Questa città ha già firmato."),
            ),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_at__isnull=False),
                name="forum_signature_confirmed_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["manifesto", "status", "kind"]),
            models.Index(fields=["manifesto", "status", "public_listing"]),
        ]

    def __str__(self) -> str:
        return self.name or _("firma ritirata")

    @property
    def is_institutional(self) -> bool:
        return self.kind in (self.Kind.ASSOCIATION, self.Kind.CITY)

    # The tallies (SignatureTally) follow every save and delete of a row: what the row added
    # when it was read or last saved, compared with what it adds now.
    _tallied: tuple[str, str] | object | None = None

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        deferred = instance.get_deferred_fields() & {"status", "kind", "country", "manifesto_id"}
        instance._tallied = _UNKNOWN if deferred else instance.tally_key()
        return instance

    def tally_key(self) -> tuple[str, str] | None:
        """(kind, country) this row counts under, or None when it is not confirmed."""
        if self.status != self.Status.CONFIRMED:
            return None
        return (self.kind, getattr(self.country, "code", self.country) or "")

    def affects_public_pages(self) -> bool:
        """A signature waiting for its e-mail confirmation shows nowhere (mondinsieme.cache)."""
        return self.status != self.Status.PENDING or self._tallied not in (None, _UNKNOWN)


_UNKNOWN = object()


class SignatureTallyManager(models.Manager):
    def add(self, *, manifesto_id: int, kind: str, country: str, delta: int) -> None:
        """Add ``delta`` to one counter, creating it; exact under concurrent transactions."""
        match = {"manifesto_id": manifesto_id, "kind": kind, "country": country}
        if self.filter(**match).update(count=F("count") + delta):
            return
        try:
            with transaction.atomic():  # savepoint: a concurrent insert may win
                self.create(**match, count=delta)
        except IntegrityError:
            self.filter(**match).update(count=F("count") + delta)

    def rebuild(self, *, manifesto_id: int) -> None:
        """Recount from the signatures (after bulk inserts, which send no signal)."""
        with transaction.atomic():
            self.filter(manifesto_id=manifesto_id).delete()
            rows = (
                Signature.objects.confirmed()
                .filter(manifesto_id=manifesto_id)
                .values("kind", "country")
                .annotate(n=Count("pk"))
                .order_by()
            )
            self.bulk_create(
                SignatureTally(
                    manifesto_id=manifesto_id,
                    kind=row["kind"],
                    country=row["country"] or "",
                    count=row["n"],
                )
                for row in rows
            )


class SignatureTally(models.Model):
    """Confirmed signatures of a manifesto per kind and country: the public counters read
    these few rows instead of counting every signature on each request."""

    manifesto = models.ForeignKey(Manifesto, on_delete=models.CASCADE, related_name="tallies")
    kind = models.CharField(max_length=12, choices=Signature.Kind.choices)
    country = models.CharField(max_length=2, blank=True)
    count = models.IntegerField(default=0)

    objects = SignatureTallyManager()

    class Meta:
        verbose_name = _("conteggio firme")
        verbose_name_plural = _("conteggi firme")
        constraints = [
            models.UniqueConstraint(
                fields=["manifesto", "kind", "country"], name="forum_tally_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.manifesto_id} {self.kind} {self.country}: {self.count}"


@receiver(post_save, sender=Signature, dispatch_uid="forum-tally-save")
def _tally_on_save(sender, instance: Signature, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    before, after = instance._tallied, instance.tally_key()
    if before is _UNKNOWN:
        SignatureTally.objects.rebuild(manifesto_id=instance.manifesto_id)
    elif before != after:
        if before:
            SignatureTally.objects.add(
                manifesto_id=instance.manifesto_id, kind=before[0], country=before[1], delta=-1
            )
        if after:
            SignatureTally.objects.add(
                manifesto_id=instance.manifesto_id, kind=after[0], country=after[1], delta=1
            )
    instance._tallied = after


@receiver(post_delete, sender=Signature, dispatch_uid="forum-tally-delete")
def _tally_on_delete(sender, instance: Signature, **kwargs) -> None:
    if instance._tallied is _UNKNOWN:
        SignatureTally.objects.rebuild(manifesto_id=instance.manifesto_id)
    elif instance._tallied:
        kind, country = instance._tallied
        SignatureTally.objects.add(
            manifesto_id=instance.manifesto_id, kind=kind, country=country, delta=-1
        )


class ManifestoPdf(models.Model):
    """A PDF built by a task for one state of the text and of the signatures."""

    manifesto = models.ForeignKey(Manifesto, on_delete=models.CASCADE, related_name="pdfs")
    language = models.CharField(max_length=8, default="it")
    fingerprint = models.CharField(max_length=100)
    file = models.FileField(upload_to=GeneratedName("forum/pdf"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("PDF del manifesto")
        verbose_name_plural = _("PDF del manifesto")
        constraints = [
            models.UniqueConstraint(
                fields=["manifesto", "language", "fingerprint"], name="forum_pdf_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.manifesto_id} [{self.language}] {self.fingerprint}"


# --- The Forum ---------------------------------------------------------------------------------


class ForumEdition(models.Model):
    """One edition of the Forum of the diaspora cities."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("forum status", "in preparazione")
        PUBLISHED = "published", pgettext_lazy("forum status", "pubblicato")
        CLOSED = "closed", pgettext_lazy("forum status", "concluso")

    TRANSITIONS = {
        Status.DRAFT: {Status.PUBLISHED},
        Status.PUBLISHED: {Status.CLOSED, Status.DRAFT},
        Status.CLOSED: {Status.PUBLISHED},
    }

    title = models.CharField(_("titolo"), max_length=200, validators=[validate_plain_text])
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    starts_on = models.DateField(_("dal"))
    ends_on = models.DateField(_("al"))
    venue = models.CharField(_("luogo"), max_length=200, validators=[validate_plain_text])
    description = models.TextField(_("descrizione"), blank=True, max_length=5000)
    status = models.CharField(
        _("stato"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    cities = models.ManyToManyField(
        City, verbose_name=_("città partecipanti"), blank=True, related_name="+"
    )
    capacity = models.PositiveIntegerField(
        _("posti per il pubblico"),
        null=True,
        blank=True,
        help_text=_("Vuoto: nessun limite. Oltre i posti, le persone vanno in lista d'attesa."),
    )
    registration_open = models.BooleanField(_("iscrizioni del pubblico aperte"), default=False)

    class Meta:
        verbose_name = _("edizione del Forum")
        verbose_name_plural = _("edizioni del Forum")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="forum_edition_ends_after_start",
                violation_error_message=_("La fine deve venire dopo l'inizio."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forum:edition-detail", kwargs={"slug": self.slug})


class ProgrammeItem(models.Model):
    """A session of the Forum programme."""

    edition = models.ForeignKey(ForumEdition, on_delete=models.CASCADE, related_name="programme")
    starts_at = models.DateTimeField(_("inizio"))
    ends_at = models.DateTimeField(_("fine"))
    title = models.CharField(_("titolo"), max_length=200, validators=[validate_plain_text])
    speakers = models.CharField(_("relatori"), max_length=500, blank=True)
    room = models.CharField(_("sala"), max_length=120, blank=True)
    languages = models.CharField(
        _("lingue"), max_length=200, blank=True, help_text=_("Con interpretariato, se previsto.")
    )
    description = models.TextField(_("descrizione"), blank=True, max_length=3000)

    class Meta:
        verbose_name = _("punto del programma")
        verbose_name_plural = _("programma")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="forum_programme_ends_after_start",
                violation_error_message=_("La fine deve venire dopo l'inizio."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Delegation(models.Model):
    """The delegation of a city of origin, registered by a leader of a linked community."""

    class Status(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("delegation status", "da confermare")
        CONFIRMED = "confirmed", pgettext_lazy("delegation status", "confermata")
        CANCELLED = "cancelled", pgettext_lazy("delegation status", "annullata")

    TRANSITIONS = {
        Status.REQUESTED: {Status.CONFIRMED, Status.CANCELLED},
        Status.CONFIRMED: {Status.CANCELLED},
        Status.CANCELLED: {Status.REQUESTED},
    }

    edition = models.ForeignKey(ForumEdition, on_delete=models.PROTECT, related_name="delegations")
    city = models.ForeignKey(
        City, verbose_name=pgettext_lazy("singular", "città"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    association = models.ForeignKey(
        Association, verbose_name=_("associazione"), on_delete=models.PROTECT, related_name="+"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    head_name = models.CharField(
        _("capo delegazione"), max_length=200, validators=[validate_plain_text]
    )
    head_role = models.CharField(_("ruolo"), max_length=200, blank=True)
    head_email = models.EmailField(_("e-mail del capo delegazione"))
    arrival_on = models.DateField(_("arrivo"))
    departure_on = models.DateField(_("partenza"))
    interpreting_language = models.CharField(_("lingua per l'interpretariato"), max_length=80)
    accessibility_needs = models.TextField(_("esigenze di accessibilità"), blank=True)
    invitation_letter = models.BooleanField(_("serve la lettera d'invito (visto)"), default=False)
    status = models.CharField(
        _("stato"), max_length=12, choices=Status.choices, default=Status.REQUESTED
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("delegazione")
        verbose_name_plural = _("delegazioni")
        ordering = ["city__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "city"],
                condition=~Q(status="cancelled"),
                name="forum_one_delegation_per_city",
                violation_error_message=_("Questa città ha già una delegazione per il Forum."),
            ),
            models.CheckConstraint(
                condition=Q(departure_on__gte=F("arrival_on")),
                name="forum_delegation_departure_after_arrival",
                violation_error_message=_("La partenza deve venire dopo l'arrivo."),
            ),
        ]

    def __str__(self) -> str:
        return _("Delegazione di %(city)s") % {"city": self.city.name}


class DelegationMember(models.Model):
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("nome"), max_length=200, validators=[validate_plain_text])
    role = models.CharField(_("ruolo"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("membro della delegazione")
        verbose_name_plural = _("membri della delegazione")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Registration(models.Model):
    """A citizen's place at the Forum (or on its waiting list)."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("registration status", "confermata")
        WAITLISTED = "waitlisted", pgettext_lazy("registration status", "in lista d'attesa")
        CANCELLED = "cancelled", pgettext_lazy("registration status", "annullata")

    TRANSITIONS = {
        Status.CONFIRMED: {Status.CANCELLED},
        Status.WAITLISTED: {Status.CONFIRMED, Status.CANCELLED},
        Status.CANCELLED: set(),
    }

    edition = models.ForeignKey(
        ForumEdition, on_delete=models.PROTECT, related_name="registrations"
    )
    name = models.CharField(_("nome e cognome"), max_length=200, validators=[validate_plain_text])
    email = models.EmailField(_("e-mail"))
    status = models.CharField(_("stato"), max_length=12, choices=Status.choices)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    waitlist_position = models.PositiveIntegerField(_("posto in lista d'attesa"), null=True)
    cancel_token_hash = models.CharField(max_length=64, db_index=True, editable=False)
    language = models.CharField(max_length=8, default="it")
    created_at = models.DateTimeField(_("iscritta il"), auto_now_add=True)

    class Meta:
        verbose_name = _("iscrizione al Forum")
        verbose_name_plural = _("iscrizioni al Forum")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                F("edition"),
                Lower("email"),
                condition=~Q(status="cancelled"),
                name="forum_registration_one_per_email",
                violation_error_message=_("Questo indirizzo è già iscritto."),
            ),
            models.CheckConstraint(
                condition=Q(status="waitlisted", waitlist_position__isnull=False)
                | (~Q(status="waitlisted") & Q(waitlist_position__isnull=True)),
                name="forum_registration_position_only_when_waiting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.edition}"
