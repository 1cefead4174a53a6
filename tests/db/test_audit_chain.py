"""The audit log's chain: how rows are hashed, that SQLite refuses to change them,
and that the check finds a changed or missing row even when the triggers are gone."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import exc, text

from desa_desktop.db import audit
from desa_desktop.db.engine import Database
from desa_desktop.db.models import Village

T0 = datetime(2026, 11, 22, 3, 4, 5, 123456)


def entries(count: int, start: int = 0) -> list[dict]:
    """``count`` plausible audit entries, one minute apart."""
    return [
        {"entity": "person", "entity_id": f"p-{n}", "action": "update",
         "officer_id": "o-1", "officer_name": "Rina Marlina",
         "old_values": {"phone": "", "notes": ""},
         "new_values": {"phone": f"+62812000{n:04d}", "notes": "Pindah ke Bandung"},
         "collection_method": "langsung", "at": T0 + timedelta(minutes=n)}
        for n in range(start, start + count)
    ]


def write(db: Database, rows: list[dict]) -> None:
    with db.engine.begin() as conn:
        audit.append(conn, rows)


def stored(db: Database, sql: str = "SELECT * FROM audit_log ORDER BY seq") -> list:
    with db.engine.connect() as conn:
        return list(conn.execute(text(sql)))


def drop_triggers(db: Database) -> None:
    """What someone holding the key could do with any SQLCipher tool."""
    with db.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("DROP TRIGGER audit_log_no_delete"))


def check(db: Database) -> audit.ChainReport:
    with db.engine.connect() as conn:
        return audit.verify(conn)


# --------------------------------------------------------------------------
# The hash
# --------------------------------------------------------------------------


def test_row_hash_is_sha256_over_prev_hash_and_canonical_json() -> None:
    fields = {"seq": 7, "at": T0, "officer_id": None, "officer_name": "sistem",
              "entity": "person", "entity_id": "p-1", "action": "update",
              "old_values": '{"status":"warga"}', "new_values": '{"status":"pmi"}',
              "collection_method": "kerabat", "extra": "not hashed"}
    expected_text = (
        '{"action":"update","at":"2026-11-22T03:04:05.123456","collection_method":"kerabat",'
        '"entity":"person","entity_id":"p-1","new_values":"{\\"status\\":\\"pmi\\"}",'
        '"officer_id":null,"officer_name":"sistem","old_values":"{\\"status\\":\\"warga\\"}",'
        '"seq":7}'
    )
    prev = "ab" * 32
    assert audit.row_hash(prev, fields) == hashlib.sha256(
        (prev + expected_text).encode("utf-8")).hexdigest()
    # Key order never matters; every hashed field does.
    assert audit.row_hash(prev, dict(reversed(list(fields.items())))) == audit.row_hash(
        prev, fields)
    assert audit.row_hash(prev, {**fields, "extra": "x"}) == audit.row_hash(prev, fields)
    assert audit.row_hash(prev, {**fields, "entity_id": "p-2"}) != audit.row_hash(prev, fields)
    assert audit.row_hash(audit.GENESIS, fields) != audit.row_hash(prev, fields)


def test_canonical_json_is_compact_sorted_unescaped_with_iso_dates() -> None:
    value = {"b": date(1990, 5, 17), "a": "Nur'aeni Ñ", "c": [True, None, 2]}
    assert audit.canonical_json(value) == (
        '{"a":"Nur\'aeni Ñ","b":"1990-05-17","c":[true,null,2]}')
    with pytest.raises(TypeError):
        audit.canonical_json({"x": object()})


# --------------------------------------------------------------------------
# Appending
# --------------------------------------------------------------------------


def test_empty_log_has_the_genesis_head(db: Database) -> None:
    with db.engine.connect() as conn:
        assert audit.head(conn) == (0, audit.GENESIS)
    assert check(db) == audit.ChainReport(True, 0, 0, audit.GENESIS, None, None)


def test_appended_rows_are_numbered_from_one_and_chained(db: Database) -> None:
    write(db, entries(2))
    write(db, entries(1, start=2))  # a second transaction continues the chain
    rows = stored(db)
    assert [r.seq for r in rows] == [1, 2, 3]
    assert rows[0].prev_hash == audit.GENESIS
    assert [r.prev_hash for r in rows[1:]] == [rows[0].hash, rows[1].hash]
    first = rows[0]
    assert (first.entity, first.entity_id, first.action, first.officer_id,
            first.officer_name, first.collection_method) == (
        "person", "p-0", "update", "o-1", "Rina Marlina", "langsung")
    assert json.loads(first.new_values) == {"phone": "+628120000000",
                                            "notes": "Pindah ke Bandung"}
    assert first.new_values == '{"notes":"Pindah ke Bandung","phone":"+628120000000"}'
    assert first.hash == audit.row_hash(audit.GENESIS, {
        "seq": 1, "at": T0, "officer_id": "o-1", "officer_name": "Rina Marlina",
        "entity": "person", "entity_id": "p-0", "action": "update",
        "old_values": '{"notes":"","phone":""}',
        "new_values": '{"notes":"Pindah ke Bandung","phone":"+628120000000"}',
        "collection_method": "langsung"})
    with db.engine.connect() as conn:
        assert audit.head(conn) == (3, rows[2].hash)
    assert check(db) == audit.ChainReport(True, 3, 3, rows[2].hash, None, None)


def test_moments_are_stored_as_naive_utc(db: Database) -> None:
    wib = timezone(timedelta(hours=7))
    write(db, [{"entity": "officer", "entity_id": "budi", "action": "login_failed",
                "at": datetime(2026, 11, 22, 10, 0, tzinfo=wib)}])
    before = datetime.now(UTC).replace(tzinfo=None)
    write(db, [{"entity": "officer", "entity_id": "budi", "action": "login_failed"}])
    rows = stored(db)
    assert rows[0].at.startswith("2026-11-22 03:00:00")
    assert datetime.fromisoformat(rows[1].at) >= before - timedelta(seconds=1)
    assert check(db).ok


def test_secrets_are_never_written(db: Database) -> None:
    write(db, [{"entity": "officer", "entity_id": "o-9", "action": "update",
                "old_values": {"password_hash": "$argon2id$old", "role": "petugas"},
                "new_values": {"password_hash": "$argon2id$new", "role": "admin"}}])
    (row,) = stored(db)
    assert json.loads(row.old_values) == {"password_hash": "***", "role": "petugas"}
    assert json.loads(row.new_values) == {"password_hash": "***", "role": "admin"}
    assert "argon2" not in f"{row.old_values}{row.new_values}"


def test_rows_of_a_rolled_back_transaction_vanish(db: Database) -> None:
    write(db, entries(1))
    with pytest.raises(RuntimeError), db.engine.begin() as conn:
        audit.append(conn, entries(3, start=1))
        assert audit.head(conn)[0] == 4  # visible inside the transaction
        raise RuntimeError("power cut")
    assert [r.seq for r in stored(db)] == [1]
    write(db, entries(1, start=5))  # the chain continues at 2, with no hole
    assert [r.seq for r in stored(db)] == [1, 2]
    assert check(db).ok


def test_the_orm_hook_is_installed_once_on_every_database(db: Database) -> None:
    assert audit.install_audit(db.sessions) is db.sessions  # a second install is a no-op
    with db.sessions.begin() as s:
        s.add(Village(code="32.07.12.2001", name="Karyamukti", district_code="32.07.12",
                      district_name="Banjaranyar", regency_code="32.07", regency_name="Ciamis",
                      province_code="32", province_name="Jawa Barat", post_name="Pos"))
    (row,) = stored(db)
    assert (row.entity, row.entity_id, row.action, row.officer_name) == (
        "village", "1", "create", None)
    assert json.loads(row.new_values)["name"] == "Karyamukti"


def test_a_large_batch_chains_in_one_go(db: Database) -> None:
    write(db, entries(5000))
    report = check(db)
    assert (report.ok, report.rows, report.head_seq) == (True, 5000, 5000)


# --------------------------------------------------------------------------
# The database refuses changes
# --------------------------------------------------------------------------


@pytest.mark.parametrize("sql", [
    "UPDATE audit_log SET new_values = '{\"phone\":\"palsu\"}' WHERE seq = 2",
    "UPDATE audit_log SET officer_name = 'Orang Lain'",
    "DELETE FROM audit_log WHERE seq = 2",
    "DELETE FROM audit_log",
])
def test_update_and_delete_are_refused_by_the_database(db: Database, sql: str) -> None:
    write(db, entries(3))
    before = stored(db)
    with pytest.raises((exc.IntegrityError, exc.OperationalError)) as info, \
            db.engine.begin() as conn:
        conn.execute(text(sql))
    assert "audit_log is append-only" in str(info.value)
    assert stored(db) == before
    assert check(db).ok


# --------------------------------------------------------------------------
# Tampering with the triggers dropped
# --------------------------------------------------------------------------


def test_a_changed_row_is_named(db: Database) -> None:
    write(db, entries(5))
    drop_triggers(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET new_values = '{\"phone\":\"palsu\"}' "
                          "WHERE seq = 3"))
    report = check(db)
    assert (report.ok, report.broken_seq, report.reason) == (False, 3, "hash")
    assert (report.rows, report.head_seq) == (5, 5)


@pytest.mark.parametrize("column, value", [
    ("officer_name", "'Orang Lain'"), ("at", "'2020-01-01 00:00:00.000000'"),
    ("action", "'create'"), ("collection_method", "NULL"), ("at", "'bukan tanggal'"),
])
def test_any_hashed_field_counts(db: Database, column: str, value: str) -> None:
    write(db, entries(4))
    drop_triggers(db)
    with db.engine.begin() as conn:
        conn.execute(text(f"UPDATE audit_log SET {column} = {value} WHERE seq = 2"))
    report = check(db)
    assert (report.ok, report.broken_seq, report.reason) == (False, 2, "hash")


def test_a_changed_row_with_a_recomputed_hash_breaks_the_next_link(db: Database) -> None:
    write(db, entries(4))
    drop_triggers(db)
    row = stored(db, "SELECT * FROM audit_log WHERE seq = 2")[0]
    forged = dict(row._mapping, officer_name="Orang Lain",
                  at=datetime.fromisoformat(row.at))
    new_hash = audit.row_hash(row.prev_hash, forged)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET officer_name = 'Orang Lain', hash = :h "
                          "WHERE seq = 2"), {"h": new_hash})
    report = check(db)
    assert (report.ok, report.broken_seq, report.reason) == (False, 3, "prev_hash")


def test_a_removed_middle_row_is_a_gap_at_its_number(db: Database) -> None:
    write(db, entries(6))
    drop_triggers(db)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE seq = 4"))
    report = check(db)
    assert (report.ok, report.broken_seq, report.reason) == (False, 4, "gap")
    assert (report.rows, report.head_seq) == (5, 6)


def test_a_removed_first_row_is_a_gap_at_one(db: Database) -> None:
    write(db, entries(3))
    drop_triggers(db)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE seq = 1"))
    report = check(db)
    assert (report.ok, report.broken_seq, report.reason) == (False, 1, "gap")


def test_an_untouched_chain_stays_sound_after_the_triggers_are_dropped(db: Database) -> None:
    write(db, entries(3))
    head_before = check(db)
    drop_triggers(db)
    assert check(db) == head_before
    assert head_before.ok
