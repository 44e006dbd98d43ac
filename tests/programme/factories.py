"""A small public-and-private world across the apps the programme reads."""

from __future__ import annotations

from tests.factories import AssociationFactory, CommunityFactory, ThemeFactory
from tests.forum.factories import ManifestoFactory, SignatureFactory
from tests.funding.factories import CallFactory
from tests.training.factories import CourseFactory
from tests.twinning.factories import TwinningFileFactory


def seed_world(*, n: int = 1, word: str = "Baobab") -> dict:
    """``n`` public rows of each kind plus one private row of each, all containing ``word``."""
    public = {
        "associations": [
            AssociationFactory(
                name=f"{word} pubblica {i}",
                communities=[CommunityFactory()],
                themes=[ThemeFactory()],
            )
            for i in range(n)
        ],
        "courses": [CourseFactory(title=f"{word} corso {i}") for i in range(n)],
        "calls": [CallFactory(title=f"{word} bando {i}") for i in range(n)],
        "twinnings": [
            TwinningFileFactory(active=True, public_summary=f"{word} accordo {i}") for i in range(n)
        ],
        "manifestos": [
            ManifestoFactory(open=True, title=f"{word} manifesto {i}") for i in range(n)
        ],
    }
    private = {
        "associations": [AssociationFactory(pending=True, name=f"{word} in attesa")],
        "courses": [CourseFactory(draft=True, title=f"{word} corso bozza")],
        "calls": [CallFactory(draft=True, title=f"{word} bando bozza")],
        "twinnings": [
            TwinningFileFactory(public_summary=f"{word} pratica riservata"),
            TwinningFileFactory(active=True, is_public=False, public_summary=f"{word} nascosta"),
        ],
        "manifestos": [ManifestoFactory(title=f"{word} manifesto bozza")],
    }
    for manifesto in public["manifestos"]:
        for country in ("SN", "SN", "MA"):
            SignatureFactory(manifesto=manifesto, confirmed=True, country=country)
        SignatureFactory(manifesto=manifesto, country="SN")  # pending: not counted
    # A draft manifesto has no public count even when a signature is confirmed.
    SignatureFactory(manifesto=private["manifestos"][0], confirmed=True, country="SN")
    return {"public": public, "private": private}


