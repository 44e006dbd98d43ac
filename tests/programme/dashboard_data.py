"""A world with known numbers for the staff dashboard: every objective, two countries, two years.

``seed_dashboard(n)`` builds ``n`` copies of each row kind and returns the objects and the facts a
test needs to count by hand (the countries of each association, the year of each course...).
"""

from __future__ import annotations

import itertools
import secrets
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from business_table.models import Action, Opportunity
from forum.models import Delegation, DelegationMember, Registration, Signature, token_hash
from funding.models import Proposal
from networks.models import Assessment, Commitment
from tests.business_table.factories import ActionFactory, OpportunityFactory
from tests.factories import AssociationFactory, CityFactory, CommunityFactory
from tests.forum.factories import DelegationFactory, ForumEditionFactory, ManifestoFactory
from tests.funding.factories import CallFactory, FunderFactory, ProposalFactory
from tests.networks.factories import (
    AreaScoreFactory,
    AssessmentFactory,
    CommitmentFactory,
    area,
    dialogo,
    icc,
)
from tests.training.factories import CertificateFactory, CourseFactory, EnrolmentFactory
from tests.twinning.factories import TwinningFileFactory
from training.models import Enrolment
from twinning.models import TwinningFile

_BATCHES = itertools.count(1)


def aware(year: int, month: int = 6, day: int = 15) -> datetime:
    """Noon of a day in the portal's time zone (safe from year boundaries in any zone)."""
    return timezone.make_aware(datetime(year, month, day, 12, 0))


def _backdate(objects, when: datetime) -> None:
    # created_at is auto_now_add: move it after saving.
    for obj in objects:
        type(obj).objects.filter(pk=obj.pk).update(created_at=when)
        obj.created_at = when


def _training(n: int, sn, ma, out: dict) -> None:
    course_2024 = CourseFactory(closed=True, enrolment_closes_at=aware(2024))
    course_2025 = CourseFactory(closed=True, enrolment_closes_at=aware(2025))
    for _index in range(n):
        done = EnrolmentFactory(course=course_2024, association=sn, completed=True)
        out["certificates"].append(CertificateFactory(enrolment=done, issued_at=aware(2024, 7)))
        out["enrolments"].append(done)
        out["enrolments"].append(EnrolmentFactory(course=course_2025, association=ma))
        out["enrolments"].append(
            EnrolmentFactory(course=course_2025, association=sn, cancelled=True)
        )
        revoked = EnrolmentFactory(course=course_2025, association=ma, completed=True)
        out["enrolments"].append(revoked)
        out["certificates"].append(
            CertificateFactory(enrolment=revoked, revoked=True, issued_at=aware(2025, 7))
        )
        issued = EnrolmentFactory(course=course_2025, association=sn, completed=True)
        out["enrolments"].append(issued)
        out["certificates"].append(CertificateFactory(enrolment=issued, issued_at=aware(2025, 8)))
    # The same person in two courses counts once among the participants.
    person = out["enrolments"][0].participant
    again = EnrolmentFactory(course=course_2025, association=sn, participant=person)
    out["enrolments"].append(again)


def _forum(n: int, sn, out: dict) -> None:
    edition_2024 = ForumEditionFactory(starts_on=date(2024, 10, 4), ends_on=date(2024, 10, 5))
    edition_2025 = ForumEditionFactory(starts_on=date(2025, 10, 3), ends_on=date(2025, 10, 4))
    manifesto = ManifestoFactory(open=True)
    for index in range(n):
        for edition, country, status, members in (
            (edition_2025, "SN", Delegation.Status.CONFIRMED, 2),
            (edition_2025, "MA", Delegation.Status.CONFIRMED, 1),
            (edition_2025, "SN", Delegation.Status.REQUESTED, 3),
            (edition_2024, "SN", Delegation.Status.CONFIRMED, 0),
            (edition_2024, "MA", Delegation.Status.CANCELLED, 1),
        ):
            delegation = DelegationFactory(
                edition=edition, city=CityFactory(country=country), association=sn, status=status
            )
            for number in range(members):
                DelegationMember.objects.create(delegation=delegation, name=f"Membro {number}")
            delegation.member_count = members
            out["delegations"].append(delegation)
        for edition, status in (
            (edition_2025, Registration.Status.CONFIRMED),
            (edition_2025, Registration.Status.CONFIRMED),
            (edition_2025, Registration.Status.WAITLISTED),
            (edition_2025, Registration.Status.CANCELLED),
            (edition_2024, Registration.Status.CONFIRMED),
        ):
            out["registrations"].append(
                Registration.objects.create(
                    edition=edition,
                    name="Persona del pubblico",
                    email=f"pubblico{index}-{len(out['registrations'])}@example.org",
                    status=status,
                    waitlist_position=len(out["registrations"]) + 1
                    if status == Registration.Status.WAITLISTED
                    else None,
                    cancel_token_hash=token_hash(secrets.token_urlsafe(8)),
                )
            )
        for when, country, status in (
            (aware(2024, 11), "SN", Signature.Status.CONFIRMED),
            (aware(2025, 3), "SN", Signature.Status.CONFIRMED),
            (aware(2025, 3), "MA", Signature.Status.CONFIRMED),
            (aware(2025, 9), "IT", Signature.Status.CONFIRMED),
            (aware(2025, 9), "SN", Signature.Status.PENDING),
        ):
            out["signatures"].append(
                Signature.objects.create(
                    manifesto=manifesto,
                    version=manifesto.current_version,
                    kind=Signature.Kind.CITIZEN,
                    name="Firmataria",
                    email=f"firma{index}-{len(out['signatures'])}@example.org",
                    country=country,
                    consent_at=when,
                    status=status,
                    confirmed_at=when if status == Signature.Status.CONFIRMED else None,
                )
            )


