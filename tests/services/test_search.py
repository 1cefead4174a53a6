"""Search as you type over the registry (desa_desktop.services.search)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy import text

from desa_desktop.domain.names import name_key
from desa_desktop.services import households, persons, placements, search
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.households import HouseholdInput
from desa_desktop.services.placements import PlacementInput
from desa_desktop.services.search import PersonQuery, count_matches, match_expression, search_page
from tests.conftest import VILLAGE
from tests.services.helpers import add_household, add_person, kk_for, nik_for

# --------------------------------------------------------------------------
# The FTS expression
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "expected"), [
    ("siti", '"siti"*'),
    ("Siti Am", '"siti"* "am"*'),
    ("  SITI   aminah  ", '"siti"* "aminah"*'),
    ("Ma'ruf", '"ma"* "ruf"*'),
    ('siti" OR "x', '"siti"* "or"* "x"*'),  # quotes never reach FTS5 syntax
    ("3207", '"3207"*'),
    ("3207 12 450885", '"320712450885"*'),
    ("32.07.12-45", '"32071245"*'),
    ("Siti 1990", '"siti"* "1990"*'),
    ("", ""),
    ("   ", ""),
    ("...", ""),
    ("- . -", ""),
    ("!?*", ""),
])
def test_match_expression(typed: str, expected: str) -> None:
    assert match_expression(typed) == expected


# --------------------------------------------------------------------------
# Searching
# --------------------------------------------------------------------------


@pytest.fixture
def village(ctx: ServiceContext) -> dict[str, str]:
    """A small registry: two households in two dusun, a PMI, a purna, a CPMI."""
    cikupa = add_household(ctx, "Ahmad Sobari", kk="3207121203150007", dusun="Cikupa",
                           rt="1", rw="2")
    babakan = add_household(ctx, "Dedi Kurnia", kk="3207121506180001", dusun="Babakan")
    ids = {
        "siti_aminah": add_person(ctx, "Siti Aminah", sex="P", birth=date(1990, 5, 17),
                                  household_id=cikupa, relation_to_head="istri"),
        "ahmad": add_person(ctx, "Ahmad Sobari", birth=date(1985, 1, 2), household_id=cikupa,
                            relation_to_head="kepala"),
        "siti_rahma": add_person(ctx, "Siti Rahma", sex="P", birth=date(1992, 8, 9),
                                 household_id=babakan, relation_to_head="istri"),
        "aminah": add_person(ctx, "Aminah Putri", sex="P", birth=date(1999, 3, 3)),
        "dedi": add_person(ctx, "Dedi Kurnia", birth=date(1980, 4, 4), household_id=babakan,
                           relation_to_head="kepala"),
        "cahya": add_person(ctx, "Cahya Ningsih", sex="P", birth=date(1995, 6, 6),
                            with_nik=False),
    }
    placements.add_placement(ctx, ids["siti_aminah"],
                             PlacementInput("TW", departure_date=date(2025, 1, 1)))
    placements.add_placement(ctx, ids["siti_rahma"], PlacementInput(
        "MY", departure_date=date(2020, 1, 1), return_date=date(2024, 1, 1)))
    placements.add_placement(ctx, ids["aminah"], PlacementInput("TW"))
    ids["cikupa"], ids["babakan"] = cikupa, babakan
    return ids


def names(ctx: ServiceContext, query: PersonQuery) -> list[str]:
    """Names on the first page; the count shown above the list must agree with it."""
    found = [r.full_name for r in search_page(ctx.db, query)]
    assert count_matches(ctx.db, query) == len(found)
    return found


def test_empty_query_lists_everyone_in_name_order(ctx: ServiceContext,
                                                  village: dict[str, str]) -> None:
    assert names(ctx, PersonQuery()) == ["Ahmad Sobari", "Aminah Putri", "Cahya Ningsih",
                                         "Dedi Kurnia", "Siti Aminah", "Siti Rahma"]
    assert count_matches(ctx.db, PersonQuery()) == 6


@pytest.mark.parametrize(("typed", "expected"), [
    ("siti", ["Siti Aminah", "Siti Rahma"]),
    ("SIT", ["Siti Aminah", "Siti Rahma"]),
    ("ami", ["Aminah Putri", "Siti Aminah"]),  # prefix of any word
    ("siti am", ["Siti Aminah"]),
    ("am siti", ["Siti Aminah"]),
    ("siti  rahma", ["Siti Rahma"]),
    ("kurn", ["Dedi Kurnia"]),
    ("ningsih cahya", ["Cahya Ningsih"]),
    ("sobari x", []),
    ("budi", []),
    ("...", []),
])
def test_search_by_name(ctx: ServiceContext, village: dict[str, str], typed: str,
                        expected: list[str]) -> None:
    assert names(ctx, PersonQuery(text=typed)) == expected
    assert count_matches(ctx.db, PersonQuery(text=typed)) == len(expected)


def test_search_by_nik_prefix(ctx: ServiceContext, village: dict[str, str]) -> None:
    nik = persons.get_person(ctx, village["siti_aminah"]).nik
    assert nik.startswith("320712570590")
    assert names(ctx, PersonQuery(text=nik)) == ["Siti Aminah"]
    assert names(ctx, PersonQuery(text="3207 12 570590")) == ["Siti Aminah"]
    assert names(ctx, PersonQuery(text="32.07.12.5705")) == ["Siti Aminah"]
    assert names(ctx, PersonQuery(text=nik[:12] + "9")) == []
    # Every registered NIK here starts with the district code; Cahya has none.
    assert "Cahya Ningsih" not in names(ctx, PersonQuery(text="320712"))
    assert len(names(ctx, PersonQuery(text="320712"))) == 5


def test_search_by_kk_prefix_finds_the_household_members(ctx: ServiceContext,
                                                         village: dict[str, str]) -> None:
    assert names(ctx, PersonQuery(text="3207121203150007")) == ["Ahmad Sobari", "Siti Aminah"]
    assert names(ctx, PersonQuery(text="3207 1212 03")) == ["Ahmad Sobari", "Siti Aminah"]
    assert names(ctx, PersonQuery(text="32071215061")) == ["Dedi Kurnia", "Siti Rahma"]


def test_rows_carry_what_the_registry_shows(ctx: ServiceContext,
                                            village: dict[str, str]) -> None:
    [r] = search_page(ctx.db, PersonQuery(text="siti am"))
    assert r.id == village["siti_aminah"]
    assert r.nik == persons.get_person(ctx, r.id).nik
    assert (r.sex, r.birth_date) == ("P", "1990-05-17")
    assert (r.status, r.last_country) == ("pmi", "TW")
    assert (r.dusun, r.rt, r.rw, r.kk_number) == ("Cikupa", "001", "002", "3207121203150007")
    assert r.name_key == "siti aminah"
    [c] = search_page(ctx.db, PersonQuery(text="cahya"))
    assert (c.nik, c.dusun, c.kk_number, c.status) == ("", "", "", "warga")


def test_filters_alone_and_with_text(ctx: ServiceContext, village: dict[str, str]) -> None:
    assert names(ctx, PersonQuery(status="pmi")) == ["Siti Aminah"]
    assert names(ctx, PersonQuery(status="purna")) == ["Siti Rahma"]
    assert names(ctx, PersonQuery(status="cpmi")) == ["Aminah Putri"]
    assert names(ctx, PersonQuery(status="keluarga")) == ["Ahmad Sobari"]
    assert names(ctx, PersonQuery(status="warga")) == ["Cahya Ningsih", "Dedi Kurnia"]
    assert names(ctx, PersonQuery(dusun="Cikupa")) == ["Ahmad Sobari", "Siti Aminah"]
    assert names(ctx, PersonQuery(country="TW")) == ["Aminah Putri", "Siti Aminah"]
    assert names(ctx, PersonQuery(country="MY")) == ["Siti Rahma"]

    assert names(ctx, PersonQuery(text="siti", status="purna")) == ["Siti Rahma"]
    assert names(ctx, PersonQuery(text="siti", dusun="Cikupa")) == ["Siti Aminah"]
    assert names(ctx, PersonQuery(text="aminah", country="TW", status="cpmi")) == [
        "Aminah Putri"]
    assert names(ctx, PersonQuery(text="siti", dusun="Babakan", country="TW")) == []
    assert names(ctx, PersonQuery(dusun="Cikupa", status="keluarga")) == ["Ahmad Sobari"]
    assert count_matches(ctx.db, PersonQuery(text="siti", country="TW")) == 1
    assert count_matches(ctx.db, PersonQuery(text="!!")) == 0


def test_deleted_persons_are_not_found(ctx: ServiceContext, village: dict[str, str]) -> None:
    persons.delete_person(ctx, village["siti_aminah"])
    assert names(ctx, PersonQuery(text="siti")) == ["Siti Rahma"]
    assert names(ctx, PersonQuery(dusun="Cikupa")) == ["Ahmad Sobari"]
    assert names(ctx, PersonQuery(text="3207121203150007")) == ["Ahmad Sobari"]
    assert count_matches(ctx.db, PersonQuery()) == 5
    persons.restore_person(ctx, village["siti_aminah"])
    assert names(ctx, PersonQuery(text="siti")) == ["Siti Aminah", "Siti Rahma"]


def test_renaming_updates_the_index(ctx: ServiceContext, village: dict[str, str]) -> None:
    pid = village["cahya"]
    data = persons.get_person(ctx, pid).as_input()
    persons.update_person(ctx, pid, dataclasses.replace(data, full_name="Cahyati Lestari"))
    assert names(ctx, PersonQuery(text="ningsih")) == []
    assert names(ctx, PersonQuery(text="lestari")) == ["Cahyati Lestari"]
    assert names(ctx, PersonQuery(text="cahya")) == ["Cahyati Lestari"]
    # The list order follows the new name too.
    assert names(ctx, PersonQuery())[2] == "Cahyati Lestari"


def test_adding_a_nik_later_updates_the_index(ctx: ServiceContext,
                                              village: dict[str, str]) -> None:
    pid = village["cahya"]
    nik = nik_for(date(1995, 6, 6), "P", serial=777)
    data = persons.get_person(ctx, pid).as_input()
    persons.update_person(ctx, pid, dataclasses.replace(data, nik=nik))
    assert names(ctx, PersonQuery(text=nik)) == ["Cahya Ningsih"]


def test_changing_a_households_kk_updates_its_members(ctx: ServiceContext,
                                                      village: dict[str, str]) -> None:
    new_kk = "3207120101200042"
    households.update_household(ctx, village["cikupa"], HouseholdInput(
        kk_number=new_kk, head_name="Ahmad Sobari", dusun="Cikupa", rt="1", rw="2"))
    assert names(ctx, PersonQuery(text="3207121203150007")) == []
    assert names(ctx, PersonQuery(text=new_kk)) == ["Ahmad Sobari", "Siti Aminah"]
    assert [r.kk_number for r in search_page(ctx.db, PersonQuery(text="3207120101"))] == [
        new_kk, new_kk]
    # The other household is untouched.
    assert names(ctx, PersonQuery(text="3207121506180001")) == ["Dedi Kurnia", "Siti Rahma"]


def test_moving_to_another_household_updates_kk_search(ctx: ServiceContext,
                                                       village: dict[str, str]) -> None:
    pid = village["aminah"]
    data = persons.get_person(ctx, pid).as_input()
    persons.update_person(ctx, pid, dataclasses.replace(data, household_id=village["babakan"]))
    assert "Aminah Putri" in names(ctx, PersonQuery(text="3207121506180001"))
    assert names(ctx, PersonQuery(text="aminah", dusun="Babakan")) == ["Aminah Putri"]


def test_accents_fold_in_search(ctx: ServiceContext) -> None:
    add_person(ctx, "Ahmád Fauzí")
    assert names(ctx, PersonQuery(text="ahmad")) == ["Ahmád Fauzí"]
    assert names(ctx, PersonQuery(text="fauzí")) == ["Ahmád Fauzí"]


def test_countries_in_use(ctx: ServiceContext, village: dict[str, str]) -> None:
    assert search.countries_in_use(ctx.db) == ["MY", "TW"]


# --------------------------------------------------------------------------
# Keyset paging
# --------------------------------------------------------------------------


def all_pages(ctx: ServiceContext, query: PersonQuery, limit: int) -> list[list[str]]:
    pages: list[list[str]] = []
    after = None
    while True:
        page = search_page(ctx.db, query, after=after, limit=limit)
        if not page:
            return pages
        pages.append([r.id for r in page])
        after = page[-1]
        assert len(pages) < 100, "paging does not advance"


def test_keyset_pages_cover_everyone_once_in_name_order(ctx: ServiceContext) -> None:
    # Same names on purpose: equal name keys are ordered by id, never skipped.
    for i, name in enumerate(["Wati", "Budi", "Siti", "Agus", "Siti", "Dewi", "Budi",
                              "Eko", "Rina", "Yanto", "Siti", "Asep", "Nur"]):
        add_person(ctx, name, birth=date(1980 + i, 1, 1), with_nik=False)
    everyone = search_page(ctx.db, PersonQuery(), limit=1000)
    assert len(everyone) == 13
    assert [r.name_key for r in everyone] == sorted(r.name_key for r in everyone)

    pages = all_pages(ctx, PersonQuery(), limit=5)
    assert [len(p) for p in pages] == [5, 5, 3]
    flat = [pid for page in pages for pid in page]
    assert len(set(flat)) == len(flat)  # no overlap
    assert flat == [r.id for r in everyone]  # all of them, in name order

    siti_pages = all_pages(ctx, PersonQuery(text="siti"), limit=2)
    assert [len(p) for p in siti_pages] == [2, 1]
    assert sorted(pid for page in siti_pages for pid in page) == sorted(
        r.id for r in everyone if r.full_name == "Siti")


def test_default_page_size_over_a_bulk_insert(ctx: ServiceContext) -> None:
    """Rows inserted with plain SQL (as an import would) are indexed by the triggers."""
    total = search.PAGE_SIZE + 37
    rows = [
        {"id": f"bulk-{i:04d}", "name": f"Warga Nomor {i:04d}", "key": f"warga nomor {i:04d}",
         "nik": nik_for(date(1970, 1, 1) if i % 2 else date(1971, 1, 1), "L", serial=i + 1),
         "v": VILLAGE.code}
        for i in range(total)
    ]
    with ctx.db.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO person (id, nik, full_name, name_key, sex, birth_place, phone, "
            "education, marital_status, relation_to_head, passport_number, status, "
            "last_country, collection_method, notes, village_code, created_at, updated_at, "
            "revision) VALUES (:id, :nik, :name, :key, 'L', '', '', '', '', '', '', 'warga', "
            "'', 'dokumen', '', :v, '2026-11-22 00:00:00', '2026-11-22 00:00:00', 1)"
        ), rows)
    assert count_matches(ctx.db, PersonQuery(text="warga nomor")) == total
    first = search_page(ctx.db, PersonQuery(text="warga"))
    assert len(first) == search.PAGE_SIZE
    second = search_page(ctx.db, PersonQuery(text="warga"), after=first[-1])
    assert len(second) == 37
    assert {r.id for r in first}.isdisjoint(r.id for r in second)
    assert [r.id for r in first + second] == [f"bulk-{i:04d}" for i in range(total)]
    assert [r.full_name for r in search_page(ctx.db, PersonQuery(text="0123"))] == [
        "Warga Nomor 0123"]


def test_name_key_matches_the_list_order(ctx: ServiceContext) -> None:
    add_person(ctx, "Hj. Zubaedah")
    add_person(ctx, "Aan Anwar")
    listed = search_page(ctx.db, PersonQuery())
    assert [r.full_name for r in listed] == ["Aan Anwar", "Hj. Zubaedah"]
    assert [r.name_key for r in listed] == [name_key("Aan Anwar"), name_key("Hj. Zubaedah")]


def test_search_sees_a_new_kk_household_member(ctx: ServiceContext) -> None:
    kk = kk_for(serial=555)
    hid = add_household(ctx, "Ujang", kk=kk)
    add_person(ctx, "Ujang", household_id=hid, relation_to_head="kepala")
    assert names(ctx, PersonQuery(text=kk[:10])) == ["Ujang"]
