"""First-run setup, accounts and logging in (desa_desktop.services.accounts)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import text

from desa_desktop.db.engine import Database
from desa_desktop.services import accounts
from desa_desktop.services.accounts import LoginFailed
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import ServiceError, ValidationError
from tests.conftest import ADMIN_PASSWORD, VILLAGE
from tests.services.helpers import count_rows

LOGIN_FAILED = "Nama pengguna atau kata sandi salah."


def as_admin(db: Database) -> ServiceContext:
    """The set-up admin's context (only an admin may add accounts)."""
    return ServiceContext(db, VILLAGE.code, accounts.officer_by_name(db, "admin"))


def problems_by_field(err: ValidationError) -> dict[str | None, str]:
    return {p.field: p.text for p in err.problems}


def test_set_up_stores_the_village_and_the_admin(db: Database) -> None:
    assert not accounts.is_set_up(db)
    assert accounts.get_village(db) is None

    admin = accounts.set_up(db, VILLAGE, "admin", "  Admin Desa ", ADMIN_PASSWORD)

    assert accounts.is_set_up(db)
    assert admin.username == "admin"
    assert admin.full_name == "Admin Desa"
    assert admin.role == "admin"
    assert accounts.get_village(db) == VILLAGE
    assert [(o.id, o.role) for o in accounts.list_officers(db)] == [(admin.id, "admin")]


def test_village_fields_are_trimmed(db: Database) -> None:
    padded = dataclasses.replace(VILLAGE, name="  Karyamukti ", code=" 32.07.12.2001 ")
    accounts.set_up(db, padded, "admin", "Admin Desa", ADMIN_PASSWORD)
    village = accounts.get_village(db)
    assert village is not None
    assert (village.name, village.code) == ("Karyamukti", "32.07.12.2001")


def test_login_with_the_right_password(db: Database) -> None:
    admin = accounts.set_up(db, VILLAGE, "admin", "Admin Desa", ADMIN_PASSWORD)
    assert accounts.login(db, "admin", ADMIN_PASSWORD) == admin
    # The name is forgiving about case and stray spaces, the password is not.
    assert accounts.login(db, " Admin ", ADMIN_PASSWORD).id == admin.id
    with pytest.raises(LoginFailed):
        accounts.login(db, "admin", ADMIN_PASSWORD.upper())


def test_wrong_password_and_unknown_user_look_the_same(db: Database) -> None:
    accounts.set_up(db, VILLAGE, "admin", "Admin Desa", ADMIN_PASSWORD)
    with pytest.raises(LoginFailed) as wrong_password:
        accounts.login(db, "admin", "bukan-sandinya")
    with pytest.raises(LoginFailed) as unknown_user:
        accounts.login(db, "siapa", ADMIN_PASSWORD)
    assert str(wrong_password.value) == LOGIN_FAILED
    assert str(unknown_user.value) == LOGIN_FAILED
    assert wrong_password.value.field == unknown_user.value.field


def test_password_is_stored_as_an_argon2id_hash(db: Database, db_path: Path) -> None:
    admin = accounts.set_up(db, VILLAGE, "admin", "Admin Desa", ADMIN_PASSWORD)
    officer = accounts.create_officer(as_admin(db), "budi", "Budi", "sandi-budi-99")
    with db.engine.connect() as conn:
        hashes = dict(conn.execute(text("SELECT id, password_hash FROM officer")).all())
    assert hashes[admin.id].startswith("$argon2id$")
    assert hashes[officer.id].startswith("$argon2id$")
    assert ADMIN_PASSWORD not in hashes[admin.id]
    assert hashes[admin.id] != hashes[officer.id]
    assert PasswordHasher().verify(hashes[admin.id], ADMIN_PASSWORD)

    # Nowhere in the file (nor its write-ahead log) is the plain password, nor any
    # plain text at all: the file is encrypted.
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(FULL)")
    raw = db_path.read_bytes()
    wal = Path(f"{db_path}-wal")
    if wal.exists():
        raw += wal.read_bytes()
    assert len(raw) > 4096 and b"Admin Desa" not in raw and b"SQLite format 3" not in raw
    assert ADMIN_PASSWORD.encode() not in raw
    assert b"sandi-budi-99" not in raw


@pytest.mark.parametrize(
    ("field", "value", "example"),
    [
        ("province_code", "3", "32"),
        ("regency_code", "32.7", "32.07"),
        ("regency_code", "3207", "32.07"),
        ("district_code", "32.07.1", "32.07.12"),
        ("code", "32.07.12.201", "32.07.12.2001"),
        ("code", "32.07.12.20O1", "32.07.12.2001"),
    ],
)
def test_badly_shaped_kemendagri_codes_are_refused(db: Database, field: str, value: str,
                                                   example: str) -> None:
    village = dataclasses.replace(VILLAGE, **{field: value})
    with pytest.raises(ValidationError) as info:
        accounts.set_up(db, village, "admin", "Admin Desa", ADMIN_PASSWORD)
    assert problems_by_field(info.value) == {field: f"Kode wilayah harus seperti {example}."}
    assert not accounts.is_set_up(db)
    assert count_rows(db, "village") == 0
    assert count_rows(db, "officer") == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"regency_code": "33.07"}, "regency_code",
         "Kode 33.07 tidak berada di bawah kode 32."),
        ({"district_code": "32.08.12"}, "district_code",
         "Kode 32.08.12 tidak berada di bawah kode 32.07."),
        ({"code": "32.07.13.2001"}, "code",
         "Kode 32.07.13.2001 tidak berada di bawah kode 32.07.12."),
    ],
)
def test_codes_must_be_nested(db: Database, changes: dict[str, str], field: str,
                              message: str) -> None:
    with pytest.raises(ValidationError) as info:
        accounts.set_up(db, dataclasses.replace(VILLAGE, **changes), "admin", "Admin Desa",
                        ADMIN_PASSWORD)
    found = problems_by_field(info.value)
    assert info.value.problems[0].field == field
    assert found[field] == message
    assert not accounts.is_set_up(db)