def _twinning(n: int, out: dict) -> None:
    today = timezone.localdate()
    for index in range(n):
        active = TwinningFileFactory(
            partner_city=CityFactory(country="SN", name=f"Thiès {index}"),
            active=True,
            expires_on=today + timedelta(days=200 + index),
        )
        proposed = TwinningFileFactory(partner_city=CityFactory(country="MA"))
        resolved = TwinningFileFactory(
            partner_city=CityFactory(country="MA", name=f"Fès {index}"),
            resolved=True,
            notice_regione_on=today - timedelta(days=5),
            notice_dar_on=today - timedelta(days=4),
            notice_maeci_on=today - timedelta(days=3),
        )
        _backdate([active], aware(2024))
        _backdate([proposed, resolved], aware(2025))
        out["twinnings"] += [active, proposed, resolved]


def _funding(n: int, sn, ma, out: dict) -> None:
    eu = FunderFactory(name="Unione europea CERV", slug="cerv")
    aics = FunderFactory(name="AICS", slug="aics")
    call_2025 = CallFactory(funder=eu, opens_at=aware(2025, 1), deadline=aware(2025, 5))
    call_2024 = CallFactory(funder=aics, opens_at=aware(2024, 1), deadline=aware(2024, 5))
    for _index in range(n):
        out["proposals"] += [
            ProposalFactory(
                call=call_2025,
                association=sn,
                countries=["SN"],
                requested_amount=Decimal("40000"),
                awarded=True,
                awarded_amount=Decimal("35000"),
            ),
            ProposalFactory(
                call=call_2025,
                association=ma,
                countries=["MA", "TN"],
                requested_amount=Decimal("20000"),
                submitted=True,
            ),
            ProposalFactory(
                call=call_2024,
                association=sn,
                countries=["SN"],
                requested_amount=Decimal("30000"),
                status=Proposal.Status.WITHDRAWN,
            ),
            ProposalFactory(
                call=call_2024,
                association=ma,
                countries=["MA"],
                requested_amount=Decimal("10000"),
                awarded=True,
            ),
            ProposalFactory(call=None, association=sn, countries=["SN", "MA"]),
        ]
    _backdate([p for p in out["proposals"] if p.call_id is None], aware(2025, 2))


def _networks(n: int, out: dict) -> None:
    today = timezone.localdate()
    for _index in range(n):
        out["commitments"] += [
            CommitmentFactory(network=icc(), completed=True, due_date=date(2025, 3, 1)),
            CommitmentFactory(network=icc(), due_date=date(2025, 4, 1)),  # open, overdue
            CommitmentFactory(network=dialogo(), in_progress=True, due_date=date(2024, 4, 1)),
            CommitmentFactory(network=dialogo(), due_date=today + timedelta(days=30)),
            CommitmentFactory(
                network=dialogo(), status=Commitment.Status.CANCELLED, due_date=date(2025, 1, 1)
            ),
        ]
    # One self-assessment a year (unique): a second seed adds none.
    for year, scores in ((2022, (40, 60)), (2024, (55, 65)), (2025, (70, 90))):
        if Assessment.objects.filter(year=year).exists():
            continue
        assessment = AssessmentFactory(year=year)
        AreaScoreFactory(assessment=assessment, area=area("istruzione"), score=scores[0])
        AreaScoreFactory(
            assessment=assessment, area=area("impegno"), score=scores[1], peer_average=50
        )
        out["assessments"].append(assessment)


def _business(n: int, out: dict) -> None:
    for _index in range(n):
        active = OpportunityFactory(country="SN", active=True)
        found = OpportunityFactory(country="MA", estimated_value=Decimal("120000"))
        dropped = OpportunityFactory(country="MA", status=Opportunity.Status.DROPPED)
        _backdate([active, found], aware(2025))
        _backdate([dropped], aware(2024))
        out["opportunities"] += [active, found, dropped]
        out["actions"] += [
            ActionFactory(opportunity=active, overdue=True),
            ActionFactory(opportunity=found, overdue=True, status=Action.Status.IN_PROGRESS),
            ActionFactory(opportunity=found),
            ActionFactory(
                opportunity=active,
                overdue=True,
                status=Action.Status.DONE,
                outcome="Fatto",
            ),
        ]


def seed_dashboard(n: int = 1) -> dict:
    """``n`` copies of every row kind across the six objectives; returns objects and facts."""
    from networks.reference import ensure_reference_data

    # Transactional (browser) tests start from emptied tables: the networks' reference data again.
    ensure_reference_data()
    senegal = CommunityFactory(country="SN", name="Comunità senegalese")
    morocco = CommunityFactory(country="MA", name="Comunità marocchina")
    # Calling the seed again adds rows: names that must be unique get a number.
    batch = next(_BATCHES)
    sn = AssociationFactory(name=f"Associazione Senegalese {batch}", communities=[senegal])
    ma = AssociationFactory(name=f"Associazione Marocchina {batch}", communities=[morocco])
    out: dict = {
        key: []
        for key in (
            "enrolments",
            "certificates",
            "delegations",
            "registrations",
            "signatures",
            "twinnings",
            "proposals",
            "commitments",
            "assessments",
            "opportunities",
            "actions",
        )
    }
    _training(n, sn, ma, out)
    _forum(n, sn, out)
    _twinning(n, out)
    _funding(n, sn, ma, out)
    _networks(n, out)
    _business(n, out)
    out["association_countries"] = {sn.pk: {"SN"}, ma.pk: {"MA"}}
    out["trained_statuses"] = (Enrolment.Status.CONFIRMED, Enrolment.Status.COMPLETED)
    out["in_force"] = TwinningFile.IN_FORCE_STATUSES
    return out
