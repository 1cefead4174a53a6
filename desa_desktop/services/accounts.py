"""First-run setup (village identity, first account), accounts and logging in.

On an encrypted database a password is checked by opening the account's key
slot (argon2id at OWASP's cost, see ``db.keystore``); the argon2id hash kept
in the officer table is what a plain file from before encryption is checked
against when it is converted. Account rules live here, not in the screens:
only an admin adds accounts, changes roles or resets another's password.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desa_desktop.db.engine import Database
from desa_desktop.db.keystore import KeyStore, NoSlot, WrongSecret
from desa_desktop.db.models import Officer, Village
from desa_desktop.domain.login_delay import seconds_left
from desa_desktop.domain.reference import ROLES
from desa_desktop.services.context import OfficerInfo, ServiceContext
from desa_desktop.services.errors import (
    NotFoundError,
    PermissionDenied,
    Problem,
    ServiceError,
    ValidationError,
)

# OWASP (2023): argon2id, m=19 MiB, t=2, p=1.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
MIN_PASSWORD = 8


@dataclass(frozen=True)
class VillageInfo:
    """The village's identity as typed at setup; also the letterhead."""

    code: str
    name: str
    district_code: str
    district_name: str
    regency_code: str
    regency_name: str
    province_code: str
    province_name: str
    post_name: str
    address: str = ""


class LoginFailed(ServiceError):
    """Wrong user name or password (never says which, on purpose)."""


class LoginThrottled(LoginFailed):
    """Too many failures in a row: the next attempt must wait."""


