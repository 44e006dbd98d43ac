"""The portal's own models: the user (e-mail as login), the activity log, outgoing e-mail."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class PortalUserManager(UserManager):
    """Users are identified by e-mail; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("nome e cognome"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("lingua preferita"), max_length=8, choices=settings.LANGUAGES, default="it"
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = PortalUserManager()

    class Meta:
        verbose_name = _("utente")
        verbose_name_plural = _("utenti")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return (self.full_name.split(" ")[0] if self.full_name else "") or self.email


class ActivityLogQuerySet(models.QuerySet):
    def for_object(self, obj: models.Model) -> ActivityLogQuerySet:
        ct = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        return self.filter(content_type=ct, object_id=str(obj.pk))


class ActivityLog(models.Model):
    """One row per state change or notable action: who, when, from, to, note."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("autore"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("azione"), max_length=64)
    from_status = models.CharField(_("da"), max_length=64, blank=True)
    to_status = models.CharField(_("a"), max_length=64, blank=True)
    note = models.TextField(_("nota"), blank=True)
    created_at = models.DateTimeField(_("data"), auto_now_add=True, db_index=True)

    objects = ActivityLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("registro attività")
        verbose_name_plural = _("registro attività")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.action} {self.from_status}→{self.to_status}"


class OutgoingEmail(models.Model):
    """An e-mail rendered at queue time and sent by a Celery task exactly once.

    ``key`` makes queuing idempotent: queuing the same key twice keeps the first message, and a
    task retried after the message went out does not send it again.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("in coda")
        SENT = "sent", _("inviata")
        FAILED = "failed", _("non inviata")

    key = models.CharField(max_length=200, unique=True)
    to = models.EmailField(_("destinatario"))
    subject = models.CharField(_("oggetto"), max_length=255)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    template = models.CharField(max_length=200)
    language = models.CharField(max_length=8)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail in uscita")
        verbose_name_plural = _("e-mail in uscita")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
