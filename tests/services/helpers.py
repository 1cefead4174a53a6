"""Small builders shared by the service tests (plain functions, no mocks).

Every helper goes through the public service functions, so a test that uses
them exercises the same path the GUI and the CLI take.
"""

from __future__ import annotations

import itertools
from datetime import date

from sqlalchemy import text

from desa_desktop.db.engine import Database
from desa_desktop.domain.nik import make_nik
from desa_desktop.services import households, persons
from desa_desktop.services.households import HouseholdInput
from desa_desktop.services.persons import PersonInput

#: Kecamatan Banjaranyar, Ciamis (Jawa Barat), the conftest village's district.
DISTRICT = "320712"

_serials = itertools.count(1000)  # hand-picked serials in tests stay below 1000
_kk_serials = itertools.count(1000)


def nik_for(birth: date, sex: str = "L", serial: int | None = None) -> str:
    """A valid NIK for this birth date and sex (fresh serial unless given)."""
    return make_nik(DISTRICT, birth, sex, next(_serials) if serial is None else serial)


def kk_for(serial: int | None = None, issued: str = "120315") -> str:
    """A valid Nomor KK of the district, issued 12/03/2015."""
    serial = next(_kk_serials) if serial is None else serial
    return f"{DISTRICT}{issued}{serial:04d}"


def person_input(name: str, *, sex: str = "L", birth: date | None = date(1990, 1, 15),
                 with_nik: bool = True, **fields: object) -> PersonInput:
    """A consistent form (NIK matches sex and birth date) unless fields override it."""
    nik = nik_for(birth, sex) if with_nik and birth is not None else ""
    values: dict[str, object] = {"nik": nik, "full_name": name, "sex": sex,
                                 "birth_date": birth}
    values.update(fields)
    return PersonInput(**values)  # type: ignore[arg-type]


def add_person(ctx, name: str, **kwargs: object) -> str:  # type: ignore[no-untyped-def]
    """Register a person (warnings confirmed) and return the new id."""
    change = persons.create_person(ctx, person_input(name, **kwargs), confirmed=True)
    return change.ids[0]


def add_household(ctx, head: str = "Ahmad Sobari", *,  # type: ignore[no-untyped-def]
                  kk: str | None = None, **fields: object) -> str:
    data = HouseholdInput(kk_number=kk_for() if kk is None else kk, head_name=head,
                          **fields)  # type: ignore[arg-type]
    return households.create_household(ctx, data).ids[0]


def count_rows(db: Database, table: str, where: str = "1=1") -> int:
    """Rows in ``table`` straight from SQLite (tombstones included unless filtered)."""
    with db.engine.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table} WHERE {where}")).scalar_one())


def row(db: Database, sql: str, **params: object) -> tuple:
    """One row of a plain SQL query."""
    with db.engine.connect() as conn:
        result = conn.execute(text(sql), params).one()
    return tuple(result)
