"""Persons: register, check, edit, delete and restore.

Rules that stop a save: a bad NIK, a NIK already registered (the officer is
offered the existing record instead), missing name or sex. Rules that only
warn, because old records do contain errors and a warning must never be
"fixed" silently: the sex or birth date typed disagrees with the NIK, or a
person with the same normalised name and birth date already exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desa_desktop.db.models import Household, Person
from desa_desktop.domain.names import clean_name, name_key
from desa_desktop.domain.nik import NikError, cross_check, parse_nik
from desa_desktop.domain.phone import PhoneError, normalise_phone
from desa_desktop.domain.reference import (
    COLLECTION_METHOD,
    EDUCATION,
    MARITAL_STATUS,
    RELATION_TO_HEAD,
    SEX,
)
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.errors import DuplicateError, Problem, ServiceError, ValidationError
from desa_desktop.services.records import load, revive, stamp_new, tombstone, touch
from desa_desktop.services.status_refresh import refresh_households


@dataclass(frozen=True)
class PersonInput:
    """What the person form holds, as typed."""

    nik: str
    full_name: str
    sex: str
    birth_place: str = ""
    birth_date: date | None = None
    phone: str = ""
    education: str = ""
    marital_status: str = ""
    relation_to_head: str = ""
    household_id: str | None = None
    passport_number: str = ""
    collection_method: str = "langsung"
    collected_on: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class PossibleDuplicate:
    """An existing person who looks like the one being typed."""

    id: str
    full_name: str
    nik: str
    birth_date: date | None


@dataclass(frozen=True)
class PersonCheck:
    """Everything the form should tell the officer before saving."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    duplicates: list[PossibleDuplicate] = field(default_factory=list)

    @property
    def can_save(self) -> bool:
        return not self.problems


class NeedsConfirmation(ServiceError):
    """Saving needs the officer's confirmation of the warnings in ``check``."""

    def __init__(self, check: PersonCheck) -> None:
        self.check = check
        super().__init__("Periksa peringatan sebelum menyimpan.")


@dataclass(frozen=True)
class PersonView:
    """A person as the form and the detail pane show them."""

    id: str
    nik: str
    full_name: str
    sex: str
    birth_place: str
    birth_date: date | None
    phone: str
    education: str
    marital_status: str
    relation_to_head: str
    household_id: str | None
    passport_number: str
    collection_method: str
    collected_on: date | None
    notes: str
    status: str
    last_country: str
    created_at: object
    updated_at: object
    changed_by: str | None
    deleted: bool

    def as_input(self) -> PersonInput:
        return PersonInput(
            self.nik, self.full_name, self.sex, self.birth_place, self.birth_date, self.phone,
            self.education, self.marital_status, self.relation_to_head, self.household_id,
            self.passport_number, self.collection_method, self.collected_on, self.notes,
        )


def _clean(data: PersonInput, today: date) -> tuple[dict, PersonCheck]:
    problems: list[Problem] = []
    warnings: list[Problem] = []
    nik: str | None = None
    if data.nik.strip():
        try:
            parts = parse_nik(data.nik, today=today)
            nik = parts.nik
            typed_sex = data.sex if data.sex in SEX else None
            for mismatch in cross_check(parts, sex=typed_sex, birth_date=data.birth_date):
                warnings.append(Problem(mismatch.field, mismatch.message, dict(mismatch.params)))
        except NikError as err:
            problems.append(Problem.of(err))
    name = clean_name(data.full_name)
    if not name:
        problems.append(Problem("full_name", "Nama lengkap wajib diisi."))
    if data.sex not in SEX:
        problems.append(Problem("sex", "Pilih jenis kelamin."))
    if data.birth_date and data.birth_date > today:
        problems.append(Problem("birth_date", "Tanggal lahir tidak boleh di masa depan."))
    phone = ""
    try:
        phone = normalise_phone(data.phone)
    except PhoneError as err:
        problems.append(Problem.of(err))
    for key, allowed in (("education", EDUCATION), ("marital_status", MARITAL_STATUS),
                         ("relation_to_head", RELATION_TO_HEAD),
                         ("collection_method", COLLECTION_METHOD)):
        if getattr(data, key) not in allowed:
            problems.append(Problem(key, "Pilihan tidak dikenal."))
    if data.collected_on and data.collected_on > today:
        problems.append(Problem("collected_on", "Tanggal pendataan tidak boleh di masa depan."))
    values = {
        "nik": nik,
        "full_name": name,
        "name_key": name_key(name),
        "sex": data.sex,
        "birth_place": clean_name(data.birth_place),
        "birth_date": data.birth_date,
        "phone": phone,
        "education": data.education,
        "marital_status": data.marital_status,
        "relation_to_head": data.relation_to_head,
        "household_id": data.household_id or None,
        "passport_number": data.passport_number.strip().upper(),
        "collection_method": data.collection_method,
        "collected_on": data.collected_on,
        "notes": data.notes.strip(),
    }
    return values, PersonCheck(problems, warnings)


