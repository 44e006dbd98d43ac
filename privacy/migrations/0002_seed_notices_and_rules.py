"""The first version of each purpose's notice (from the former templates/pages/privacy.html)
and the retention rules, so a fresh portal starts compliant."""

from django.db import migrations
from django.utils import timezone

NOTICES = [
    {
        "purpose": "accounts",
        "title_it": "Account del portale ed elenco delle associazioni",
        "title_en": "Portal accounts and the directory of associations",
        "legal_basis": "GDPR art. 6.1.b (servizio richiesto) e 6.1.e (compito di interesse pubblico)",
        "data_categories": "nome e cognome, e-mail, password cifrata, lingua, dati tecnici degli "
        "accessi, autenticazione a due fattori, adesioni alle associazioni (possono rivelare "
        "l'origine etnica, art. 9)",
        "data_subjects": "persone registrate, referenti e soci delle associazioni",
        "recipients": "personale autorizzato del Comune e della Fondazione; referenti "
        "dell'associazione (solo per i propri soci); fornitori di hosting ed e-mail (art. 28)",
        "body_it": """Per creare un account ci servono nome e cognome, indirizzo e-mail e una password, che conserviamo solo in forma cifrata. Registriamo anche i dati tecnici degli accessi, per proteggere gli account. Se attivi l'autenticazione a due fattori, conserviamo le informazioni necessarie a verificarla.

L'elenco pubblico mostra i dati delle associazioni: nome, forma giuridica, comunità, Paesi in cui lavorano e i contatti che l'associazione sceglie di pubblicare. I dati delle persone che rappresentano o guidano un'associazione, e l'elenco dei soci, non sono pubblici: li vedono solo i responsabili dell'associazione e il personale autorizzato, perché possono rivelare l'origine etnica delle persone.

**Base giuridica:** l'esecuzione del servizio che chiedi (articolo 6, paragrafo 1, lettera b del GDPR) e lo svolgimento dei compiti di interesse pubblico del Comune nell'ambito del piano interculturale (lettera e).

**Per quanto tempo:** l'account finché non lo chiudi; gli account inattivi da tre anni sono cancellati dopo un avviso per e-mail. I dati delle associazioni finché l'associazione partecipa al programma, poi per cinque anni a fini di documentazione. Gli inviti non accettati sono cancellati dopo 90 giorni. I registri tecnici degli accessi al massimo dodici mesi.

Puoi scaricare una copia dei tuoi dati o eliminare l'account in ogni momento dalla pagina «I miei dati».""",
        "body_en": """To create an account we need your full name, your email address and a password, which we store only in encrypted form. We also record technical data about sign-ins, to protect accounts. If you turn on two-factor authentication, we keep the information needed to check it.

The public directory shows data about associations: name, legal form, communities, the countries they work in and the contact details each association chooses to publish. Data about the people who represent or lead an association, and the list of members, are not public. Only the association's leaders and authorised staff can see them, because they can reveal people's ethnic origin.

**Legal basis:** providing the service you ask for (Article 6(1)(b) of the GDPR) and carrying out the Municipality's tasks in the public interest as part of its intercultural plan (point (e)).

**How long:** your account until you close it; accounts that have not been used for three years are deleted after we warn you by email. Association data as long as the association takes part in the programme, then for five more years for our records. Invitations that nobody accepted are deleted after 90 days. Technical access logs twelve months at most.

You can download a copy of your data or delete your account at any time from the "My data" page.""",
    },
    {
        "purpose": "training",
        "title_it": "Formazione",
        "title_en": "Training",
        "legal_basis": "GDPR art. 6.1.b e 6.1.e",
        "data_categories": "iscrizioni, associazione, presenze, valutazioni del corso, attestati",
        "data_subjects": "partecipanti ai corsi, referenti che li iscrivono",
        "recipients": "personale autorizzato, docenti del corso; chi riceve un attestato può "
        "verificarne nome, corso e data",
        "body_it": """Per i corsi trattiamo iscrizioni, presenze, valutazioni del corso e attestati. L'attestato ha un codice che permette a chiunque lo riceva di verificarne l'autenticità: la verifica mostra solo nome, corso e data.

**Base giuridica:** esecuzione del servizio richiesto e compito di interesse pubblico (articolo 6, paragrafo 1, lettere b ed e del GDPR).

**Per quanto tempo:** iscrizioni e attestati dei corsi dieci anni, perché l'attestato resti verificabile.""",
        "body_en": """For courses we process enrolments, attendance, course evaluations and certificates. Each certificate has a code that lets anyone who receives it check that it is genuine. The check shows only the name, the course and the date.

**Legal basis:** providing the service you ask for and a task in the public interest (Article 6(1)(b) and (e) of the GDPR).

**How long:** course enrolments and certificates for ten years, so that certificates can still be checked.""",
    },
    {
        "purpose": "forum",
        "title_it": "Forum: iscrizioni e delegazioni",
        "title_en": "Forum: registrations and delegations",
        "legal_basis": "GDPR art. 6.1.a (consenso, iscrizione dei cittadini) e 6.1.e",
        "data_categories": "nome, e-mail, ruolo, date di viaggio, lingua per l'interpretariato, "
        "esigenze di accessibilità, richiesta della lettera d'invito",
        "data_subjects": "cittadini iscritti al Forum, capi e membri delle delegazioni",
        "recipients": "personale autorizzato; per le lettere d'invito, le autorità consolari "
        "quando la delegazione lo chiede",
        "body_it": """Per partecipare al Forum trattiamo i dati delle delegazioni e dei partecipanti, comprese le esigenze che ci indichi (ad esempio interpretariato o lettera di invito).

**Base giuridica:** il tuo consenso per l'iscrizione al Forum (articolo 6, paragrafo 1, lettera a del GDPR), che puoi revocare annullando l'iscrizione; il compito di interesse pubblico per le delegazioni (lettera e).

**Per quanto tempo:** fino alla fine dell'edizione del Forum e per i due anni successivi, a fini di documentazione.""",
        "body_en": """When you take part in the Forum, we process data about delegations and participants, including any needs you tell us about (for example interpreting or a letter of invitation).

**Legal basis:** your consent for registering for the Forum (Article 6(1)(a) of the GDPR), which you can withdraw by cancelling the registration; a task in the public interest for delegations (point (e)).

**How long:** until the end of the Forum edition and for two years after that, for our records.""",
    },
    {
        "purpose": "signatures",
        "title_it": "Firme del manifesto",
        "title_en": "Manifesto signatures",
        "legal_basis": "GDPR art. 9.2.a (consenso esplicito: opinioni politiche)",
        "data_categories": "nome, e-mail, città e Paese di residenza, firma del manifesto "
        "(può rivelare opinioni politiche, art. 9)",
        "data_subjects": "cittadine e cittadini firmatari, referenti che firmano per "
        "un'associazione, rappresentanti delle città",
        "recipients": "personale autorizzato; il pubblico vede nome e città solo con il tuo "
        "consenso all'elenco pubblico",
        "body_it": """Firmare il manifesto può rivelare le tue opinioni politiche, che il GDPR considera dati particolari (articolo 9). Per questo trattiamo la firma solo con il tuo consenso esplicito (articolo 9, paragrafo 2, lettera a) e la confermiamo con un messaggio al tuo indirizzo e-mail. Il tuo nome compare nell'elenco pubblico dei firmatari solo se lo scegli. Non usiamo il tuo indirizzo per newsletter o altre comunicazioni, a meno che tu non dia un consenso separato. Se hai meno di 14 anni serve il consenso di un genitore.

**Revoca:** puoi ritirare la firma in ogni momento, dal link nell'e-mail di conferma o dalla pagina «I miei dati» se hai un account con lo stesso indirizzo. La firma esce dall'elenco pubblico e dal conteggio, e cancelliamo nome, e-mail e città. La revoca non rende illecito l'uso fatto prima.

**Per quanto tempo:** fino alla chiusura della raccolta firme e per i due anni successivi, oppure fino a quando revochi il consenso. Le firme non confermate per e-mail sono cancellate dopo sette giorni.""",
        "body_en": """Signing the manifesto can reveal your political opinions, which the GDPR treats as a special category of data (Article 9). For this reason we process your signature only with your explicit consent (Article 9(2)(a)), and we confirm it with a message to your email address. Your name appears in the public list of signatories only if you choose this. We do not use your address for newsletters or other messages unless you give separate consent. If you are under 14, a parent must give consent.

**Withdrawal:** you can withdraw your signature at any time, from the link in the confirmation email or from the "My data" page if you have an account with the same address. The signature leaves the public list and the count, and we delete your name, email and city. Withdrawing does not make our earlier use of your data unlawful.

**How long:** until the collection of signatures closes and for two years after that, or until you withdraw your consent. Signatures not confirmed by email are deleted after seven days.""",
    },
    {
        "purpose": "proposals",
        "title_it": "Proposte di progetto e bandi",
        "title_en": "Project proposals and funding calls",
        "legal_basis": "GDPR art. 6.1.c (obblighi sui fondi pubblici) e 6.1.e",
        "data_categories": "persone di riferimento, documenti caricati, valutazioni dei "
        "revisori, dichiarazioni sui conflitti di interesse",
        "data_subjects": "referenti delle associazioni proponenti, revisori",
        "recipients": "personale autorizzato, revisori assegnati; finanziatori del bando per le "
        "proposte presentate",
        "body_it": """Quando un'associazione propone un progetto trattiamo i dati delle persone di riferimento, i documenti caricati e le valutazioni dei revisori. Le proposte sono visibili solo all'associazione, al personale autorizzato e ai revisori assegnati, che dichiarano di non avere conflitti di interesse.

**Base giuridica:** compito di interesse pubblico e obblighi di legge sulla gestione di fondi pubblici (articolo 6, paragrafo 1, lettere c ed e del GDPR).

**Per quanto tempo:** per il tempo previsto dalle norme sulla conservazione dei documenti amministrativi e sui fondi pubblici.""",
        "body_en": """When an association proposes a project, we process data about its contact people, the documents uploaded and the reviewers' assessments. Only the association, authorised staff and the assigned reviewers can see proposals. Reviewers declare that they have no conflict of interest.

**Legal basis:** a task in the public interest and legal obligations on the management of public funds (Article 6(1)(c) and (e) of the GDPR).

**How long:** for the time required by the rules on keeping administrative records and on public funds.""",
    },
]

