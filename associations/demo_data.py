"""Demo data for `manage.py seed_demo`: plain structures, sourced where they state a fact.

Figures and real names come from DESIGN.md §1. Everything marked "(demo)" is invented, and every
demo e-mail address uses the reserved ``example.org`` domain.
"""

from __future__ import annotations

from datetime import date
from typing import NotRequired, TypedDict

# Public on purpose: the demo must be reproducible, and it never runs with real people's data.
DEMO_PASSWORD = "diaspore-demo-2026"  # noqa: S105
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # noqa: S105  (base32; `oathtool --totp -b ...`)
DEMO_EMAIL_DOMAIN = "demo.example.org"

# Provincial office code of Reggio Emilia in numeric fiscal codes (digits 8-10).
FISCAL_CODE_OFFICE = "035"


class CityData(TypedDict):
    slug: str
    name: str
    country: str
    region: str
    latitude: float
    longitude: float
    population: NotRequired[int]
    population_year: NotRequired[int]
    population_source: NotRequired[str]


# (slug, name, ISO country, region, latitude, longitude): approximate city-centre coordinates.
CityRow = tuple[str, str, str, str, float, float]


class CommunityData(TypedDict):
    slug: str
    name: str
    country: str
    residents_estimate: int | None
    residents_year: int | None
    residents_source: str
    languages: str
    origin_cities: list[str]


class ThemeData(TypedDict):
    slug: str
    name: str
    name_en: str


class AssociationData(TypedDict):
    slug: str
    name: str
    acronym: str
    legal_form: str
    register: str
    status: str
    communities: list[str]
    countries: list[str]
    themes: list[str]
    founded_year: int | None
    member_since: date | None
    aics_art26: bool
    demo_admin_data: bool  # generate a fiscal code and register number
    description: str


class MembershipData(TypedDict):
    association: str
    role: str
    status: str
    message: NotRequired[str]


class UserData(TypedDict):
    email: str
    full_name: str
    preferred_language: str
    memberships: list[MembershipData]


HOST_CITY: CityData = {
    "slug": "reggio-emilia",
    "name": "Reggio Emilia",
    "country": "IT",
    "region": "Emilia-Romagna",
    "latitude": 44.69825,
    "longitude": 10.63125,
    "population": 170166,
    "population_year": 2022,
    "population_source": "Comune di Reggio Emilia, anagrafe",
}

# Twin cities of Reggio Emilia (DESIGN.md §1); the twinning app links its files to these slugs.
TWIN_CITIES: list[CityRow] = [
    ("bydgoszcz", "Bydgoszcz", "PL", "Cuiavia-Pomerania", 53.12350, 18.00844),
    ("dijon", "Dijon", "FR", "Borgogna-Franca Contea", 47.32200, 5.04150),
    ("schwerin", "Schwerin", "DE", "Meclemburgo-Pomerania Anteriore", 53.63550, 11.40120),
    ("zadar", "Zadar", "HR", "Regione zaratina", 44.11940, 15.23140),
    ("girona", "Girona", "ES", "Catalogna", 41.97940, 2.82140),
    ("fort-worth", "Fort Worth", "US", "Texas", 32.75550, -97.33080),
    ("chisinau", "Chișinău", "MD", "Municipio di Chișinău", 47.01050, 28.86380),
    ("kragujevac", "Kragujevac", "RS", "Šumadija", 44.01670, 20.91670),
    ("polokwane", "Polokwane", "ZA", "Limpopo", -23.90450, 29.46890),
    ("pemba", "Pemba", "MZ", "Cabo Delgado", -12.97400, 40.51780),
    ("beit-jala", "Beit Jala", "PS", "Governatorato di Betlemme", 31.71500, 35.18750),
    ("sarajevo-centar", "Sarajevo — Centar", "BA", "Cantone di Sarajevo", 43.85900, 18.42000),
]  # fmt: skip

