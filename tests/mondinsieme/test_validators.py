"""Fiscal codes and plain-text fields: what the shared validators accept and refuse."""

import pytest
from django.core.exceptions import ValidationError

from mondinsieme.validators import (
    normalise_fiscal_code,
    validate_fiscal_code,
    validate_plain_text,
)
from tests.factories import valid_fiscal_code


@pytest.mark.parametrize("code", [valid_fiscal_code(1), valid_fiscal_code(4242), "00000000000"])
def test_it_accepts_an_eleven_digit_code_with_the_right_check_digit(code):
    validate_fiscal_code(code)


def test_it_refuses_an_eleven_digit_code_with_the_wrong_check_digit():
    good = valid_fiscal_code(7)
    bad = good[:10] + str((int(good[10]) + 1) % 10)

    with pytest.raises(ValidationError) as excinfo:
        validate_fiscal_code(bad)

    assert excinfo.value.code == "fiscal_code_checksum"
    assert "carattere di controllo" in excinfo.value.messages[0]


def test_it_accepts_a_personal_sixteen_character_code():
    validate_fiscal_code("RSSMRA85T10A562S")


def test_it_refuses_a_personal_code_with_the_wrong_check_letter():
    with pytest.raises(ValidationError) as excinfo:
        validate_fiscal_code("RSSMRA85T10A562T")

    assert excinfo.value.code == "fiscal_code_checksum"


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "abc",
        "1234567890",
        "123456789012",
        "RSSMRA85T10A562",
        "RSSMRA85T10A562S1",
        "€€€€€€€€€€€",
    ],
)
def test_it_refuses_garbage_with_a_message_about_the_format(garbage):
    with pytest.raises(ValidationError) as excinfo:
        validate_fiscal_code(garbage)

    assert excinfo.value.code == "fiscal_code_format"
    assert "11 cifre" in excinfo.value.messages[0]


def test_it_accepts_spaces_and_lowercase_and_normalises_them():
    validate_fiscal_code(" rssmra 85t10 a562s ")

    assert normalise_fiscal_code(" rssmra 85t10\ta562s ") == "RSSMRA85T10A562S"


@pytest.mark.parametrize(
    "markup", ["<script>alert(1)</script>", "Ciao <b>mondo</b>", "a < b", "1 > 0"]
)
def test_it_refuses_markup_in_plain_text(markup):
    with pytest.raises(ValidationError) as excinfo:
        validate_plain_text(markup)

    assert excinfo.value.code == "markup_not_allowed"
    assert "senza i simboli < e >" in excinfo.value.messages[0]


def test_it_refuses_control_characters_in_plain_text():
    with pytest.raises(ValidationError) as excinfo:
        validate_plain_text("Associazione\x00Senegalese")

    assert excinfo.value.code == "control_characters"


@pytest.mark.parametrize(
    "text", ["Associazione Senegalese di Reggio Emilia", "Côte d'Ivoire – 2024", "", "riga\nnuova"]
)
def test_it_accepts_ordinary_text(text):
    validate_plain_text(text)
