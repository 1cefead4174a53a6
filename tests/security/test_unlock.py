"""Encryption at rest and key slots: opening by password, by recovery key, converting.

All on real files: SQLCipher databases, key files and plain SQLite files made
by the previous version of the app.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from desa_desktop.db import encryption
from desa_desktop.db.engine import Database
from desa_desktop.db.fileinfo import is_plain_sqlite
from desa_desktop.db.keystore import KeyStore, keys_path
from desa_desktop.db.migrate import backup_copy, open_database
from desa_desktop.domain import recovery_key
from desa_desktop.services import accounts, persons, unlock
from desa_desktop.services.accounts import LoginFailed, LoginThrottled
from desa_desktop.services.context import OfficerInfo, ServiceContext
from desa_desktop.services.errors import PermissionDenied, ServiceError, ValidationError
from desa_desktop.services.unlock import FileState
from tests.conftest import ADMIN_PASSWORD, TODAY, VILLAGE
from tests.services.helpers import nik_for, person_input

BIRTH = date(1990, 6, 5)
NIK = nik_for(BIRTH, "P", serial=3)


def add_person(ctx: ServiceContext, name: str = "Siti Aminah") -> str:
    return persons.create_person(ctx, person_input(name, sex="P", birth=BIRTH,
                                                   nik=NIK)).ids[0]


def test_a_new_database_is_encrypted_and_its_key_file_holds_no_key(
        db: Database, ctx: ServiceContext, db_path: Path) -> None:
    add_person(ctx)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = db_path.read_bytes()
    assert not is_plain_sqlite(db_path)
    assert b"Siti Aminah" not in raw and NIK.encode() not in raw
    keys = keys_path(db_path).read_text("utf-8")
    assert db.key is not None
    assert db.key.hex() not in keys and recovery_key.encode(db.key) not in keys
    assert list(json.loads(keys)["slots"]) == ["admin"]
    assert unlock.file_state(db_path) is FileState.ENCRYPTED


def test_the_right_password_opens_the_file_and_a_wrong_one_does_not(
        db: Database, ctx: ServiceContext, db_path: Path) -> None:
    add_person(ctx)
    db.close()
    opened = unlock.open_with_password(db_path, " Admin ", ADMIN_PASSWORD)
    try:
        assert opened.officer.username == "admin"
        assert persons.get_person(ServiceContext(opened.db, VILLAGE.code, opened.officer),
                                  persons_ids(opened.db)[0]).full_name == "Siti Aminah"
    finally:
        opened.db.close()
    for user, password in (("admin", "salah-sandi-1"), ("siapa", ADMIN_PASSWORD)):
        with pytest.raises(LoginFailed) as info:
            unlock.open_with_password(db_path, user, password)
        assert str(info.value) == "Nama pengguna atau kata sandi salah."


def persons_ids(db: Database) -> list[str]:
    with db.engine.connect() as conn:
        return [r[0] for r in conn.execute(text("SELECT id FROM person"))]


def test_failed_logins_make_the_next_attempt_wait_longer(db: Database, officer: OfficerInfo,
                                                         db_path: Path) -> None:
    now = 1_800_000_000.0
    for attempt in range(3):
        with pytest.raises(LoginFailed) as info:
            accounts.login(db, "admin", "salah-sandi-1", now=now + attempt)
        assert not isinstance(info.value, LoginThrottled)
    # The fourth try, even with the right password, must wait 5 seconds...
    with pytest.raises(LoginThrottled) as info:
        accounts.login(db, "admin", ADMIN_PASSWORD, now=now + 3)
    assert str(info.value) == "Terlalu banyak percobaan yang salah. Coba lagi dalam 4 detik."
    # ...and the wait is remembered by the file, not by the window: a restart does not reset it.
    db.close()
    with pytest.raises(LoginThrottled):
        unlock.open_with_password(db_path, "admin", ADMIN_PASSWORD, now=now + 4)
    # Another mistake after the wait doubles it.
    with pytest.raises(LoginFailed):
        unlock.open_with_password(db_path, "admin", "lagi-salah-2", now=now + 8)
    with pytest.raises(LoginThrottled) as info:
        unlock.open_with_password(db_path, "admin", ADMIN_PASSWORD, now=now + 9)
    assert info.value.params == {"seconds": 9}
    opened = unlock.open_with_password(db_path, "admin", ADMIN_PASSWORD, now=now + 18)
    opened.db.close()
    assert KeyStore(db_path).failures("admin").count == 0  # a success clears the count


def test_failed_attempts_reach_the_audit_log_at_the_next_login(
        db: Database, officer: OfficerInfo, db_path: Path) -> None:
    from desa_desktop.services import audit

    with pytest.raises(LoginFailed):
        accounts.login(db, "admin", "salah-sandi-1")
    with pytest.raises(LoginFailed):
        accounts.login(db, "tamu", "coba-coba-1")
    assert len(KeyStore(db_path).pending_attempts()) == 2
    accounts.login(db, "admin", ADMIN_PASSWORD)
    assert KeyStore(db_path).pending_attempts() == []
    with db.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT action, new_values FROM audit_log WHERE entity = 'officer' "
            "AND action LIKE 'login%' ORDER BY seq")).all()
    events = [(r[0], json.loads(r[1])["username"]) for r in rows]
    assert events == [("login_failed", "admin"), ("login_failed", "tamu"), ("login", "admin")]
    assert audit.verify_chain(db).ok


def test_a_password_change_rewrites_one_slot_not_the_database(
        db: Database, ctx: ServiceContext, db_path: Path) -> None:
    budi = accounts.create_officer(ctx, "budi", "Budi Santoso", "sandi-budi-99")
    store = KeyStore(db_path)
    admin_slot = json.loads(store.path.read_text())["slots"]["admin"]
    key_before = db.key
    accounts.reset_password(ctx, budi.id, "sandi-baru-77", "sandi-baru-77")
    with pytest.raises(LoginFailed):
        accounts.login(db, "budi", "sandi-budi-99")
    assert accounts.login(db, "budi", "sandi-baru-77").id == budi.id
    assert json.loads(store.path.read_text())["slots"]["admin"] == admin_slot
    db.close()
    opened = unlock.open_with_password(db_path, "admin", ADMIN_PASSWORD)
    assert opened.db.key == key_before
    opened.db.close()


def test_deactivating_an_account_removes_its_slot(db: Database, ctx: ServiceContext,
                                                   db_path: Path) -> None:
    budi = accounts.create_officer(ctx, "budi", "Budi Santoso", "sandi-budi-99")
    assert KeyStore(db_path).usernames() == ["admin", "budi"]
    accounts.deactivate_officer(ctx, budi.id)
    assert KeyStore(db_path).usernames() == ["admin"]
    with pytest.raises(LoginFailed):
        accounts.login(db, "budi", "sandi-budi-99")
    db.close()
    with pytest.raises(LoginFailed):
        unlock.open_with_password(db_path, "budi", "sandi-budi-99")


def test_only_an_admin_manages_accounts(db: Database, ctx: ServiceContext) -> None:
    budi = accounts.create_officer(ctx, "budi", "Budi Santoso", "sandi-budi-99")
    head = accounts.create_officer(ctx, "kades", "Kepala Desa", "sandi-kades-1",
                                   role="kepala_desa")
    for who in (budi, head):
        other = ServiceContext(db, VILLAGE.code, who, today=lambda: TODAY)
        with pytest.raises(PermissionDenied):
            accounts.create_officer(other, "baru", "Orang Baru", "sandi-baru-11")
        with pytest.raises(PermissionDenied):
            accounts.reset_password(other, ctx.officer_id, "sandi-baru-11", "sandi-baru-11")
        with pytest.raises(PermissionDenied):
            accounts.set_role(other, who.id, "admin")
        with pytest.raises(PermissionDenied):
            unlock.recovery_key_text(other)
    # An officer may change their own password.
    as_budi = ServiceContext(db, VILLAGE.code, budi, today=lambda: TODAY)
    accounts.reset_password(as_budi, budi.id, "sandi-sendiri-5", "sandi-sendiri-5")
    assert accounts.login(db, "budi", "sandi-sendiri-5").id == budi.id
    # The last admin stays an admin and cannot switch themselves off.
    with pytest.raises(ServiceError) as info:
        accounts.set_role(ctx, ctx.officer_id, "petugas")
    assert str(info.value) == "Harus ada paling sedikit satu admin."
    with pytest.raises(ServiceError):
        accounts.deactivate_officer(ctx, ctx.officer_id)


def test_the_recovery_key_opens_when_every_password_is_forgotten(
        db: Database, ctx: ServiceContext, db_path: Path) -> None:
    add_person(ctx)
    printed = unlock.recovery_key_text(ctx)
    db.close()
    with pytest.raises(ValidationError) as info:
        unlock.open_with_recovery(db_path, printed[:-1] + ("0" if printed[-1] != "0" else "1"),
                                  "admin", "sandi-baru-12", "sandi-baru-12")
    assert info.value.problems[0].field == "recovery_key"
    opened = unlock.open_with_recovery(db_path, printed.lower(), "admin", "sandi-baru-12",
                                       "sandi-baru-12")
    assert len(persons_ids(opened.db)) == 1
    opened.db.close()
    with pytest.raises(LoginFailed):
        unlock.open_with_password(db_path, "admin", ADMIN_PASSWORD)
    unlock.open_with_password(db_path, "admin", "sandi-baru-12").db.close()


def test_the_recovery_key_of_another_database_is_refused(db: Database, ctx: ServiceContext,
                                                         tmp_path: Path) -> None:
    other = unlock.create_database(tmp_path / "lain.sqlite3")
    accounts.set_up(other, VILLAGE, "admin", "Admin Lain", ADMIN_PASSWORD)
    assert other.key is not None
    foreign = recovery_key.encode(other.key)
    other.close()
    db.close()
    with pytest.raises(ValidationError) as info:
        unlock.open_with_recovery(db.path, foreign, "admin", "sandi-baru-12", "sandi-baru-12")
    assert str(info.value) == "Kunci pemulihan ini bukan milik database ini."


def test_a_lost_key_file_is_replaced_through_the_recovery_key(
        db: Database, ctx: ServiceContext, db_path: Path) -> None:
    add_person(ctx)
    budi = accounts.create_officer(ctx, "budi", "Budi Santoso", "sandi-budi-99")
    printed = unlock.recovery_key_text(ctx)
    db.close()
    keys_path(db_path).unlink()
    assert unlock.file_state(db_path) is FileState.KEYS_MISSING
    with pytest.raises(ServiceError) as info:
        unlock.open_with_password(db_path, "admin", ADMIN_PASSWORD)
    assert "kunci pemulihan" in str(info.value)
    with pytest.raises(ValidationError) as refused:
        unlock.open_with_recovery(db_path, printed, "budi", "sandi-baru-12", "sandi-baru-12")
    assert str(refused.value) == "Kunci pemulihan hanya dapat dipakai untuk akun admin."
    opened = unlock.open_with_recovery(db_path, printed, "admin", "sandi-baru-12",
                                       "sandi-baru-12")
    assert len(persons_ids(opened.db)) == 1
    # The admin gives Budi a slot again by setting his password.
    admin_ctx = ServiceContext(opened.db, VILLAGE.code, opened.officer)
    accounts.reset_password(admin_ctx, budi.id, "sandi-budi-00", "sandi-budi-00")
    opened.db.close()
    unlock.open_with_password(db_path, "budi", "sandi-budi-00").db.close()


# -- converting a plain database from the previous version ------------------------------

def plain_village(path: Path) -> tuple[str, str]:
    """A set-up plain database, as the previous version left it, with one person."""
    db, _ = open_database(path, None)
    try:
        admin = accounts.set_up(db, VILLAGE, "admin", "Admin Desa", ADMIN_PASSWORD)
        ctx = ServiceContext(db, VILLAGE.code, admin, today=lambda: TODAY)
        person_id = add_person(ctx)
        accounts.create_officer(ctx, "budi", "Budi Santoso", "sandi-budi-99")
    finally:
        db.close()
    return admin.id, person_id


def test_a_plain_database_is_encrypted_at_the_first_login(tmp_path: Path) -> None:
    path = tmp_path / "lama.sqlite3"
    _, person_id = plain_village(path)
    earlier = backup_copy(path, "sebelum-upgrade-0001")  # a plain backup of an old upgrade
    assert is_plain_sqlite(path) and is_plain_sqlite(earlier)
    assert unlock.file_state(path) is FileState.PLAIN

    opened = unlock.open_with_password(path, "admin", ADMIN_PASSWORD)
    try:
        assert opened.converted
        assert persons_ids(opened.db) == [person_id]
    finally:
        opened.db.close()
    assert not is_plain_sqlite(path)
    assert NIK.encode() not in path.read_bytes()
    # The plain copy taken for the conversion is gone; the older backup is now encrypted.
    leftovers = [p.name for p in tmp_path.iterdir() if is_plain_sqlite(p)]
    assert leftovers == []
    assert earlier.exists() and NIK.encode() not in earlier.read_bytes()
    assert KeyStore(path).usernames() == ["admin"]  # Budi needs the admin to set his password
    with pytest.raises(LoginFailed):
        unlock.open_with_password(path, "budi", "sandi-budi-99")
    unlock.open_with_password(path, "admin", ADMIN_PASSWORD).db.close()


def test_a_wrong_password_converts_nothing(tmp_path: Path) -> None:
    path = tmp_path / "lama.sqlite3"
    plain_village(path)
    with pytest.raises(LoginFailed):
        unlock.open_with_password(path, "admin", "salah-sandi-1")
    assert is_plain_sqlite(path) and not keys_path(path).exists()


def test_a_failed_check_keeps_the_plain_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "lama.sqlite3"
    _, person_id = plain_village(path)
    original = encryption._fingerprint
    calls: list[int] = []

    def differing(conn):  # the copy (second call) differs from the original
        calls.append(1)
        result = original(conn)
        return result if len(calls) == 1 else {**result, "person": (0, "")}

    monkeypatch.setattr(encryption, "_fingerprint", differing)
    with pytest.raises(encryption.ConversionError):
        unlock.open_with_password(path, "admin", ADMIN_PASSWORD)
    assert is_plain_sqlite(path)
    assert not path.with_name(path.name + ".encrypting").exists()
    monkeypatch.setattr(encryption, "_fingerprint", original)
    # The key file was written before the conversion: the next login resumes it.
    assert unlock.file_state(path) is FileState.PLAIN
    opened = unlock.open_with_password(path, "admin", ADMIN_PASSWORD)
    assert persons_ids(opened.db) == [person_id]
    opened.db.close()
    assert not is_plain_sqlite(path)
