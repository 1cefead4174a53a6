"""Keep each person's stored status in step with the placements.

The status is derived (``domain.status``); it is stored on the person only so
the registry can filter on an index. It is recomputed for the person and
their household whenever a placement or household link changes, and for
everyone at start-up (time passes: a contract ends, three purna years run out).
These bulk updates bypass the ORM, so they write their own audit rows
(officer "sistem": no one typed the change, the rules made it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import Row, or_, select, update
from sqlalchemy.orm import Session

from desa_desktop.db import audit
from desa_desktop.db.models import Person, Placement
from desa_desktop.domain.reference import FAMILY_RELATIONS
from desa_desktop.domain.status import PlacementDates, household_status, migrant_status
from desa_desktop.services.audit import SYSTEM_OFFICER

_COLUMNS = (Person.id, Person.household_id, Person.relation_to_head, Person.status,
            Person.last_country, Person.collection_method)


def refresh_households(session: Session, household_ids: Iterable[str | None],
                       person_ids: Iterable[str], today: date) -> int:
    """Recompute status for the given persons and every member of the households.

    Returns how many persons changed status.
    """
    hh = {h for h in household_ids if h}
    pids = set(person_ids)
    if hh:
        pids |= set(session.scalars(select(Person.id).where(Person.household_id.in_(hh))))
    if not pids:
        return 0
    people = session.execute(
        select(*_COLUMNS).where(Person.id.in_(pids))
    ).all()
    hh |= {p.household_id for p in people if p.household_id}
    # Members of the touched households that were not in the set yet.
    if hh:
        extra = session.execute(
            select(*_COLUMNS).where(Person.household_id.in_(hh), Person.id.not_in(pids))
        ).all()
        people = list(people) + list(extra)
    ids = [p.id for p in people]
    placements: dict[str, list[PlacementDates]] = defaultdict(list)
    for row in session.execute(
        select(Placement.person_id, Placement.departure_date, Placement.return_date,
               Placement.country).where(Placement.person_id.in_(ids),
                                        Placement.deleted_at.is_(None))
    ):
        placements[row.person_id].append(
            PlacementDates(row.departure_date, row.return_date, row.country)
        )
    own = {p.id: migrant_status(placements.get(p.id, ()), today) for p in people}
    live = set(session.scalars(select(Person.id).where(Person.id.in_(ids),
                                                       Person.deleted_at.is_(None))))
    abroad_households = {
        p.household_id for p in people
        if p.household_id and p.id in live and own[p.id][0] == "pmi"
    }
    entries: list[dict] = []
    for p in people:
        status, country = own[p.id]
        status = household_status(status, p.relation_to_head,
                                  p.household_id in abroad_households, FAMILY_RELATIONS)
        if (status, country) != (p.status, p.last_country):
            session.execute(
                update(Person).where(Person.id == p.id).values(status=status, last_country=country)
            )
            entries.append(_audit_entry(p, status, country))
    audit.append(session, entries)
    return len(entries)


def _audit_entry(p: Row, status: str, country: str) -> dict:
    """The audit row of one recomputed person: only the fields that changed."""
    old: dict[str, str] = {}
    new: dict[str, str] = {}
    for name, before, after in (("status", p.status, status),
                                ("last_country", p.last_country, country)):
        if before != after:
            old[name], new[name] = before, after
    return {"entity": "person", "entity_id": p.id, "action": "update", "officer_id": None,
            "officer_name": SYSTEM_OFFICER, "old_values": old, "new_values": new,
            "collection_method": p.collection_method}


def refresh_all(session: Session, today: date, chunk: int = 500) -> int:
    """Recompute the status of everyone who has placements or is, or was, a migrant's family.

    Works household by household in chunks, so no statement binds more values
    than SQLite's default limit allows, whatever the size of the village.
    """
    has_placement = select(Placement.person_id)
    households: set[str] = set()
    homeless: set[str] = set()
    for row in session.execute(
        select(Person.id, Person.household_id)
        .where(or_(Person.status != "warga", Person.id.in_(has_placement)))
    ):
        if row.household_id:
            households.add(row.household_id)
        else:
            homeless.add(row.id)
    changed = 0
    ordered = sorted(households)
    for start in range(0, len(ordered), chunk):
        changed += refresh_households(session, ordered[start:start + chunk], [], today)
    alone = sorted(homeless)
    for start in range(0, len(alone), chunk):
        changed += refresh_households(session, [], alone[start:start + chunk], today)
    return changed