RULES = [
    {
        "dataset": "forum.unconfirmed_signatures",
        "purpose": "signatures",
        "period_days": 7,
        "action": "delete",
        "legal_basis": "GDPR art. 5.1.c ed e (minimizzazione, limitazione della conservazione)",
        "description": "Firme del manifesto mai confermate dal link nell'e-mail.",
    },
    {
        "dataset": "forum.closed_manifesto_signatures",
        "purpose": "signatures",
        "period_days": 730,
        "action": "anonymise",
        "legal_basis": "GDPR art. 9.2.a e 5.1.e",
        "description": "Firme dei cittadini di un manifesto chiuso da più di due anni: restano "
        "nel conteggio, senza nome, e-mail e città.",
    },
    {
        "dataset": "forum.past_registrations",
        "purpose": "forum",
        "period_days": 730,
        "action": "anonymise",
        "legal_basis": "GDPR art. 5.1.e",
        "description": "Iscrizioni dei cittadini a un'edizione del Forum finita da più di due "
        "anni: restano i numeri, senza nome ed e-mail.",
    },
    {
        "dataset": "associations.stale_invitations",
        "purpose": "accounts",
        "period_days": 90,
        "action": "delete",
        "legal_basis": "GDPR art. 5.1.e",
        "description": "Inviti ad associazioni non accettati e scaduti da più di 90 giorni.",
    },
    {
        "dataset": "mondinsieme.sent_emails",
        "purpose": "",
        "period_days": 90,
        "action": "delete",
        "legal_basis": "GDPR art. 5.1.e; art. 32 (sicurezza)",
        "description": "Copie delle e-mail inviate dal portale (servono solo per verificare "
        "l'invio).",
    },
    {
        "dataset": "mondinsieme.activity_logs",
        "purpose": "",
        "period_days": 3650,
        "action": "anonymise",
        "legal_basis": "GDPR art. 5.2 (responsabilizzazione); conservazione degli atti "
        "amministrativi",
        "description": "Registro delle attività: dopo dieci anni resta cosa è successo, non chi "
        "l'ha fatto.",
    },
    {
        "dataset": "privacy.expired_exports",
        "purpose": "accounts",
        "period_days": 0,
        "action": "delete",
        "legal_basis": "GDPR art. 15 e 20; art. 5.1.e",
        "description": "Copie dei dati scaricabili («Scarica i miei dati») il cui link è scaduto.",
    },
    {
        "dataset": "privacy.orphan_consents",
        "purpose": "",
        "period_days": 0,
        "action": "delete",
        "legal_basis": "GDPR art. 5.1.c ed e",
        "description": "Consensi che riguardano dati ormai cancellati (ad esempio una firma mai "
        "confermata): non provano più nulla.",
    },
    {
        "dataset": "privacy.access_logs",
        "purpose": "",
        "period_days": 365,
        "action": "delete",
        "legal_basis": "GDPR art. 5.2 e 32; provvedimento del Garante sugli amministratori di "
        "sistema (27/11/2008)",
        "description": "Registro degli accessi del personale agli elenchi di dati personali.",
    },
]


def seed(apps, schema_editor):
    Notice = apps.get_model("privacy", "Notice")
    RetentionRule = apps.get_model("privacy", "RetentionRule")
    now = timezone.now()
    for data in NOTICES:
        Notice.objects.get_or_create(
            purpose=data["purpose"], version=1, defaults={**data, "published_at": now}
        )
    for data in RULES:
        RetentionRule.objects.get_or_create(dataset=data["dataset"], defaults=data)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