# Main cities of origin of the communities. Italian names where Italian has its own.
ORIGIN_CITIES: list[CityRow] = [
    ("casablanca", "Casablanca", "MA", "Casablanca-Settat", 33.57310, -7.58980),
    ("khouribga", "Khouribga", "MA", "Béni Mellal-Khénifra", 32.88110, -6.90630),
    ("beni-mellal", "Beni Mellal", "MA", "Béni Mellal-Khénifra", 32.33730, -6.34980),
    ("tirana", "Tirana", "AL", "Prefettura di Tirana", 41.32750, 19.81870),
    ("durazzo", "Durazzo", "AL", "Prefettura di Durazzo", 41.32310, 19.44140),
    ("ludhiana", "Ludhiana", "IN", "Punjab", 30.90100, 75.85730),
    ("jalandhar", "Jalandhar", "IN", "Punjab", 31.32600, 75.57620),
    ("wenzhou", "Wenzhou", "CN", "Zhejiang", 27.99420, 120.69940),
    ("qingtian", "Qingtian", "CN", "Zhejiang", 28.13900, 120.28900),
    ("sialkot", "Sialkot", "PK", "Punjab", 32.49450, 74.52290),
    ("gujrat", "Gujrat", "PK", "Punjab", 32.57360, 74.07890),
    ("bucarest", "Bucarest", "RO", "Bucarest", 44.42680, 26.10250),
    ("iasi", "Iași", "RO", "Distretto di Iași", 47.15850, 27.60140),
    ("leopoli", "Leopoli", "UA", "Oblast' di Leopoli", 49.83970, 24.02970),
    ("kyiv", "Kyiv", "UA", "Kyiv", 50.45010, 30.52340),
    ("ternopil", "Ternopil", "UA", "Oblast' di Ternopil", 49.55350, 25.59480),
    ("kumasi", "Kumasi", "GH", "Ashanti", 6.68850, -1.62440),
    ("accra", "Accra", "GH", "Grande Accra", 5.60370, -0.18700),
    ("tunisi", "Tunisi", "TN", "Governatorato di Tunisi", 36.80650, 10.18150),
    ("sfax", "Sfax", "TN", "Governatorato di Sfax", 34.74060, 10.76030),
    ("balti", "Bălți", "MD", "Municipio di Bălți", 47.76180, 27.92890),
    ("il-cairo", "Il Cairo", "EG", "Governatorato del Cairo", 30.04440, 31.23570),
    ("alessandria-d-egitto", "Alessandria d'Egitto", "EG", "Alessandria", 31.20010, 29.91870),
    ("lagos", "Lagos", "NG", "Stato di Lagos", 6.52440, 3.37920),
    ("benin-city", "Benin City", "NG", "Stato di Edo", 6.33500, 5.62750),
    ("varsavia", "Varsavia", "PL", "Masovia", 52.22970, 21.01220),
    ("cracovia", "Cracovia", "PL", "Piccola Polonia", 50.06470, 19.94500),
    ("colombo", "Colombo", "LK", "Provincia Occidentale", 6.92710, 79.86120),
    ("negombo", "Negombo", "LK", "Provincia Occidentale", 7.20830, 79.83580),
    ("dakar", "Dakar", "SN", "Regione di Dakar", 14.71670, -17.46770),
    ("touba", "Touba", "SN", "Regione di Diourbel", 14.85000, -15.88330),
    ("ouagadougou", "Ouagadougou", "BF", "Centre", 12.37140, -1.51970),
    ("bobo-dioulasso", "Bobo-Dioulasso", "BF", "Hauts-Bassins", 11.17710, -4.29790),
    ("abidjan", "Abidjan", "CI", "Distretto di Abidjan", 5.35990, -4.00830),
    ("bamako", "Bamako", "ML", "Distretto di Bamako", 12.63920, -8.00290),
    ("conakry", "Conakry", "GN", "Conakry", 9.64120, -13.57840),
    ("tbilisi", "Tbilisi", "GE", "Tbilisi", 41.71510, 44.82710),
    ("kutaisi", "Kutaisi", "GE", "Imerezia", 42.26790, 42.69460),
]  # fmt: skip

_ISTAT_2010 = "ISTAT, residenti stranieri in provincia di Reggio Emilia"

