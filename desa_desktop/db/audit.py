"""The tamper-evident audit log: who changed which record, when, from what to what.

The data of migrant workers and their families can hurt them in the wrong
hands, so every change to a record must be answerable to an officer, and
nobody, not even someone with the database key, may quietly rewrite that
account afterwards. Three things make it so:

* Every ORM create, update and delete writes its audit rows in the *same*
  transaction (an ``after_flush`` listener, :func:`install_audit`): a save
  that rolls back leaves no trace, a save that commits cannot lack one.
  Bulk writers that bypass the ORM (status refresh, demo generator) call
  :func:`append` themselves.
* The rows form a hash chain: each row's ``hash`` covers the previous row's
  hash and the row's own fields (:func:`row_hash`), and ``seq`` runs
  contiguously from 1. Changing, inserting or removing a row in the middle
  breaks the chain from there on; :func:`verify` names the first broken row.
  The head (``seq``, ``hash``) goes into every export, so rewriting the whole
  tail, or cutting it off, is caught by comparing with an earlier export.
* The database refuses UPDATE and DELETE on ``audit_log`` (triggers of
  migration 0003), so ordinary tools and program bugs cannot alter it at all.

Values are stored as canonical JSON (sorted keys, compact, dates in ISO
form) so the same row always hashes the same, on any machine. Password
hashes are never written: the column shows only that it changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, event, inspect, select, text
from sqlalchemy.orm import Session, sessionmaker

from desa_desktop.db.base import SyncMixin, utcnow
from desa_desktop.db.case_models import (
    CaseAction,
    CaseAttachment,
    CaseFile,
    CasePerson,
    FollowUp,
    Institution,
    Letter,
    Referral,
    WarningPerson,
    WarningReport,
)
from desa_desktop.db.ledger_models import (
    Activity,
    ActivityAttendee,
    BusinessGroup,
    CashEntry,
    GroupMember,
    LedgerClosing,
    Loan,
)
from desa_desktop.db.models import (
    AuditEntry,
    Household,
    Officer,
    Person,
    Placement,
    Village,
    Visit,
)

__all__ = [
    "AUDITED_MODELS",
    "GENESIS",
    "HASHED_FIELDS",
    "NOISE_COLUMNS",
    "SECRET_MARK",
    "ChainReport",
    "append",
    "canonical_json",
    "head",
    "install_audit",
    "row_hash",
    "verify",
]

#: The ``prev_hash`` of the first row: there is nothing before it.
GENESIS = "0" * 64

#: Written instead of a secret column's value (only "it changed" is kept).
SECRET_MARK = "***"
SECRET_COLUMNS = frozenset({"password_hash"})

#: Columns every save touches; an update that changes only these is not audited.
NOISE_COLUMNS = frozenset({"updated_at", "revision", "changed_by"})

#: Models whose changes are audited (drafts, being unsaved typing, are not).
AUDITED_MODELS: tuple[type, ...] = (
    Household, Person, Placement, Visit, Officer, Village,
    # Issue 4: case files, early warnings, referrals, letters (attachment bytes are not
    # a record: the metadata row is audited, not megabytes of scans).
    CaseFile, CasePerson, CaseAction, CaseAttachment, FollowUp, WarningReport, WarningPerson,
    Institution, Referral, Letter,
    # Issue 5: groups, cash books, closings, loans, activities.
    BusinessGroup, GroupMember, CashEntry, LedgerClosing, Loan, Activity, ActivityAttendee,
)

#: The fields of a row that its hash covers, in the order they are listed.
HASHED_FIELDS = ("seq", "at", "officer_id", "officer_name", "entity", "entity_id", "action",
                 "old_values", "new_values", "collection_method")

_TABLE = AuditEntry.__table__
_COLUMNS = (*HASHED_FIELDS, "prev_hash", "hash")
_INSERT_SQL = (f"INSERT INTO audit_log ({', '.join(_COLUMNS)}) "
               f"VALUES ({', '.join('?' for _ in _COLUMNS)})")

# ---------------------------------------------------------------------------
# Canonical form and hashing
# ---------------------------------------------------------------------------


def _json_default(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"cannot put {type(value).__name__} into the audit log")


# One encoder for every call: ``json.dumps`` with options builds a new one each time,
# which is a third of the cost of logging 100,000 rows.
_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                            default=_json_default)


def canonical_json(value: object) -> str:
    """One fixed text for a value, so a row hashes the same wherever it is checked."""
    return _ENCODER.encode(value)


def row_hash(prev_hash: str, fields: Mapping[str, Any]) -> str:
    """SHA-256 (hex) over the previous hash and the canonical JSON of the row's fields.

    ``fields`` must hold every name in :data:`HASHED_FIELDS` (extra keys are
    ignored); ``at`` is a naive UTC datetime.
    """
    payload = {name: fields[name] for name in HASHED_FIELDS}
    return hashlib.sha256((prev_hash + canonical_json(payload)).encode("utf-8")).hexdigest()


def _scrub(values: Mapping[str, Any] | None) -> str | None:
    """Values as canonical JSON, with secrets replaced by :data:`SECRET_MARK`."""
    if values is None:
        return None
    if not SECRET_COLUMNS.isdisjoint(values):
        values = {k: (SECRET_MARK if k in SECRET_COLUMNS else v) for k, v in values.items()}
    return canonical_json(values)


def _naive_utc(moment: datetime) -> datetime:
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def _connection(target: Session | Connection) -> Connection:
    return target.connection() if isinstance(target, Session) else target


def head(connection: Connection | Session) -> tuple[int, str]:
    """The last row's ``(seq, hash)``; ``(0, GENESIS)`` while the log is empty."""
    row = _connection(connection).execute(
        select(_TABLE.c.seq, _TABLE.c.hash).order_by(_TABLE.c.seq.desc()).limit(1)
    ).first()
    return (0, GENESIS) if row is None else (int(row[0]), str(row[1]))


