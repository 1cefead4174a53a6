"""Placements: each departure of a person is its own record.

Circular migration is common, so a new departure never overwrites the last
one; the person's status is recomputed from all of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from desa_desktop.db.models import Person, Placement
from desa_desktop.domain.nik import NikError, parse_nik
from desa_desktop.domain.reference import COUNTRIES, DOCUMENTS, JOB, SCHEME, SECTOR, VISA_TYPE
from desa_desktop.domain.risk import MIN_AGE, years_between
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.errors import Problem, ValidationError
from desa_desktop.services.records import load, revive, stamp_new, tombstone, touch
from desa_desktop.services.status_refresh import refresh_households

#: Longest recruiter name the database column holds.
RECRUITER_NAME_MAX = 150


@dataclass(frozen=True)
class PlacementInput:
    country: str
    sector: str = ""
    job: str = ""
    scheme: str = ""
    agency_name: str = ""
    departure_date: date | None = None
    contract_end: date | None = None
    return_date: date | None = None
    procedural: bool | None = None
    documents: tuple[str, ...] = field(default_factory=tuple)
    notes: str = ""
    # Non-procedural risk signals (domain.risk); None is "not known yet".
    visa_type: str = ""
    agency_licensed: bool | None = None
    via_calo: bool | None = None
    recruiter_name: str = ""
    recruiter_debt: bool | None = None
    family_informed: bool | None = None


@dataclass(frozen=True)
class PlacementView(PlacementInput):
    id: str = ""
    person_id: str = ""
    created_at: object = None


def birth_date_of(person: Person) -> date | None:
    """The typed birth date, else the one in the NIK, so the minimum age always applies."""
    if person.birth_date is not None:
        return person.birth_date
    if person.nik:
        try:
            return parse_nik(person.nik).birth_date
        except NikError:
            return None
    return None


def _validate(data: PlacementInput, birth_date: date | None, today: date) -> list[Problem]:
    problems: list[Problem] = []
    if data.country not in COUNTRIES:
        problems.append(Problem("country", "Pilih negara tujuan."))
    for key, allowed in (("sector", SECTOR), ("job", JOB), ("scheme", SCHEME),
                         ("visa_type", VISA_TYPE)):
        if getattr(data, key) not in allowed:
            problems.append(Problem(key, "Pilihan tidak dikenal."))
    if len(data.recruiter_name.strip()) > RECRUITER_NAME_MAX:
        problems.append(Problem("recruiter_name",
                                "Nama perekrut paling banyak {max} huruf.",
                                {"max": RECRUITER_NAME_MAX}))
    unknown = [d for d in data.documents if d not in DOCUMENTS]
    if unknown:
        problems.append(Problem("documents", "Dokumen tidak dikenal: {docs}.",
                                {"docs": ", ".join(unknown)}))
    dep, end, ret = data.departure_date, data.contract_end, data.return_date
    if end and dep and end < dep:
        problems.append(Problem("contract_end",
                                "Akhir kontrak tidak boleh sebelum tanggal berangkat."))
    if ret and dep and ret < dep:
        problems.append(Problem("return_date",
                                "Tanggal pulang tidak boleh sebelum tanggal berangkat."))
    if ret and not dep:
        problems.append(Problem("departure_date",
                                "Isi tanggal berangkat bila tanggal pulang diisi."))
    if ret and ret > today:
        problems.append(Problem("return_date", "Tanggal pulang tidak boleh di masa depan."))
    if dep and birth_date and years_between(birth_date, dep) < MIN_AGE:
        problems.append(Problem(
            "departure_date",
            "Umur saat berangkat {age} tahun; PMI minimal berumur {min} tahun.",
            {"age": years_between(birth_date, dep), "min": MIN_AGE},
        ))
    return problems


def _values(data: PlacementInput) -> dict:
    return {
        "country": data.country, "sector": data.sector, "job": data.job, "scheme": data.scheme,
        "agency_name": data.agency_name.strip(), "departure_date": data.departure_date,
        "contract_end": data.contract_end, "return_date": data.return_date,
        "procedural": data.procedural,
        "documents": [d for d in DOCUMENTS if d in set(data.documents)],
        "notes": data.notes.strip(),
        "visa_type": data.visa_type, "agency_licensed": data.agency_licensed,
        "via_calo": data.via_calo, "recruiter_name": data.recruiter_name.strip(),
        "recruiter_debt": data.recruiter_debt, "family_informed": data.family_informed,
    }


def add_placement(ctx: ServiceContext, person_id: str, data: PlacementInput) -> Change:
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        person = load(s, Person, person_id)
        problems = _validate(data, birth_date_of(person), ctx.today())
        if problems:
            raise ValidationError(problems)
        placement = stamp_new(ctx, Placement(person_id=person_id, **_values(data)))
        s.add(placement)
        s.flush()
        refresh_households(s, [person.household_id], [person_id], ctx.today())
        return Change("placement", (placement.id, person_id), "created")


def update_placement(ctx: ServiceContext, placement_id: str, data: PlacementInput) -> Change:
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        placement = load(s, Placement, placement_id)
        person = load(s, Person, placement.person_id, live=False)
        problems = _validate(data, birth_date_of(person), ctx.today())
        if problems:
            raise ValidationError(problems)
        for key, value in _values(data).items():
            setattr(placement, key, value)
        touch(ctx, placement)
        s.flush()
        refresh_households(s, [person.household_id], [person.id], ctx.today())
        return Change("placement", (placement_id, person.id), "updated")


def _set_deleted(ctx: ServiceContext, placement_id: str, deleted: bool) -> Change:
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        placement = load(s, Placement, placement_id, live=deleted)
        (tombstone if deleted else revive)(ctx, placement)
        s.flush()
        person = load(s, Person, placement.person_id, live=False)
        refresh_households(s, [person.household_id], [person.id], ctx.today())
        return Change("placement", (placement_id, person.id), "deleted" if deleted else "restored")


def delete_placement(ctx: ServiceContext, placement_id: str) -> Change:
    return _set_deleted(ctx, placement_id, True)


def restore_placement(ctx: ServiceContext, placement_id: str) -> Change:
    return _set_deleted(ctx, placement_id, False)


def list_placements(ctx: ServiceContext, person_id: str) -> list[PlacementView]:
    """A person's departures, newest first (undated planned ones on top)."""
    with ctx.db.sessions() as s:
        rows = s.scalars(
            select(Placement).where(Placement.person_id == person_id,
                                    Placement.deleted_at.is_(None))
        ).all()
    views = [
        PlacementView(
            p.country, p.sector, p.job, p.scheme, p.agency_name, p.departure_date,
            p.contract_end, p.return_date, p.procedural, tuple(p.documents), p.notes,
            visa_type=p.visa_type, agency_licensed=p.agency_licensed, via_calo=p.via_calo,
            recruiter_name=p.recruiter_name, recruiter_debt=p.recruiter_debt,
            family_informed=p.family_informed,
            id=p.id, person_id=p.person_id, created_at=p.created_at,
        )
        for p in rows
    ]
    views.sort(key=lambda v: v.departure_date or date.max, reverse=True)
    return views
