"""Placements (each departure) and the migration status derived from them."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from desa_desktop.services import persons, placements
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError
from desa_desktop.services.placements import PlacementInput
from desa_desktop.services.status_refresh import refresh_all
from tests.conftest import TODAY, VILLAGE
from tests.services.helpers import (
    add_household,
    add_person,
    count_rows,
    nik_for,
    person_input,
    row,
)


def status(ctx: ServiceContext, pid: str) -> tuple[str, str]:
    view = persons.get_person(ctx, pid)
    return view.status, view.last_country


def place(ctx: ServiceContext, pid: str, country: str = "MY", **fields: object) -> str:
    data = PlacementInput(country, **fields)  # type: ignore[arg-type]
    return placements.add_placement(ctx, pid, data).ids[0]


@pytest.fixture
def pid(ctx: ServiceContext) -> str:
    """A woman of 36, not yet registered for any departure."""
    return add_person(ctx, "Euis Komariah", sex="P", birth=date(1990, 3, 4))


# --------------------------------------------------------------------------
# Status from one placement
# --------------------------------------------------------------------------


def test_new_person_is_warga(ctx: ServiceContext, pid: str) -> None:
    assert status(ctx, pid) == ("warga", "")
    assert placements.list_placements(ctx, pid) == []


def test_planned_placement_without_date_makes_cpmi(ctx: ServiceContext, pid: str) -> None:
    change = placements.add_placement(ctx, pid, PlacementInput("HK", sector="informal",
                                                               job="plrt", scheme="p2p"))
    assert (change.entity, change.action) == ("placement", "created")
    assert change.ids[1] == pid
    assert status(ctx, pid) == ("cpmi", "HK")


def test_future_departure_makes_cpmi(ctx: ServiceContext, pid: str) -> None:
    place(ctx, pid, "TW", departure_date=date(2026, 12, 15))
    assert status(ctx, pid)[0] == "cpmi"


def test_departed_not_returned_makes_pmi(ctx: ServiceContext, pid: str) -> None:
    place(ctx, pid, "TW", departure_date=date(2025, 2, 1), contract_end=date(2028, 2, 1))
    assert status(ctx, pid) == ("pmi", "TW")


def test_departing_today_makes_pmi(ctx: ServiceContext, pid: str) -> None:
    place(ctx, pid, "SG", departure_date=TODAY)
    assert status(ctx, pid) == ("pmi", "SG")


def test_returned_within_three_years_makes_purna(ctx: ServiceContext, pid: str) -> None:
    place(ctx, pid, "SA", departure_date=date(2021, 1, 10), return_date=date(2024, 1, 10))
    assert status(ctx, pid) == ("purna", "SA")


def test_returned_exactly_three_years_ago_is_still_purna(ctx: ServiceContext, pid: str) -> None:
    place(ctx, pid, "SA", departure_date=date(2021, 1, 10), return_date=date(2023, 11, 22))
    assert status(ctx, pid) == ("purna", "SA")


def test_returned_more_than_three_years_ago_makes_warga(ctx: ServiceContext, pid: str) -> None:
    place(ctx, pid, "SA", departure_date=date(2020, 1, 10), return_date=date(2023, 11, 21))
    assert status(ctx, pid) == ("warga", "")
    assert len(placements.list_placements(ctx, pid)) == 1  # history kept


# --------------------------------------------------------------------------
# Circular migration
# --------------------------------------------------------------------------


def test_circular_migration_keeps_every_departure(ctx: ServiceContext, pid: str) -> None:
    first = place(ctx, pid, "MY", departure_date=date(2017, 5, 2), return_date=date(2020, 5, 1),
                  job="pabrik")
    assert status(ctx, pid) == ("warga", "")
    second = place(ctx, pid, "TW", departure_date=date(2025, 8, 1), job="caregiver")
    listed = placements.list_placements(ctx, pid)
    assert [p.id for p in listed] == [second, first]  # newest first
    assert [(p.country, p.job) for p in listed] == [("TW", "caregiver"), ("MY", "pabrik")]
    assert status(ctx, pid) == ("pmi", "TW")
    assert count_rows(ctx.db, "placement") == 2


def test_purna_who_plans_to_leave_again_is_cpmi(ctx: ServiceContext, pid: str) -> None:
    place(ctx, pid, "MY", departure_date=date(2022, 1, 1), return_date=date(2025, 1, 1))
    assert status(ctx, pid) == ("purna", "MY")
    place(ctx, pid, "KR")
    assert status(ctx, pid) == ("cpmi", "KR")
    listed = placements.list_placements(ctx, pid)
    assert [p.country for p in listed] == ["KR", "MY"]  # undated plan on top


def test_back_entered_old_departure_does_not_hide_the_current_one(ctx: ServiceContext,
                                                                  pid: str) -> None:
    place(ctx, pid, "TW", departure_date=date(2025, 8, 1))
    # The officer later adds her first contract; nobody knows when she came back.
    place(ctx, pid, "MY", departure_date=date(2015, 5, 2))
    assert status(ctx, pid) == ("pmi", "TW")


def test_two_returns_the_latest_decides(ctx: ServiceContext, pid: str) -> None:
    place(ctx, pid, "SA", departure_date=date(2023, 1, 1), return_date=date(2025, 6, 1))
    place(ctx, pid, "MY", departure_date=date(2022, 1, 1), return_date=date(2022, 12, 1))
    assert status(ctx, pid) == ("purna", "SA")


# --------------------------------------------------------------------------
# Family of a migrant abroad
# --------------------------------------------------------------------------


@pytest.fixture
def family(ctx: ServiceContext) -> dict[str, str]:
    hid = add_household(ctx, "Dedi Kurnia")
    members = {
        "head": add_person(ctx, "Dedi Kurnia", birth=date(1985, 2, 3), household_id=hid,
                           relation_to_head="kepala"),
        "wife": add_person(ctx, "Euis Kurnia", sex="P", birth=date(1988, 6, 7),
                           household_id=hid, relation_to_head="istri"),
        "child": add_person(ctx, "Rina Kurnia", sex="P", birth=date(2012, 9, 1),
                            household_id=hid, relation_to_head="anak"),
        "cousin": add_person(ctx, "Asep", birth=date(1995, 1, 1), household_id=hid,
                             relation_to_head="famili"),
    }
    members["household"] = hid
    return members


def statuses(ctx: ServiceContext, family: dict[str, str]) -> dict[str, str]:
    return {k: persons.get_person(ctx, v).status for k, v in family.items() if k != "household"}


def test_family_of_a_migrant_abroad_is_keluarga(ctx: ServiceContext,
                                                family: dict[str, str]) -> None:
    assert set(statuses(ctx, family).values()) == {"warga"}
    placement = place(ctx, family["wife"], "HK", departure_date=date(2024, 3, 1))
    assert statuses(ctx, family) == {"head": "keluarga", "wife": "pmi", "child": "keluarga",
                                     "cousin": "warga"}
    # A child born (or registered) while the mother is abroad is family too.
    baby = add_person(ctx, "Bayi Kurnia", birth=date(2025, 1, 1),
                      household_id=family["household"], relation_to_head="anak")
    assert persons.get_person(ctx, baby).status == "keluarga"

    change = placements.delete_placement(ctx, placement)
    assert change.action == "deleted"
    assert statuses(ctx, family) == {"head": "warga", "wife": "warga", "child": "warga",
                                     "cousin": "warga"}
    assert persons.get_person(ctx, baby).status == "warga"
    assert placements.list_placements(ctx, family["wife"]) == []
    assert count_rows(ctx.db, "placement", "deleted_at IS NOT NULL") == 1

    assert placements.restore_placement(ctx, placement).action == "restored"
    assert statuses(ctx, family)["head"] == "keluarga"
    assert persons.get_person(ctx, family["wife"]).last_country == "HK"


def test_family_of_a_cpmi_or_purna_is_not_keluarga(ctx: ServiceContext,
                                                   family: dict[str, str]) -> None:
    place(ctx, family["wife"], "HK")
    assert statuses(ctx, family)["head"] == "warga"
    place(ctx, family["head"], "MY", departure_date=date(2022, 1, 1),
          return_date=date(2024, 1, 1))
    assert statuses(ctx, family) == {"head": "purna", "wife": "cpmi", "child": "warga",
                                     "cousin": "warga"}


def test_migrants_own_status_wins_over_keluarga(ctx: ServiceContext,
                                                family: dict[str, str]) -> None:
    place(ctx, family["head"], "MY", departure_date=date(2022, 1, 1),
          return_date=date(2024, 1, 1))
    place(ctx, family["wife"], "HK", departure_date=date(2024, 3, 1))
    assert statuses(ctx, family) == {"head": "purna", "wife": "pmi", "child": "keluarga",
                                     "cousin": "warga"}


def test_returning_home_ends_keluarga(ctx: ServiceContext, family: dict[str, str]) -> None:
    pl = place(ctx, family["wife"], "HK", departure_date=date(2024, 3, 1))
    assert statuses(ctx, family)["child"] == "keluarga"
    placements.update_placement(ctx, pl, PlacementInput("HK", departure_date=date(2024, 3, 1),
                                                        return_date=date(2026, 10, 1)))
    assert statuses(ctx, family) == {"head": "warga", "wife": "purna", "child": "warga",
                                     "cousin": "warga"}


def test_moving_the_migrant_out_ends_keluarga(ctx: ServiceContext,
                                              family: dict[str, str]) -> None:
    place(ctx, family["wife"], "HK", departure_date=date(2024, 3, 1))
    wife = persons.get_person(ctx, family["wife"])
    persons.update_person(ctx, wife.id, dataclasses.replace(wife.as_input(), household_id=None))
    assert statuses(ctx, family) == {"head": "warga", "wife": "pmi", "child": "warga",
                                     "cousin": "warga"}


def test_changing_relation_updates_keluarga(ctx: ServiceContext,
                                            family: dict[str, str]) -> None:
    place(ctx, family["wife"], "HK", departure_date=date(2024, 3, 1))
    cousin = persons.get_person(ctx, family["cousin"])
    persons.update_person(ctx, cousin.id,
                          dataclasses.replace(cousin.as_input(), relation_to_head="menantu"))
    assert statuses(ctx, family)["cousin"] == "keluarga"


def test_deleting_the_migrant_ends_keluarga(ctx: ServiceContext,
                                            family: dict[str, str]) -> None:
    place(ctx, family["wife"], "HK", departure_date=date(2024, 3, 1))
    persons.delete_person(ctx, family["wife"])
    assert statuses(ctx, family)["head"] == "warga"
    persons.restore_person(ctx, family["wife"])
    assert statuses(ctx, family)["head"] == "keluarga"


def test_time_passing_is_caught_by_refresh_all(ctx: ServiceContext, pid: str) -> None:
    place(ctx, pid, "SA", departure_date=date(2021, 1, 10), return_date=date(2023, 12, 1))
    place(ctx, add_person(ctx, "Ujang"), "JP", departure_date=date(2026, 12, 1))
    assert status(ctx, pid) == ("purna", "SA")
    with ctx.db.sessions.begin() as s:
        assert refresh_all(s, TODAY) == 0  # nothing changed yet
    with ctx.db.sessions.begin() as s:
        changed = refresh_all(s, date(2026, 12, 2))
    assert changed == 2  # the purna years ran out; the JP departure happened
    assert status(ctx, pid) == ("warga", "")
    [ujang_id] = row(ctx.db, "SELECT id FROM person WHERE full_name = 'Ujang'")
    ujang = persons.get_person(ctx, ujang_id)
    assert (ujang.status, ujang.last_country) == ("pmi", "JP")


# --------------------------------------------------------------------------
# Rules that stop a save
# --------------------------------------------------------------------------


def test_under_18_at_departure_is_refused(ctx: ServiceContext) -> None:
    young = add_person(ctx, "Rina", sex="P", birth=date(2010, 3, 1))
    with pytest.raises(ValidationError) as info:
        place(ctx, young, "MY", departure_date=date(2026, 1, 10))
    assert [(p.field, p.text) for p in info.value.problems] == [(
        "departure_date", "Umur saat berangkat 15 tahun; PMI minimal berumur 18 tahun."
    )]
    assert info.value.problems[0].params == {"age": 15, "min": 18}
    assert count_rows(ctx.db, "placement") == 0
    assert status(ctx, young) == ("warga", "")


def test_age_counts_birthdays(ctx: ServiceContext) -> None:
    person = add_person(ctx, "Rina", sex="P", birth=date(2008, 3, 1))
    with pytest.raises(ValidationError) as info:
        place(ctx, person, "MY", departure_date=date(2026, 2, 28))  # one day short of 18
    assert "17 tahun" in info.value.problems[0].text
    place(ctx, person, "MY", departure_date=date(2026, 3, 1))  # 18th birthday
    assert status(ctx, person)[0] == "pmi"


def test_under_18_known_only_from_the_nik_is_refused(ctx: ServiceContext) -> None:
    data = person_input("Rina", sex="P", birth=None, nik=nik_for(date(2010, 3, 1), "P"))
    young = persons.create_person(ctx, data, confirmed=True).ids[0]
    with pytest.raises(ValidationError):
        place(ctx, young, "MY", departure_date=date(2026, 1, 10))
    assert count_rows(ctx.db, "placement") == 0


def test_return_before_departure_is_refused(ctx: ServiceContext, pid: str) -> None:
    with pytest.raises(ValidationError) as info:
        place(ctx, pid, "MY", departure_date=date(2024, 5, 1), return_date=date(2024, 4, 30))
    assert [(p.field, p.text) for p in info.value.problems] == [
        ("return_date", "Tanggal pulang tidak boleh sebelum tanggal berangkat.")
    ]
    assert count_rows(ctx.db, "placement") == 0


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"return_date": date(2024, 1, 1)}, "departure_date",
     "Isi tanggal berangkat bila tanggal pulang diisi."),
    ({"departure_date": date(2026, 1, 1), "return_date": date(2026, 11, 23)}, "return_date",
     "Tanggal pulang tidak boleh di masa depan."),
    ({"departure_date": date(2026, 1, 1), "contract_end": date(2025, 12, 31)}, "contract_end",
     "Akhir kontrak tidak boleh sebelum tanggal berangkat."),
    ({"job": "pilot"}, "job", "Pilihan tidak dikenal."),
    ({"scheme": "calo"}, "scheme", "Pilihan tidak dikenal."),
    ({"sector": "gelap"}, "sector", "Pilihan tidak dikenal."),
    ({"documents": ("paspor", "jimat")}, "documents", "Dokumen tidak dikenal: jimat."),
])
def test_other_placement_rules(ctx: ServiceContext, pid: str, fields: dict, field: str,
                               message: str) -> None:
    with pytest.raises(ValidationError) as info:
        place(ctx, pid, "MY", **fields)
    assert [(p.field, p.text) for p in info.value.problems] == [(field, message)]
    assert count_rows(ctx.db, "placement") == 0


@pytest.mark.parametrize("country", ["", "XX", "my", "Malaysia"])
def test_unknown_country_is_refused(ctx: ServiceContext, pid: str, country: str) -> None:
    with pytest.raises(ValidationError) as info:
        place(ctx, pid, country)
    assert [(p.field, p.text) for p in info.value.problems] == [("country",
                                                                 "Pilih negara tujuan.")]


def test_stored_values_and_document_checklist(ctx: ServiceContext, pid: str) -> None:
    pl = place(ctx, pid, "TW", sector="formal", job="pabrik", scheme="p2p",
               agency_name="  PT Maju Jaya ", departure_date=date(2025, 1, 5),
               contract_end=date(2028, 1, 4), procedural=True, notes=" lewat Disnaker ",
               documents=("paspor", "ktp", "paspor", "visa_kerja"))
    [view] = placements.list_placements(ctx, pid)
    assert view.id == pl and view.person_id == pid
    assert view.agency_name == "PT Maju Jaya"
    assert view.notes == "lewat Disnaker"
    assert view.procedural is True
    assert view.documents == ("ktp", "paspor", "visa_kerja")  # checklist order, no repeats
    assert (view.departure_date, view.contract_end) == (date(2025, 1, 5), date(2028, 1, 4))
    sql = "SELECT village_code, changed_by, revision FROM placement WHERE id = :id"
    assert row(ctx.db, sql, id=pl) == (VILLAGE.code, ctx.officer_id, 1)


def test_update_placement(ctx: ServiceContext, other_ctx: ServiceContext, pid: str) -> None:
    pl = place(ctx, pid, "TW", departure_date=date(2024, 1, 1))
    change = placements.update_placement(
        other_ctx, pl, PlacementInput("TW", departure_date=date(2024, 1, 1),
                                      return_date=date(2026, 6, 1), procedural=False))
    assert change.action == "updated"
    assert status(ctx, pid) == ("purna", "TW")
    sql = "SELECT changed_by, revision FROM placement WHERE id = :id"
    assert row(ctx.db, sql, id=pl) == (other_ctx.officer_id, 2)
    with pytest.raises(ValidationError):
        placements.update_placement(ctx, pl, PlacementInput(
            "TW", departure_date=date(2024, 1, 1), return_date=date(2023, 1, 1)))
    assert placements.list_placements(ctx, pid)[0].return_date == date(2026, 6, 1)


def test_delete_and_restore_placement(ctx: ServiceContext, pid: str) -> None:
    old = place(ctx, pid, "MY", departure_date=date(2018, 1, 1), return_date=date(2021, 1, 1))
    new = place(ctx, pid, "TW", departure_date=date(2025, 1, 1))
    assert status(ctx, pid) == ("pmi", "TW")
    placements.delete_placement(ctx, new)
    assert [p.id for p in placements.list_placements(ctx, pid)] == [old]
    assert status(ctx, pid) == ("warga", "")
    assert count_rows(ctx.db, "placement") == 2
    with pytest.raises(NotFoundError):
        placements.delete_placement(ctx, new)
    with pytest.raises(NotFoundError):
        placements.update_placement(ctx, new, PlacementInput("TW"))
    placements.restore_placement(ctx, new)
    assert [p.id for p in placements.list_placements(ctx, pid)] == [new, old]
    assert status(ctx, pid) == ("pmi", "TW")


def test_placement_for_missing_or_deleted_person(ctx: ServiceContext, pid: str) -> None:
    with pytest.raises(NotFoundError):
        place(ctx, "no-such-person", "MY")
    persons.delete_person(ctx, pid)
    with pytest.raises(NotFoundError):
        place(ctx, pid, "MY")
    assert count_rows(ctx.db, "placement") == 0


def test_kepala_desa_cannot_change_placements(ctx: ServiceContext, head_ctx: ServiceContext,
                                              pid: str) -> None:
    pl = place(ctx, pid, "MY", departure_date=date(2025, 1, 1))
    with pytest.raises(PermissionDenied):
        place(head_ctx, pid, "TW")
    with pytest.raises(PermissionDenied):
        placements.update_placement(head_ctx, pl, PlacementInput("TW"))
    with pytest.raises(PermissionDenied):
        placements.delete_placement(head_ctx, pl)
    assert [(p.id, p.country) for p in placements.list_placements(head_ctx, pid)] == [(pl, "MY")]
    assert status(ctx, pid) == ("pmi", "MY")


# --------------------------------------------------------------------------
# Risk-signal fields (visa, agency licence, calo, recruiter, debt, family)
# --------------------------------------------------------------------------


def test_risk_fields_default_to_unknown(ctx: ServiceContext, pid: str) -> None:
    place(ctx, pid, "MY")
    [view] = placements.list_placements(ctx, pid)
    assert (view.visa_type, view.agency_licensed, view.via_calo, view.recruiter_name,
            view.recruiter_debt, view.family_informed) == ("", None, None, "", None, None)


def test_risk_fields_are_stored_and_updated(ctx: ServiceContext, pid: str) -> None:
    pl = place(ctx, pid, "SA", visa_type="turis", agency_licensed=False, via_calo=True,
               recruiter_name="  Pak Udin ", recruiter_debt=True, family_informed=False)
    [view] = placements.list_placements(ctx, pid)
    assert (view.visa_type, view.agency_licensed, view.via_calo, view.recruiter_name,
            view.recruiter_debt, view.family_informed) == ("turis", False, True, "Pak Udin",
                                                           True, False)
    placements.update_placement(ctx, pl, dataclasses.replace(
        view, visa_type="kerja", agency_licensed=True, via_calo=None, recruiter_debt=False,
        family_informed=True, recruiter_name=""))
    [view] = placements.list_placements(ctx, pid)
    assert (view.visa_type, view.agency_licensed, view.via_calo, view.recruiter_name,
            view.recruiter_debt, view.family_informed) == ("kerja", True, None, "", False, True)


def test_unknown_visa_and_long_recruiter_name_are_refused(ctx: ServiceContext,
                                                          pid: str) -> None:
    with pytest.raises(ValidationError) as info:
        place(ctx, pid, "MY", visa_type="pelajar", recruiter_name="x" * 151)
    assert [(p.field, p.text) for p in info.value.problems] == [
        ("visa_type", "Pilihan tidak dikenal."),
        ("recruiter_name", "Nama perekrut paling banyak 150 huruf."),
    ]
    assert count_rows(ctx.db, "placement") == 0
    place(ctx, pid, "MY", visa_type="lainnya", recruiter_name="x" * 150)
    assert count_rows(ctx.db, "placement") == 1


def test_placements_of_an_older_file_get_unknown_risk_fields(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from desa_desktop.db.migrate import open_database
    from desa_desktop.services import accounts
    from tests.conftest import ADMIN_PASSWORD
    from tests.db.test_migrations import make_old_database

    path = tmp_path / "old.sqlite3"
    make_old_database(path)  # has placement pl-1 of person p-1, from before these fields
    db, _ = open_database(path)
    try:
        admin = accounts.set_up(db, VILLAGE, "admin", "Admin Desa", ADMIN_PASSWORD)
        old_ctx = ServiceContext(db, VILLAGE.code, admin, today=lambda: TODAY)
        [view] = placements.list_placements(old_ctx, "p-1")
        assert (view.id, view.agency_name) == ("pl-1", "PT Maju")
        assert (view.visa_type, view.agency_licensed, view.via_calo, view.recruiter_name,
                view.recruiter_debt, view.family_informed) == ("", None, None, "", None, None)
        placements.update_placement(old_ctx, "pl-1", dataclasses.replace(view, via_calo=True))
        assert placements.list_placements(old_ctx, "p-1")[0].via_calo is True
    finally:
        db.close()


def test_downgrade_drops_the_risk_fields_and_upgrade_brings_them_back(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from alembic import command

    from desa_desktop.db.migrate import alembic_config, upgrade
    from desa_desktop.services.unlock import create_database

    db = create_database(tmp_path / "down.sqlite3")
    try:
        def columns() -> set[str]:
            with db.engine.connect() as conn:
                return {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(placement)")}

        risk = {"visa_type", "agency_licensed", "via_calo", "recruiter_name",
                "recruiter_debt", "family_informed"}
        assert risk <= columns()
        config = alembic_config()
        with db.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0003")
        assert not risk & columns()
        assert "country" in columns()
        upgrade(db)
        assert risk <= columns()
    finally:
        db.close()
