"""A small ATECO 2007/2025 list (ISTAT): the sections and the divisions the table uses.

The `ateco` package is not a dependency: the table only needs sections and 2-digit divisions to
label sectors, and codes deeper than a division (NN.NN, NN.NN.N...) are accepted if their
division is known.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Section letter → Italian name (ISTAT, ATECO 2007 aggiornamento 2022 / ATECO 2025).
SECTIONS: dict[str, str] = {
    "A": "Agricoltura, silvicoltura e pesca",
    "B": "Estrazione di minerali da cave e miniere",
    "C": "Attività manifatturiere",
    "D": "Fornitura di energia elettrica, gas, vapore e aria condizionata",
    "E": "Fornitura di acqua; reti fognarie, gestione dei rifiuti e risanamento",
    "F": "Costruzioni",
    "G": "Commercio all'ingrosso e al dettaglio",
    "H": "Trasporto e magazzinaggio",
    "I": "Attività dei servizi di alloggio e di ristorazione",
    "J": "Servizi di informazione e comunicazione",
    "K": "Attività finanziarie e assicurative",
    "L": "Attività immobiliari",
    "M": "Attività professionali, scientifiche e tecniche",
    "N": "Noleggio, agenzie di viaggio, servizi di supporto alle imprese",
    "O": "Amministrazione pubblica e difesa; assicurazione sociale obbligatoria",
    "P": "Istruzione",
    "Q": "Sanità e assistenza sociale",
    "R": "Attività artistiche, sportive, di intrattenimento e divertimento",
    "S": "Altre attività di servizi",
    "T": "Attività di famiglie e convivenze come datori di lavoro",
    "U": "Organizzazioni ed organismi extraterritoriali",
}

# Division (2 digits) → (section, Italian name): the divisions the table's sectors use.
DIVISIONS: dict[str, tuple[str, str]] = {
    "01": ("A", "Coltivazioni agricole e produzione di prodotti animali"),
    "02": ("A", "Silvicoltura e utilizzo di aree forestali"),
    "03": ("A", "Pesca e acquacoltura"),
    "08": ("B", "Altre attività di estrazione di minerali da cave e miniere"),
    "10": ("C", "Industrie alimentari"),
    "11": ("C", "Industria delle bevande"),
    "13": ("C", "Industrie tessili"),
    "14": ("C", "Confezione di articoli di abbigliamento"),
    "15": ("C", "Fabbricazione di articoli in pelle e simili"),
    "16": ("C", "Industria del legno e dei prodotti in legno"),
    "20": ("C", "Fabbricazione di prodotti chimici"),
    "21": ("C", "Fabbricazione di prodotti farmaceutici"),
    "22": ("C", "Fabbricazione di articoli in gomma e materie plastiche"),
    "23": ("C", "Fabbricazione di altri prodotti della lavorazione di minerali non metalliferi"),
    "24": ("C", "Metallurgia"),
    "25": ("C", "Fabbricazione di prodotti in metallo"),
    "26": ("C", "Fabbricazione di computer e prodotti di elettronica e ottica"),
    "27": ("C", "Fabbricazione di apparecchiature elettriche"),
    "28": ("C", "Fabbricazione di macchinari ed apparecchiature"),
    "29": ("C", "Fabbricazione di autoveicoli, rimorchi e semirimorchi"),
    "31": ("C", "Fabbricazione di mobili"),
    "32": ("C", "Altre industrie manifatturiere"),
    "33": ("C", "Riparazione, manutenzione ed installazione di macchine"),
    "35": ("D", "Fornitura di energia elettrica, gas, vapore e aria condizionata"),
    "38": ("E", "Raccolta, trattamento e smaltimento dei rifiuti; recupero dei materiali"),
    "41": ("F", "Costruzione di edifici"),
    "42": ("F", "Ingegneria civile"),
    "43": ("F", "Lavori di costruzione specializzati"),
    "45": ("G", "Commercio e riparazione di autoveicoli e motocicli"),
    "46": ("G", "Commercio all'ingrosso"),
    "47": ("G", "Commercio al dettaglio"),
    "49": ("H", "Trasporto terrestre"),
    "52": ("H", "Magazzinaggio e attività di supporto ai trasporti"),
    "55": ("I", "Alloggio"),
    "56": ("I", "Attività dei servizi di ristorazione"),
    "62": ("J", "Produzione di software, consulenza informatica"),
    "64": ("K", "Servizi finanziari"),
    "70": ("M", "Attività di direzione aziendale e di consulenza gestionale"),
    "71": ("M", "Attività degli studi di architettura e d'ingegneria"),
    "72": ("M", "Ricerca scientifica e sviluppo"),
    "73": ("M", "Pubblicità e ricerche di mercato"),
    "79": ("N", "Agenzie di viaggio e tour operator"),
    "82": ("N", "Servizi di supporto alle imprese"),
    "85": ("P", "Istruzione"),
    "86": ("Q", "Assistenza sanitaria"),
    "90": ("R", "Attività creative, artistiche e di intrattenimento"),
    "94": ("S", "Attività di organizzazioni associative"),
    "95": ("S", "Riparazione di computer e di beni per uso personale e per la casa"),
    "96": ("S", "Altre attività di servizi per la persona"),
}

# NN, NN.N, NN.NN, NN.NN.N or NN.NN.NN (ISTAT's levels below the section letter).
CODE_PATTERN = re.compile(r"^\d{2}(\.\d{1,2}(\.\d{1,2})?)?$")


def division_of(code: str) -> str:
    return code.strip()[:2]


def validate_ateco_code(code: str) -> None:
    """A well-formed ATECO code whose division is in the list above."""
    code = (code or "").strip()
    if not CODE_PATTERN.match(code):
        raise ValidationError(
            _("«%(code)s» non è un codice ATECO: scrivilo come 10 oppure 10.51."),
            code="ateco_format",
            params={"code": code},
        )
    if division_of(code) not in DIVISIONS:
        raise ValidationError(
            _("La divisione ATECO «%(division)s» non è nell'elenco: usa un codice noto."),
            code="ateco_unknown",
            params={"division": division_of(code)},
        )


def split_codes(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def validate_ateco_list(value: str) -> None:
    """A comma-separated list of ATECO codes, each valid."""
    errors = []
    for code in split_codes(value):
        try:
            validate_ateco_code(code)
        except ValidationError as error:
            errors.extend(error.error_list)
    if errors:
        raise ValidationError(errors)


def label(code: str) -> str:
    """«10.51 – Industrie alimentari (C)»: the code with its division's name."""
    code = (code or "").strip()
    if not code:
        return ""
    found = DIVISIONS.get(division_of(code))
    if found is None:
        return code
    section, name = found
    return f"{code} – {name} ({section})"


def division_choices() -> list[tuple[str, str]]:
    """Choices for a sector select: every known division, grouped by section."""
    grouped: dict[str, list[tuple[str, str]]] = {}
    for division, (section, name) in DIVISIONS.items():
        grouped.setdefault(section, []).append((division, f"{division} – {name}"))
    return [(f"{letter} – {SECTIONS[letter]}", grouped[letter]) for letter in grouped]
