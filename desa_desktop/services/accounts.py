"""First-run setup (village identity, first account) and logging in.

Passwords are hashed with argon2id at OWASP's recommended cost, so a copied
database file does not give away officers' passwords.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from desa_desktop.db.engine import Database
from desa_desktop.db.models import Officer, Village
from desa_desktop.services.context import OfficerInfo
from desa_desktop.services.errors import Problem, ServiceError, ValidationError

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
    if len(password) < MIN_PASSWORD:
        problems.append(
            Problem("password", "Kata sandi minimal {n} karakter.", {"n": MIN_PASSWORD})
        )
    elif password != repeat:
        problems.append(Problem("repeat", "Kedua kata sandi tidak sama."))
    return problems


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
    with db.sessions.begin() as s:
        s.add(Village(**{k: v.strip() for k, v in village.__dict__.items()}))
        officer = Officer(
            username=username, full_name=full_name.strip(), role="admin",
            password_hash=hash_password(password),
        )
        s.add(officer)
        s.flush()
        return OfficerInfo(officer.id, officer.username, officer.full_name, officer.role)


def create_officer(db: Database, username: str, full_name: str, password: str,
                   role: str = "petugas") -> OfficerInfo:
    problems = validate_account(username, full_name, password, password)
    if problems:
        raise ValidationError(problems)
    with db.sessions.begin() as s:
        if s.scalar(select(Officer.id).where(Officer.username == username)):
            raise ValidationError([Problem("username", "Nama pengguna ini sudah dipakai.")])
        officer = Officer(username=username, full_name=full_name.strip(), role=role,
                          password_hash=hash_password(password))
        s.add(officer)
        s.flush()
        return OfficerInfo(officer.id, officer.username, officer.full_name, officer.role)


def login(db: Database, username: str, password: str) -> OfficerInfo:
    """Check the password; raise ``LoginFailed`` with one message for any mistake."""
    with db.sessions.begin() as s:
        officer = s.scalars(
            select(Officer).where(Officer.username == username.strip().lower())
        ).first()
        if officer is None or not officer.active:
            _HASHER.hash(password)  # same cost whether or not the name exists
            raise LoginFailed("Nama pengguna atau kata sandi salah.")
        try:
            _HASHER.verify(officer.password_hash, password)
        except (VerificationError, InvalidHashError):
            raise LoginFailed("Nama pengguna atau kata sandi salah.") from None
        if _HASHER.check_needs_rehash(officer.password_hash):
            officer.password_hash = hash_password(password)
        return OfficerInfo(officer.id, officer.username, officer.full_name, officer.role)


def list_officers(db: Database) -> list[OfficerInfo]:
    with db.sessions() as s:
        rows = s.scalars(select(Officer).where(Officer.active).order_by(Officer.full_name))
        return [OfficerInfo(o.id, o.username, o.full_name, o.role) for o in rows]
