"""The at-risk list: which CPMI appear, with which reasons, in which order."""

from __future__ import annotations

from datetime import date

import pytest

from desa_desktop.services import at_risk, persons, placements
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import NotFoundError
from desa_desktop.services.placements import PlacementInput
from tests.services.helpers import add_person, nik_for, person_input

#: Everything a procedural departure has; a test changes only what it is about.
SAFE = {"scheme": "p2p", "agency_name": "PT Maju Jaya", "agency_licensed": True,
        "visa_type": "kerja", "via_calo": False, "recruiter_debt": False,
        "family_informed": True, "documents": ("ktp", "izin_keluarga")}


def plan(ctx: ServiceContext, pid: str, country: str = "MY", **fields: object) -> str:
    data = PlacementInput(country, **{**SAFE, **fields})  # type: ignore[arg-type]
    return placements.add_placement(ctx, pid, data).ids[0]


def listed(ctx: ServiceContext) -> list[tuple[str, tuple[str, ...]]]:
    return [(row.full_name, row.reasons) for row in at_risk.at_risk_list(ctx)]


def test_nobody_at_risk_in_an_empty_register(ctx: ServiceContext) -> None:
    assert at_risk.at_risk_list(ctx) == []


def test_safe_cpmi_is_not_listed_risky_one_is(ctx: ServiceContext) -> None:
    safe = add_person(ctx, "Siti Aminah", sex="P")
    plan(ctx, safe, "HK", departure_date=date(2027, 2, 1))
    risky = add_person(ctx, "Euis Komariah", sex="P", birth=date(1990, 3, 4))
    pl = plan(ctx, risky, "SA", agency_name="", visa_type="turis",
              departure_date=date(2027, 1, 15))
    assert persons.get_person(ctx, safe).status == "cpmi"
    [row] = at_risk.at_risk_list(ctx)
    assert row == at_risk.AtRiskRow(
        risky, "Euis Komariah", persons.get_person(ctx, risky).nik or None, pl, "SA", "",
        date(2027, 1, 15), ("tanpa_p3mi", "visa_turis"))


def test_most_reasons_first_then_by_name(ctx: ServiceContext) -> None:
    for name, fields in [
        ("budi", {"via_calo": True}),
        ("Agus", {"recruiter_debt": True}),
        ("Cecep", {"via_calo": True, "recruiter_debt": True, "family_informed": False}),
        ("Dadang", {"documents": ("ktp",), "agency_licensed": False}),
    ]:
        plan(ctx, add_person(ctx, name), **fields)
    assert listed(ctx) == [
        ("Cecep", ("lewat_calo", "utang_perekrut", "keluarga_tidak_tahu")),
        ("Dadang", ("p3mi_tidak_berizin", "tanpa_izin_keluarga")),
        ("Agus", ("utang_perekrut",)),
        ("budi", ("lewat_calo",)),
    ]


def test_only_cpmi_are_listed(ctx: ServiceContext) -> None:
    abroad = add_person(ctx, "Asep")  # already left: a case, not early detection
    plan(ctx, abroad, via_calo=True, departure_date=date(2025, 1, 1))
    back = add_person(ctx, "Ujang")
    plan(ctx, back, via_calo=True, departure_date=date(2022, 1, 1),
         return_date=date(2025, 1, 1))
    add_person(ctx, "Warga Biasa")
    assert [persons.get_person(ctx, p).status for p in (abroad, back)] == ["pmi", "purna"]
    assert listed(ctx) == []


def test_purna_planning_again_is_judged_on_the_new_plan(ctx: ServiceContext) -> None:
    pid = add_person(ctx, "Nining", sex="P")
    plan(ctx, pid, "MY", via_calo=True, departure_date=date(2020, 1, 1),
         return_date=date(2023, 1, 1))
    new = plan(ctx, pid, "TW")
    assert listed(ctx) == []
    placements.update_placement(ctx, new, PlacementInput("TW", **{**SAFE, "via_calo": True}))
    assert listed(ctx) == [("Nining", ("lewat_calo",))]
    assert at_risk.at_risk_list(ctx)[0].placement_id == new


def test_the_newest_open_placement_decides(ctx: ServiceContext) -> None:
    pid = add_person(ctx, "Yayah", sex="P")
    plan(ctx, pid, "MY", via_calo=True, departure_date=date(2027, 1, 1))
    newest = plan(ctx, pid, "TW", departure_date=date(2027, 6, 1))
    assert persons.get_person(ctx, pid).status == "cpmi"
    assert listed(ctx) == []
    placements.delete_placement(ctx, newest)
    assert listed(ctx) == [("Yayah", ("lewat_calo",))]


def test_deleted_person_leaves_the_list(ctx: ServiceContext) -> None:
    pid = add_person(ctx, "Iis")
    plan(ctx, pid, family_informed=False)
    assert len(listed(ctx)) == 1
    persons.delete_person(ctx, pid)
    assert listed(ctx) == []
    persons.restore_person(ctx, pid)
    assert listed(ctx) == [("Iis", ("keluarga_tidak_tahu",))]


def test_minor_is_found_by_birth_date_or_nik(ctx: ServiceContext) -> None:
    typed = add_person(ctx, "Rina", sex="P", birth=date(2010, 3, 1))
    plan(ctx, typed)  # no departure date yet: age counted today
    data = person_input("Rini", sex="P", birth=None, nik=nik_for(date(2009, 6, 1), "P"))
    from_nik = persons.create_person(ctx, data, confirmed=True).ids[0]
    plan(ctx, from_nik)
    adult = add_person(ctx, "Rosa", sex="P", birth=date(2008, 11, 22))  # 18 today
    plan(ctx, adult)
    assert listed(ctx) == [("Rina", ("di_bawah_umur",)), ("Rini", ("di_bawah_umur",))]


def test_risk_for_placement(ctx: ServiceContext, head_ctx: ServiceContext) -> None:
    pid = add_person(ctx, "Euis")
    pl = plan(ctx, pid, visa_type="kunjungan", recruiter_debt=True)
    assert at_risk.risk_for_placement(ctx, pl) == ("visa_turis", "utang_perekrut")
    assert at_risk.risk_for_placement(head_ctx, pl) == ("visa_turis", "utang_perekrut")
    assert [r.person_id for r in at_risk.at_risk_list(head_ctx)] == [pid]  # the head reads
    placements.delete_placement(ctx, pl)
    with pytest.raises(NotFoundError):
        at_risk.risk_for_placement(ctx, pl)
    with pytest.raises(NotFoundError):
        at_risk.risk_for_placement(ctx, "no-such-placement")


def test_form_preview_uses_the_same_rules(ctx: ServiceContext) -> None:
    data = person_input("Rini", sex="P", birth=None, nik=nik_for(date(2009, 6, 1), "P"))
    minor = persons.create_person(ctx, data, confirmed=True).ids[0]
    born = at_risk.person_birth_date(ctx, minor)
    assert born == date(2009, 6, 1)  # from the NIK: none was typed
    unsaved = PlacementInput("MY", **{**SAFE, "via_calo": True})  # type: ignore[arg-type]
    assert at_risk.input_signals(unsaved, born, ctx.today()) == ("lewat_calo",
                                                                 "di_bawah_umur")
    assert at_risk.input_signals(unsaved, None, ctx.today()) == ("lewat_calo",)
    with pytest.raises(NotFoundError):
        at_risk.person_birth_date(ctx, "no-such-person")
