"""Each rule of issue 18, tested against the sentence of the source document it comes from.

Every test starts with the seed sentence (seed file and place) the rule applies; the
expectations are worked out by hand from that sentence.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from thuiszitter_desktop.domain.consent import (
    ConsentGiver,
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
    ConsentSituation,
    Step,
    consent_gaps,
)
from thuiszitter_desktop.domain.deadlines import (
    ClockFacts,
    DeadlineKind,
    case_deadlines,
    first_contact_within_target,
)
from thuiszitter_desktop.domain.definitions import Definition, qualifying_span
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.follow_up import (
    FollowUp,
    FollowUpKind,
    FollowUpOutcome,
    follow_up_figures,
    follow_ups_after_closing,
    transition_follow_up,
)
from thuiszitter_desktop.domain.intake import IntakeRecord, ParentAnswers
from thuiszitter_desktop.domain.mdo import Escalation, MdoOutcome
from thuiszitter_desktop.domain.model import Case, ContactMoment, Pupil
from thuiszitter_desktop.domain.passend_aanbod import (
    AanbodCriterion,
    AanbodParty,
    ParentView,
    PassendAanbod,
    clock_stop,
)
from thuiszitter_desktop.domain.regie import (
    RegieChange,
    RegieReason,
    proposed_regie,
    regie_meaning,
)
from thuiszitter_desktop.domain.situation_history import (
    SituationChange,
    back_above_since,
    case_as_on,
    changes_to_record,
)
from thuiszitter_desktop.domain.terugkoppeling import (
    Recipient,
    RecipientKind,
    Terugkoppeling,
    draft_terugkoppeling,
)
from thuiszitter_desktop.domain.vocab import (
    ClosingReason,
    ContactKind,
    HuidigeSituatie,
    Regie,
    VerzuimType,
    VrijstellingAdvies,
)

D = date
TODAY = D(2026, 11, 23)
OCTOBER_FIRST = D(2026, 10, 1)


def good_offer(**changes: object) -> PassendAanbod:
    offer = PassendAanbod(
        case_id="c1", start=D(2026, 10, 5), description="Maatwerkrooster met dagbesteding",
        education_part=True, care_part=True, criteria=set(AanbodCriterion),
        agreed={AanbodParty.OUDERS: D(2026, 10, 2), AanbodParty.SCHOOL: D(2026, 10, 1)},
        parent_view=ParentView.PASSEND)
    for name, value in changes.items():
        setattr(offer, name, value)
    return offer


# -- 1. passend aanbod as a checked decision ----------------------------------------------------
def test_an_aanbod_counts_only_when_it_meets_all_five_criteria() -> None:
    """Seed 004, table B2.10 "Aan welke criteria dient een passend aanbod voor onderwijs en/of
    zorg volgens u te voldoen?": "Ouders en kind zijn vanaf het begin betrokken", "Er is
    draagvlak voor het plan onder alle betrokken partijen", "Het aanbod bevat tenminste een
    onderwijs- of zorgcomponent", "Het aanbod is direct beschikbaar", "De oplossing is
    duurzaam"."""
    assert good_offer().is_passend
    for missing in AanbodCriterion:
        offer = good_offer(criteria=set(AanbodCriterion) - {missing})
        assert not offer.is_passend
        assert f"Niet vastgelegd: {missing.label.lower()}." in offer.shortfalls()
    no_part = good_offer(education_part=False, care_part=False)
    assert not no_part.is_passend


def test_the_parents_view_is_decisive() -> None:
    """Seed 004, 2.3: "Responderende ouders vinden echter wel dat hun mening doorslaggevend moet
    zijn bij het bepalen van de passendheid van het aanbod." (Who decides: table B2.11.)"""
    without = good_offer(agreed={AanbodParty.SCHOOL: D(2026, 10, 1),
                                 AanbodParty.SWV: D(2026, 10, 1),
                                 AanbodParty.LEERPLICHT: D(2026, 10, 1)})
    assert not without.is_passend
    assert any("doorslaggevend" in reason for reason in without.shortfalls())
    doubting = good_offer(parent_view=ParentView.TWIJFEL)
    assert not doubting.is_passend
    # It counts from the day the parents agreed when that came after the start.
    late = good_offer(agreed={AanbodParty.OUDERS: D(2026, 10, 9)})
    assert late.passend_since == D(2026, 10, 9)


