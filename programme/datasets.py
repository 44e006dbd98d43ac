"""The open-data catalogue: one definition per dataset, used by the page, the files and the tests.

Each dataset documents its fields (name, type, description) and yields one dict per public row
whose keys are exactly those field names. Rows come only from the apps' public querysets, so a
draft, a pending association or a person's name never reaches a file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import selectors

LICENCE_NAME = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.it"
PUBLISHER = "Comune di Reggio Emilia - Fondazione Mondinsieme"
FORMATS = ("csv", "json")

# Field types, named as in the DCAT-AP_IT / AgID guidelines' data dictionaries.
TEXT = pgettext_lazy("data type", "testo")
INTEGER = pgettext_lazy("data type", "numero intero")
DECIMAL = pgettext_lazy("data type", "numero decimale")
DATE = pgettext_lazy("data type", "data (AAAA-MM-GG)")
DATETIME = pgettext_lazy("data type", "data e ora (ISO 8601)")
BOOLEAN = pgettext_lazy("data type", "booleano (true/false)")
URL = pgettext_lazy("data type", "URL")
CODE = pgettext_lazy("data type", "codice")
LIST = pgettext_lazy("data type", "elenco separato da punto e virgola")


@dataclass(frozen=True)
class Field:
    name: str
    type: Promise
    description: Promise


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: Promise
    description: Promise
    frequency: Promise
    fields: tuple[Field, ...]
    rows: Callable[[str], Iterator[dict]]

    @property
    def field_names(self) -> list[str]:
        return [field.name for field in self.fields]


def plain(value) -> str | int | float | bool | None:
    """A JSON-friendly cell: ISO dates, decimals as numbers, lists joined by semicolons."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list | tuple):
        return ";".join(str(item) for item in value)
    if isinstance(value, Promise):
        return str(value)
    return value


def _association_rows(base_url: str) -> Iterator[dict]:
    for association in selectors.open_associations():
        yield {
            "slug": association.slug,
            "nome": association.name,
            "sigla": association.acronym,
            "forma_giuridica": association.legal_form,
            "registro": association.register,
            "numero_iscrizione": association.register_number,
            "codice_fiscale": association.fiscal_code,
            "anno_fondazione": association.founded_year,
            "comunita": [community.name for community in association.communities.all()],
            "paesi_intervento": [country.code for country in association.countries_of_intervention],
            "temi": [theme.slug for theme in association.themes.all()],
            "sito_web": association.website,
            "aics_art26": association.aics_art26,
            "pagina": base_url + association.get_absolute_url(),
        }


def _course_rows(base_url: str) -> Iterator[dict]:
    for course in selectors.open_courses():
        yield {
            "slug": course.slug,
            "titolo": course.title,
            "sintesi": course.summary,
            "percorso": course.path.title if course.path else "",
            "lingua": course.language,
            "modalita": course.modality,
            "luogo": course.place,
            "posti": course.capacity,
            "ore": course.hours,
            "iscrizioni_dal": course.enrolment_opens_at,
            "iscrizioni_al": course.enrolment_closes_at,
            "stato": course.status,
            "pagina": base_url + course.get_absolute_url(),
        }


def _call_rows(base_url: str) -> Iterator[dict]:
    for call in selectors.open_calls():
        yield {
            "slug": call.slug,
            "titolo": call.title,
            "riferimento": call.reference,
            "finanziatore": call.funder.name,
            "stato": call.status,
            "apertura": call.opens_at,
            "scadenza": call.deadline,
            "dotazione_totale": call.total_budget,
            "contributo_minimo": call.grant_min,
            "contributo_massimo": call.grant_max,
            "temi": [theme.slug for theme in call.themes.all()],
            "link_bando": call.link,
            "pagina": base_url + reverse("funding:call-detail", kwargs={"slug": call.slug}),
        }


def _twinning_rows(base_url: str) -> Iterator[dict]:
    for twinning in selectors.open_twinnings():
        yield {
            "slug": twinning.slug,
            "citta_partner": twinning.partner_city.name,
            "paese": twinning.partner_city.country.code,
            "tipo": twinning.kind,
            "stato": twinning.status,
            "dal_anno": twinning.since_year,
            "in_vigore_dal": twinning.starts_on,
            "scade_il": twinning.expires_on,
            "sintesi": twinning.public_summary,
            "pagina": base_url + twinning.get_absolute_url(),
        }


def _signature_rows(base_url: str) -> Iterator[dict]:
    for row in selectors.open_signature_counts():
        yield {
            "manifesto": row["manifesto__slug"],
            "titolo_manifesto": row["manifesto__title"],
            "paese": row["country"],
            "firme_confermate": row["n"],
        }


_SLUG = Field("slug", CODE, _("Identificativo stabile della riga, usato anche nell'indirizzo."))
_PAGE = Field("pagina", URL, _("Indirizzo della pagina pubblica sul portale."))
_FREQUENCY_LIVE = _("continuo: il file è generato al momento della richiesta")

