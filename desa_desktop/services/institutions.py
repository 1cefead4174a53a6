"""The directory of institutions cases are referred to (Disnaker, BP3MI, police...).

Seeded once from the list in DOMAIN.md (``case_reference.SEED_INSTITUTIONS``)
so a new post can refer its first case at once; the officer then fills in
local addresses and phone numbers, adds the LBH or clinic nearby, and
removes what does not exist in the regency. A removed institution is a
tombstone: referrals made to it keep its name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desa_desktop.db.case_models import Institution
from desa_desktop.domain.case_reference import INSTITUTION_KIND, SEED_INSTITUTIONS
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.errors import Problem, ValidationError
from desa_desktop.services.records import load, stamp_new, tombstone, touch

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+()\-\s]{3,30}$")


@dataclass(frozen=True)
class InstitutionInput:
    name: str
    kind: str = "lainnya"
    address: str = ""
    phone: str = ""
    email: str = ""
    contact_person: str = ""


@dataclass(frozen=True)
class InstitutionView(InstitutionInput):
    id: str = ""
    code: str = ""


def _view(i: Institution) -> InstitutionView:
    return InstitutionView(i.name, i.kind, i.address, i.phone, i.email, i.contact_person,
                           id=i.id, code=i.code)


def _seed(ctx: ServiceContext, s: Session) -> None:
    """Insert the seed list once; never again, even when every entry was removed."""
    if s.scalar(select(func.count()).select_from(Institution)):
        return
    for code, name, kind, address, phone in SEED_INSTITUTIONS:
        s.add(stamp_new(ctx, Institution(code=code, name=name, kind=kind, address=address,
                                         phone=phone)))


def list_institutions(ctx: ServiceContext) -> list[InstitutionView]:
    """Every live institution, by name; the seed list is written on the very first call."""
    with ctx.db.sessions.begin() as s:
        _seed(ctx, s)
        s.flush()
        rows = s.scalars(select(Institution).where(Institution.deleted_at.is_(None))
                         .order_by(func.lower(Institution.name))).all()
        return [_view(i) for i in rows]


def get_institution(ctx: ServiceContext, institution_id: str) -> InstitutionView:
    with ctx.db.sessions() as s:
        return _view(load(s, Institution, institution_id))


def _clean(data: InstitutionInput) -> dict[str, str]:
    return {"name": " ".join(data.name.split()), "kind": data.kind,
            "address": data.address.strip(), "phone": data.phone.strip(),
            "email": data.email.strip(), "contact_person": " ".join(data.contact_person.split())}


def _validate(s: Session, values: dict[str, str], own_id: str | None) -> None:
    problems: list[Problem] = []
    if not values["name"]:
        problems.append(Problem("name", "Isi nama lembaga."))
    elif len(values["name"]) > 200:
        problems.append(Problem("name", "Nama lembaga terlalu panjang (paling banyak 200 huruf)."))
    else:
        same = s.scalars(select(Institution).where(
            func.lower(Institution.name) == values["name"].lower(),
            Institution.deleted_at.is_(None))).first()
        if same is not None and same.id != own_id:
            problems.append(Problem("name", "Lembaga dengan nama ini sudah ada di daftar."))
    if values["kind"] not in INSTITUTION_KIND:
        problems.append(Problem("kind", "Pilih jenis lembaga."))
    if values["email"] and not _EMAIL.match(values["email"]):
        problems.append(Problem("email", "Alamat email tidak valid."))
    if values["phone"] and not _PHONE.match(values["phone"]):
        problems.append(Problem("phone", "Nomor telepon lembaga hanya berisi angka, +, ( ), -."))
    if problems:
        raise ValidationError(problems)


def create_institution(ctx: ServiceContext, data: InstitutionInput) -> Change:
    ctx.require_editor()
    values = _clean(data)
    with ctx.db.sessions.begin() as s:
        _seed(ctx, s)
        _validate(s, values, None)
        record = stamp_new(ctx, Institution(code="", **values))
        s.add(record)
        s.flush()
        return Change("institution", (record.id,), "created")


def update_institution(ctx: ServiceContext, institution_id: str,
                       data: InstitutionInput) -> Change:
    ctx.require_editor()
    values = _clean(data)
    with ctx.db.sessions.begin() as s:
        record = load(s, Institution, institution_id)
        _validate(s, values, institution_id)
        for key, value in values.items():
            setattr(record, key, value)
        touch(ctx, record)
        return Change("institution", (institution_id,), "updated")


def delete_institution(ctx: ServiceContext, institution_id: str) -> Change:
    """Remove from the directory; earlier referrals keep showing its name."""
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        tombstone(ctx, load(s, Institution, institution_id))
        return Change("institution", (institution_id,), "deleted")