def test_a_voorlopig_aanbod_keeps_the_clock_running() -> None:
    """Seed 000, casus 2: "geen enkel kind langer dan drie maanden thuiszit zonder passend
    aanbod van onderwijs en/of zorg": a temporary offer is not yet that passend aanbod."""
    temporary = good_offer(voorlopig=True)
    assert not temporary.is_passend
    assert clock_stop([temporary]) is None
    real = good_offer(start=D(2026, 11, 2), agreed={AanbodParty.OUDERS: D(2026, 11, 2)})
    assert clock_stop([temporary, real]) is real
    # An offer from before the checks existed keeps counting, as it did (see the migration).
    assert PassendAanbod(case_id="c1", start=D(2026, 3, 1), unchecked=True).is_passend


# -- 2. a conversation, not a message --------------------------------------------------------
@pytest.mark.parametrize(("kind", "conversation"), [
    (ContactKind.HUISBEZOEK, True), (ContactKind.GESPREK_OP_SCHOOL, True),
    (ContactKind.GESPREK_OP_KANTOOR, True), (ContactKind.VIDEOGESPREK, True),
    (ContactKind.MDO, True), (ContactKind.TELEFOON, False), (ContactKind.EMAIL, False),
    (ContactKind.BERICHT, False),
])
def test_only_a_conversation_with_pupil_or_parents_is_a_first_conversation(
        kind: ContactKind, conversation: bool) -> None:
    """Seed 000, casus 2: "Wachttijden binnen de wettelijke norm: binnen 14 dgn. eerste gesprek:
    100%"; bouwsteen 4: "gaat één van de partners ... (binnen twee weken) met leerling en ouders
    in gesprek, en eventueel op huisbezoek"."""
    with_family = ContactMoment(case_id="c1", on=TODAY, kind=kind)
    without = ContactMoment(case_id="c1", on=TODAY, kind=kind, with_pupil_or_parents=False)
    assert with_family.is_family_conversation is conversation
    assert without.is_family_conversation is False


def test_the_week_target_counts_the_first_conversation() -> None:
    """Seed 000, casus 2: "% thuiszitters/AV'ers waarbij het eerste contact binnen één week
    plaatsvindt: 80%" — with the norm "binnen 14 dgn. eerste gesprek": an e-mail on day 2 is no
    conversation; the home visit on day 9 is the first one, too late for the week."""
    # contact_dates holds conversations only (the e-mail of 3 October is left out by storage).
    facts = ClockFacts(aanmelding_date=D(2026, 10, 1), contact_dates=(D(2026, 10, 10),))
    assert first_contact_within_target(facts, TODAY) is False
    first = next(d for d in case_deadlines(facts, TODAY) if d.kind is DeadlineKind.EERSTE_CONTACT)
    assert first.met_on == D(2026, 10, 10) and not first.late  # within the 14 days


# -- 3. regie -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("enrolled", "verzuim", "regie"), [
    (True, VerzuimType.GEOORLOOFD, Regie.SCHOOL),
    (True, VerzuimType.ONGEOORLOOFD, Regie.SCHOOL),
    (False, VerzuimType.ABSOLUUT, Regie.LEERPLICHT),
    (False, VerzuimType.GEOORLOOFD, Regie.LEERPLICHT),
    (False, VerzuimType.VRIJSTELLING_5A, Regie.GEMEENTELIJKE_TOEGANG),
])
def test_regie_is_proposed_from_enrolment_and_vrijstelling(
        enrolled: bool, verzuim: VerzuimType, regie: Regie) -> None:
    """Seed 000, casus 1: "Wanneer een kind een schoolinschrijving heeft, ligt de procesregie
    over het terugwerken naar school bij de school. ... Wanneer een kind geen
    schoolinschrijving heeft, ligt de procesregie bij leerplicht indien het kind GEEN
    vrijstelling heeft en bij de gemeentelijke toegang indien het kind WEL een vrijstelling
    heeft.\""""
    assert proposed_regie(enrolled, verzuim) is regie


