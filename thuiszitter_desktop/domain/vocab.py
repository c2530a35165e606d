"""Vocabularies of the domain, each value with the Dutch label a user sees.

Stored values are the enum *names* (stable, English-free identifiers); labels may be reworded
without a migration. Every enum offers ``label`` and ``from_name``.
"""

from __future__ import annotations

from enum import Enum
from typing import Self


class Labelled(Enum):
    """An enum whose value is its Dutch label."""

    label: str  # the value, as a plain attribute: ``Enum.value`` is a slow property

    def __init__(self, label: str) -> None:
        self.label = label

    @classmethod
    def from_name(cls, name: str) -> Self:
        try:
            return cls[name]
        except KeyError:
            raise ValueError(f"Onbekende waarde voor {cls.__name__}: {name!r}") from None

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(name, label) pairs in declaration order, for combo boxes."""
        return [(member.name, member.label) for member in cls]


class VerzuimType(Labelled):
    GEOORLOOFD = "Geoorloofd"
    ONGEOORLOOFD = "Ongeoorloofd"
    ABSOLUUT = "Absoluut verzuim"
    VRIJSTELLING_5A = "Vrijstelling 5a"
    GESCHORST = "Geschorst"


class Onderwijstype(Labelled):
    VOORSCHOOL = "Voorschool"
    PO = "Basisonderwijs"
    SBO = "SBO"
    SO = "SO"
    VO = "VO"
    VSO = "VSO"
    PRO = "Praktijkonderwijs"
    MBO = "MBO"
    GEEN = "Geen"


class CaseStage(Labelled):
    """The steps of a case, in order (DOMAIN.md: what the consulent does after an aanmelding)."""

    AANMELDING_ONTVANGEN = "Aanmelding ontvangen"
    SCHOOL_GERAADPLEEGD = "School geraadpleegd"
    UITGENODIGD = "Uitgenodigd"
    GESPREK_GEVOERD = "Gesprek gevoerd"
    TERUGKOPPELING_VERSTUURD = "Terugkoppeling verstuurd"
    PLAN_VAN_AANPAK = "Plan van aanpak"
    MONITORING = "Monitoring"
    AFGESLOTEN = "Afgesloten"

    @property
    def order(self) -> int:
        return list(CaseStage).index(self)


class Regie(Labelled):
    SCHOOL = "School"
    LEERPLICHT = "Leerplicht"
    GEMEENTELIJKE_TOEGANG = "Gemeentelijke toegang"
    JEUGDHULP = "Jeugdhulp / wijkteam"
    SWV = "Samenwerkingsverband"
    ANDERS = "Anders"


class ClosingReason(Labelled):
    TERUG_OP_SCHOOL = "Weer meer dan 50% naar school"
    PASSEND_AANBOD = "Passend aanbod gestart"
    VERHUISD = "Verhuisd"
    VRIJSTELLING = "Vrijstelling"
    ANDERS = "Anders"


class ProfessionalRole(Labelled):
    MENTOR = "Mentor"
    ONDERSTEUNINGSCOORDINATOR = "Ondersteuningscoördinator"
    JEUGDARTS = "Jeugdarts / JGZ"
    SCHOOLMAATSCHAPPELIJK_WERK = "Schoolmaatschappelijk werk"
    JEUGDTEAM = "Jeugdteam / wijkteam"
    SWV = "Samenwerkingsverband"
    LEERPLICHT = "Leerplicht"
    HULPVERLENING = "Hulpverlening"
    ANDERS = "Anders"


class ContactKind(Labelled):
    """How a contact took place. A *gesprek* (face to face or by video) is a conversation;
    a phone call, an e-mail or a message is not (seed 000, casus 2: "binnen 14 dagen eerste
    gesprek", "met leerling en ouders in gesprek")."""

    TELEFOON = "Telefoon"
    HUISBEZOEK = "Huisbezoek"
    GESPREK_OP_SCHOOL = "Gesprek op school"
    EMAIL = "E-mail"
    MDO = "MDO"
    GESPREK_OP_KANTOOR = "Gesprek op kantoor"
    VIDEOGESPREK = "Videogesprek"
    BERICHT = "Bericht (sms, app, brief)"

    @property
    def is_conversation(self) -> bool:
        """Face to face or by video: what the first-conversation clocks count."""
        return self.name in CONVERSATION_KINDS


# Names of the contact kinds that are a conversation (face to face or video). An MDO with
# pupil or parents at the table is one too. Stored names, so SQL can filter on them.
CONVERSATION_KINDS = frozenset({"HUISBEZOEK", "GESPREK_OP_SCHOOL", "GESPREK_OP_KANTOOR",
                                "VIDEOGESPREK", "MDO"})


class Ondersteuningsvraag(Labelled):
    """Cause of absence as registered for policy (DOMAIN.md)."""

    LICHAMELIJK = "Lichamelijk / gezondheid"
    PSYCHISCH = "Psychisch"
    GEDRAG = "Gedrag"
    LEREN = "Leerproblemen of hoogbegaafdheid"
    VERSTANDELIJKE_BEPERKING = "(Licht) verstandelijke beperking"
    ANDERS = "Anders"


class HuidigeSituatie(Labelled):
    VOLLEDIG_OP_SCHOOL = "Volledig op school"
    GEDEELTELIJK = "Gedeeltelijk op school"
    NIET = "Niet op school"
    DAGBESTEDING = "Dagbesteding / medisch kinderdagverblijf"
    INSTELLING = "In een instelling"
    ZORG_OP_SCHOOL = "Zorg op school"
    ZORG_NAAST_SCHOOL = "Zorg naast school"
    ALLEEN_ZORG = "Alleen zorg"
    ELDERS = "Onderwijs elders of particulier"


class Wachtlijst(Labelled):
    GEEN = "Geen"
    ONDERWIJS = "Onderwijs"
    ZORG = "Zorg"
    BEIDE = "Onderwijs en zorg"


class StagnatieOorzaak(Labelled):
    """Typical obstacles (seed 004, B2.13)."""

    FINANCIERING = "Financieringsgeschil"
    VERVOER = "Leerlingenvervoer"
    REGELS = "Regels blokkeren maatwerk"
    ONDERWIJSAANBOD = "Te weinig onderwijsaanbod"
    JEUGDHULPAANBOD = "Te weinig jeugdhulpaanbod / wachtlijst"
    SAMENWERKING_PROFESSIONALS = "Samenwerking tussen professionals"
    SAMENWERKING_OUDERS = "Samenwerking met ouders (en kind)"
    PRIVACY = "Privacywetgeving belemmert informatiedeling"
    MANDAAT = "Geen mandaat"
    SCHOOL_WIJST_AF = "School wijst oplossing af"
    OUDERS_WIJZEN_AF = "Ouders wijzen oplossing af"
    ANDERS = "Anders"


class KearneyTier(Labelled):
    """The tier of the pupil's absence in Kearney's pyramid (seed 001)."""

    NIVEAU_1 = "Niveau 1: komt altijd naar school"
    NIVEAU_2 = "Niveau 2: opkomend, mild verzuim"
    NIVEAU_3 = "Niveau 3: structurele en zware verzuimers"


class OppStatus(Labelled):
    """Whether the school has an ontwikkelingsperspectiefplan for the pupil."""

    JA = "Ja, er is een OPP"
    NEE = "Nee, er is geen OPP"
    ONBEKEND = "Onbekend"


class VrijstellingAdvies(Labelled):
    """The (independent) doctor's advice on a vrijstelling 5a (seed 000, casus 1)."""

    AANGEVRAAGD = "Advies aangevraagd"
    POSITIEF = "Positief advies"
    NEGATIEF = "Negatief advies"


class UitvalSignaal(Labelled):
    """Signals that the pupil's bond with school breaks (seed 002, "Signalen voor
    schooluitval")."""

    FYSIEK = "Fysiek: verzuim, geoorloofd en ongeoorloofd"
    SOCIAAL = "Sociaal: incidenten (klassenverwijdering)"
    COGNITIEF = "Cognitief: (plotseling terugvallende) schoolprestaties"
    EMOTIONEEL = "Emotioneel: welbevinden"