def _nik_owner(session: Session, nik: str | None, own_id: str | None) -> Person | None:
    if nik is None:
        return None
    query = select(Person).where(Person.nik == nik, Person.deleted_at.is_(None))
    if own_id:
        query = query.where(Person.id != own_id)
    return session.scalars(query).first()


def _likely_duplicates(session: Session, values: dict, own_id: str | None
                       ) -> list[PossibleDuplicate]:
    if values["birth_date"] is None or not values["name_key"]:
        return []
    query = select(Person).where(
        Person.name_key == values["name_key"],
        Person.birth_date == values["birth_date"],
        Person.deleted_at.is_(None),
    )
    if own_id:
        query = query.where(Person.id != own_id)
    return [PossibleDuplicate(p.id, p.full_name, p.nik or "", p.birth_date)
            for p in session.scalars(query.limit(10))]


def _raise_duplicate_nik(owner: Person) -> None:
    raise DuplicateError(
        "NIK ini sudah terdaftar atas nama {name}. Buka data yang sudah ada.",
        owner.id, field="nik", name=owner.full_name,
    )


def check_person(ctx: ServiceContext, data: PersonInput, own_id: str | None = None
                 ) -> PersonCheck:
    """Validate without saving: errors, NIK mismatches and likely duplicates."""
    values, check = _clean(data, ctx.today())
    with ctx.db.sessions() as s:
        owner = _nik_owner(s, values["nik"], own_id)
        problems = list(check.problems)
        if owner is not None:
            problems.append(Problem(
                "nik", "NIK ini sudah terdaftar atas nama {name}. Buka data yang sudah ada.",
                {"name": owner.full_name},
            ))
        duplicates = _likely_duplicates(s, values, own_id)
    warnings = list(check.warnings)
    if duplicates:
        warnings.append(Problem(
            "full_name",
            "Sudah ada {count} orang dengan nama dan tanggal lahir yang sama.",
            {"count": len(duplicates)},
        ))
    return PersonCheck(problems, warnings, duplicates)


def _save_checks(session: Session, ctx: ServiceContext, data: PersonInput,
                 own_id: str | None, confirmed: bool) -> dict:
    values, check = _clean(data, ctx.today())
    if check.problems:
        raise ValidationError(check.problems)
    owner = _nik_owner(session, values["nik"], own_id)
    if owner is not None:
        _raise_duplicate_nik(owner)
    current = session.get(Person, own_id).household_id if own_id else None
    if values["household_id"] and values["household_id"] != current:
        # Only a newly chosen household must be live: a member of a household
        # deleted meanwhile can still be edited without being moved.
        load(session, Household, values["household_id"])
    if not confirmed:
        duplicates = _likely_duplicates(session, values, own_id)
        if check.warnings or duplicates:
            raise NeedsConfirmation(check_person(ctx, data, own_id))
    return values


def create_person(ctx: ServiceContext, data: PersonInput, *, confirmed: bool = False) -> Change:
    """Register a person; ``confirmed`` says the officer has seen the warnings."""
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        values = _save_checks(s, ctx, data, None, confirmed)
        person = stamp_new(ctx, Person(**values))
        s.add(person)
        s.flush()
        refresh_households(s, [person.household_id], [person.id], ctx.today())
        return Change("person", (person.id,), "created")


def update_person(ctx: ServiceContext, person_id: str, data: PersonInput, *,
                  confirmed: bool = False) -> Change:
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        person = load(s, Person, person_id)
        values = _save_checks(s, ctx, data, person_id, confirmed)
        old_household = person.household_id
        for key, value in values.items():
            setattr(person, key, value)
        touch(ctx, person)
        s.flush()
        refresh_households(s, [old_household, person.household_id], [person.id], ctx.today())
        return Change("person", (person_id,), "updated")


def delete_person(ctx: ServiceContext, person_id: str) -> Change:
    """Move a person to the bin (tombstone): undo or the bin bring them back."""
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        person = load(s, Person, person_id)
        tombstone(ctx, person)
        s.flush()
        refresh_households(s, [person.household_id], [], ctx.today())
        return Change("person", (person_id,), "deleted")


def restore_person(ctx: ServiceContext, person_id: str) -> Change:
    """Bring a person back from the bin, unless their NIK was registered again meanwhile."""
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        person = load(s, Person, person_id, live=False)
        owner = _nik_owner(s, person.nik, person_id)
        if owner is not None:
            _raise_duplicate_nik(owner)
        revive(ctx, person)
        s.flush()
        refresh_households(s, [person.household_id], [person.id], ctx.today())
        return Change("person", (person_id,), "restored")


def get_person(ctx: ServiceContext, person_id: str) -> PersonView:
    with ctx.db.sessions() as s:
        p = load(s, Person, person_id, live=False)
        return PersonView(
            p.id, p.nik or "", p.full_name, p.sex, p.birth_place, p.birth_date, p.phone,
            p.education, p.marital_status, p.relation_to_head, p.household_id,
            p.passport_number, p.collection_method, p.collected_on, p.notes, p.status,
            p.last_country, p.created_at, p.updated_at, p.changed_by, p.deleted_at is not None,
        )