def test_regie_overgenomen_is_an_event_with_a_reason_and_says_what_it_means() -> None:
    """Seed 000, casus 1: "Leerplicht kan de procesregie pakken wanneer het proces stagneert."
    and "Belangrijk is dat altijd expliciet is bij alle partijen wie de procesregie heeft – en
    wat dit betekent.\""""
    change = RegieChange(case_id="c1", on=D(2026, 11, 20), from_regie=Regie.SCHOOL,
                         to_regie=Regie.LEERPLICHT, reason=RegieReason.STAGNATIE)
    change.validate(TODAY, since=D(2026, 9, 1))
    same = RegieChange(case_id="c1", on=TODAY, from_regie=Regie.SCHOOL, to_regie=Regie.SCHOOL,
                       reason=RegieReason.STAGNATIE)
    with pytest.raises(ValidationError, match="heeft de regie al"):
        same.validate(TODAY, since=D(2026, 9, 1))
    other = RegieChange(case_id="c1", on=TODAY, from_regie=Regie.SCHOOL, to_regie=Regie.SWV,
                        reason=RegieReason.ANDERS)
    with pytest.raises(ValidationError, match="toelichting"):
        other.validate(TODAY, since=D(2026, 9, 1))
    assert regie_meaning(Regie.LEERPLICHT).startswith("Leerplicht van de gemeente heeft de regie")
    assert "houdt het overzicht" in regie_meaning(Regie.SCHOOL)


# -- 4. consent per purpose, checked before each step ---------------------------------------------
def consent(purpose: ConsentPurpose, giver: ConsentGiver = ConsentGiver.OUDERS, *,
            on: date = OCTOBER_FIRST, withdrawn: date | None = None,
            providers: tuple[str, ...] = ()) -> ConsentRecord:
    return ConsentRecord(case_id="c1", purpose=purpose, giver=giver, on=on,
                         method=ConsentMethod.SCHRIFTELIJK, given_by="Moeder",
                         provider_ids=providers, withdrawn_on=withdrawn)


def situation(*records: ConsentRecord, age: int = 12,
              geoorloofd: bool = True) -> ConsentSituation:
    return ConsentSituation(records=records, leerplicht_needs_consent=geoorloofd,
                            pupil_age=age, pupil_first_name="Sarah")


def test_without_the_parents_consent_leerplicht_does_nothing() -> None:
    """Seed 000, casus 1: "Als ouders niet akkoord gaan, doet de leerrechtorganisatie niets.\""""
    for step in Step:
        reasons = consent_gaps(situation(), step, TODAY)
        assert reasons[0].startswith("De ouders hebben nog geen toestemming gegeven om "
                                     "leerplicht in te schakelen")
        assert reasons[-1].startswith("Leg de toestemming vast")  # and how to record it
    assert consent_gaps(situation(consent(ConsentPurpose.LEERPLICHT)), Step.PLAN, TODAY) == []
    # Ongeoorloofd verzuim: leerplicht has its legal task, no consent needed for that part.
    assert consent_gaps(situation(geoorloofd=False), Step.PLAN, TODAY) == []


def test_an_mdo_discussion_needs_consent_for_this_pupil() -> None:
    """Seed 000, casus 2: "Er is altijd toestemming van ouders bij een kindbespreking (ZAT).
    Ouders weten het vooraf.\""""
    base = consent(ConsentPurpose.LEERPLICHT)
    reasons = consent_gaps(situation(base), Step.MDO, TODAY)
    assert reasons[0] == ("De ouders hebben nog geen toestemming gegeven om Sarah in het MDO "
                          "te bespreken.")
    assert consent_gaps(situation(base, consent(ConsentPurpose.MDO)), Step.MDO, TODAY) == []


