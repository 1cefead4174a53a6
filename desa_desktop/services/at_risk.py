"""The at-risk list: CPMI whose planned departure shows non-procedural signals.

Early detection is one of the post's duties (DOMAIN.md): a CPMI leaving
without an agency, on a tourist visa, through a calo or owing the recruiter
should be visited before the departure, not after a complaint. The rules are
in ``domain.risk``; this module only gathers the facts they need.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from desa_desktop.db.models import Person, Placement
from desa_desktop.domain.risk import risk_signals
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.placements import PlacementInput, birth_date_of
from desa_desktop.services.records import load


@dataclass(frozen=True)
class AtRiskRow:
    person_id: str
    full_name: str
    nik: str | None
    placement_id: str
    country: str
    agency_name: str
    departure_date: date | None
    reasons: tuple[str, ...]  # RISK_SIGNALS keys (domain/risk.py), labels there


def _signals(person: Person, placement: Placement, today: date) -> tuple[str, ...]:
    return risk_signals(
        birth_date=birth_date_of(person), departure_date=placement.departure_date, today=today,
        scheme=placement.scheme, agency_name=placement.agency_name,
        agency_licensed=placement.agency_licensed, visa_type=placement.visa_type,
        via_calo=placement.via_calo, documents=placement.documents or (),
        recruiter_debt=placement.recruiter_debt, family_informed=placement.family_informed,
    )


def _latest_key(placement: Placement) -> tuple[date, datetime]:
    """Newest departure first; an undated plan counts as the newest (as in the lists)."""
    return (placement.departure_date or date.max, placement.created_at or datetime.min)


def at_risk_list(ctx: ServiceContext) -> list[AtRiskRow]:
    """CPMI with at least one signal on their planned departure, most reasons first.

    The planned departure is the person's newest live placement without a
    return date; older, finished departures say nothing about the next one.
    """
    today = ctx.today()
    with ctx.db.sessions() as s:
        rows = s.execute(
            select(Person, Placement)
            .join(Placement, Placement.person_id == Person.id)
            .where(Person.status == "cpmi", Person.deleted_at.is_(None),
                   Placement.deleted_at.is_(None), Placement.return_date.is_(None))
        ).all()
        latest: dict[str, tuple[Person, Placement]] = {}
        for person, placement in rows:
            known = latest.get(person.id)
            if known is None or _latest_key(placement) > _latest_key(known[1]):
                latest[person.id] = (person, placement)
        result = []
        for person, placement in latest.values():
            reasons = _signals(person, placement, today)
            if reasons:
                result.append(AtRiskRow(
                    person.id, person.full_name, person.nik, placement.id, placement.country,
                    placement.agency_name, placement.departure_date, reasons,
                ))
    result.sort(key=lambda r: (-len(r.reasons), r.full_name.casefold(), r.person_id))
    return result


def person_birth_date(ctx: ServiceContext, person_id: str) -> date | None:
    """The birth date the age signal uses: typed, else from the NIK (for the form's preview)."""
    with ctx.db.sessions() as s:
        return birth_date_of(load(s, Person, person_id, live=False))


def input_signals(data: PlacementInput, birth_date: date | None,
                  today: date) -> tuple[str, ...]:
    """The signals of a placement form not saved yet, so the officer sees them while typing."""
    return risk_signals(
        birth_date=birth_date, departure_date=data.departure_date, today=today,
        scheme=data.scheme, agency_name=data.agency_name,
        agency_licensed=data.agency_licensed, visa_type=data.visa_type,
        via_calo=data.via_calo, documents=data.documents,
        recruiter_debt=data.recruiter_debt, family_informed=data.family_informed,
    )


def risk_for_placement(ctx: ServiceContext, placement_id: str) -> tuple[str, ...]:
    """The signals of one placement, for the person pane (any status, any placement)."""
    with ctx.db.sessions() as s:
        placement = load(s, Placement, placement_id)
        person = load(s, Person, placement.person_id, live=False)
        return _signals(person, placement, ctx.today())
