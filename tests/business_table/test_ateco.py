import pytest
from django.core.exceptions import ValidationError

from business_table import ateco


@pytest.mark.parametrize("code", ["10", "28.3", "28.30", "10.51.1", "46.39.20"])
def test_it_accepts_well_formed_codes_of_known_divisions(code):
    ateco.validate_ateco_code(code)


@pytest.mark.parametrize("code", ["1", "A", "10.", "10.512", "28-30", "99.1", "", "10,5"])
def test_it_refuses_malformed_or_unknown_codes(code):
    with pytest.raises(ValidationError):
        ateco.validate_ateco_code(code)


def test_it_validates_each_code_of_a_list():
    ateco.validate_ateco_list("10, 28.30,46")
    with pytest.raises(ValidationError) as error:
        ateco.validate_ateco_list("10, xx, 99")
    assert len(error.value.error_list) == 2


def test_every_division_belongs_to_a_section_a_to_u():
    assert set(ateco.SECTIONS) == set("ABCDEFGHIJKLMNOPQRSTU")
    assert all(section in ateco.SECTIONS for section, _name in ateco.DIVISIONS.values())


def test_a_label_names_the_division_and_section():
    assert ateco.label("10.51") == "10.51 – Industrie alimentari (C)"
    assert ateco.label("") == ""