def test_contacting_a_care_provider_needs_consent_that_names_them() -> None:
    """Seed 000, casus 2: "Met toestemming van leerling en ouders neemt de
    leerplichtambtenaar contact op met hulpverlening/betrokkenen om zaken af te stemmen.\""""
    base = consent(ConsentPurpose.LEERPLICHT)
    named = consent(ConsentPurpose.ZORGVERLENERS, providers=("jeugdteam-1",))
    ok = situation(base, named)
    assert consent_gaps(ok, Step.ZORGVERLENER, TODAY, "jeugdteam-1") == []
    other = consent_gaps(ok, Step.ZORGVERLENER, TODAY, "ggz-2", "Karim (GGZ)")
    assert other[0] == ("De ouders hebben nog geen toestemming gegeven om contact op te nemen "
                        "met Karim (GGZ).")


def test_from_sixteen_the_pupil_consents_too() -> None:
    """Seed 000, casus 2: "Partners koppelen in overleg en met toestemming van leerling en
    ouders, informatie ... naar school terug." (DOMAIN.md: from 16 the pupil decides.)"""
    parents = situation(consent(ConsentPurpose.LEERPLICHT), consent(ConsentPurpose.SCHOOL),
                        age=16)
    reasons = consent_gaps(parents, Step.SCHOOL, TODAY)
    assert len(reasons) == 3  # the pupil's leerplicht and school consent, then how to record
    assert reasons[0].startswith("Sarah is 16 jaar en moet zelf ook toestemming geven.")
    both = situation(consent(ConsentPurpose.LEERPLICHT),
                     consent(ConsentPurpose.LEERPLICHT, ConsentGiver.LEERLING),
                     consent(ConsentPurpose.SCHOOL),
                     consent(ConsentPurpose.SCHOOL, ConsentGiver.LEERLING), age=16)
    assert consent_gaps(both, Step.SCHOOL, TODAY) == []


def test_withdrawing_a_consent_ends_it_for_every_step_from_that_day() -> None:
    """DOMAIN.md: "withdrawing it is one action and takes effect everywhere"."""
    withdrawn = situation(consent(ConsentPurpose.LEERPLICHT, withdrawn=D(2026, 11, 20)))
    for step in Step:
        assert consent_gaps(withdrawn, step, TODAY)
    assert consent_gaps(withdrawn, Step.PLAN, D(2026, 11, 19)) == []  # still held that day


# -- 5. definitions, history, back above 50% -------------------------------------------------------
def entry(case_id: str = "c1", *, school: str = "De Regenboog",
          **fields: object) -> tuple[Pupil, Case]:
    pupil = Pupil(id="p1", first_name="Sarah", last_name="de Vries",
                  birth_date=D(2013, 3, 4), school=school)
    case = Case(id=case_id, pupil_id=pupil.id, **fields)  # type: ignore[arg-type]
    return pupil, case


@pytest.mark.parametrize(("school", "verzuim", "start"), [
    ("De Regenboog", VerzuimType.GEOORLOOFD, D(2026, 9, 29)),  # day 29 at home
    ("De Regenboog", VerzuimType.ONGEOORLOOFD, D(2026, 9, 29)),
    ("", VerzuimType.ABSOLUUT, D(2026, 9, 1)),  # not enrolled: from the start
    ("", VerzuimType.VRIJSTELLING_5A, D(2026, 9, 1)),  # vrijstelling included
])
def test_the_casus_2_target_group(school: str, verzuim: VerzuimType, start: date) -> None:
    """Seed 000, footnote 9: "Thuiszitters zijn kinderen/jongeren die langer dan vier weken
    verzuimen óf niet op een school staan ingeschreven, inclusief leerlingen met een vrijstelling
    van onderwijs op basis van medische of psychische problemen.\""""
    pupil, case = entry(school=school, aanmelding_date=D(2026, 9, 1),
                        home_since=D(2026, 8, 31), verzuim_type=verzuim)
    span = qualifying_span(Definition.CASUS2, pupil, case)
    assert span is not None and span.start == start


