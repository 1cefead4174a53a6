"""The directory of institutions: seeded once, editable, removals keep history."""

from __future__ import annotations

import pytest

from desa_desktop.domain.case_reference import SEED_INSTITUTIONS
from desa_desktop.services import institutions
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError
from desa_desktop.services.institutions import InstitutionInput
from tests.services.helpers import count_rows


def test_the_first_look_at_the_directory_brings_the_known_institutions(
        ctx: ServiceContext) -> None:
    rows = institutions.list_institutions(ctx)
    assert len(rows) == len(SEED_INSTITUTIONS)
    codes = {r.code for r in rows}
    assert {"disnaker", "bp3mi", "polres", "uptd_ppa", "migrant_care"} <= codes
    kemen = next(r for r in rows if r.code == "kemenp2mi")
    assert kemen.kind == "kementerian" and kemen.phone == "08001000"
    # Looking again does not seed twice.
    assert len(institutions.list_institutions(ctx)) == len(SEED_INSTITUTIONS)
    assert count_rows(ctx.db, "institution") == len(SEED_INSTITUTIONS)


def test_removed_seeds_do_not_come_back(ctx: ServiceContext) -> None:
    for row in institutions.list_institutions(ctx):
        institutions.delete_institution(ctx, row.id)
    assert institutions.list_institutions(ctx) == []


def test_add_edit_and_remove_a_local_institution(ctx: ServiceContext) -> None:
    new_id = institutions.create_institution(ctx, InstitutionInput(
        "  LBH   Bandung ", "bantuan_hukum", "Jl. Cikutra 1", "022-123456", "lbh@example.org",
        "Ibu Rina")).ids[0]
    rows = {r.id: r for r in institutions.list_institutions(ctx)}
    assert rows[new_id].name == "LBH Bandung"
    assert rows[new_id].code == ""
    institutions.update_institution(ctx, new_id, InstitutionInput(
        "LBH Bandung", "bantuan_hukum", "Jl. Baru 2", "022-999"))
    assert institutions.get_institution(ctx, new_id).address == "Jl. Baru 2"
    institutions.delete_institution(ctx, new_id)
    assert new_id not in {r.id for r in institutions.list_institutions(ctx)}
    with pytest.raises(NotFoundError):
        institutions.update_institution(ctx, new_id, InstitutionInput("LBH Bandung"))


def test_bad_input_names_every_field_at_fault(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError) as err:
        institutions.create_institution(ctx, InstitutionInput(
            " ", "bank", email="bukan-email", phone="telp kantor"))
    fields = {p.field for p in err.value.problems}
    assert fields == {"name", "kind", "email", "phone"}


def test_the_same_name_twice_is_refused_but_a_removed_one_may_return(
        ctx: ServiceContext) -> None:
    institutions.list_institutions(ctx)
    with pytest.raises(ValidationError) as err:
        institutions.create_institution(ctx, InstitutionInput("migrant care"))
    assert err.value.problems[0].text == "Lembaga dengan nama ini sudah ada di daftar."
    care = next(r for r in institutions.list_institutions(ctx) if r.code == "migrant_care")
    institutions.delete_institution(ctx, care.id)
    institutions.create_institution(ctx, InstitutionInput("Migrant CARE", "bantuan_hukum"))


def test_the_village_head_reads_but_does_not_edit(ctx: ServiceContext,
                                                  head_ctx: ServiceContext) -> None:
    assert institutions.list_institutions(head_ctx)
    with pytest.raises(PermissionDenied):
        institutions.create_institution(head_ctx, InstitutionInput("Klinik Sehat"))