DATASETS: tuple[Dataset, ...] = (
    Dataset(
        slug="associazioni",
        title=_("Elenco delle associazioni delle diaspore"),
        description=_(
            "Le associazioni approvate dal Comune, con forma giuridica, comunità, paesi di "
            "intervento e temi. Non contiene dati di persone."
        ),
        frequency=_FREQUENCY_LIVE,
        fields=(
            _SLUG,
            Field("nome", TEXT, _("Nome dell'associazione.")),
            Field("sigla", TEXT, _("Sigla, se c'è.")),
            Field("forma_giuridica", CODE, _("aps, odv, ets, assoc (non iscritta), informal.")),
            Field("registro", CODE, _("runts, regional, municipal o vuoto.")),
            Field("numero_iscrizione", TEXT, _("Numero di iscrizione al registro.")),
            Field("codice_fiscale", CODE, _("Codice fiscale dell'ente.")),
            Field("anno_fondazione", INTEGER, _("Anno di fondazione.")),
            Field("comunita", LIST, _("Comunità a cui l'associazione si rivolge.")),
            Field("paesi_intervento", LIST, _("Paesi di intervento, codici ISO 3166-1 alpha-2.")),
            Field("temi", LIST, _("Temi di lavoro (identificativi).")),
            Field("sito_web", URL, _("Sito web dell'associazione.")),
            Field("aics_art26", BOOLEAN, _("Iscritta all'elenco AICS (art. 26, legge 125/2014).")),
            _PAGE,
        ),
        rows=_association_rows,
    ),
    Dataset(
        slug="corsi",
        title=_("Corsi di formazione"),
        description=_(
            "I corsi pubblicati o conclusi del percorso di formazione per le associazioni."
        ),
        frequency=_FREQUENCY_LIVE,
        fields=(
            _SLUG,
            Field("titolo", TEXT, _("Titolo del corso.")),
            Field("sintesi", TEXT, _("Sintesi del corso.")),
            Field("percorso", TEXT, _("Percorso formativo di cui fa parte, se c'è.")),
            Field("lingua", CODE, _("Lingua del corso: it, en, fr.")),
            Field("modalita", CODE, _("presence (in presenza), online, blended (mista).")),
            Field("luogo", TEXT, _("Luogo degli incontri.")),
            Field("posti", INTEGER, _("Posti disponibili.")),
            Field("ore", DECIMAL, _("Durata in ore.")),
            Field("iscrizioni_dal", DATETIME, _("Apertura delle iscrizioni.")),
            Field("iscrizioni_al", DATETIME, _("Chiusura delle iscrizioni.")),
            Field("stato", CODE, _("published (pubblicato) o closed (concluso).")),
            _PAGE,
        ),
        rows=_course_rows,
    ),
    Dataset(
        slug="bandi",
        title=_("Bandi di finanziamento"),
        description=_(
            "I bandi aperti e chiusi segnalati alle associazioni, con scadenze e importi. "
            "Le bozze e i bandi archiviati non compaiono."
        ),
        frequency=_FREQUENCY_LIVE,
        fields=(
            _SLUG,
            Field("titolo", TEXT, _("Titolo del bando.")),
            Field("riferimento", TEXT, _("Riferimento o numero del bando.")),
            Field("finanziatore", TEXT, _("Ente che finanzia.")),
            Field("stato", CODE, _("open (aperto) o closed (chiuso).")),
            Field("apertura", DATETIME, _("Apertura del bando.")),
            Field("scadenza", DATETIME, _("Scadenza per presentare le proposte.")),
            Field("dotazione_totale", DECIMAL, _("Dotazione totale in euro, se nota.")),
            Field("contributo_minimo", DECIMAL, _("Contributo minimo per progetto in euro.")),
            Field("contributo_massimo", DECIMAL, _("Contributo massimo per progetto in euro.")),
            Field("temi", LIST, _("Temi del bando (identificativi).")),
            Field("link_bando", URL, _("Indirizzo del testo ufficiale del bando.")),
            _PAGE,
        ),
        rows=_call_rows,
    ),
    Dataset(
        slug="gemellaggi",
        title=_("Gemellaggi e patti"),
        description=_(
            "Gli accordi tra Reggio Emilia e altre città, in vigore o scaduti, resi pubblici dal "
            "Comune."
        ),
        frequency=_FREQUENCY_LIVE,
        fields=(
            _SLUG,
            Field("citta_partner", TEXT, _("Città partner.")),
            Field("paese", CODE, _("Paese della città partner, codice ISO 3166-1 alpha-2.")),
            Field("tipo", CODE, _("twinning, friendship, solidarity, partnership, intent.")),
            Field("stato", CODE, _("active, renewal_due, renewed o expired.")),
            Field("dal_anno", INTEGER, _("Anno dal quale il legame esiste.")),
            Field("in_vigore_dal", DATE, _("Data di entrata in vigore dell'accordo.")),
            Field("scade_il", DATE, _("Data di scadenza dell'accordo, se c'è.")),
            Field("sintesi", TEXT, _("Sintesi pubblica dell'accordo.")),
            _PAGE,
        ),
        rows=_twinning_rows,
    ),
    Dataset(
        slug="firme-manifesto",
        title=_("Firme del Manifesto per paese"),
        description=_(
            "Il numero di firme confermate di ogni manifesto pubblico, per paese di residenza. "
            "Solo conteggi: nessun nome."
        ),
        frequency=_FREQUENCY_LIVE,
        fields=(
            Field("manifesto", CODE, _("Identificativo del manifesto.")),
            Field("titolo_manifesto", TEXT, _("Titolo del manifesto.")),
            Field(
                "paese",
                CODE,
                _("Paese di residenza, codice ISO 3166-1 alpha-2; vuoto se non indicato."),
            ),
            Field("firme_confermate", INTEGER, _("Firme confermate da quel paese.")),
        ),
        rows=_signature_rows,
    ),
)

BY_SLUG = {dataset.slug: dataset for dataset in DATASETS}