@pytest.mark.parametrize(("school", "verzuim", "start"), [
    ("De Regenboog", VerzuimType.ONGEOORLOOFD, D(2026, 9, 29)),
    ("", VerzuimType.ABSOLUUT, D(2026, 9, 1)),
    ("De Regenboog", VerzuimType.GEOORLOOFD, None),
    ("", VerzuimType.VRIJSTELLING_5A, None),
])
def test_the_governments_four_week_definition(school: str, verzuim: VerzuimType,
                                              start: date | None) -> None:
    """Seed 000, footnote 7: "Door overheid gehanteerde definitie van thuiszitter: langdurig
    ongeoorloofd relatief verzuim langer dan vier weken en absoluut verzuim.\""""
    pupil, case = entry(school=school, aanmelding_date=D(2026, 9, 1),
                        home_since=D(2026, 8, 31), verzuim_type=verzuim)
    span = qualifying_span(Definition.OVERHEID, pupil, case)
    assert (span.start if span else None) == start


def history_of(case: Case, *changes: tuple[date, int]) -> tuple[SituationChange, ...]:
    return tuple(SituationChange(case_id=case.id, effective_from=day, education_percentage=pct,
                                 verzuim_type=case.verzuim_type) for day, pct in changes)


def test_a_pupil_back_above_fifty_percent_stops_counting_that_day_and_counted_before() -> None:
    """Seed 000, casus 1: "Als risicoleerlingen weer meer dan 50% onderwijs volgen, sluit de
    leerrechtorganisatie de casus af." Earlier quarters keep the pupil: the case counted as a
    risicoleerling until the percentage went up."""
    pupil, case = entry(aanmelding_date=D(2026, 4, 1), education_percentage=70)
    history = history_of(case, (D(2026, 4, 1), 0), (D(2026, 8, 15), 70))
    assert qualifying_span(Definition.BREED, pupil, case) is None  # today's value alone
    span = qualifying_span(Definition.BREED, pupil, case, history)
    assert span is not None and (span.start, span.last) == (D(2026, 4, 1), D(2026, 8, 14))
    assert case_as_on(case, history, D(2026, 6, 1)).education_percentage == 0
    # Home again in October: counted again from then, with the weeks above 50% as a gap.
    again = (*history, *history_of(case, (D(2026, 10, 1), 10)))
    span = qualifying_span(Definition.BREED, pupil, case, again)
    assert span is not None and span.gaps == ((D(2026, 8, 15), D(2026, 9, 30)),)
    assert not span.contains(D(2026, 9, 1)) and span.contains(D(2026, 10, 1))
    assert not span.overlaps(D(2026, 9, 1), D(2026, 9, 30))


def test_back_above_fifty_is_a_prompt_to_close_or_monitor() -> None:
    """Seed 000, casus 1: "De school ... is dan aan zet voor het monitoren van en opvolging
    geven aan het verzuim." The consulent closes the case or puts it on monitoring."""
    _pupil, case = entry(aanmelding_date=D(2026, 4, 1), education_percentage=70)
    history = history_of(case, (D(2026, 4, 1), 0), (D(2026, 11, 16), 70))
    since = back_above_since(case, history)
    assert since == D(2026, 11, 16)
    facts = ClockFacts(aanmelding_date=case.aanmelding_date, back_above_since=since,
                       first_contact_date=D(2026, 4, 2), goals_set_date=D(2026, 4, 20),
                       passend_aanbod_date=D(2026, 5, 1))
    prompt = next(d for d in case_deadlines(facts, TODAY)
                  if d.kind is DeadlineKind.WEER_BOVEN_50)
    assert prompt.describe(TODAY) == (
        "Weer boven 50% sinds 16-11-2026: afsluiten of monitoren")
    assert back_above_since(Case(pupil_id="p1", aanmelding_date=D(2026, 4, 1),
                                 education_percentage=50), ()) is None  # 50% is not "meer dan"