def test_every_problem_of_the_setup_form_is_reported_at_once(db: Database) -> None:
    village = dataclasses.replace(VILLAGE, name=" ", post_name="", province_code="3")
    with pytest.raises(ValidationError) as info:
        accounts.set_up(db, village, "Admin Desa", "", "pendek")
    found = problems_by_field(info.value)
    assert found["name"] == "Kolom ini wajib diisi."
    assert found["post_name"] == "Kolom ini wajib diisi."
    assert found["province_code"] == "Kode wilayah harus seperti 32."
    assert "username" in found  # a space is not allowed in a user name
    assert found["full_name"] == "Kolom ini wajib diisi."
    assert found["password"] == "Kata sandi minimal 8 karakter."
    assert str(info.value) == info.value.problems[0].text


def test_short_password_is_refused(db: Database) -> None:
    with pytest.raises(ValidationError) as info:
        accounts.set_up(db, VILLAGE, "admin", "Admin Desa", "1234567")
    assert problems_by_field(info.value) == {"password": "Kata sandi minimal 8 karakter."}
    assert info.value.problems[0].params == {"n": 8}
    assert not accounts.is_set_up(db)
    # Eight characters is enough.
    accounts.set_up(db, VILLAGE, "admin", "Admin Desa", "12345678")
    assert accounts.login(db, "admin", "12345678").role == "admin"


def test_repeated_password_must_match(db: Database) -> None:
    with pytest.raises(ValidationError) as info:
        accounts.set_up(db, VILLAGE, "admin", "Admin Desa", ADMIN_PASSWORD, "rahasia-desa-2")
    assert problems_by_field(info.value) == {"repeat": "Kedua kata sandi tidak sama."}


def test_setting_up_twice_is_refused(db: Database) -> None:
    accounts.set_up(db, VILLAGE, "admin", "Admin Desa", ADMIN_PASSWORD)
    other = dataclasses.replace(VILLAGE, name="Desa Lain")
    with pytest.raises(ServiceError) as info:
        accounts.set_up(db, other, "admin2", "Admin Lain", "sandi-lain-123")
    assert str(info.value) == "Desa ini sudah disiapkan sebelumnya."
    assert count_rows(db, "village") == 1
    assert count_rows(db, "officer") == 1
    assert accounts.get_village(db) == VILLAGE
    with pytest.raises(LoginFailed):
        accounts.login(db, "admin2", "sandi-lain-123")


def test_create_officer_and_log_in(db: Database) -> None:
    accounts.set_up(db, VILLAGE, "admin", "Admin Desa", ADMIN_PASSWORD)
    budi = accounts.create_officer(as_admin(db), "budi", "Budi Santoso", "sandi-budi-99")
    assert budi.role == "petugas"
    assert accounts.login(db, "budi", "sandi-budi-99") == budi
    head = accounts.create_officer(as_admin(db), "kades", "Kepala Desa", "sandi-kades-1",
                                   role="kepala_desa")
    assert accounts.login(db, "kades", "sandi-kades-1").role == "kepala_desa"
    names = [o.full_name for o in accounts.list_officers(db)]
    assert names == sorted(names)
    assert {o.id for o in accounts.list_officers(db)} >= {budi.id, head.id}


def test_duplicate_username_is_refused(db: Database) -> None:
    accounts.set_up(db, VILLAGE, "admin", "Admin Desa", ADMIN_PASSWORD)
    accounts.create_officer(as_admin(db), "budi", "Budi Santoso", "sandi-budi-99")
    with pytest.raises(ValidationError) as info:
        accounts.create_officer(as_admin(db), "budi", "Budi Lain", "sandi-lain-99")
    assert problems_by_field(info.value) == {"username": "Nama pengguna ini sudah dipakai."}
    assert count_rows(db, "officer") == 2
    # The first Budi's password still works, the second one's never did.
    accounts.login(db, "budi", "sandi-budi-99")
    with pytest.raises(LoginFailed):
        accounts.login(db, "budi", "sandi-lain-99")


@pytest.mark.parametrize("username", ["Budi", "bu", "budi santoso", "budi!"])
def test_bad_usernames_are_refused(db: Database, username: str) -> None:
    accounts.set_up(db, VILLAGE, "admin", "Admin Desa", ADMIN_PASSWORD)
    with pytest.raises(ValidationError) as info:
        accounts.create_officer(as_admin(db), username, "Budi", "sandi-budi-99")
    assert list(problems_by_field(info.value)) == ["username"]
    assert count_rows(db, "officer") == 1
