"""Factories of the privacy app: notice versions and consents."""

from __future__ import annotations

import factory
from django.db.models import Max
from django.utils import timezone

from privacy.models import Consent, Notice, Purpose


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notice

    purpose = Purpose.SIGNATURES
    version = factory.LazyAttribute(
        lambda o: (
            (Notice.objects.filter(purpose=o.purpose).aggregate(v=Max("version"))["v"] or 0) + 1
        )
    )
    title_it = factory.LazyAttribute(lambda o: f"Informativa v{o.version}")
    title_en = factory.LazyAttribute(lambda o: f"Notice v{o.version}")
    body_it = "Testo **nuovo** dell'informativa."
    body_en = "New **text** of the notice."
    legal_basis = "GDPR art. 9.2.a"
    data_categories = "nome, e-mail"
    data_subjects = "firmatari"
    recipients = "personale"
    published_at = None

    class Params:
        published = factory.Trait(published_at=factory.LazyFunction(timezone.now))


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    purpose = Purpose.SIGNATURES
    notice = factory.LazyAttribute(
        lambda o: Notice.objects.published().filter(purpose=o.purpose).latest("version")
    )
    email = factory.Sequence(lambda n: f"consenso{n}@example.org")
    explicit = True
    source = "tests"
