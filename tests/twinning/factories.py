"""Factories for twinning files, with traits for the workflow states."""

from __future__ import annotations

from datetime import date

import factory
from django.core.files.base import ContentFile

from tests.factories import CityFactory
from twinning.models import (
    Activity,
    CandidateAssessment,
    Criterion,
    Score,
    TwinningDocument,
    TwinningFile,
)

PDF_BYTES = b"%PDF-1.4\n%test\n"


def pdf_file(name: str = "firmato.pdf") -> ContentFile:
    return ContentFile(PDF_BYTES, name=name)


class TwinningFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TwinningFile

    partner_city = factory.SubFactory(CityFactory)
    slug = factory.Sequence(lambda n: f"gemellaggio-{n}")
    kind = TwinningFile.Kind.TWINNING
    rationale = "Una comunità numerosa lega le due città."
    partner_contacts = "Sindaco: Mario Riservato, +39 333 000 0000"
    internal_notes = "Nota riservata dello staff"
    public_summary = "Un'amicizia tra scuole e associazioni."

    class Params:
        # Ready to sign: resolution approved and notice sent on 2 January 2026.
        resolved = factory.Trait(
            status=TwinningFile.Status.COUNCIL_RESOLUTION,
            resolution_number="12",
            resolution_date=date(2025, 12, 15),
            votes_for=19,
            votes_against=0,
            votes_abstained=7,
            resolution_text="Il Consiglio approva il testo.",
            notice_regione_on=date(2026, 1, 2),
            notice_dar_on=date(2026, 1, 2),
            notice_maeci_on=date(2026, 1, 2),
        )
        active = factory.Trait(
            status=TwinningFile.Status.ACTIVE,
            signed_on=date(2022, 5, 9),
            signed_place="Sala del Tricolore",
            countersigned_on=date(2022, 7, 12),
            term_years=5,
            starts_on=date(2022, 7, 12),
            expires_on=date(2027, 7, 12),
        )


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    name = factory.Sequence(lambda n: f"Criterio {n}")
    weight = 1


class CandidateAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidateAssessment

    file = factory.SubFactory(TwinningFileFactory)
    city = factory.SubFactory(CityFactory)


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Score

    assessment = factory.SubFactory(CandidateAssessmentFactory)
    criterion = factory.SubFactory(CriterionFactory)
    value = 3


class TwinningDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TwinningDocument

    file = factory.SubFactory(TwinningFileFactory, active=True)
    kind = TwinningDocument.Kind.AGREEMENT
    title = factory.Sequence(lambda n: f"Testo dell'accordo {n}")
    document = factory.LazyFunction(lambda: pdf_file("accordo.pdf"))
    is_public = False

    class Params:
        public = factory.Trait(is_public=True)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    file = factory.SubFactory(TwinningFileFactory, active=True)
    kind = Activity.Kind.VISIT
    title = factory.Sequence(lambda n: f"Visita {n}")
    starts_on = date(2023, 5, 1)
    report = "Una visita di scuole."
