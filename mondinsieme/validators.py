"""Validators shared by every app's forms and models."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_MARKUP = re.compile(r"<[^>]*>|[<>]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def validate_plain_text(value: str) -> None:
    """Names and short texts are plain text: refuse markup and control characters."""
    if _MARKUP.search(value or ""):
        raise ValidationError(
            _("Scrivi solo testo, senza i simboli < e >."), code="markup_not_allowed"
        )
    if _CONTROL.search(value or ""):
        raise ValidationError(
            _("Il testo contiene caratteri non validi. Riscrivilo senza copiarlo da altri file."),
            code="control_characters",
        )


_ODD = {
    **{str(d): v for d, v in zip("0123456789", [1, 0, 5, 7, 9, 13, 15, 17, 19, 21], strict=True)},
    **dict(
        zip(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            [
                1,
                0,
                5,
                7,
                9,
                13,
                15,
                17,
                19,
                21,
                2,
                4,
                18,
                20,
                11,
                3,
                6,
                8,
                12,
                14,
                16,
                10,
                22,
                25,
                24,
                23,
            ],
            strict=True,
        )
    ),
}


def _numeric_fiscal_code_ok(code: str) -> bool:
    # Same check digit as the partita IVA (Luhn variant on 11 digits).
    total = 0
    for index, char in enumerate(code[:10]):
        digit = int(char)
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return (10 - total % 10) % 10 == int(code[10])


def _personal_fiscal_code_ok(code: str) -> bool:
    total = 0
    for index, char in enumerate(code[:15]):
        if index % 2 == 0:
            total += _ODD[char]
        else:
            total += int(char) if char.isdigit() else ord(char) - ord("A")
    return chr(ord("A") + total % 26) == code[15]


FISCAL_CODE_PATTERN = r"^([0-9]{11}|[A-Z0-9]{16})$"


def normalise_fiscal_code(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def validate_fiscal_code(value: str) -> None:
    """An Italian codice fiscale: 11 digits (bodies) or 16 characters (people), check digit ok."""
    code = normalise_fiscal_code(value)
    if re.fullmatch(r"[0-9]{11}", code):
        ok = _numeric_fiscal_code_ok(code)
    elif re.fullmatch(
        r"[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]", code
    ):
        ok = _personal_fiscal_code_ok(code)
    else:
        raise ValidationError(
            _(
                "Il codice fiscale deve avere 11 cifre (enti e associazioni) oppure 16 caratteri "
                "(persone). Controlla di averlo copiato per intero."
            ),
            code="fiscal_code_format",
        )
    if not ok:
        raise ValidationError(
            _(
                "Il codice fiscale non è valido: il carattere di controllo finale è sbagliato. "
                "Controlla il codice e riprova."
            ),
            code="fiscal_code_checksum",
        )
