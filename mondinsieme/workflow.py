"""The one way a status changes: lock, check, save, log, then side effects after commit.

A model that has a workflow declares ``status`` as a ``TextChoices`` field and a class attribute
``TRANSITIONS`` mapping each status to the statuses it may move to::

    class Association(models.Model):
        TRANSITIONS = {Status.PENDING: {Status.APPROVED, Status.REJECTED}, ...}

Services call :func:`transition` and never assign ``status`` themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from .models import ActivityLog

M = TypeVar("M", bound=models.Model)


class TransitionNotAllowed(ValidationError):
    """The requested move is not in the model's transition map (or a guard refused it)."""


def status_label(model: type[models.Model], value: str, field: str = "status") -> str:
    """The translated label of a status value."""
    choices = dict(model._meta.get_field(field).flatchoices)
    return str(choices.get(value, value))


def allowed_transitions(instance: models.Model, field: str = "status") -> set[str]:
    """The statuses the instance may move to from where it is now."""
    return set(type(instance).TRANSITIONS.get(getattr(instance, field), ()))


def log_action(
    instance: models.Model,
    *,
    actor,
    action: str,
    note: str = "",
    from_status: str = "",
    to_status: str = "",
) -> ActivityLog:
    """Write one activity-log row about ``instance``."""
    from django.contrib.contenttypes.models import ContentType

    return ActivityLog.objects.create(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        from_status=from_status,
        to_status=to_status,
        note=note,
    )


def transition(
    instance: M,
    *,
    to: str,
    actor,
    note: str = "",
    permission: Callable[[object, M], bool] | None = None,
    guard: Callable[[M], None] | None = None,
    changes: dict | None = None,
    on_commit: Iterable[Callable[[M], None]] = (),
    field: str = "status",
) -> M:
    """Move ``instance`` to status ``to`` and return the fresh, locked-and-saved row.

    ``guard`` raises ``ValidationError`` with a message for the user when a precondition fails;
    ``changes`` are extra field values saved together with the new status; ``on_commit``
    callables receive the saved instance once the transaction has committed (e-mails, tasks).
    """
    model = type(instance)
    with transaction.atomic():
        # The lock serialises two staff members acting on the same row at the same moment:
        # the second one sees the status the first one left and is refused if it no longer fits.
        locked = model._default_manager.select_for_update().get(pk=instance.pk)
        current = getattr(locked, field)
        if permission is not None and not permission(actor, locked):
            raise PermissionDenied(_("Non hai i permessi per questa operazione."))
        if to not in model.TRANSITIONS.get(current, ()):
            raise TransitionNotAllowed(
                _("Non è possibile passare da «%(from)s» a «%(to)s».")
                % {
                    "from": status_label(model, current, field),
                    "to": status_label(model, to, field),
                },
                code="transition_not_allowed",
            )
        for name, value in (changes or {}).items():
            setattr(locked, name, value)
        if guard is not None:
            guard(locked)
        setattr(locked, field, to)
        update_fields = [field, *(changes or {})]
        if any(f.name == "status_changed_at" for f in model._meta.concrete_fields):
            from django.utils import timezone

            locked.status_changed_at = timezone.now()
            update_fields.append("status_changed_at")
        locked.save(update_fields=update_fields)
        log_action(
            locked, actor=actor, action="transition", from_status=current, to_status=to, note=note
        )
        for effect in on_commit:
            transaction.on_commit(lambda effect=effect: effect(locked))
    # Keep the caller's object in step with what was saved.
    for name in update_fields:
        setattr(instance, name, getattr(locked, name))
    return locked
