"""Eligibility of a proposal for a call: one row per rule, each with its reason."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from associations.models import Association
from funding.eligibility import eligibility_reasons, match_calls, required_cofinancing
from funding.models import Call, Funder, Proposal

NOW = timezone.now()


def _call(**overrides) -> Call:
    values = {
        "funder": Funder(name="AICS", kind=Funder.Kind.AICS),
        "title": "Bando enti territoriali",
        "opens_at": NOW - timedelta(days=10),
        "deadline": NOW + timedelta(days=10),
        "grant_min": Decimal("10000"),
        "grant_max": Decimal("100000"),
        "funding_rate": Decimal("80"),
        "duration_min_months": 6,
        "duration_max_months": 24,
        "applicant_types": [],
        "eligible_countries": [],
        "requires_art26": False,
    }
    values.update(overrides)
    return Call(**values)


def _proposal(**overrides) -> Proposal:
    values = {
        "title": "Scuole a Thiès",
        "summary": "…",
        "countries": ["SN"],
        "budget": Decimal("50000"),
        "requested_amount": Decimal("40000"),
        "cofinancing": Decimal("10000"),
        "duration_months": 12,
    }
    values.update(overrides)
    return Proposal(**values)


def _association(**overrides) -> Association:
    values = {"name": "Teranga", "legal_form": Association.LegalForm.APS, "aics_art26": False}
    values.update(overrides)
    return Association(**values)


CASES = [
    # (id, call overrides, proposal overrides, association overrides, expected reason codes)
    ("eligible", {}, {}, {}, []),
    ("applicant type refused", {"applicant_types": ["odv"]}, {}, {}, ["applicant_type"]),
    ("applicant type accepted", {"applicant_types": ["aps", "odv"]}, {}, {}, []),
    ("country outside", {"eligible_countries": ["MA", "TN"]}, {}, {}, ["country"]),
    ("country inside", {"eligible_countries": ["SN", "ML"]}, {}, {}, []),
    ("no country given", {"eligible_countries": ["SN"]}, {"countries": []}, {}, ["country"]),
    (
        "below grant min",
        {},
        {"requested_amount": Decimal("5000"), "cofinancing": 45000},
        {},
        ["grant_range"],
    ),
    ("above grant max", {"grant_max": Decimal("30000")}, {}, {}, ["grant_range"]),
    ("exactly grant max", {"grant_max": Decimal("40000")}, {}, {}, []),
    ("too little co-financing", {"funding_rate": Decimal("70")}, {}, {}, ["cofinancing"]),
    ("co-financing exactly enough", {"funding_rate": Decimal("80")}, {}, {}, []),
    ("art. 26 missing", {"requires_art26": True}, {}, {}, ["art26"]),
    ("art. 26 present", {"requires_art26": True}, {}, {"aics_art26": True}, []),
    ("duration too long", {}, {"duration_months": 36}, {}, ["duration"]),
    ("deadline passed", {"deadline": NOW - timedelta(minutes=1)}, {}, {}, ["deadline"]),
    ("deadline exactly now", {"deadline": NOW}, {}, {}, ["deadline"]),
    (
        "several at once",
        {"requires_art26": True, "eligible_countries": ["MA"], "deadline": NOW - timedelta(1)},
        {},
        {},
        ["country", "art26", "deadline"],
    ),
]


@pytest.mark.parametrize(
    ("call_data", "proposal_data", "association_data", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_each_rule_gives_its_reason(call_data, proposal_data, association_data, expected):
    reasons = eligibility_reasons(
        proposal=_proposal(**proposal_data),
        association=_association(**association_data),
        call=_call(**call_data),
        now=NOW,
    )
    assert [reason.code for reason in reasons] == expected


def test_reasons_say_what_is_wrong_in_words():
    [reason] = eligibility_reasons(
        proposal=_proposal(),
        association=_association(),
        call=_call(eligible_countries=["MA"]),
        now=NOW,
    )
    assert "Senegal" in reason.message
    [reason] = eligibility_reasons(
        proposal=_proposal(),
        association=_association(),
        call=_call(funding_rate=Decimal(70)),
        now=NOW,
    )
    assert "70%" in reason.message and "15.000" in reason.message.replace(",", ".")


def test_required_cofinancing_is_the_share_the_funder_does_not_cover():
    assert required_cofinancing(_call(funding_rate=Decimal("80")), Decimal("50000")) == Decimal(
        "10000.00"
    )
    assert required_cofinancing(_call(funding_rate=Decimal("100")), Decimal("50000")) == 0


def test_matching_lists_each_call_with_its_reasons_without_queries():
    # No django_db mark: a query here would raise, so the function is pure.
    calls = [_call(title="A"), _call(title="B", requires_art26=True)]
    matches = match_calls(proposal=_proposal(), association=_association(), calls=calls, now=NOW)
    assert [(call.title, [r.code for r in reasons]) for call, reasons in matches] == [
        ("A", []),
        ("B", ["art26"]),
    ]