_CODE_PATTERNS = {
    "province_code": (re.compile(r"^\d{2}$"), "32"),
    "regency_code": (re.compile(r"^\d{2}\.\d{2}$"), "32.07"),
    "district_code": (re.compile(r"^\d{2}\.\d{2}\.\d{2}$"), "32.07.12"),
    "code": (re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$"), "32.07.12.2001"),
}


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def validate_village(info: VillageInfo) -> list[Problem]:
    """Every name filled in and every Kemendagri code in its dotted shape and nested."""
    problems: list[Problem] = []
    for name_field in ("name", "district_name", "regency_name", "province_name", "post_name"):
        if not getattr(info, name_field).strip():
            problems.append(Problem(name_field, "Kolom ini wajib diisi."))
    for code_field, (pattern, example) in _CODE_PATTERNS.items():
        if not pattern.match(getattr(info, code_field).strip()):
            problems.append(
                Problem(code_field, "Kode wilayah harus seperti {example}.", {"example": example})
            )
    if not problems:
        chain = [c.strip() for c in (info.province_code, info.regency_code, info.district_code,
                                     info.code)]
        for parent, child, child_field in zip(
            chain, chain[1:], ("regency_code", "district_code", "code"), strict=False
        ):
            if not child.startswith(parent + "."):
                problems.append(
                    Problem(
                        child_field,
                        "Kode {child} tidak berada di bawah kode {parent}.",
                        {"child": child, "parent": parent},
                    )
                )
    return problems


def validate_account(username: str, full_name: str, password: str, repeat: str) -> list[Problem]:
    problems: list[Problem] = []
    if not re.match(r"^[a-z0-9_.]{3,50}$", username):
        problems.append(
            Problem(
                "username",
                "Nama pengguna 3-50 huruf kecil, angka, titik atau garis bawah, tanpa spasi.",
            )
        )
    if not full_name.strip():
        problems.append(Problem("full_name", "Kolom ini wajib diisi."))
    return problems + validate_password(password, repeat)


def validate_password(password: str, repeat: str) -> list[Problem]:
    if len(password) < MIN_PASSWORD:
        return [Problem("password", "Kata sandi minimal {n} karakter.", {"n": MIN_PASSWORD})]
    if password != repeat:
        return [Problem("repeat", "Kedua kata sandi tidak sama.")]
    return []


def is_set_up(db: Database) -> bool:
    """True once the village identity and at least one account exist."""
    with db.sessions() as s:
        has_village = s.scalar(select(func.count()).select_from(Village)) > 0
        has_officer = s.scalar(select(func.count()).select_from(Officer)) > 0
    return bool(has_village and has_officer)


def get_village(db: Database) -> VillageInfo | None:
    with db.sessions() as s:
        v = s.scalars(select(Village).limit(1)).first()
        if v is None:
            return None
        return VillageInfo(
            v.code, v.name, v.district_code, v.district_name, v.regency_code, v.regency_name,
            v.province_code, v.province_name, v.post_name, v.address,
        )


def _add_slot(db: Database, username: str, password: str) -> None:
    """Wrap the database key for a new or changed password (before the DB row changes:
    a slot without an account is harmless, an account without a slot is locked out)."""
    if db.key is None:
        return
    store = KeyStore(db.path)
    store.ensure(db.key)
    store.set_slot(username, password, db.key)


def set_up(
    db: Database, village: VillageInfo, username: str, full_name: str, password: str,
    repeat: str | None = None,
) -> OfficerInfo:
    """Store the village identity and the first (admin) account in one transaction."""
    problems = validate_village(village) + validate_account(
        username, full_name, password, password if repeat is None else repeat
    )
    if problems:
        raise ValidationError(problems)
    if is_set_up(db):
        raise ServiceError("Desa ini sudah disiapkan sebelumnya.")
    _add_slot(db, username, password)
    with db.sessions.begin() as s:
        s.add(Village(**{k: v.strip() for k, v in village.__dict__.items()}))
        officer = Officer(
            username=username, full_name=full_name.strip(), role="admin",
            password_hash=hash_password(password),
        )
        s.add(officer)
        s.flush()
        info = _info(officer)
    # The post's keys (letters and bundles) are made at setup, inside the encrypted file.
    from desa_desktop.services import bundle_keys

    bundle_keys.ensure_post_keys(ServiceContext(db, village.code.strip(), info))
    return info


def _info(officer: Officer) -> OfficerInfo:
    return OfficerInfo(officer.id, officer.username, officer.full_name, officer.role)


def require_admin(ctx: ServiceContext) -> None:
    """Accounts, settings and keys are the admin's; refuse everyone else in the service."""
    if ctx.officer is None or ctx.officer.role != "admin":
        raise PermissionDenied("Hanya admin yang dapat mengatur akun dan kunci.")


def create_officer(ctx: ServiceContext, username: str, full_name: str, password: str,
                   role: str = "petugas", repeat: str | None = None) -> OfficerInfo:
    """Add an account (admin only) with its own key slot."""
    require_admin(ctx)
    problems = validate_account(username, full_name, password,
                                password if repeat is None else repeat)
    if role not in ROLES:
        problems.append(Problem("role", "Pilih peran akun."))
    if problems:
        raise ValidationError(problems)
    db = ctx.db
    with db.sessions() as s:
        if s.scalar(select(Officer.id).where(Officer.username == username)):
            raise ValidationError([Problem("username", "Nama pengguna ini sudah dipakai.")])
    _add_slot(db, username, password)
    with db.sessions.begin() as s:
        s.info["actor_id"] = ctx.officer_id
        officer = Officer(username=username, full_name=full_name.strip(), role=role,
                          password_hash=hash_password(password))
        s.add(officer)
        s.flush()
        return _info(officer)


def reset_password(ctx: ServiceContext, officer_id: str, password: str, repeat: str) -> None:
    """Give an account a new password (admin, or the officer for their own account).

    Only the account's key slot is rewritten; the database stays as it is.
    """
    if ctx.officer is None or (ctx.officer.id != officer_id and ctx.officer.role != "admin"):
        raise PermissionDenied("Hanya admin yang dapat mengganti kata sandi akun lain.")
    problems = validate_password(password, repeat)
    if problems:
        raise ValidationError(problems)
    db = ctx.db
    with db.sessions() as s:
        officer = s.get(Officer, officer_id)
        if officer is None or not officer.active:
            raise NotFoundError("Akun tidak ditemukan.")
        username = officer.username
    _add_slot(db, username, password)
    with db.sessions.begin() as s:
        s.info["actor_id"] = ctx.officer_id
        officer = s.get(Officer, officer_id)
        officer.password_hash = hash_password(password)
    if db.key is not None:
        KeyStore(db.path).record_attempt(username, ok=True, at=time.time())


def set_password_hash(db: Database, officer_id: str, password: str) -> None:
    """Keep the officer table's hash in step with a slot set outside ``reset_password``."""
    with db.sessions.begin() as s:
        s.info["actor_id"] = officer_id
        officer = s.get(Officer, officer_id)
        if officer is not None:
            officer.password_hash = hash_password(password)


def set_role(ctx: ServiceContext, officer_id: str, role: str) -> OfficerInfo:
    """Change an account's role (admin only); the last admin cannot stop being one."""
    require_admin(ctx)
    if role not in ROLES:
        raise ValidationError([Problem("role", "Pilih peran akun.")])
    with ctx.db.sessions.begin() as s:
        s.info["actor_id"] = ctx.officer_id
        officer = s.get(Officer, officer_id)
        if officer is None or not officer.active:
            raise NotFoundError("Akun tidak ditemukan.")
        if officer.role == "admin" and role != "admin" and _admins(s) <= 1:
            raise ServiceError("Harus ada paling sedikit satu admin.")
        officer.role = role
        return _info(officer)


def deactivate_officer(ctx: ServiceContext, officer_id: str) -> None:
    """Close an account (admin only): it can no longer log in and its key slot is removed.

    The row stays, so the audit log still names who made past changes.
    """
    require_admin(ctx)
    if officer_id == ctx.officer_id:
        raise ServiceError("Anda tidak dapat menonaktifkan akun Anda sendiri.")
    with ctx.db.sessions.begin() as s:
        s.info["actor_id"] = ctx.officer_id
        officer = s.get(Officer, officer_id)
        if officer is None or not officer.active:
            raise NotFoundError("Akun tidak ditemukan.")
        if officer.role == "admin" and _admins(s) <= 1:
            raise ServiceError("Harus ada paling sedikit satu admin.")
        officer.active = False
        username = officer.username
    if ctx.db.key is not None:
        KeyStore(ctx.db.path).remove_slot(username)


def _admins(s: Session) -> int:
    return int(s.scalar(select(func.count()).select_from(Officer).where(
        Officer.role == "admin", Officer.active)) or 0)


def check_throttle(db_path: Path, username: str, now: float) -> None:
    """Refuse an attempt while the wait after earlier failures has not run out."""
    store = KeyStore(db_path)
    if not store.exists():
        return
    failures = store.failures(username)
    left = seconds_left(failures.count, failures.last, now)
    if left:
        raise LoginThrottled(
            "Terlalu banyak percobaan yang salah. Coba lagi dalam {seconds} detik.",
            seconds=left,
        )


def note_failure(db_path: Path, username: str, now: float) -> None:
    """Count a failed attempt (it reaches the audit log at the next successful login)."""
    store = KeyStore(db_path)
    if store.exists():
        store.record_attempt(username, ok=False, at=now)


def login(db: Database, username: str, password: str, now: float | None = None) -> OfficerInfo:
    """Check the password of an open database (unlock screen, switch officer, CLI).

    On an encrypted database the password must open the account's key slot
    and the slot must hold this database's key; failures in a row make the
    next attempt wait (see ``domain.login_delay``) and are logged.
    Raises ``LoginFailed`` with one message for any mistake.
    """
    now = time.time() if now is None else now
    username = username.strip().lower()
    check_throttle(db.path, username, now)
    try:
        officer = _verify(db, username, password)
    except LoginFailed:
        note_failure(db.path, username, now)
        raise
    record_login(db, officer, now)
    return officer


def _verify(db: Database, username: str, password: str) -> OfficerInfo:
    if db.key is not None:
        store = KeyStore(db.path)
        try:
            key = store.unwrap(username, password)
        except NoSlot:
            store.burn_password_time(password)  # same cost whether or not the name exists
            raise LoginFailed("Nama pengguna atau kata sandi salah.") from None
        except WrongSecret:
            raise LoginFailed("Nama pengguna atau kata sandi salah.") from None
        if key != db.key:
            raise LoginFailed("Nama pengguna atau kata sandi salah.")
        return officer_by_name(db, username)
    with db.sessions.begin() as s:
        officer = s.scalars(select(Officer).where(Officer.username == username)).first()
        if officer is None or not officer.active:
            _HASHER.hash(password)  # same cost whether or not the name exists
            raise LoginFailed("Nama pengguna atau kata sandi salah.")
        try:
            _HASHER.verify(officer.password_hash, password)
        except (VerificationError, InvalidHashError):
            raise LoginFailed("Nama pengguna atau kata sandi salah.") from None
        return _info(officer)


def officer_by_name(db: Database, username: str) -> OfficerInfo:
    """The active account called ``username``, or ``LoginFailed``."""
    with db.sessions() as s:
        officer = s.scalars(select(Officer).where(Officer.username == username)).first()
        if officer is None or not officer.active:
            raise LoginFailed("Nama pengguna atau kata sandi salah.")
        return _info(officer)


def record_login(db: Database, officer: OfficerInfo, now: float) -> None:
    """Clear the failure count and move queued failed attempts into the audit log."""
    if db.key is None:
        return
    store = KeyStore(db.path)
    store.record_attempt(officer.username, ok=True, at=now)
    pending = store.pending_attempts()
    log_login_events(db, officer, pending, now)
    store.drop_attempts(len(pending))


def log_login_events(db: Database, officer: OfficerInfo, failed: list[dict[str, Any]],
                     now: float) -> None:
    """Write the failed attempts since the last login, and this login, to the audit log."""
    from desa_desktop.services import audit

    for attempt in failed:
        audit.log_event(db, "login_failed", attempt["username"],
                        at=datetime.fromtimestamp(attempt["at"], UTC).replace(tzinfo=None))
    audit.log_event(db, "login", officer.username, officer_id=officer.id,
                    at=datetime.fromtimestamp(now, UTC).replace(tzinfo=None))


def list_officers(db: Database) -> list[OfficerInfo]:
    with db.sessions() as s:
        rows = s.scalars(select(Officer).where(Officer.active).order_by(Officer.full_name))
        return [_info(o) for o in rows]
