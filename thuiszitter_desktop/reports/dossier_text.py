"""How the AVG dossier names stored tables, columns and values in Dutch (no layout).

The dossier PDF and the team's conflict review both show raw stored rows to people; this says
what each table, column and stored value is called. No reportlab here: screens use it too.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from thuiszitter_desktop.domain.aanmelding import AanmeldRoute
from thuiszitter_desktop.domain.dutch_dates import dutch_date
from thuiszitter_desktop.domain.vocab import (
    CaseStage,
    ClosingReason,
    HuidigeSituatie,
    Labelled,
    Ondersteuningsvraag,
    Onderwijstype,
    Regie,
    StagnatieOorzaak,
    VerzuimType,
    Wachtlijst,
)

TABLE_TITLES = {
    "pupils": "Leerling", "cases": "Casus", "contact_moments": "Contactmomenten",
    "involved_professionals": "Betrokken professionals", "aanmeldingen": "Aanmelding",
    "case_parents": "Ouders en verzorgers", "sick_reports": "Ziekmeldingen",
    "case_stage_dates": "Fasen van de casus", "intakes": "Intakegesprekken",
    "terugkoppelingen": "Terugkoppelingen", "plan_versions": "Plan van aanpak",
    "mdo_items": "Multidisciplinair overleg (MDO)", "mdo_participants": "Deelnemers MDO",
    "audit_log": "Logboek: wie heeft het dossier bekeken of gewijzigd",
    "anonymised_cases": "Geanonimiseerd", "case_episodes": "Heropeningen van de casus",
    "reminder_snoozes": "Uitgestelde of geziene herinneringen",
    "plan_clocks": "Termijnen uit het plan (afgeleid)",
    "consents": "Toestemming per doel", "data_assumptions": "Aannames bij een update",
    "follow_ups": "Nazorg na afsluiten", "passend_aanboden": "Passend aanbod",
    "regie_events": "Wisselingen van regie",
    "situation_changes": "Verloop van onderwijs en situatie",
    "sync_conflicts": "Conflicten bij het synchroniseren met het team",
}
COLUMN_LABELS = {
    # The school's part (issue 21).
    "proposed_by": "Voorgesteld door", "proposed_on": "Voorgesteld op",
    "attendance": "Aanwezigheid", "tried": "Wat de school heeft geprobeerd",
    "needs": "Wat de school nodig heeft", "written_by": "Geschreven door",
    "first_name": "Voornaam", "last_name": "Achternaam", "birth_date": "Geboortedatum",
    "school": "School", "leerjaar": "Leerjaar", "onderwijstype": "Onderwijstype",
    "address": "Adres", "gemeente": "Gemeente", "swv": "Samenwerkingsverband",
    "aanmelding_date": "Datum aanmelding", "home_since": "Thuis sinds",
    "consulent": "Consulent", "stage": "Fase", "notes": "Notities", "on_date": "Datum",
    "kind": "Soort", "participants": "Deelnemers", "name": "Naam", "role": "Rol",
    "organisation": "Organisatie", "phone": "Telefoon", "email": "E-mail",
    "closed_on": "Afgesloten op", "closing_reason": "Reden afsluiten",
    "at": "Wanneer", "actor": "Door", "action": "Actie", "entity": "Onderdeel",
    "detail": "Toelichting", "created_at": "Aangemaakt", "updated_at": "Laatst gewijzigd",
    "absence_reason": "Reden van verzuim", "agreements": "Afspraken",
    "anonymised_on": "Geanonimiseerd op", "attended": "Aanwezig",
    "background": "Achtergrond", "casusverantwoordelijke": "Casusverantwoordelijke",
    "clock": "Termijngegevens", "closing_note": "Toelichting afsluiten",
    "confirmed_criteria": "Bevestigde criteria", "consent_covers_attendance":
    "Toestemming voor aanwezigheid", "conversation_date": "Datum gesprek",
    "created_on": "Gemaakt op", "criterion_4_note": "Toelichting criterium 4",
    "deadline_key": "Termijn", "discussed": "Besproken", "document": "Inhoud (technisch)",
    "due": "Uiterlijk", "education_percentage": "Percentage onderwijs",
    "education_since": "Onderwijs sinds", "end_date": "Einddatum",
    "first_contact_date": "Eerste contact", "goals_set_date": "Doelen gesteld op",
    "has_smart_goal": "Heeft een SMART-doel", "health_details": "Gezondheid",
    "health_needed": "Gezondheid nodig in de brief", "held_on": "Gehouden op",
    "huidige_situatie": "Huidige situatie", "involved_help": "Betrokken hulp",
    "needed_to_resume": "Nodig om terug te gaan", "number": "Versie",
    "ondersteuningsvraag": "Ondersteuningsvraag", "outcome": "Uitkomst",
    "parent_one_wish": "Eén wens van de ouders", "parent_three_words":
    "Drie woorden van de ouders", "parent_two_things": "Twee dingen van de ouders",
    "parental_consent_by": "Toestemming ouders door", "parental_consent_given":
    "Toestemming ouders", "parental_consent_method": "Toestemming ouders, hoe",
    "parental_consent_on": "Toestemming ouders op",
    "passend_aanbod_date": "Passend aanbod gestart op",
    "passend_aanbod_kind": "Soort passend aanbod", "position": "Volgorde",
    "previous_closed_on": "Eerder afgesloten op", "protective_factors": "Beschermende factoren",
    "previous_closing_reason": "Reden eerdere afsluiting",
    "previous_home_since": "Eerder thuis sinds",
    "previous_goals_set_date": "Eerder doelen gesteld op",
    "previous_passend_aanbod_date": "Eerder passend aanbod op",
    "pupil_age": "Leeftijd leerling", "pupil_consent_by": "Toestemming leerling door",
    "pupil_consent_given": "Toestemming leerling", "pupil_consent_method":
    "Toestemming leerling, hoe", "pupil_consent_on": "Toestemming leerling op",
    "pupil_own_words": "Woorden van de leerling", "pupil_shares_reason":
    "Leerling deelt de reden", "question": "Vraag", "reason": "Reden", "reasons": "Redenen",
    "recipients": "Ontvangers", "regie": "Regie", "relation": "Relatie",
    "reopened_on": "Heropend op", "report_date": "Datum melding",
    "reporter_contact_name": "Contactpersoon school", "reporter_contact_role":
    "Functie contactpersoon", "reporter_email": "E-mail school",
    "reporter_phone": "Telefoon school", "reporter_school": "Gemeld door (school)",
    "retention_end": "Bewaren tot", "risk_factors": "Risicofactoren",
    "role_other": "Andere rol", "route": "Route", "school_actions": "Wat school al deed",
    "school_role": "Rol van school", "snoozed_at": "Uitgesteld op",
    "snoozed_by": "Uitgesteld door", "stagnatie_oorzaak": "Stagnatie-oorzaak",
    "start_date": "Begindatum", "summary": "Samenvatting", "until": "Tot",
    "verzuim_type": "Soort verzuim", "wachtlijst": "Wachtlijst",
    "with_pupil_or_parents": "Met leerling of ouders", "written_on": "Geschreven op",
    # 0013_seed_rules
    "absence_function": "Functie van het verzuim", "agreed": "Ingestemd (wie, wanneer)",
    "care_part": "Met zorgdeel", "care_provider_id": "Zorgverlener (technisch)",
    "changed_by": "Gewijzigd door", "criteria": "Criteria passend aanbod",
    "description": "Omschrijving", "done_on": "Gedaan op",
    "dropout_signals": "Signalen van schooluitval", "education_part": "Met onderwijsdeel",
    "effective_from": "Geldt vanaf", "extra_ondersteuningsvragen":
    "Andere ondersteuningsvragen", "extra_situaties": "Andere situaties",
    "from_regie": "Regie van", "given_by": "Gegeven door", "giver": "Gegeven door (wie)",
    "kearney_tier": "Niveau (Kearney)", "kind_assumed": "Soort aangenomen bij update",
    "made_on": "Aangenomen op", "method": "Hoe gegeven", "note": "Opmerking",
    "opp_date": "OPP opgesteld op", "opp_review_date": "OPP evaluatie",
    "opp_status": "OPP", "parent_view": "Mening ouders", "parent_view_note":
    "Toelichting ouders", "provider_ids": "Genoemde zorgverleners (technisch)",
    "purpose": "Doel", "school_absence_reason": "Reden van afwezigheid volgens school",
    "seen_by": "Gezien door", "seen_on": "Gezien op", "subject": "Onderwerp",
    "to_regie": "Regie naar", "unchecked": "Vastgelegd vóór de criteria",
    "voorlopig": "Voorlopig aanbod", "vrijstelling_advies": "Advies arts vrijstelling",
    "vrijstelling_advies_date": "Datum advies arts", "withdrawn_on": "Ingetrokken op",
    "table_name": "Onderdeel (technisch)", "other_id": "Andere leerling of versie (technisch)",
    "server_version": "Versie op de server", "server_by": "Eerst opgeslagen door",
    "server_at": "Eerst opgeslagen op", "client_by": "Daarna opgeslagen door",
    "client_at": "Daarna opgeslagen op", "status": "Status", "resolution": "Besluit",
    "resolved_by": "Besloten door", "resolved_at": "Besloten op",
}
# Stored enum names ('VRIJSTELLING_5A') shown as the label the user knows ('Vrijstelling 5a'):
# per column where a name means different things in different vocabularies, else generic.
COLUMN_ENUMS: dict[str, type[Labelled]] = {
    "verzuim_type": VerzuimType, "regie": Regie, "onderwijstype": Onderwijstype,
    "stage": CaseStage, "closing_reason": ClosingReason, "route": AanmeldRoute,
    "previous_closing_reason": ClosingReason,
    "ondersteuningsvraag": Ondersteuningsvraag, "huidige_situatie": HuidigeSituatie,
    "wachtlijst": Wachtlijst, "stagnatie_oorzaak": StagnatieOorzaak,
    "from_regie": Regie, "to_regie": Regie,
}

# Technical keys that mean nothing to a reader.
HIDDEN = {"id", "case_id", "pupil_id", "version", "entity_id", "mdo_id", "intake_id", "row_id",
          "seq", "mac", "school_id"}


@dataclass(frozen=True)
class DossierData:
    case_id: str
    made_on: date
    made_by: str
    tables: dict[str, list[dict[str, Any]]]
    organisation: str = ""


def show_value(value: Any, column: str = "") -> str:
    if value is None or value == "":
        return "—"
    enum = COLUMN_ENUMS.get(column)
    if enum is not None and isinstance(value, str) and value in enum.__members__:
        return enum.from_name(value).label
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, str) and value in enum_labels():
        return enum_labels()[value]
    if isinstance(value, str) and len(value) >= 19 and value[10] == "T":
        try:
            moment = datetime.fromisoformat(value)
            return f"{dutch_date(moment.date())} {moment:%H:%M}"
        except ValueError:
            return value
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return dutch_date(date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


@cache  # built on first use, not at start-up
def enum_labels() -> dict[str, str]:
    """Stored enum name → Dutch label, for names that mean the same in every vocabulary
    (documents that print raw stored values, such as the AVG dossier). A name with different
    labels in different enums ('SCHOOL') is left out: the caller knows its column's enum."""
    import thuiszitter_desktop.domain as domain_package
    from thuiszitter_desktop.domain.vocab import Labelled

    for module in pkgutil.iter_modules(domain_package.__path__):
        importlib.import_module(f"{domain_package.__name__}.{module.name}")
    seen: dict[str, set[str]] = {}
    pending: list[type[Labelled]] = list(Labelled.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        for member in cls:
            seen.setdefault(member.name, set()).add(str(member.value))
    return {name: labels.pop() for name, labels in seen.items() if len(labels) == 1}