def append(target: Session | Connection, entries: Sequence[Mapping[str, Any]]) -> None:
    """Chain ``entries`` onto the log inside the caller's transaction.

    Each entry has ``entity``, ``entity_id`` and ``action``, and optionally
    ``officer_id``, ``officer_name``, ``old_values`` / ``new_values`` (dicts
    of column values, or None), ``collection_method`` and ``at`` (default:
    now, UTC). The head is read in the same transaction, so two writers can
    never fork the chain: ``seq`` is the primary key, and SQLite lets only
    one transaction write at a time (a writer whose snapshot is stale fails
    instead of chaining onto an old head). One ``executemany`` for the whole
    list keeps bulk writers fast.
    """
    if not entries:
        return
    conn = _connection(target)
    seq, prev = head(conn)
    now = utcnow()
    rows: list[tuple[Any, ...]] = []
    for entry in entries:
        seq += 1
        at = entry.get("at")
        row: dict[str, Any] = {
            "seq": seq,
            "at": now if at is None else _naive_utc(at),
            "officer_id": entry.get("officer_id"),
            "officer_name": entry.get("officer_name"),
            "entity": entry["entity"],
            "entity_id": str(entry["entity_id"]),
            "action": entry["action"],
            "old_values": _scrub(entry.get("old_values")),
            "new_values": _scrub(entry.get("new_values")),
            "collection_method": entry.get("collection_method"),
            "prev_hash": prev,
        }
        prev = row["hash"] = row_hash(prev, row)
        # Stored as SQLAlchemy's DateTime stores it, so the ORM model reads it back.
        row["at"] = row["at"].isoformat(sep=" ", timespec="microseconds")
        rows.append(tuple(row[name] for name in _COLUMNS))
    # Driver-level executemany: SQLAlchemy's per-row parameter processing
    # would double the time of a 100,000-row batch.
    conn.exec_driver_sql(_INSERT_SQL, rows)


# ---------------------------------------------------------------------------
# The ORM hook
# ---------------------------------------------------------------------------


def _columns(obj: object) -> list[tuple[str, str]]:
    """(attribute key, column name) of every mapped column of ``obj``."""
    return [(attr.key, attr.columns[0].name) for attr in inspect(obj).mapper.column_attrs]


def _entry(obj: Any, action: str, old: dict | None, new: dict | None,
           actor: str | None) -> dict[str, Any]:
    state_dict = inspect(obj).dict
    who = actor or (state_dict.get("changed_by") if isinstance(obj, SyncMixin) else None)
    method = state_dict.get("collection_method")
    return {
        "entity": obj.__tablename__,
        "entity_id": state_dict.get("id"),
        "action": action,
        "officer_id": who,
        "old_values": old,
        "new_values": new,
        "collection_method": method,
    }


def _all_values(obj: object) -> dict[str, Any]:
    loaded = inspect(obj).dict
    return {column: loaded.get(key) for key, column in _columns(obj)}


def _changes(obj: object) -> tuple[dict[str, Any], dict[str, Any]]:
    """Old and new values of the columns this flush changed.

    In ``after_flush`` the attribute history still holds the values from
    before the flush. A column set without having been loaded first has no
    known old value; it is recorded as None.
    """
    state = inspect(obj)
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    for key, column in _columns(obj):
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        old[column] = history.deleted[0] if history.deleted else None
        new[column] = history.added[0] if history.added else None
    return old, new