def seed_country(*, n: int = 1, code: str = "SN", tag: str = "") -> dict:
    """A country of origin with ``n`` public and private rows of each kind (country dossiers).

    Private values contain "Riservat" so tests can assert they never reach the public pages.
    """
    from decimal import Decimal

    from business_table.models import Opportunity
    from forum.models import Delegation
    from tests.business_table.factories import ActionFactory, OpportunityFactory
    from tests.factories import CityFactory, UserFactory
    from tests.forum.factories import DelegationFactory, ForumEditionFactory
    from tests.funding.factories import ProposalFactory
    from tests.training.factories import CertificateFactory, EnrolmentFactory

    tag = tag or code.lower()
    confirmed = Delegation.Status.CONFIRMED
    host = CityFactory(
        slug="reggio-emilia", name="Reggio Emilia", country="IT", latitude=44.7, longitude=10.6
    )
    capital = CityFactory(
        slug=f"capitale-{tag}", name=f"Capitale {tag}", country=code, latitude=14.7, longitude=-17
    )
    nowhere = CityFactory(slug=f"senzacoord-{tag}", name=f"Senzacoord {tag}", country=code)
    community = CommunityFactory(
        name=f"Comunità {tag}",
        country=code,
        residents_estimate=952,
        residents_year=2010,
        residents_source="ISTAT",
    )
    community.origin_cities.set([capital, nowhere])
    staff_member = UserFactory(staff=True, full_name="Giulia Riservata")
    edition = ForumEditionFactory()
    manifesto = ManifestoFactory(open=True)
    world = {
        "host": host,
        "community": community,
        "capital": capital,
        "nowhere": nowhere,
        "edition": edition,
        "manifesto": manifesto,
        "associations": [],
        "private_texts": [staff_member.full_name, staff_member.email],
    }
    private = world["private_texts"]
    for i in range(n):
        association = AssociationFactory(name=f"Associazione {tag} {i}", communities=[community])
        pending = AssociationFactory(
            pending=True, name=f"Associazione Riservata {tag} {i}", communities=[community]
        )
        world["associations"].append(association)
        private += [association.email, pending.name, pending.email]
        EnrolmentFactory(association=association)
        EnrolmentFactory(association=association, cancelled=True)
        CertificateFactory(enrolment__association=association)
        CertificateFactory(enrolment__association=association, revoked=True)
        EnrolmentFactory(association=pending)
        city = CityFactory(country=code, name=f"Delegata {tag} {i}", latitude=12, longitude=-16)
        for status, head in ((confirmed, f"Capo Riservato {tag} {i}"), ("requested", "Altro")):
            DelegationFactory(
                edition=edition,
                city=city if status == confirmed else CityFactory(country=code),
                association=association,
                head_name=head,
                head_email=f"capo-{tag}-{i}-{status}@example.org",
                status=status,
            )
        private += [f"Capo Riservato {tag} {i}", f"capo-{tag}-{i}-confirmed@example.org"]
        SignatureFactory(manifesto=manifesto, country=code, confirmed=True)
        SignatureFactory(manifesto=manifesto, country=code, confirmed=True)
        SignatureFactory(manifesto=manifesto, country=code)
        TwinningFileFactory(
            active=True,
            partner_city=CityFactory(
                country=code, name=f"Gemella {tag} {i}", latitude=13, longitude=-15
            ),
            internal_notes=f"Nota Riservata {tag} {i}",
        )
        TwinningFileFactory(
            resolved=True, partner_city=CityFactory(country=code, name=f"Firmanda {tag} {i}")
        )
        TwinningFileFactory(
            partner_city=CityFactory(country=code, name=f"Candidata Riservata {tag} {i}"),
            responsible=staff_member,
            internal_notes=f"Nota Riservata in corso {tag} {i}",
        )
        ProposalFactory(
            awarded=True,
            association=association,
            countries=[code],
            title=f"Progetto finanziato {tag} {i}",
            awarded_amount=Decimal("30000"),
        ).cities.set([city])
        draft = ProposalFactory(association=association, countries=[code])
        draft.title = f"Bozza Riservata {tag} {i}"
        draft.save()
        opportunity = OpportunityFactory(
            active=True,
            country=code,
            title=f"Opportunità Riservata {tag} {i}",
            next_step=f"Passo Riservato {tag} {i}",
            owner=UserFactory(staff=True, full_name=f"Marco Riservato {tag} {i}"),
        )
        OpportunityFactory(country=code, status=Opportunity.Status.DROPPED)
        ActionFactory(opportunity=opportunity, overdue=True, title=f"Azione Riservata {tag} {i}")
        ActionFactory(opportunity=opportunity)
        private += [
            draft.title,
            f"Candidata Riservata {tag} {i}",
            f"Nota Riservata {tag} {i}",
            opportunity.title,
            opportunity.next_step,
            opportunity.owner.full_name,
        ]
    # Noise: another country, a draft Forum, a hidden agreement. None of it counts here.
    other = CommunityFactory(country="MA" if code != "MA" else "AL")
    AssociationFactory(communities=[other])
    SignatureFactory(manifesto=manifesto, confirmed=True, country=other.country)
    DelegationFactory(
        edition=ForumEditionFactory(draft=True),
        city=CityFactory(country=code, name=f"Bozza Forum Riservata {tag}"),
        status=confirmed,
    )
    TwinningFileFactory(
        active=True,
        is_public=False,
        partner_city=CityFactory(country=code, name=f"Nascosta Riservata {tag}"),
    )
    private += [f"Bozza Forum Riservata {tag}", f"Nascosta Riservata {tag}"]
    return world