# One community per country of DESIGN.md §1. Figures: province of Reggio Emilia, ISTAT 2010,
# except the Burkinabè estimate (2018). The last four have no sourced figure, so none is given.
COMMUNITIES: list[CommunityData] = [
    {
        "slug": "marocchina",
        "name": "Comunità marocchina",
        "country": "MA",
        "residents_estimate": 10143,
        "residents_year": 2010,
        "residents_source": _ISTAT_2010,
        "languages": "arabo, tamazight, francese",
        "origin_cities": ["casablanca", "khouribga", "beni-mellal"],
    },
    {
        "slug": "albanese",
        "name": "Comunità albanese",
        "country": "AL",
        "residents_estimate": 7389,
        "residents_year": 2010,
        "residents_source": _ISTAT_2010,
        "languages": "albanese",
        "origin_cities": ["tirana", "durazzo"],
    },
    {
        "slug": "indiana",
        "name": "Comunità indiana",
        "country": "IN",
        "residents_estimate": 6484,
        "residents_year": 2010,
        "residents_source": _ISTAT_2010,
        "languages": "punjabi, hindi, inglese",
        "origin_cities": ["ludhiana", "jalandhar"],
    },
    {
        "slug": "cinese",
        "name": "Comunità cinese",
        "country": "CN",
        "residents_estimate": 5274,
        "residents_year": 2010,
        "residents_source": _ISTAT_2010,
        "languages": "cinese mandarino, wenzhounese",
        "origin_cities": ["wenzhou", "qingtian"],
    },
    {
        "slug": "pakistana",
        "name": "Comunità pakistana",
        "country": "PK",
        "residents_estimate": 4832,
        "residents_year": 2010,
        "residents_source": _ISTAT_2010,
        "languages": "urdu, punjabi, inglese",
        "origin_cities": ["sialkot", "gujrat"],
    },
    {
        "slug": "romena",
        "name": "Comunità romena",
        "country": "RO",
        "residents_estimate": 4747,
        "residents_year": 2010,
        "residents_source": _ISTAT_2010,
        "languages": "romeno",
        "origin_cities": ["bucarest", "iasi"],
    },
    {
        "slug": "ucraina",
        "name": "Comunità ucraina",
        "country": "UA",
        "residents_estimate": 3945,
        "residents_year": 2010,
        "residents_source": _ISTAT_2010,
        "languages": "ucraino, russo",
        "origin_cities": ["leopoli", "kyiv", "ternopil"],
    },
    {
        "slug": "ghanese",
        "name": "Comunità ghanese",
        "country": "GH",
        "residents_estimate": 2967,
        "residents_year": 2010,
        "residents_source": _ISTAT_2010,
        "languages": "inglese, twi",
        "origin_cities": ["kumasi", "accra"],
    },
    {
        "slug": "tunisina",
        "name": "Comunità tunisina",
        "country": "TN",
        "residents_estimate": 2955,
        "residents_year": 2010,
        "residents_source": _ISTAT_2010,
        "languages": "arabo, francese",
        "origin_cities": ["tunisi", "sfax"],
    },
    {
        "slug": "moldava",
        "name": "Comunità moldava",
        "country": "MD",
        "residents_estimate": 2883,
        "residents_year": 2010,
        "residents_source": _ISTAT_2010,
        "languages": "romeno, russo",
        "origin_cities": ["chisinau", "balti"],
    },
    {
        "slug": "egiziana",
        "name": "Comunità egiziana",
        "country": "EG",
        "residents_estimate": 1797,
        "residents_year": 2010,
        "residents_source": _ISTAT_2010,
        "languages": "arabo",
        "origin_cities": ["il-cairo", "alessandria-d-egitto"],
    },
    {
        "slug": "nigeriana",
        "name": "Comunità nigeriana",
        "country": "NG",
        "residents_estimate": 1373,
        "residents_year": 2010,
        "residents_source": _ISTAT_2010,
        "languages": "inglese, yoruba, edo, igbo",
        "origin_cities": ["lagos", "benin-city"],
    },
    {
        "slug": "polacca",
        "name": "Comunità polacca",
        "country": "PL",
        "residents_estimate": 1251,
        "residents_year": 2010,
        "residents_source": _ISTAT_2010,
        "languages": "polacco",
        "origin_cities": ["varsavia", "cracovia"],
    },
    {
        "slug": "srilankese",
        "name": "Comunità srilankese",
        "country": "LK",
        "residents_estimate": 1148,
        "residents_year": 2010,
        "residents_source": _ISTAT_2010,
        "languages": "singalese, tamil",
        "origin_cities": ["colombo", "negombo"],
    },
    {
        "slug": "senegalese",
        "name": "Comunità senegalese",
        "country": "SN",
        "residents_estimate": 952,
        "residents_year": 2010,
        "residents_source": _ISTAT_2010,
        "languages": "wolof, francese",
        "origin_cities": ["dakar", "touba"],
    },
    {
        "slug": "burkinabe",
        "name": "Comunità burkinabè",
        "country": "BF",
        "residents_estimate": 800,
        "residents_year": 2018,
        "residents_source": "stima comunità burkinabè, 2018",
        "languages": "francese, mooré, dioula",
        "origin_cities": ["ouagadougou", "bobo-dioulasso"],
    },
    {
        "slug": "ivoriana",
        "name": "Comunità ivoriana",
        "country": "CI",
        "residents_estimate": None,
        "residents_year": None,
        "residents_source": "",
        "languages": "francese, dioula",
        "origin_cities": ["abidjan"],
    },
    {
        "slug": "maliana",
        "name": "Comunità maliana",
        "country": "ML",
        "residents_estimate": None,
        "residents_year": None,
        "residents_source": "",
        "languages": "bambara, francese",
        "origin_cities": ["bamako"],
    },
    {
        "slug": "guineana",
        "name": "Comunità guineana",
        "country": "GN",
        "residents_estimate": None,
        "residents_year": None,
        "residents_source": "",
        "languages": "francese, pular, malinké, susu",
        "origin_cities": ["conakry"],
    },
    {
        "slug": "georgiana",
        "name": "Comunità georgiana",
        "country": "GE",
        "residents_estimate": None,
        "residents_year": None,
        "residents_source": "",
        "languages": "georgiano",
        "origin_cities": ["tbilisi", "kutaisi"],
    },
]

THEMES: list[ThemeData] = [
    {
        "slug": "cooperazione",
        "name": "Cooperazione allo sviluppo",
        "name_en": "Development cooperation",
    },
    {"slug": "istruzione", "name": "Istruzione e formazione", "name_en": "Education and training"},
    {"slug": "salute", "name": "Salute", "name_en": "Health"},
    {"slug": "donne", "name": "Donne e parità", "name_en": "Women and gender equality"},
    {"slug": "giovani", "name": "Giovani", "name_en": "Youth"},
    {"slug": "cultura", "name": "Cultura e arte", "name_en": "Culture and the arts"},
    {"slug": "intercultura", "name": "Intercultura", "name_en": "Intercultural dialogue"},
    {"slug": "lavoro", "name": "Lavoro e impresa", "name_en": "Work and enterprise"},
    {"slug": "ambiente", "name": "Ambiente", "name_en": "Environment"},
    {"slug": "diritti", "name": "Diritti e cittadinanza", "name_en": "Rights and citizenship"},
    {"slug": "sport", "name": "Sport", "name_en": "Sport"},
]

_DEMO_NOTE = "Scheda dimostrativa: contatti e dati amministrativi non sono quelli reali."

