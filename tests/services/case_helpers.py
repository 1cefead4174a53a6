"""Builders shared by the case-file service tests (through the public services only)."""

from __future__ import annotations

from datetime import date

from desa_desktop.services import cases, placements
from desa_desktop.services.cases import CaseInput, CasePersonInput
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.placements import PlacementInput
from tests.services.helpers import add_person


def euis(ctx: ServiceContext) -> tuple[str, str]:
    """A woman working in Taiwan: (person id, placement id)."""
    pid = add_person(ctx, "Euis Komariah", sex="P", birth=date(1990, 3, 4))
    plid = placements.add_placement(ctx, pid, PlacementInput(
        "TW", departure_date=date(2025, 2, 1))).ids[0]
    return pid, plid


def case_input(pid: str, placement_id: str | None = None, *,
               types: tuple[str, ...] = ("gaji",), reported_on: date = date(2026, 11, 20),
               **fields: object) -> CaseInput:
    return CaseInput(types=types, reported_on=reported_on,
                     persons=(CasePersonInput(pid, placement_id),),
                     **fields)  # type: ignore[arg-type]


def make_case(ctx: ServiceContext, pid: str, placement_id: str | None = None,
              **fields: object) -> str:
    """Record a case about ``pid`` and return its id."""
    return cases.create_case(ctx, case_input(pid, placement_id, **fields)).ids[0]  # type: ignore[arg-type]
