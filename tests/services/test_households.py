"""Households (Kartu Keluarga): register, find, delete, restore."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from desa_desktop.services import households, persons, trash
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import (
    DuplicateError,
    NotFoundError,
    PermissionDenied,
    ValidationError,
)
from desa_desktop.services.households import HouseholdInput
from desa_desktop.services.search import PersonQuery, search_page
from tests.conftest import VILLAGE
from tests.services.helpers import add_household, add_person, count_rows, row

KK = "3207121203150007"


def form(**fields: object) -> HouseholdInput:
    values: dict[str, object] = {"kk_number": KK, "head_name": "Ahmad Sobari"}
    values.update(fields)
    return HouseholdInput(**values)  # type: ignore[arg-type]


def test_create_and_get(ctx: ServiceContext) -> None:
    change = households.create_household(ctx, form(
        kk_number="3207 12 120315 0007", head_name="  Ahmad   Sobari ", dusun=" Cikupa ",
        rw="2", rt="15", address=" Jl. Cikupa 3 ", collection_method="kerabat",
        collected_on=date(2026, 11, 1),
    ))
    assert (change.entity, change.action) == ("household", "created")
    hid = change.ids[0]
    view = households.get_household(ctx, hid)
    assert view.kk_number == KK
    assert view.head_name == "Ahmad Sobari"
    assert view.dusun == "Cikupa"
    assert (view.rw, view.rt) == ("002", "015")
    assert view.address == "Jl. Cikupa 3"
    assert view.collection_method == "kerabat"
    assert view.collected_on == date(2026, 11, 1)
    assert view.member_count == 0
    sql = "SELECT village_code, changed_by, revision FROM household WHERE id = :id"
    assert row(ctx.db, sql, id=hid) == (VILLAGE.code, ctx.officer_id, 1)


def test_household_without_kk(ctx: ServiceContext) -> None:
    a = households.create_household(ctx, form(kk_number="")).ids[0]
    b = households.create_household(ctx, form(kk_number=" ", head_name="Karta")).ids[0]
    assert households.get_household(ctx, a).kk_number == ""
    assert households.get_household(ctx, b).kk_number == ""
    assert (households.get_household(ctx, a).rt, households.get_household(ctx, a).rw) == ("", "")


@pytest.mark.parametrize(("kk", "message"), [
    ("320712120315000", "Nomor KK harus 16 angka; yang diketik 15 angka."),
    ("9907121203150007", "Kode provinsi 99 pada Nomor KK tidak dikenal."),
    ("3207123102150007", "Tanggal pada Nomor KK (digit 7-12) bukan tanggal yang benar: 31/02/15."),
])
def test_bad_kk_is_a_problem_on_kk_number(ctx: ServiceContext, kk: str, message: str) -> None:
    with pytest.raises(ValidationError) as info:
        households.create_household(ctx, form(kk_number=kk))
    assert [(p.field, p.text) for p in info.value.problems] == [("kk_number", message)]
    assert count_rows(ctx.db, "household") == 0


def test_other_problems(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError) as info:
        households.create_household(ctx, form(head_name=" ", rt="12a", rw="1234",
                                              collection_method="kira-kira",
                                              collected_on=date(2026, 11, 23)))
    fields = {p.field: p.text for p in info.value.problems}
    assert fields == {
        "head_name": "Nama kepala keluarga wajib diisi.",
        "rt": "RT/RW berisi angka saja, paling banyak 3 angka.",
        "rw": "RT/RW berisi angka saja, paling banyak 3 angka.",
        "collection_method": "Pilih cara pengumpulan data.",
        "collected_on": "Tanggal pendataan tidak boleh di masa depan.",
    }
    assert count_rows(ctx.db, "household") == 0


def test_duplicate_kk_is_refused(ctx: ServiceContext) -> None:
    first = households.create_household(ctx, form()).ids[0]
    with pytest.raises(DuplicateError) as info:
        households.create_household(ctx, form(kk_number="3207-1212-0315-0007", head_name="Lain"))
    assert info.value.existing_id == first
    assert info.value.field == "kk_number"
    assert str(info.value) == f"Nomor KK {KK} sudah terdaftar untuk keluarga lain."
    assert count_rows(ctx.db, "household") == 1

    other = households.create_household(ctx, form(kk_number="3207121203150008")).ids[0]
    with pytest.raises(DuplicateError) as info:
        households.update_household(ctx, other, form(head_name="Lain"))
    assert info.value.existing_id == first
    assert households.get_household(ctx, other).kk_number == "3207121203150008"


def test_update(ctx: ServiceContext, other_ctx: ServiceContext) -> None:
    hid = households.create_household(ctx, form()).ids[0]
    change = households.update_household(other_ctx, hid, form(dusun="Sukamaju", rt="7"))
    assert change.action == "updated"
    view = households.get_household(ctx, hid)
    assert (view.dusun, view.rt, view.kk_number) == ("Sukamaju", "007", KK)
    sql = "SELECT changed_by, revision FROM household WHERE id = :id"
    assert row(ctx.db, sql, id=hid) == (other_ctx.officer_id, 2)


def test_member_count_counts_live_members(ctx: ServiceContext) -> None:
    hid = households.create_household(ctx, form()).ids[0]
    a = add_person(ctx, "Ahmad Sobari", household_id=hid, relation_to_head="kepala")
    add_person(ctx, "Euis", sex="P", household_id=hid, relation_to_head="istri")
    assert households.get_household(ctx, hid).member_count == 2
    persons.delete_person(ctx, a)
    assert households.get_household(ctx, hid).member_count == 1


def test_find_households_by_kk_prefix_and_head_name(ctx: ServiceContext) -> None:
    a = households.create_household(ctx, form(head_name="Ahmad Sobari")).ids[0]
    b = households.create_household(ctx, form(kk_number="3207121506180001",
                                              head_name="Dedi Kurnia")).ids[0]
    c = households.create_household(ctx, form(kk_number="", head_name="Siti Ahmadiyah")).ids[0]

    def ids(text: str) -> list[str]:
        return [h.id for h in households.find_households(ctx, text)]

    assert ids("") == [a, b, c]  # head name order
    assert ids("320712") == [a, b]
    assert ids("32071212") == [a]
    assert ids("3207121506") == [b]
    assert ids("ahmad") == [a, c]
    assert ids("KURNIA") == [b]
    assert ids("tidak ada") == []
    assert [h.kk_number for h in households.find_households(ctx, "dedi")] == ["3207121506180001"]
    assert len(households.find_households(ctx, "", limit=2)) == 2


def test_list_dusun(ctx: ServiceContext) -> None:
    assert households.list_dusun(ctx) == []
    add_household(ctx, dusun="Sukamaju")
    add_household(ctx, dusun="Cikupa")
    add_household(ctx, dusun=" Sukamaju ")
    add_household(ctx, dusun="")
    gone = add_household(ctx, dusun="Babakan")
    assert households.list_dusun(ctx) == ["Babakan", "Cikupa", "Sukamaju"]
    households.delete_household(ctx, gone)
    assert households.list_dusun(ctx) == ["Cikupa", "Sukamaju"]


def test_delete_and_restore(ctx: ServiceContext) -> None:
    hid = households.create_household(ctx, form()).ids[0]
    change = households.delete_household(ctx, hid)
    assert (change.ids, change.action) == ((hid,), "deleted")
    assert count_rows(ctx.db, "household") == 1
    assert count_rows(ctx.db, "household", "deleted_at IS NOT NULL") == 1
    assert households.find_households(ctx, "Ahmad") == []
    assert [(i.kind, i.id, i.label, i.detail) for i in trash.list_bin(ctx)] == [
        ("household", hid, "Ahmad Sobari", KK)
    ]
    with pytest.raises(NotFoundError):
        households.update_household(ctx, hid, form(dusun="X"))
    with pytest.raises(NotFoundError):
        households.delete_household(ctx, hid)

    assert trash.restore(ctx, "household", hid).action == "restored"
    assert [h.id for h in households.find_households(ctx, "Ahmad")] == [hid]
    assert trash.list_bin(ctx) == []


def test_deleted_kk_can_be_reused_and_then_blocks_restore(ctx: ServiceContext) -> None:
    old = households.create_household(ctx, form()).ids[0]
    households.delete_household(ctx, old)
    new = households.create_household(ctx, form(head_name="Keluarga Baru")).ids[0]
    with pytest.raises(DuplicateError) as info:
        households.restore_household(ctx, old)
    assert info.value.existing_id == new
    assert households.get_household(ctx, old).kk_number == KK
    assert [h.id for h in households.find_households(ctx, KK)] == [new]


def test_kepala_desa_cannot_change_households(ctx: ServiceContext,
                                              head_ctx: ServiceContext) -> None:
    hid = households.create_household(ctx, form()).ids[0]
    with pytest.raises(PermissionDenied):
        households.create_household(head_ctx, form(kk_number="", head_name="Kades"))
    with pytest.raises(PermissionDenied):
        households.update_household(head_ctx, hid, form(dusun="Diubah"))
    with pytest.raises(PermissionDenied):
        households.delete_household(head_ctx, hid)
    households.delete_household(ctx, hid)
    with pytest.raises(PermissionDenied):
        households.restore_household(head_ctx, hid)
    assert count_rows(ctx.db, "household") == 1
    assert households.get_household(head_ctx, hid).dusun == ""


def test_members_of_a_deleted_household_leave_its_dusun(ctx: ServiceContext) -> None:
    hid = households.create_household(ctx, form(dusun="Cikupa", rt="3", rw="1")).ids[0]
    pid = add_person(ctx, "Ahmad Sobari", household_id=hid, relation_to_head="kepala")
    households.delete_household(ctx, hid)
    assert households.list_dusun(ctx) == []
    assert search_page(ctx.db, PersonQuery(dusun="Cikupa")) == []
    [person] = search_page(ctx.db, PersonQuery(text="ahmad"))
    assert person.id == pid
    assert (person.dusun, person.rt, person.rw, person.kk_number) == ("", "", "", "")


def test_members_of_a_deleted_household_can_still_be_edited(ctx: ServiceContext) -> None:
    hid = households.create_household(ctx, form(dusun="Cikupa")).ids[0]
    pid = add_person(ctx, "Ahmad Sobari", household_id=hid, relation_to_head="kepala")
    households.delete_household(ctx, hid)
    data = persons.get_person(ctx, pid).as_input()
    persons.update_person(ctx, pid, dataclasses.replace(data, phone="081234567890"),
                          confirmed=True)
    assert persons.get_person(ctx, pid).phone == "+6281234567890"
