"""Migration status derived from placements (desa_desktop.domain.status)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from desa_desktop.domain.reference import FAMILY_RELATIONS, RELATION_TO_HEAD
from desa_desktop.domain.status import (
    PURNA_YEARS,
    PlacementDates,
    household_status,
    migrant_status,
)

TODAY = date(2026, 11, 22)


def p(departure: date | None = None, returned: date | None = None,
      country: str = "MY") -> PlacementDates:
    return PlacementDates(departure, returned, country)


def test_no_placements_is_warga() -> None:
    assert migrant_status([], TODAY) == ("warga", "")
    assert migrant_status(iter(()), TODAY) == ("warga", "")


@pytest.mark.parametrize(("placement", "expected"), [
    (p(country="HK"), ("cpmi", "HK")),  # planned, no date yet
    (p(TODAY + timedelta(days=1), country="TW"), ("cpmi", "TW")),
    (p(TODAY, country="TW"), ("pmi", "TW")),  # leaves today
    (p(date(2020, 1, 1), country="SA"), ("pmi", "SA")),
    # Abroad, with the planned return still ahead (contract end typed as return).
    (p(date(2025, 1, 1), TODAY + timedelta(days=30), "SG"), ("pmi", "SG")),
    (p(date(2020, 1, 1), TODAY, "KR"), ("purna", "KR")),  # came home today
    (p(None, date(2025, 1, 1), "JP"), ("purna", "JP")),  # departure date never known
])
def test_one_placement(placement: PlacementDates, expected: tuple[str, str]) -> None:
    assert migrant_status([placement], TODAY) == expected


def test_purna_lasts_three_years_to_the_day() -> None:
    returned = date(2023, 11, 22)
    assert PURNA_YEARS == 3
    assert migrant_status([p(date(2020, 1, 1), returned)], TODAY) == ("purna", "MY")
    day_after = TODAY + timedelta(days=1)
    assert migrant_status([p(date(2020, 1, 1), returned)], day_after) == ("warga", "")
    assert migrant_status([p(date(2020, 1, 1), returned - timedelta(days=1))], TODAY) == (
        "warga", "")


def test_return_on_29_february() -> None:
    returned = date(2020, 2, 29)
    placement = [p(date(2018, 1, 1), returned, "TW")]
    assert migrant_status(placement, date(2023, 2, 27)) == ("purna", "TW")
    # 2023 has no 29 February: the three years end on the 28th.
    assert migrant_status(placement, date(2023, 2, 28)) == ("purna", "TW")
    assert migrant_status(placement, date(2023, 3, 1)) == ("warga", "")


def test_return_on_28_february_of_a_leap_year() -> None:
    placement = [p(date(2019, 1, 1), date(2024, 2, 28))]
    assert migrant_status(placement, date(2027, 2, 28)) == ("purna", "MY")
    assert migrant_status(placement, date(2027, 3, 1)) == ("warga", "")


def test_a_return_in_the_future_is_not_purna_yet() -> None:
    assert migrant_status([p(None, TODAY + timedelta(days=3))], TODAY) == ("cpmi", "MY")


def test_abroad_wins_over_planned_and_purna() -> None:
    old = p(date(2018, 1, 1), date(2025, 1, 1), "MY")
    now = p(date(2025, 6, 1), None, "TW")
    plan = p(None, None, "HK")
    for order in itertools.permutations([old, now, plan]):
        assert migrant_status(order, TODAY) == ("pmi", "TW")


def test_planned_wins_over_purna() -> None:
    old = p(date(2018, 1, 1), date(2025, 1, 1), "MY")
    plan = p(date(2027, 1, 1), None, "KR")
    for order in ([old, plan], [plan, old]):
        assert migrant_status(order, TODAY) == ("cpmi", "KR")


def test_latest_return_decides_the_purna_country() -> None:
    a = p(date(2019, 1, 1), date(2024, 6, 1), "SA")
    b = p(date(2021, 1, 1), date(2025, 6, 1), "TW")
    c = p(date(2010, 1, 1), date(2012, 6, 1), "MY")  # long ago: ignored
    for order in itertools.permutations([a, b, c]):
        assert migrant_status(order, TODAY) == ("purna", "TW")


def test_old_returns_only_is_warga() -> None:
    placements = [p(date(2010, 1, 1), date(2012, 1, 1)), p(date(2015, 1, 1), date(2018, 1, 1))]
    assert migrant_status(placements, TODAY) == ("warga", "")


def test_two_open_departures_the_latest_decides_whatever_the_order() -> None:
    old = p(date(2019, 1, 1), None, "MY")
    new = p(date(2025, 1, 1), None, "TW")
    assert migrant_status([old, new], TODAY) == ("pmi", "TW")
    assert migrant_status([new, old], TODAY) == ("pmi", "TW")


# --------------------------------------------------------------------------
# Family
# --------------------------------------------------------------------------


@pytest.mark.parametrize("relation", sorted(FAMILY_RELATIONS))
def test_family_of_someone_abroad_is_keluarga(relation: str) -> None:
    assert household_status("warga", relation, True, FAMILY_RELATIONS) == "keluarga"
    assert household_status("warga", relation, False, FAMILY_RELATIONS) == "warga"


@pytest.mark.parametrize("relation", ["", "famili", "lainnya"])
def test_other_housemates_are_not_keluarga(relation: str) -> None:
    assert household_status("warga", relation, True, FAMILY_RELATIONS) == "warga"


@pytest.mark.parametrize("own", ["pmi", "cpmi", "purna"])
def test_own_status_is_kept(own: str) -> None:
    assert household_status(own, "istri", True, FAMILY_RELATIONS) == own


def test_family_relations_are_known_relations() -> None:
    assert set(FAMILY_RELATIONS) <= set(RELATION_TO_HEAD)
    assert {"istri", "suami", "anak", "orang_tua"} <= FAMILY_RELATIONS
    assert "famili" not in FAMILY_RELATIONS