def test_a_change_keeps_the_old_values_in_the_history() -> None:
    """Issue 18: "earlier quarters are recomputed with today's values" no more: the first
    change of a case keeps what held since the aanmelding."""
    _, before = entry(aanmelding_date=D(2026, 4, 1), education_percentage=0,
                      huidige_situatie=HuidigeSituatie.NIET)
    after = replace(before, education_percentage=60,
                    huidige_situatie=HuidigeSituatie.GEDEELTELIJK)
    rows = changes_to_record(before, after, (), D(2026, 8, 15))
    assert [(r.effective_from, r.education_percentage, r.huidige_situatie) for r in rows] == [
        (D(2026, 4, 1), 0, HuidigeSituatie.NIET), (D(2026, 8, 15), 60,
                                                   HuidigeSituatie.GEDEELTELIJK)]
    assert changes_to_record(before, before, (), D(2026, 8, 15)) == []


# -- 7. follow-up after closing ----------------------------------------------------------------
def test_follow_up_until_a_year_later() -> None:
    """Seed 001: "Tot een jaar later wordt er gekeken hoe het gaat.\""""
    moments = follow_ups_after_closing("c1", D(2026, 11, 30), ClosingReason.TERUG_OP_SCHOOL)
    assert [(m.kind, m.due) for m in moments] == [
        (FollowUpKind.NA_3_MAANDEN, D(2027, 2, 28)), (FollowUpKind.NA_6_MAANDEN, D(2027, 5, 30)),
        (FollowUpKind.NA_12_MAANDEN, D(2027, 11, 30))]
    assert follow_ups_after_closing("c1", D(2026, 11, 30), ClosingReason.VERHUISD) == []


def test_a_transition_gets_its_own_follow_up() -> None:
    """Seed 004, 2.3: "Met name de overgangen naar een ander onderwijstype zijn kwetsbaar; van
    po naar vo en van vo naar vervolgopleiding.\""""
    moment = transition_follow_up("c1", FollowUpKind.OVERGANG_PO_VO, D(2027, 8, 30))
    assert moment.due == D(2027, 9, 30)
    with pytest.raises(ValidationError):
        transition_follow_up("c1", FollowUpKind.NA_3_MAANDEN, D(2027, 8, 30))


def test_follow_up_figures_of_a_quarter() -> None:
    """Seed 004, 4: "dat partijen een vinger aan de pols houden als een passend aanbod is
    gerealiseerd": how many moments fell due, were done, and found the pupil home again."""
    items = [FollowUp(case_id="a", kind=FollowUpKind.NA_3_MAANDEN, due=D(2026, 10, 5),
                      done_on=D(2026, 10, 20), outcome=FollowUpOutcome.GAAT_GOED),
             FollowUp(case_id="b", kind=FollowUpKind.NA_6_MAANDEN, due=D(2026, 11, 1),
                      done_on=D(2026, 11, 2), outcome=FollowUpOutcome.WEER_THUIS),
             FollowUp(case_id="c", kind=FollowUpKind.NA_3_MAANDEN, due=D(2026, 11, 10)),
             FollowUp(case_id="d", kind=FollowUpKind.NA_3_MAANDEN, due=D(2026, 12, 10))]
    found = follow_up_figures(items, D(2026, 10, 1), TODAY)
    assert (found.due, found.done, found.done_in_time, found.back_home, found.open) == (
        3, 2, 2, 1, 1)