def _update_action(obj: object, old: dict[str, Any], new: dict[str, Any]) -> str:
    if isinstance(obj, SyncMixin) and "deleted_at" in new:
        if old["deleted_at"] is None and new["deleted_at"] is not None:
            return "delete"
        if old["deleted_at"] is not None and new["deleted_at"] is None:
            return "restore"
    return "update"


def _officer_names(conn: Connection, ids: Iterable[str]) -> dict[str, str]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    officers = Officer.__table__
    return {
        row[0]: row[1]
        for row in conn.execute(
            select(officers.c.id, officers.c.full_name).where(officers.c.id.in_(wanted))
        )
    }


def entries_for_flush(session: Session) -> list[dict[str, Any]]:
    """The audit entries of the pending changes of ``session`` (called in ``after_flush``)."""
    actor = session.info.get("actor_id")
    entries: list[dict[str, Any]] = []
    for obj in session.new:
        if isinstance(obj, AUDITED_MODELS):
            entries.append(_entry(obj, "create", None, _all_values(obj), actor))
    for obj in session.dirty:
        if isinstance(obj, AUDITED_MODELS):
            old, new = _changes(obj)
            if set(new) - NOISE_COLUMNS:
                entries.append(_entry(obj, _update_action(obj, old, new), old, new, actor))
    for obj in session.deleted:
        if isinstance(obj, AUDITED_MODELS):
            entries.append(_entry(obj, "delete", _all_values(obj), None, actor))
    return entries


def _after_flush(session: Session, _flush_context: object) -> None:
    entries = entries_for_flush(session)
    if not entries:
        return
    conn = session.connection()
    names = _officer_names(conn, (e["officer_id"] for e in entries if e["officer_id"]))
    for entry in entries:
        entry["officer_name"] = names.get(entry["officer_id"]) if entry["officer_id"] else None
    append(conn, entries)


def install_audit(sessions: sessionmaker[Session]) -> sessionmaker[Session]:
    """Audit every flush of sessions made by ``sessions``; returns it for chaining.

    Installing twice is harmless (the listener is added once). The mark is
    kept on the sessionmaker itself: ``event.contains`` keys on ``id()``, and a
    new sessionmaker can reuse the id of a collected one and be taken for it.
    """
    if not getattr(sessions, "_desa_audit_installed", False):
        event.listen(sessions, "after_flush", _after_flush)
        sessions._desa_audit_installed = True  # type: ignore[attr-defined]
    return sessions


# ---------------------------------------------------------------------------
# Checking
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainReport:
    """What :func:`verify` found.

    ``reason`` of a broken chain: ``"gap"`` (row ``broken_seq`` is missing),
    ``"prev_hash"`` (the row does not point at the row before it: a row was
    put in, or the rows before it were rewritten) or ``"hash"`` (the row's
    content no longer matches its hash: it was changed).
    ``head_seq`` / ``head_hash`` are those of the last row as stored.
    """

    ok: bool
    rows: int
    head_seq: int
    head_hash: str
    broken_seq: int | None = None
    reason: str | None = None


_VERIFY_SQL = text(
    "SELECT seq, at, officer_id, officer_name, entity, entity_id, action, old_values, "
    "new_values, collection_method, prev_hash, hash FROM audit_log ORDER BY seq"
)


def _check(row: Any, expected_seq: int, prev: str) -> str | None:
    """The reason row ``row`` breaks the chain, or None when it is sound."""
    if row.seq != expected_seq:
        return "gap"
    if row.prev_hash != prev:
        return "prev_hash"
    try:
        # Read as text and parsed here, so a garbled date is a broken row, not a crash.
        fields = dict(row._mapping)
        fields["at"] = datetime.fromisoformat(row.at)
        ok = row_hash(prev, fields) == row.hash
    except (TypeError, ValueError):
        ok = False
    return None if ok else "hash"


def verify(connection: Connection) -> ChainReport:
    """Recompute the whole chain in ``seq`` order and report the first broken row.

    Streams the rows (100,000 rows check in about a second), so it also runs
    before every export. Stops hashing at the first break but still counts
    the rows and reports the stored head.
    """
    rows = 0
    prev, expected = GENESIS, 1
    head_seq, head_hash = 0, GENESIS
    broken: int | None = None
    reason: str | None = None
    for row in connection.execute(_VERIFY_SQL):
        rows += 1
        if broken is None:
            reason = _check(row, expected, prev)
            if reason is not None:
                broken = expected if reason == "gap" else row.seq
        prev, expected = row.hash, row.seq + 1
        head_seq, head_hash = row.seq, row.hash
    return ChainReport(broken is None, rows, head_seq, head_hash, broken, reason)
