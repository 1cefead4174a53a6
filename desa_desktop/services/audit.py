"""The audit log as the screens and the CLI use it: history, chain check, account events.

The writing itself happens in ``db.audit`` (every ORM save is audited in its
own transaction, so no service can forget it). This module answers the
questions people ask of the log: who changed this person, and when, from
what to what? Is the log still the one the village wrote (the chain check,
whose head goes into every export)? And it records what is not a record
change but must be answerable too: failed logins, password resets.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from desa_desktop.db import audit
from desa_desktop.db.audit import ChainReport
from desa_desktop.db.engine import Database
from desa_desktop.db.models import AuditEntry, Officer, Person, Placement, Visit

__all__ = [
    "SYSTEM_OFFICER",
    "ChainReport",
    "FieldChange",
    "HistoryEntry",
    "chain_head",
    "history",
    "log_event",
    "person_history_ids",
    "verify_chain",
]

#: Shown as the officer of changes no officer made (the status rules, migrations).
SYSTEM_OFFICER = "sistem"

#: Bookkeeping columns a reader of a history does not need to see: the row
#: already says who and when, and the action says deleted or restored.
HIDDEN_FIELDS = frozenset({"id", "village_code", "created_at", "updated_at", "revision",
                           "changed_by", "deleted_at", "name_key"})

_IN_CHUNK = 500  # ids per IN (...): well below SQLite's bound-parameter limit


@dataclass(frozen=True)
class FieldChange:
    """One column of a record: its value before and after, as text (None: no value)."""

    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class HistoryEntry:
    """One audited change, ready to show: who, when (UTC), what and how it was collected.

    ``field`` names are the column names, so the screen can label them and
    turn stored codes into words with the same reference tables as the forms.
    Values are text: strings and codes as stored, dates in ISO form, yes/no
    as ``"true"`` / ``"false"``, lists (documents) as codes joined by ``", "``;
    None means the field had no value. Bookkeeping columns are left out, and
    so are empty fields of a created or removed record.
    """

    seq: int
    at: datetime
    officer_name: str
    entity: str
    entity_id: str
    action: str
    changes: tuple[FieldChange, ...]
    collection_method: str | None


def verify_chain(db: Database) -> ChainReport:
    """Recompute the whole audit chain; the report names the first broken row, if any."""
    with db.engine.connect() as conn:
        return audit.verify(conn)


def chain_head(db: Database) -> tuple[int, str]:
    """``(seq, hash)`` of the newest audit row, to be written into an export."""
    with db.engine.connect() as conn:
        return audit.head(conn)


def _as_text(value: Any) -> str | None:
    """A stored value as text, codes kept as codes (the screen labels them)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"  # a code like any other: the screen labels it
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return audit.canonical_json(value)
    return str(value)


def _changes(old_json: str | None, new_json: str | None) -> tuple[FieldChange, ...]:
    old: Mapping[str, Any] = json.loads(old_json) if old_json else {}
    new: Mapping[str, Any] = json.loads(new_json) if new_json else {}
    changes = []
    for name in sorted(set(old) | set(new)):
        if name in HIDDEN_FIELDS:
            continue
        before, after = _as_text(old.get(name)), _as_text(new.get(name))
        if not before and not after:
            continue  # an empty field of a new or removed record says nothing
        changes.append(FieldChange(name, before, after))
    return tuple(changes)


def history(db: Database, entity_ids: Iterable[str]) -> list[HistoryEntry]:
    """Every audited change of the given records, newest first (by chain order)."""
    ids = sorted(set(entity_ids))
    rows = []
    table = AuditEntry.__table__
    with db.engine.connect() as conn:
        for start in range(0, len(ids), _IN_CHUNK):
            chunk = ids[start:start + _IN_CHUNK]
            rows.extend(conn.execute(select(table).where(table.c.entity_id.in_(chunk))))
    rows.sort(key=lambda r: r.seq, reverse=True)
    return [
        HistoryEntry(r.seq, r.at, r.officer_name or SYSTEM_OFFICER, r.entity, r.entity_id,
                     r.action, _changes(r.old_values, r.new_values), r.collection_method)
        for r in rows
    ]


def person_history_ids(db: Database, person_id: str) -> list[str]:
    """The person's id, their placements' and their household's visits' ids (deleted too).

    A person's history is more than their own row: their departures, and the
    visits in which their family's data were collected. Visits belong to a
    household, so those of the person's present household are included.
    """
    with db.sessions() as s:
        household_id = s.scalar(select(Person.household_id).where(Person.id == person_id))
        placements = s.scalars(select(Placement.id).where(Placement.person_id == person_id))
        ids = [person_id, *placements]
        if household_id:
            ids.extend(s.scalars(select(Visit.id).where(Visit.household_id == household_id)))
    return ids


def log_event(db: Database, action: str, username: str, officer_id: str | None = None,
              detail: Mapping[str, Any] | None = None, *, actor_id: str | None = None,
              at: datetime | None = None) -> None:
    """Record an account event (``login``, ``login_failed``, ``password_reset``...).

    ``username`` is the account the event is about, as typed for a failed
    login; ``officer_id`` is that account's id when known, and names the row
    (otherwise the typed name does). ``actor_id`` is who did it when that is
    someone else (an admin resetting a password); by default the account
    itself. ``detail`` is added to the row's new values (never put a password
    or key in it). ``at`` (UTC) is when it happened, if earlier than now: failed
    logins are queued while the database is still locked and written at the
    next login. Runs in its own transaction, so a failed login that raises
    right after is still recorded; call it outside any open write transaction.
    """
    who = actor_id or officer_id
    table = Officer.__table__
    with db.engine.begin() as conn:
        name = (conn.scalar(select(table.c.full_name).where(table.c.id == who))
                if who else None)
        audit.append(conn, [{
            "entity": "officer",
            "entity_id": officer_id or username,
            "action": action,
            "officer_id": who,
            "officer_name": name,
            "new_values": {"username": username, **(detail or {})},
            "at": at,
        }])



def log_disclosure(db: Database, entity: str, entity_id: str, officer_id: str | None,
                   what: str) -> None:
    """Record that a record's personal data left the app (a printout for the person).

    UU 27/2022 asks who disclosed what and when; the row sits in the chain
    like any change, with ``action`` "printed" and ``what`` in its values.
    """
    table = Officer.__table__
    with db.engine.begin() as conn:
        name = (conn.scalar(select(table.c.full_name).where(table.c.id == officer_id))
                if officer_id else None)
        audit.append(conn, [{
            "entity": entity, "entity_id": entity_id, "action": "printed",
            "officer_id": officer_id, "officer_name": name, "new_values": {"document": what},
        }])
