"""Registering, checking, editing, deleting and restoring persons."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from desa_desktop.domain.nik import make_nik
from desa_desktop.services import households, persons, trash
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import (
    DuplicateError,
    NotFoundError,
    PermissionDenied,
    ValidationError,
)
from desa_desktop.services.persons import NeedsConfirmation, PersonInput
from desa_desktop.services.search import PersonQuery, search_page
from tests.conftest import VILLAGE
from tests.services.helpers import add_household, add_person, count_rows, row

BORN = date(1990, 5, 17)
SITI_NIK = make_nik("320712", BORN, "P", 1)  # 3207125705900001


def siti(**fields: object) -> PersonInput:
    values: dict[str, object] = {"nik": SITI_NIK, "full_name": "Siti Aminah", "sex": "P",
                                 "birth_date": BORN}
    values.update(fields)
    return PersonInput(**values)  # type: ignore[arg-type]


def found(ctx: ServiceContext, text: str) -> list[str]:
    return [r.id for r in search_page(ctx.db, PersonQuery(text=text))]


# --------------------------------------------------------------------------
# Create and read
# --------------------------------------------------------------------------


def test_create_and_get(ctx: ServiceContext) -> None:
    household = add_household(ctx)
    change = persons.create_person(ctx, siti(
        full_name="  Siti   Aminah ", birth_place=" Ciamis ", phone="0812-3456-7890",
        education="sma", marital_status="kawin", relation_to_head="istri",
        household_id=household, passport_number=" c1234567 ", notes=" sudah ke balai ",
        collected_on=date(2026, 11, 20),
    ))
    assert (change.entity, change.action) == ("person", "created")
    person = persons.get_person(ctx, change.ids[0])
    assert person.id == change.ids[0]
    assert person.nik == SITI_NIK
    assert person.full_name == "Siti Aminah"
    assert person.sex == "P"
    assert person.birth_place == "Ciamis"
    assert person.birth_date == BORN
    assert person.phone == "+6281234567890"
    assert (person.education, person.marital_status) == ("sma", "kawin")
    assert person.relation_to_head == "istri"
    assert person.household_id == household
    assert person.passport_number == "C1234567"
    assert person.notes == "sudah ke balai"
    assert person.collected_on == date(2026, 11, 20)
    assert person.collection_method == "langsung"
    assert person.status == "warga"
    assert person.last_country == ""
    assert person.deleted is False
    # The form can be filled back from what was stored.
    assert person.as_input().full_name == "Siti Aminah"
    assert person.as_input().nik == SITI_NIK


def test_person_without_nik_is_allowed(ctx: ServiceContext) -> None:
    pid = persons.create_person(ctx, siti(nik="  ")).ids[0]
    assert persons.get_person(ctx, pid).nik == ""
    assert row(ctx.db, "SELECT nik FROM person WHERE id = :id", id=pid) == (None,)
    # Two persons without NIK never collide.
    persons.create_person(ctx, siti(nik="", full_name="Rahma", birth_date=None))
    assert count_rows(ctx.db, "person") == 2


def test_get_unknown_person(ctx: ServiceContext) -> None:
    with pytest.raises(NotFoundError) as info:
        persons.get_person(ctx, "no-such-id")
    assert str(info.value) == "Data tidak ditemukan; mungkin sudah dihapus."


# --------------------------------------------------------------------------
# Rules that stop a save
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nik", "message"),
    [
        ("3207", "NIK harus 16 angka; yang diketik 4 angka."),
        ("9907125705900001", "Kode provinsi 99 pada NIK tidak dikenal."),
        ("3207125705900000", "Nomor urut NIK (4 angka terakhir) tidak boleh 0000."),
        ("32071257O5900001", 'NIK hanya boleh berisi angka, tetapi ada "O". '
                             "Spasi, titik atau tanda hubung di antara kelompok angka boleh."),
    ],
)
def test_bad_nik_is_refused_and_nothing_saved(ctx: ServiceContext, nik: str,
                                              message: str) -> None:
    with pytest.raises(ValidationError) as info:
        persons.create_person(ctx, siti(nik=nik), confirmed=True)
    assert [(p.field, p.text) for p in info.value.problems] == [("nik", message)]
    assert info.value.field == "nik"
    assert str(info.value) == message
    assert count_rows(ctx.db, "person") == 0


def test_every_problem_is_listed(ctx: ServiceContext) -> None:
    bad = PersonInput(nik="123", full_name="   ", sex="", birth_date=date(2027, 1, 1),
                      phone="12345", education="phd")
    with pytest.raises(ValidationError) as info:
        persons.create_person(ctx, bad, confirmed=True)
    fields = {p.field: p.text for p in info.value.problems}
    assert fields == {
        "nik": "NIK harus 16 angka; yang diketik 3 angka.",
        "full_name": "Nama lengkap wajib diisi.",
        "sex": "Pilih jenis kelamin.",
        "birth_date": "Tanggal lahir tidak boleh di masa depan.",
        "phone": "Nomor HP harus diawali 08 atau +628 (contoh 0812 3456 7890).",
        "education": "Pilihan tidak dikenal.",
    }
    assert count_rows(ctx.db, "person") == 0


def test_duplicate_nik_is_refused_and_points_to_the_first(ctx: ServiceContext) -> None:
    first = persons.create_person(ctx, siti()).ids[0]
    again = siti(full_name="Aminah Binti Karta", nik="3207 12 570590 0001")
    with pytest.raises(DuplicateError) as info:
        persons.create_person(ctx, again, confirmed=True)
    assert info.value.existing_id == first
    assert info.value.field == "nik"
    assert str(info.value) == (
        "NIK ini sudah terdaftar atas nama Siti Aminah. Buka data yang sudah ada."
    )
    assert count_rows(ctx.db, "person") == 1


def test_nik_typed_with_separators_is_stored_as_16_digits(ctx: ServiceContext) -> None:
    for typed, name in [("3207 12 570590 0001", "Siti Aminah"),
                        (" 32.07.12.570590.0002 ", "Siti Rahma"),
                        ("3207-1257-0590-0003", "Siti Nurjanah")]:
        persons.create_person(ctx, siti(nik=typed, full_name=name))
    with ctx.db.engine.connect() as conn:
        stored = sorted(r[0] for r in conn.exec_driver_sql("SELECT nik FROM person"))
    assert stored == ["3207125705900001", "3207125705900002", "3207125705900003"]


def test_phone_is_stored_in_e164(ctx: ServiceContext) -> None:
    a = persons.create_person(ctx, siti(phone="+62 812 3456 7890")).ids[0]
    b = persons.create_person(ctx, siti(nik="", full_name="Rahma", phone="6285712345678")).ids[0]
    assert persons.get_person(ctx, a).phone == "+6281234567890"
    assert persons.get_person(ctx, b).phone == "+6285712345678"


@pytest.mark.parametrize(("phone", "message"), [
    ("0812", "Nomor HP harus 10 sampai 13 angka; yang diketik 4 angka."),
    ("0812-3456-7890-12", "Nomor HP harus 10 sampai 13 angka; yang diketik 14 angka."),
    ("0812 345 678x", "Nomor HP hanya boleh berisi angka, spasi, tanda hubung atau +62."),
])
def test_bad_phone_is_refused(ctx: ServiceContext, phone: str, message: str) -> None:
    with pytest.raises(ValidationError) as info:
        persons.create_person(ctx, siti(phone=phone), confirmed=True)
    assert [(p.field, p.text) for p in info.value.problems] == [("phone", message)]
    assert count_rows(ctx.db, "person") == 0


def test_unknown_household_is_refused(ctx: ServiceContext) -> None:
    with pytest.raises(NotFoundError):
        persons.create_person(ctx, siti(household_id="no-such-household"), confirmed=True)
    assert count_rows(ctx.db, "person") == 0


def test_unknown_sex_code_with_a_nik_is_a_form_problem(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError) as info:
        persons.create_person(ctx, siti(sex="X"), confirmed=True)
    assert [(p.field, p.text) for p in info.value.problems] == [("sex", "Pilih jenis kelamin.")]


# --------------------------------------------------------------------------
# Warnings that need the officer's confirmation
# --------------------------------------------------------------------------


def test_sex_mismatch_with_the_nik_needs_confirmation(ctx: ServiceContext) -> None:
    typed = siti(sex="L")  # the NIK says woman (day 57 = 17 + 40)
    with pytest.raises(NeedsConfirmation) as info:
        persons.create_person(ctx, typed)
    warnings = info.value.check.warnings
    assert [w.field for w in warnings] == ["sex"]
    assert warnings[0].text == (
        "Jenis kelamin yang diketik (Laki-laki) berbeda dengan NIK (Perempuan). "
        "Periksa kembali KTP."
    )
    assert info.value.check.can_save
    assert count_rows(ctx.db, "person") == 0

    pid = persons.create_person(ctx, typed, confirmed=True).ids[0]
    # Saved as typed: nothing is "fixed" behind the officer's back.
    assert persons.get_person(ctx, pid).sex == "L"


def test_birth_date_mismatch_with_the_nik_needs_confirmation(ctx: ServiceContext) -> None:
    typed = siti(birth_date=date(1990, 7, 5))
    with pytest.raises(NeedsConfirmation) as info:
        persons.create_person(ctx, typed)
    assert [(w.field, w.text) for w in info.value.check.warnings] == [(
        "birth_date",
        "Tanggal lahir yang diketik (05/07/1990) berbeda dengan tanggal lahir pada NIK "
        "(17/05/90). Periksa kembali KTP.",
    )]
    assert count_rows(ctx.db, "person") == 0
    pid = persons.create_person(ctx, typed, confirmed=True).ids[0]
    assert persons.get_person(ctx, pid).birth_date == date(1990, 7, 5)


@pytest.mark.parametrize("spelling", ["SITI  AMINAH", "siti aminah.", "Sitti Aminah",
                                      "Hj. Siti Aminah", "Sîti Amínah"])
def test_likely_duplicate_needs_confirmation(ctx: ServiceContext, spelling: str) -> None:
    first = persons.create_person(ctx, siti(nik="")).ids[0]
    with pytest.raises(NeedsConfirmation) as info:
        persons.create_person(ctx, siti(nik="", full_name=spelling))
    check = info.value.check
    assert [(d.id, d.full_name, d.birth_date) for d in check.duplicates] == [
        (first, "Siti Aminah", BORN)
    ]
    assert [(w.field, w.text) for w in check.warnings] == [
        ("full_name", "Sudah ada 1 orang dengan nama dan tanggal lahir yang sama.")
    ]
    assert count_rows(ctx.db, "person") == 1
    persons.create_person(ctx, siti(nik="", full_name=spelling), confirmed=True)
    assert count_rows(ctx.db, "person") == 2


def test_same_name_other_birth_date_is_not_a_duplicate(ctx: ServiceContext) -> None:
    persons.create_person(ctx, siti(nik=""))
    persons.create_person(ctx, siti(nik="", birth_date=date(1991, 5, 17)))  # no confirmation
    persons.create_person(ctx, siti(nik="", full_name="Siti Aminah", birth_date=None))
    assert count_rows(ctx.db, "person") == 3


def test_deleted_person_is_not_a_likely_duplicate(ctx: ServiceContext) -> None:
    first = persons.create_person(ctx, siti(nik="")).ids[0]
    persons.delete_person(ctx, first)
    persons.create_person(ctx, siti(nik=""))  # no confirmation asked
    assert count_rows(ctx.db, "person") == 2


def test_check_person_saves_nothing(ctx: ServiceContext) -> None:
    first = persons.create_person(ctx, siti()).ids[0]
    check = persons.check_person(ctx, siti(full_name="SITI AMINAH", sex="L"))
    assert not check.can_save
    assert [(p.field, p.text) for p in check.problems] == [
        ("nik", "NIK ini sudah terdaftar atas nama Siti Aminah. Buka data yang sudah ada.")
    ]
    assert {w.field for w in check.warnings} == {"sex", "full_name"}
    assert [d.id for d in check.duplicates] == [first]
    # Checking the stored person against itself finds nothing wrong.
    own = persons.check_person(ctx, siti(), own_id=first)
    assert own.can_save and own.warnings == [] and own.duplicates == []
    assert count_rows(ctx.db, "person") == 1


# --------------------------------------------------------------------------
# Audit columns and updates
# --------------------------------------------------------------------------


def test_every_save_records_who_where_and_revision(ctx: ServiceContext,
                                                   other_ctx: ServiceContext) -> None:
    pid = persons.create_person(ctx, siti()).ids[0]
    sql = ("SELECT village_code, changed_by, revision, created_at, updated_at "
           "FROM person WHERE id = :id")
    village, changed_by, revision, created, updated = row(ctx.db, sql, id=pid)
    assert (village, changed_by, revision) == (VILLAGE.code, ctx.officer_id, 1)

    change = persons.update_person(other_ctx, pid, siti(full_name="Siti Aminah Binti Karta"))
    assert (change.entity, change.ids, change.action) == ("person", (pid,), "updated")
    village, changed_by, revision, created2, updated2 = row(ctx.db, sql, id=pid)
    assert (village, changed_by, revision) == (VILLAGE.code, other_ctx.officer_id, 2)
    assert created2 == created
    assert updated2 >= updated
    assert persons.get_person(ctx, pid).full_name == "Siti Aminah Binti Karta"
    assert persons.get_person(ctx, pid).changed_by == other_ctx.officer_id

    persons.update_person(ctx, pid, siti(phone="081234567890"))
    assert row(ctx.db, sql, id=pid)[1:3] == (ctx.officer_id, 3)
    persons.delete_person(ctx, pid)
    assert row(ctx.db, sql, id=pid)[1:3] == (ctx.officer_id, 4)
    persons.restore_person(ctx, pid)
    assert row(ctx.db, sql, id=pid)[1:3] == (ctx.officer_id, 5)


def test_update_to_another_persons_nik_is_refused(ctx: ServiceContext) -> None:
    first = persons.create_person(ctx, siti()).ids[0]
    second = add_person(ctx, "Rahma", sex="P", birth=BORN)
    with pytest.raises(DuplicateError) as info:
        persons.update_person(ctx, second, siti(full_name="Rahma"), confirmed=True)
    assert info.value.existing_id == first
    assert persons.get_person(ctx, second).nik != SITI_NIK
    assert row(ctx.db, "SELECT revision FROM person WHERE id = :id", id=second) == (1,)


def test_update_keeps_own_nik_and_warns_of_mismatch(ctx: ServiceContext) -> None:
    pid = persons.create_person(ctx, siti()).ids[0]
    persons.update_person(ctx, pid, siti(phone="0857-1234-5678"))  # same NIK: no conflict
    with pytest.raises(NeedsConfirmation):
        persons.update_person(ctx, pid, siti(birth_date=date(1990, 5, 18)))
    assert persons.get_person(ctx, pid).birth_date == BORN
    assert row(ctx.db, "SELECT revision FROM person WHERE id = :id", id=pid) == (2,)


def test_update_refused_for_deleted_person(ctx: ServiceContext) -> None:
    pid = persons.create_person(ctx, siti()).ids[0]
    persons.delete_person(ctx, pid)
    with pytest.raises(NotFoundError):
        persons.update_person(ctx, pid, siti(full_name="Siti Baru"), confirmed=True)
    assert persons.get_person(ctx, pid).full_name == "Siti Aminah"


# --------------------------------------------------------------------------
# The village head reads, never writes
# --------------------------------------------------------------------------


def test_kepala_desa_cannot_change_persons(ctx: ServiceContext, head_ctx: ServiceContext) -> None:
    pid = persons.create_person(ctx, siti()).ids[0]
    message = "Akun ini hanya dapat membaca data; perubahan hanya oleh petugas atau admin."
    with pytest.raises(PermissionDenied) as info:
        persons.create_person(head_ctx, siti(nik="", full_name="Rahma"), confirmed=True)
    assert str(info.value) == message
    with pytest.raises(PermissionDenied):
        persons.update_person(head_ctx, pid, siti(full_name="Diubah Kades"), confirmed=True)
    with pytest.raises(PermissionDenied):
        persons.delete_person(head_ctx, pid)
    assert count_rows(ctx.db, "person") == 1
    view = persons.get_person(head_ctx, pid)  # reading is fine
    assert (view.full_name, view.deleted) == ("Siti Aminah", False)
    assert row(ctx.db, "SELECT revision FROM person WHERE id = :id", id=pid) == (1,)

    persons.delete_person(ctx, pid)
    with pytest.raises(PermissionDenied):
        persons.restore_person(head_ctx, pid)
    with pytest.raises(PermissionDenied):
        trash.restore(head_ctx, "person", pid)
    assert persons.get_person(ctx, pid).deleted


def test_no_officer_cannot_change_persons(ctx: ServiceContext) -> None:
    anonymous = dataclasses.replace(ctx, officer=None)
    with pytest.raises(PermissionDenied):
        persons.create_person(anonymous, siti(), confirmed=True)
    assert count_rows(ctx.db, "person") == 0


# --------------------------------------------------------------------------
# Delete (tombstone), bin, restore
# --------------------------------------------------------------------------


def test_delete_is_a_tombstone_hidden_from_search_and_listed_in_the_bin(
        ctx: ServiceContext) -> None:
    pid = persons.create_person(ctx, siti()).ids[0]
    keep = add_person(ctx, "Siti Rahma", sex="P")
    assert found(ctx, "siti") == [pid, keep]

    change = persons.delete_person(ctx, pid)
    assert (change.ids, change.action) == ((pid,), "deleted")
    assert count_rows(ctx.db, "person") == 2
    assert count_rows(ctx.db, "person", "deleted_at IS NOT NULL") == 1
    assert row(ctx.db, "SELECT full_name, nik FROM person WHERE id = :id", id=pid) == (
        "Siti Aminah", SITI_NIK)
    assert persons.get_person(ctx, pid).deleted is True
    assert found(ctx, "siti") == [keep]
    assert found(ctx, SITI_NIK) == []

    items = trash.list_bin(ctx)
    assert [(i.kind, i.id, i.label, i.detail, i.deleted_by) for i in items] == [
        ("person", pid, "Siti Aminah", SITI_NIK, "Admin Desa")
    ]
    assert items[0].deleted_at is not None

    with pytest.raises(NotFoundError):
        persons.delete_person(ctx, pid)  # already in the bin

    restored = trash.restore(ctx, "person", pid)
    assert (restored.ids, restored.action) == ((pid,), "restored")
    assert found(ctx, "siti") == [pid, keep]
    assert persons.get_person(ctx, pid).deleted is False
    assert trash.list_bin(ctx) == []


def test_bin_lists_newest_first_with_who_deleted(ctx: ServiceContext,
                                                 other_ctx: ServiceContext) -> None:
    first = add_person(ctx, "Pertama")
    second = add_person(ctx, "Kedua")
    persons.delete_person(ctx, first)
    persons.delete_person(other_ctx, second)
    items = trash.list_bin(ctx)
    assert [(i.id, i.deleted_by) for i in items] == [
        (second, "Budi Santoso"), (first, "Admin Desa")
    ]


def test_bin_mixes_persons_and_households_newest_first(ctx: ServiceContext) -> None:
    first = add_person(ctx, "Pertama")
    household = add_household(ctx, "Keluarga Tengah")
    last = add_person(ctx, "Terakhir")
    persons.delete_person(ctx, first)
    households.delete_household(ctx, household)
    persons.delete_person(ctx, last)
    assert [(i.kind, i.id) for i in trash.list_bin(ctx)] == [
        ("person", last), ("household", household), ("person", first)
    ]


def test_restore_refused_when_nik_registered_again(ctx: ServiceContext) -> None:
    old = persons.create_person(ctx, siti()).ids[0]
    persons.delete_person(ctx, old)
    # Deleting frees the NIK: it can be registered again.
    new = persons.create_person(ctx, siti(full_name="Siti Aminah Baru"), confirmed=True).ids[0]
    with pytest.raises(DuplicateError) as info:
        persons.restore_person(ctx, old)
    assert info.value.existing_id == new
    assert "Siti Aminah Baru" in str(info.value)
    assert persons.get_person(ctx, old).deleted is True
    assert found(ctx, SITI_NIK) == [new]
    # Once the new record goes, the old one can come back.
    persons.delete_person(ctx, new)
    persons.restore_person(ctx, old)
    assert found(ctx, SITI_NIK) == [old]