# Exactly 32: `--scale N` adds (N-1) × len(ASSOCIATIONS) more, so the total is N × 32.
# The first three are real members of Fondazione Mondinsieme (DESIGN.md §1); only what the
# design states is filled in for them: no fiscal code, register number or adhesion date. Their
# legal form is inferred ("APS" in the name, hence RUNTS; the Senegalese one is unverified).
ASSOCIATIONS: list[AssociationData] = [
    {
        "slug": "associazione-senegalese-di-reggio-emilia-e-provincia",
        "name": "Associazione Senegalese di Reggio Emilia e provincia",
        "acronym": "",
        "legal_form": "assoc",
        "register": "",
        "status": "approved",
        "communities": ["senegalese"],
        "countries": ["SN"],
        "themes": ["intercultura"],
        "founded_year": 1990,
        "member_since": None,
        "aics_art26": False,
        "demo_admin_data": False,
        "description": (
            "L'associazione della comunità senegalese di Reggio Emilia e provincia, nata nel "
            f"1990. Aderisce alla Fondazione Mondinsieme. {_DEMO_NOTE}"
        ),
    },
    {
        "slug": "associazione-plai-aps",
        "name": "Associazione Plai APS",
        "acronym": "Plai",
        "legal_form": "aps",
        "register": "runts",
        "status": "approved",
        "communities": ["moldava"],
        "countries": ["MD"],
        "themes": ["intercultura", "cultura"],
        "founded_year": 2022,
        "member_since": None,
        "aics_art26": False,
        "demo_admin_data": False,
        "description": (
            "Associazione di promozione sociale della comunità moldava, nata nel 2022. "
            f"Aderisce alla Fondazione Mondinsieme. {_DEMO_NOTE}"
        ),
    },
    {
        "slug": "coro-interculturale-di-reggio-emilia-aps",
        "name": "Coro interculturale di Reggio Emilia APS",
        "acronym": "",
        "legal_form": "aps",
        "register": "runts",
        "status": "approved",
        "communities": [],
        "countries": [],
        "themes": ["cultura", "intercultura"],
        "founded_year": None,
        "member_since": None,
        "aics_art26": False,
        "demo_admin_data": False,
        "description": (
            "Un coro che riunisce nel canto persone di origini diverse che vivono a Reggio "
            f"Emilia. Aderisce alla Fondazione Mondinsieme. {_DEMO_NOTE}"
        ),
    },
    {
        "slug": "associazione-ponti-sul-mediterraneo-demo",
        "name": "Associazione Ponti sul Mediterraneo (demo)",
        "acronym": "PsM",
        "legal_form": "aps",
        "register": "runts",
        "status": "approved",
        "communities": ["marocchina", "tunisina"],
        "countries": ["MA", "TN"],
        "themes": ["cooperazione", "intercultura"],
        "founded_year": 2008,
        "member_since": date(2012, 3, 15),
        "aics_art26": True,
        "demo_admin_data": True,
        "description": (
            "Uniamo famiglie marocchine e tunisine di Reggio Emilia e i loro paesi d'origine. "
            "Sosteniamo progetti di sviluppo rurale nella regione di Béni Mellal e scambi tra "
            "scuole. Organizziamo ogni anno una festa aperta a tutta la città."
        ),
    },
    {
        "slug": "associazione-atlante-giovani-demo",
        "name": "Associazione Atlante Giovani (demo)",
        "acronym": "",
        "legal_form": "aps",
        "register": "runts",
        "status": "approved",
        "communities": ["marocchina"],
        "countries": ["MA"],
        "themes": ["giovani", "istruzione", "sport"],
        "founded_year": 2015,
        "member_since": date(2016, 10, 4),
        "aics_art26": False,
        "demo_admin_data": True,
        "description": (
            "Ragazze e ragazzi di seconda generazione che si incontrano per studiare, fare sport "
            "e discutere. Offriamo aiuto nei compiti il pomeriggio e un torneo di calcio a "
            "primavera."
        ),
    },
    {
        "slug": "donne-del-maghreb-in-rete-demo",
        "name": "Donne del Maghreb in rete (demo)",
        "acronym": "",
        "legal_form": "odv",
        "register": "runts",
        "status": "approved",
        "communities": ["marocchina", "tunisina", "egiziana"],
        "countries": ["MA", "TN", "EG"],
        "themes": ["donne", "lavoro"],
        "founded_year": 2011,
        "member_since": date(2013, 5, 20),
        "aics_art26": False,
        "demo_admin_data": True,
        "description": (
            "Una rete di donne arrivate dal Nord Africa. Accompagniamo chi cerca lavoro, "
            "organizziamo corsi di italiano con servizio di baby-sitting e uno sportello di "
            "orientamento ai servizi della città."
        ),
    },
    {
        "slug": "associazione-shqiponja-reggio-demo",
        "name": "Associazione Shqiponja Reggio (demo)",
        "acronym": "",
        "legal_form": "aps",
        "register": "regional",
        "status": "approved",
        "communities": ["albanese"],
        "countries": ["AL"],
        "themes": ["cultura", "istruzione", "intercultura"],
        "founded_year": 2004,
        "member_since": date(2010, 11, 12),
        "aics_art26": False,
        "demo_admin_data": True,
        "description": (
            "Teniamo viva la lingua albanese tra bambini e ragazzi nati in Italia, con una "
            "scuola del sabato. Organizziamo concerti, letture e la festa dell'indipendenza "
            "albanese a novembre."
        ),
    },
    {
        "slug": "rete-dei-professionisti-albanesi-demo",
        "name": "Rete dei professionisti albanesi (demo)",
        "acronym": "RPA",
        "legal_form": "ets",
        "register": "",
        "status": "pending",
        "communities": ["albanese"],
        "countries": ["AL"],
        "themes": ["lavoro"],
        "founded_year": 2019,
        "member_since": None,
        "aics_art26": False,
        "demo_admin_data": True,
        "description": (
            "Medici, ingegneri, avvocati e imprenditori di origine albanese che vivono in "
            "Emilia. Mettiamo in contatto chi vuole avviare un'attività tra Italia e Albania."
        ),
    },
    {
        "slug": "associazione-punjab-seva-reggio-demo",
        "name": "Associazione Punjab Seva Reggio (demo)",
        "acronym": "",
        "legal_form": "aps",
        "register": "runts",
        "status": "approved",
        "communities": ["indiana"],
        "countries": ["IN"],
        "themes": ["cultura", "intercultura", "diritti"],
        "founded_year": 2006,
        "member_since": date(2011, 2, 8),
        "aics_art26": False,
        "demo_admin_data": True,
        "description": (
            "La comunità punjabi di Reggio Emilia, in gran parte impegnata nelle stalle e nei "
            "caseifici della provincia. Aiutiamo le famiglie con pratiche e documenti e apriamo "
            "le nostre feste alla città."
        ),
    },
    {
        "slug": "giovani-sikh-per-la-comunita-demo",
        "name": "Giovani sikh per la comunità (demo)",
        "acronym": "",
        "legal_form": "informal",
        "register": "",
        "status": "approved",
        "communities": ["indiana"],
        "countries": [],
        "themes": ["giovani", "sport"],
        "founded_year": 2021,
        "member_since": date(2022, 9, 1),
        "aics_art26": False,
        "demo_admin_data": False,
        "description": (
            "Un gruppo informale di giovani che organizza tornei di kabaddi e di cricket e "
            "attività di volontariato nei quartieri."
        ),
    },
    {
        "slug": "associazione-ponte-della-seta-demo",
        "name": "Associazione Ponte della Seta (demo)",
        "acronym": "",
        "legal_form": "aps",
        "register": "runts",
        "status": "approved",
        "communities": ["cinese"],
        "countries": ["CN"],
        "themes": ["lavoro", "intercultura"],
        "founded_year": 2010,
        "member_since": date(2012, 1, 23),
        "aics_art26": False,
        "demo_admin_data": True,
        "description": (
            "Imprenditori e famiglie di origine cinese, soprattutto dello Zhejiang. "
            "Organizziamo incontri con le associazioni di categoria e la festa di primavera in "
            "piazza."
        ),
    },
    {
        "slug": "associazione-indus-reggio-emilia-demo",
        "name": "Associazione Indus Reggio Emilia (demo)",
        "acronym": "",
        "legal_form": "aps",
        "register": "regional",
        "status": "approved",
        "communities": ["pakistana"],
        "countries": ["PK"],
        "themes": ["diritti", "istruzione"],
        "founded_year": 2009,
        "member_since": date(2014, 6, 3),
        "aics_art26": False,
        "demo_admin_data": True,
        "description": (
            "Famiglie pakistane di Reggio Emilia. Offriamo uno sportello di orientamento per "
            "la cittadinanza e i ricongiungimenti familiari e corsi di urdu per i ragazzi."
        ),
    },
    {
        "slug": "cricket-club-tricolore-demo",
        "name": "Cricket Club Tricolore (demo)",
        "acronym": "CCT",
        "legal_form": "assoc",
        "register": "",
        "status": "approved",
        "communities": ["pakistana", "indiana", "srilankese"],
        "countries": [],
        "themes": ["sport", "giovani"],
        "founded_year": 2014,
        "member_since": date(2018, 3, 10),
        "aics_art26": False,
        "demo_admin_data": True,
        "description": (
            "Squadre di cricket aperte a giocatori di ogni provenienza. Ci alleniamo nei campi "
            "di quartiere e insegniamo il gioco nelle scuole medie."
        ),
    },
    {
        "slug": "casa-romena-di-reggio-demo",
        "name": "Casa Romena di Reggio (demo)",
        "acronym": "",
        "legal_form": "aps",
        "register": "runts",
        "status": "approved",
        "communities": ["romena"],
        "countries": ["RO"],
        "themes": ["cultura", "diritti"],
        "founded_year": 2007,
        "member_since": date(2011, 9, 19),
        "aics_art26": False,
        "demo_admin_data": True,
        "description": (
            "Un punto di incontro per le famiglie romene: biblioteca in lingua, informazioni "
            "su lavoro e diritti dei cittadini europei, feste tradizionali."
        ),
    },
    {
        "slug": "associazione-dacia-solidale-demo",
        "name": "Associazione Dacia Solidale (demo)",
        "acronym": "",
        "legal_form": "odv",
        "register": "runts",
        "status": "approved",
        "communities": ["romena", "moldava"],
        "countries": ["RO", "MD"],
        "themes": ["salute", "cooperazione"],
        "founded_year": 2012,
        "member_since": date(2014, 12, 1),
        "aics_art26": False,
        "demo_admin_data": True,
        "description": (
            "Volontari romeni, moldavi e italiani che raccolgono attrezzature sanitarie per "
            "piccoli ospedali rurali. Ogni anno accompagniamo una missione di medici volontari."
        ),
    },
    {
        "slug": "associazione-girasoli-d-ucraina-demo",
        "name": "Associazione Girasoli d'Ucraina (demo)",
        "acronym": "",
        "legal_form": "aps",
        "register": "runts",
        "status": "approved",
        "communities": ["ucraina"],
        "countries": ["UA"],
        "themes": ["cultura", "donne"],
        "founded_year": 2003,
        "member_since": date(2009, 4, 27),
        "aics_art26": False,
        "demo_admin_data": True,
        "description": (
            "Nata tra le donne ucraine che lavorano nell'assistenza familiare. Organizziamo "
            "corsi di ricamo, un coro e la scuola di ucraino della domenica."
        ),
    },
    {
        "slug": "ucraina-accoglienza-reggio-demo",
        "name": "Ucraina Accoglienza Reggio (demo)",
        "acronym": "",
        "legal_form": "odv",
        "register": "runts",
        "status": "approved",
        "communities": ["ucraina"],
        "countries": ["UA"],
        "themes": ["diritti", "salute"],
        "founded_year": 2022,
        "member_since": date(2022, 6, 15),
        "aics_art26": False,
        "demo_admin_data": True,
        "description": (
            "Aiutiamo le persone arrivate dall'Ucraina dal 2022: traduzioni, accompagnamento "
            "ai servizi sanitari, iscrizione a scuola dei bambini."
        ),
    },
    {
        "slug": "associazione-akwaaba-reggio-demo",
        "name": "Associazione Akwaaba Reggio (demo)",
        "acronym": "",
        "legal_form": "aps",
        "register": "regional",
        "status": "approved",
        "communities": ["ghanese"],
        "countries": ["GH"],
        "themes": ["cultura", "intercultura"],
        "founded_year": 2005,
        "member_since": date(2010, 10, 5),
        "aics_art26": False,
        "demo_admin_data": True,
        "description": (
            "Akwaaba significa benvenuto in lingua twi. Riuniamo le famiglie ghanesi di Reggio "
            "Emilia con musica, danza e incontri nelle scuole."
        ),
    },
    {
        "slug": "ghana-development-network-emilia-demo",
        "name": "Ghana Development Network Emilia (demo)",
        "acronym": "GDNE",
        "legal_form": "ets",
        "register": "runts",
        "status": "approved",
        "communities": ["ghanese"],
        "countries": ["GH"],
        "themes": ["cooperazione", "istruzione"],
        "founded_year": 2016,
        "member_since": date(2017, 2, 13),
        "aics_art26": True,
        "demo_admin_data": True,
        "description": (
            "Progetti di formazione professionale nella regione Ashanti, con partner locali e "
            "imprese emiliane. Cerchiamo giovani volontari per gli scambi estivi."
        ),
    },
    {
        "slug": "associazione-cartagine-oggi-demo",
        "name": "Associazione Cartagine Oggi (demo)",
        "acronym": "",
        "legal_form": "aps",
        "register": "runts",
        "status": "approved",
        "communities": ["tunisina"],
        "countries": ["TN"],
        "themes": ["intercultura", "giovani"],
        "founded_year": 2011,
        "member_since": date(2013, 1, 21),
        "aics_art26": False,
        "demo_admin_data": True,
        "description": (
            "Giovani tunisini e italiani che organizzano cineforum, dibattiti e viaggi di "
            "scambio tra Reggio Emilia e Sfax."
        ),
    },
    {
        "slug": "associazione-nistru-insieme-demo",
        "name": "Associazione Nistru Insieme (demo)",
        "acronym": "",
        "legal_form": "aps",
        "register": "runts",
        "status": "approved",
        "communities": ["moldava"],
        "countries": ["MD"],
        "themes": ["cultura", "istruzione"],
        "founded_year": 2017,
        "member_since": date(2018, 5, 7),
        "aics_art26": False,
        "demo_admin_data": True,
        "description": (
            "Famiglie moldave di Reggio Emilia. Organizziamo lezioni di romeno per i bambini, "
            "la festa della lingua ad agosto e visite a Chișinău, città gemellata con Reggio."
        ),
    },
    {
        "slug": "associazione-nilo-azzurro-demo",
        "name": "Associazione Nilo Azzurro (demo)",
        "acronym": "",
        "legal_form": "assoc",
        "register": "",
        "status": "pending",
        "communities": ["egiziana"],
        "countries": ["EG"],
        "themes": ["istruzione", "intercultura"],
        "founded_year": 2014,
        "member_since": None,
        "aics_art26": False,
        "demo_admin_data": True,
        "description": (
            "Una scuola di arabo per bambini e ragazzi e un doposcuola aperto a tutti. Ci "
            "stiamo iscrivendo al portale per partecipare ai corsi di formazione."
        ),
    },
    {
        "slug": "donne-nigeriane-in-cammino-demo",
        "name": "Donne nigeriane in cammino (demo)",
        "acronym": "",
        "legal_form": "odv",
        "register": "runts",
        "status": "approved",
        "communities": ["nigeriana"],
        "countries": ["NG"],
        "themes": ["donne", "salute", "diritti"],
        "founded_year": 2012,
        "member_since": date(2015, 3, 8),
        "aics_art26": False,
        "demo_admin_data": True,
        "description": (
            "Sosteniamo le donne nigeriane di Reggio Emilia: ascolto, accompagnamento ai "
            "servizi sanitari e legali, gruppi di auto-aiuto."
        ),
    },
    {
        "slug": "associazione-polonia-emilia-demo",
        "name": "Associazione Polonia Emilia (demo)",
        "acronym": "",
        "legal_form": "aps",
        "register": "regional",
        "status": "approved",
        "communities": ["polacca"],
        "countries": ["PL"],
        "themes": ["cultura"],
        "founded_year": 2001,
        "member_since": date(2008, 11, 11),
        "aics_art26": False,
        "demo_admin_data": True,
        "description": (
            "Promuoviamo la cultura polacca con concerti, mostre e una biblioteca. Curiamo i "
            "contatti con Bydgoszcz, la città polacca gemellata con Reggio Emilia."
        ),
    },
    {
        "slug": "associazione-lanka-reggio-demo",
        "name": "Associazione Lanka Reggio (demo)",
        "acronym": "",
        "legal_form": "aps",
        "register": "municipal",
        "status": "suspended",
        "communities": ["srilankese"],
        "countries": ["LK"],
        "themes": ["cultura", "intercultura"],
        "founded_year": 2008,
        "member_since": date(2012, 4, 14),
        "aics_art26": False,
        "demo_admin_data": True,
        "description": (
            "La comunità singalese e tamil di Reggio Emilia. Scheda sospesa in attesa del "
            "rinnovo delle cariche sociali."
        ),
    },
    {
        "slug": "teranga-sviluppo-demo",
        "name": "Teranga Sviluppo (demo)",
        "acronym": "",
        "legal_form": "ets",
        "register": "runts",
        "status": "approved",
        "communities": ["senegalese"],
        "countries": ["SN"],
        "themes": ["cooperazione", "ambiente"],
        "founded_year": 2013,
        "member_since": date(2014, 9, 22),
        "aics_art26": True,
        "demo_admin_data": True,
        "description": (
            "Progetti di agricoltura sostenibile e accesso all'acqua nella regione di "
            "Diourbel, con i migranti senegalesi di Reggio Emilia come ponte tra i due "
            "territori."
        ),
    },
    {
        "slug": "associazione-faso-reggio-demo",
        "name": "Associazione Faso Reggio (demo)",
        "acronym": "",
        "legal_form": "aps",
        "register": "runts",
        "status": "approved",
        "communities": ["burkinabe"],
        "countries": ["BF"],
        "themes": ["cooperazione", "istruzione"],
        "founded_year": 2009,
        "member_since": date(2011, 5, 25),
        "aics_art26": True,
        "demo_admin_data": True,
        "description": (
            "La comunità burkinabè di Reggio Emilia. Sosteniamo una scuola primaria vicino a "
            "Ouagadougou e partecipiamo ogni anno all'Africa Day."
        ),
    },
    {
        "slug": "associazione-eburnie-insieme-demo",
        "name": "Associazione Éburnie Insieme (demo)",
        "acronym": "",
        "legal_form": "assoc",
        "register": "",
        "status": "approved",
        "communities": ["ivoriana"],
        "countries": ["CI"],
        "themes": ["cultura", "giovani"],
        "founded_year": 2015,
        "member_since": date(2019, 5, 25),
        "aics_art26": False,
        "demo_admin_data": True,
        "description": (
            "Ivoriani di Reggio Emilia e amici. Musica, danza e sport per i più giovani, e "
            "una cena solidale ogni autunno."
        ),
    },
    {
        "slug": "associazione-djoliba-demo",
        "name": "Associazione Djoliba (demo)",
        "acronym": "",
        "legal_form": "informal",
        "register": "",
        "status": "approved",
        "communities": ["maliana"],
        "countries": ["ML"],
        "themes": ["cooperazione", "ambiente"],
        "founded_year": 2018,
        "member_since": date(2020, 2, 3),
        "aics_art26": False,
        "demo_admin_data": False,
        "description": (
            "Un gruppo di maliani di Reggio Emilia che raccoglie fondi per orti comunitari "
            "lungo il fiume Niger, il Djoliba in lingua bambara."
        ),
    },
    {
        "slug": "associazione-guinea-futura-demo",
        "name": "Associazione Guinea Futura (demo)",
        "acronym": "",
        "legal_form": "aps",
        "register": "",
        "status": "pending",
        "communities": ["guineana"],
        "countries": ["GN"],
        "themes": ["istruzione", "giovani"],
        "founded_year": 2019,
        "member_since": None,
        "aics_art26": False,
        "demo_admin_data": True,
        "description": (
            "Giovani guineani arrivati a Reggio Emilia da minori. Ci aiutiamo con lo studio, "
            "la patente e la ricerca del lavoro."
        ),
    },
    {
        "slug": "rete-africa-reggio-demo",
        "name": "Rete Africa Reggio (demo)",
        "acronym": "RAR",
        "legal_form": "ets",
        "register": "runts",
        "status": "approved",
        "communities": [
            "burkinabe",
            "ivoriana",
            "maliana",
            "guineana",
            "nigeriana",
            "senegalese",
            "tunisina",
        ],
        "countries": ["BF", "CI", "ML", "GN", "NG", "SN", "TN"],
        "themes": ["intercultura", "cultura"],
        "founded_year": 2015,
        "member_since": date(2016, 5, 25),
        "aics_art26": False,
        "demo_admin_data": True,
        "description": (
            "Un coordinamento di associazioni africane della provincia. Prepariamo insieme "
            "l'Africa Day del 25 maggio e un calendario comune di iniziative."
        ),
    },
    {
        "slug": "laboratorio-di-cittadinanza-interculturale-demo",
        "name": "Laboratorio di cittadinanza interculturale (demo)",
        "acronym": "",
        "legal_form": "aps",
        "register": "runts",
        "status": "approved",
        "communities": ["marocchina", "albanese", "georgiana", "ucraina"],
        "countries": [],
        "themes": ["diritti", "intercultura", "giovani"],
        "founded_year": 2010,
        "member_since": date(2011, 1, 17),
        "aics_art26": False,
        "demo_admin_data": True,
        "description": (
            "Giovani di tante provenienze che discutono di cittadinanza, partecipazione e "
            "lotta alle discriminazioni. Portiamo laboratori nelle scuole superiori e "
            "prepariamo le delegazioni al Forum delle diaspore."
        ),
    },
]

