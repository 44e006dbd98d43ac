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
