"""Inzageverzoek (AVG art. 15): everything stored about one pupil, as a readable PDF.

Plain data in (table name → rows of column → value), PDF bytes out. Unknown tables and
columns (added by later features) are printed too, under their technical name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from reportlab.platypus import Flowable

from thuiszitter_desktop.reports.base import (
    PageFrame,
    build_pdf,
    dutch_date,
    key_values,
    spacer,
    styles,
    text,
)

TABLE_TITLES = {
    "pupils": "Leerling", "cases": "Casus", "contact_moments": "Contactmomenten",
    "involved_professionals": "Betrokken professionals", "aanmeldingen": "Aanmelding",
    "case_parents": "Ouders en verzorgers", "sick_reports": "Ziekmeldingen",
    "case_stage_dates": "Fasen van de casus", "intakes": "Intakegesprekken",
    "terugkoppelingen": "Terugkoppelingen", "plan_versions": "Plan van aanpak",
    "mdo_items": "Multidisciplinair overleg (MDO)", "mdo_participants": "Deelnemers MDO",
    "audit_log": "Logboek: wie heeft het dossier bekeken of gewijzigd",
}
COLUMN_LABELS = {
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
}
# Technical keys that mean nothing to a reader.
HIDDEN = {"id", "case_id", "pupil_id", "version", "entity_id"}


@dataclass(frozen=True)
class DossierData:
    case_id: str
    made_on: date
    made_by: str
    tables: dict[str, list[dict[str, Any]]]


def _show(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, str) and len(value) == 19 and value[10] == "T":
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


def _row_block(row: dict[str, Any]) -> Flowable:
    pairs = [(COLUMN_LABELS.get(key, key.replace("_", " ")), _show(value))
             for key, value in row.items() if key not in HIDDEN]
    return key_values(pairs)


def dossier_pdf(data: DossierData) -> bytes:
    st = styles()
    pupil = (data.tables.get("pupils") or [{}])[0]
    name = f"{pupil.get('first_name', '')} {pupil.get('last_name', '')}".strip()
    story: list[Flowable] = [
        text(f"Uw gegevens: {name}", st.title),
        text("U vroeg welke gegevens wij over deze leerling bewaren. Hieronder staat alles wat "
             "in ons systeem staat, ook wie het dossier heeft bekeken of gewijzigd. Klopt er "
             "iets niet? Dan mag u vragen om het te verbeteren."),
        key_values([("Gemaakt op", dutch_date(data.made_on)), ("Gemaakt door", data.made_by)]),
    ]
    for table_name, rows in data.tables.items():
        story.append(text(TABLE_TITLES.get(table_name, table_name.replace("_", " ")),
                          st.heading))
        if not rows:
            story.append(text("Hierover is niets vastgelegd.", st.small))
            continue
        for row in rows:
            story.append(_row_block(row))
            story.append(spacer(3))
    frame = PageFrame(organisation="Thuiszitter Desktop",
                      document_title="Inzageverzoek (AVG artikel 15)",
                      footer_note="Vertrouwelijk: alleen voor de leerling en ouders/verzorgers.")
    return build_pdf(story, frame)