# -- 6. the pupil's voice; 8. missing fields -----------------------------------------------------
def test_the_pupils_letter_speaks_to_the_pupil_not_to_the_parents() -> None:
    """Seed 003: "praat mét ons in plaats van óver ons": the pupil's own letter says "je" and
    speaks about the parents; only the parents' letter says "u"."""
    intake = IntakeRecord(case_id="c1", held_on=D(2026, 11, 10), participants="Sarah, moeder",
                          parent_answers=ParentAnswers(three_words=["lief"],
                                                       one_wish="Weer naar school"))
    draft = draft_terugkoppeling(intake, pupil_first_name="Sarah",
                                 pupil_birth_date=D(2013, 3, 4), written_on=D(2026, 11, 12),
                                 recipients=[Recipient(kind=RecipientKind.LEERLING, name="S")])
    pupil = draft.content_for(RecipientKind.LEERLING).summary
    parents = draft.content_for(RecipientKind.OUDERS).summary
    assert "Wat je ouders vertelden:" in pupil and "De wens van je ouders: Weer" in pupil
    assert " u " not in f" {pupil} " and "Uw " not in pupil
    assert "Wat u als ouders vertelde:" in parents and "Uw wens: Weer naar school" in parents
    school = draft.content_for(RecipientKind.ONDERSTEUNINGSCOORDINATOR).summary
    assert "Wat de ouders vertelden:" in school


def test_escalation_to_a_manager_or_the_geschillencommissie_with_follow_up() -> None:
    """Seed 000, casus 2, bouwsteen 5: "bij uitblijven van goede samenwerking schaalt de
    ondersteuningscoördinator op naar een leidinggevende"; casus 1: "Verwijst indien nodig naar
    onderwijsconsulent of geschillencommissie.\""""
    outcome = MdoOutcome(escalation=Escalation.GESCHILLENCOMMISSIE,
                         escalation_follow_up=D(2027, 1, 15))
    outcome.validate(D(2026, 12, 1))
    action = outcome.follow_up_action("Fatima Bakkali", "opvolging-1")
    assert action is not None and action.due == D(2027, 1, 15)
    assert "Geschillencommissie Passend Onderwijs" in action.what
    assert Escalation.LEIDINGGEVENDE.label == "Leidinggevende van de partner"
    with pytest.raises(ValidationError):
        MdoOutcome(escalation_follow_up=D(2027, 1, 15)).validate(D(2026, 12, 1))


def test_no_vrijstelling_after_a_negative_advice() -> None:
    """Seed 000, casus 1: "Een onafhankelijk arts geeft bij een verzoek tot
    leerplichtvrijstelling advies. Bij een negatief advies geeft leerplicht geen vrijstelling
    af.\""""
    case = Case(pupil_id="p1", aanmelding_date=D(2026, 9, 1),
                verzuim_type=VerzuimType.VRIJSTELLING_5A,
                vrijstelling_advies=VrijstellingAdvies.NEGATIEF)
    with pytest.raises(ValidationError, match="negatief advies"):
        case.validate(TODAY)
    case.vrijstelling_advies = VrijstellingAdvies.POSITIEF
    case.validate(TODAY)


def test_a_four_year_old_at_a_voorschool_may_be_registered() -> None:
    """Seed 004, table B4.2 "Welk onderwijs volgde uw kind toen de (dreigende) thuiszitsituatie
    ontstond?" lists "Voorschool/peuterspeelzaal"."""
    four = Pupil(first_name="Liv", last_name="Bos", birth_date=TODAY - timedelta(days=4 * 366))
    four.validate(TODAY)
    three = Pupil(first_name="Liv", last_name="Bos", birth_date=TODAY - timedelta(days=3 * 366))
    with pytest.raises(ValidationError, match="3 jaar"):
        three.validate(TODAY)


def test_a_terugkoppeling_keeps_working_with_its_recipients() -> None:
    """The letters still go to pupil, parents and school (seed 000, casus 2: "koppelt de
    inhoud van het gesprek en de gemaakte afspraken terug naar leerling, ouders en
    ondersteuningscoördinator")."""
    t = Terugkoppeling(case_id="c1", conversation_date=D(2026, 11, 10),
                       written_on=D(2026, 11, 12), pupil_age=13, summary="Samen gepraat.",
                       recipients=[Recipient(kind=kind, name="X") for kind in RecipientKind])
    t.validate(TODAY)