_LEADER = "leader"
_LEGAL_REP = "legal_rep"
_MEMBER = "member"
_ACTIVE = "active"
_REQUESTED = "requested"

STAFF_USER: UserData = {
    "email": f"staff@{DEMO_EMAIL_DOMAIN}",
    "full_name": "Staff Mondinsieme (demo)",
    "preferred_language": "it",
    "memberships": [],
}

# Leaders act only for fictional associations: the real ones get no invented people.
USERS: list[UserData] = [
    {
        "email": f"leader1@{DEMO_EMAIL_DOMAIN}",
        "full_name": "Amina El Idrissi",
        "preferred_language": "it",
        "memberships": [
            {
                "association": "associazione-ponti-sul-mediterraneo-demo",
                "role": _LEGAL_REP,
                "status": _ACTIVE,
            },
            {"association": "donne-del-maghreb-in-rete-demo", "role": _LEADER, "status": _ACTIVE},
        ],
    },
    {
        "email": f"leader2@{DEMO_EMAIL_DOMAIN}",
        "full_name": "Arben Hoxha",
        "preferred_language": "it",
        "memberships": [
            {
                "association": "associazione-shqiponja-reggio-demo",
                "role": _LEGAL_REP,
                "status": _ACTIVE,
            },
        ],
    },
    {
        "email": f"leader3@{DEMO_EMAIL_DOMAIN}",
        "full_name": "Gurpreet Singh",
        "preferred_language": "en",
        "memberships": [
            {
                "association": "associazione-punjab-seva-reggio-demo",
                "role": _LEADER,
                "status": _ACTIVE,
            },
        ],
    },
    {
        "email": f"leader4@{DEMO_EMAIL_DOMAIN}",
        "full_name": "Oksana Kovalenko",
        "preferred_language": "it",
        "memberships": [
            {
                "association": "associazione-girasoli-d-ucraina-demo",
                "role": _LEGAL_REP,
                "status": _ACTIVE,
            },
            {"association": "ucraina-accoglienza-reggio-demo", "role": _LEADER, "status": _ACTIVE},
        ],
    },
    {
        "email": f"leader5@{DEMO_EMAIL_DOMAIN}",
        "full_name": "Kwame Mensah",
        "preferred_language": "en",
        "memberships": [
            {
                "association": "ghana-development-network-emilia-demo",
                "role": _LEADER,
                "status": _ACTIVE,
            },
        ],
    },
    {
        "email": f"leader6@{DEMO_EMAIL_DOMAIN}",
        "full_name": "Aminata Ouédraogo",
        "preferred_language": "it",
        "memberships": [
            {"association": "associazione-faso-reggio-demo", "role": _LEGAL_REP, "status": _ACTIVE},
        ],
    },
    {
        # Leads an association still waiting for approval: the staff's approval demo.
        "email": f"leader7@{DEMO_EMAIL_DOMAIN}",
        "full_name": "Mamadou Diallo",
        "preferred_language": "it",
        "memberships": [
            {
                "association": "associazione-guinea-futura-demo",
                "role": _LEGAL_REP,
                "status": _ACTIVE,
            },
        ],
    },
    {
        "email": f"socio1@{DEMO_EMAIL_DOMAIN}",
        "full_name": "Youssef Benali",
        "preferred_language": "it",
        "memberships": [
            {
                "association": "associazione-ponti-sul-mediterraneo-demo",
                "role": _MEMBER,
                "status": _ACTIVE,
            },
            {
                "association": "associazione-atlante-giovani-demo",
                "role": _MEMBER,
                "status": _ACTIVE,
            },
        ],
    },
    {
        "email": f"socio2@{DEMO_EMAIL_DOMAIN}",
        "full_name": "Elena Rusu",
        "preferred_language": "it",
        "memberships": [
            {"association": "associazione-nistru-insieme-demo", "role": _MEMBER, "status": _ACTIVE},
        ],
    },
    {
        "email": f"socio3@{DEMO_EMAIL_DOMAIN}",
        "full_name": "Li Wei",
        "preferred_language": "it",
        "memberships": [
            {
                "association": "associazione-ponte-della-seta-demo",
                "role": _MEMBER,
                "status": _REQUESTED,
                "message": "Vorrei aiutare a organizzare la festa di primavera.",
            },
        ],
    },
    {
        "email": f"socio4@{DEMO_EMAIL_DOMAIN}",
        "full_name": "Chiara Bertolini",
        "preferred_language": "it",
        "memberships": [
            {
                "association": "associazione-ponti-sul-mediterraneo-demo",
                "role": _MEMBER,
                "status": _ACTIVE,
            },
            {
                "association": "laboratorio-di-cittadinanza-interculturale-demo",
                "role": _MEMBER,
                "status": _REQUESTED,
                "message": "Insegno in un liceo e vorrei portare i vostri laboratori in classe.",
            },
        ],
    },
]

# Building blocks for the extra associations of `--scale N`.
SCALE_DESCRIPTION = (
    "Associazione di prova generata per i test di carico del portale. Lavora con la {community} "
    "sul tema «{theme}». Non corrisponde a nessuna associazione reale."
)
SCALE_LEGAL_FORMS = ["aps", "aps", "odv", "ets", "assoc", "informal"]
SCALE_REGISTERS = {
    "aps": "runts",
    "odv": "runts",
    "ets": "runts",
    "assoc": "municipal",
    "informal": "",
}
