"""Early-warning reports: numbering, checks, persons named, turning one into a case."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from desa_desktop.services import persons, placements, warnings
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError
from desa_desktop.services.placements import PlacementInput
from desa_desktop.services.warnings import WarningInput
from tests.conftest import TODAY, VILLAGE
from tests.services.helpers import add_person, count_rows, row


def report(**fields: object) -> WarningInput:
    values: dict[str, object] = {
        "report_date": date(2026, 11, 20), "kind": "calo",
        "what_seen": "Ada orang asing menawarkan kerja ke Malaysia tanpa biaya.",
    }
    values.update(fields)
    return WarningInput(**values)  # type: ignore[arg-type]


def create(ctx: ServiceContext, **fields: object) -> str:
    return warnings.create_report(ctx, report(**fields)).ids[0]


def test_create_and_read_a_report(ctx: ServiceContext) -> None:
    euis = add_person(ctx, "Euis Komariah", sex="P")
    asep = add_person(ctx, "Asep Saepudin")
    change = warnings.create_report(ctx, report(
        reporter_name=" Bu RT ", recruiter_name=" Pak Udin ", recruiter_phone="0812-3456-7890",
        recruiter_details=" Naik motor merah ", actions=("polisi", "keluarga", "polisi"),
        action_notes=" Keluarga sudah ditemui ", person_ids=(euis, asep, euis),
        what_seen="  Menawarkan kerja ke Malaysia.  "))
    assert (change.entity, change.action) == ("warning_report", "created")
    view = warnings.get_report(ctx, change.ids[0])
    assert view.number == "PD-2026-0001"
    assert view.data == WarningInput(
        date(2026, 11, 20), "calo", "Menawarkan kerja ke Malaysia.", "Bu RT", "Pak Udin",
        "+6281234567890", "Naik motor merah", ("keluarga", "polisi"),
        "Keluarga sudah ditemui", (asep, euis))
    assert view.persons == ((asep, "Asep Saepudin"), (euis, "Euis Komariah"))  # by name
    assert (view.case_id, view.case_number) == (None, "")
    sql = "SELECT village_code, changed_by, revision FROM warning_report WHERE id = :id"
    assert row(ctx.db, sql, id=view.id) == (VILLAGE.code, ctx.officer_id, 1)
    assert count_rows(ctx.db, "warning_person") == 2


def test_foreign_recruiter_number_is_kept_as_typed(ctx: ServiceContext) -> None:
    rid = create(ctx, recruiter_phone=" +60 12-345 6789 ")
    assert warnings.get_report(ctx, rid).data.recruiter_phone == "+60 12-345 6789"


def test_numbers_run_on_and_restart_each_year(ctx: ServiceContext) -> None:
    first = create(ctx, report_date=date(2026, 1, 5))
    second = create(ctx, report_date=date(2026, 11, 22))
    older = create(ctx, report_date=date(2025, 12, 30))
    third = create(ctx, report_date=date(2026, 3, 1))
    numbers = {r.id: r.number for r in warnings.list_reports(ctx)}
    assert numbers == {first: "PD-2026-0001", second: "PD-2026-0002",
                       older: "PD-2025-0001", third: "PD-2026-0003"}
    # A deleted report keeps its number: the next one never reuses it.
    warnings.delete_report(ctx, third)
    assert warnings.get_report(ctx, create(ctx)).number == "PD-2026-0004"


def test_list_is_newest_first_without_deleted(ctx: ServiceContext) -> None:
    old = create(ctx, report_date=date(2026, 1, 5))
    new = create(ctx, report_date=date(2026, 11, 1))
    same_day = create(ctx, report_date=date(2026, 11, 1))
    assert [r.id for r in warnings.list_reports(ctx)] == [same_day, new, old]
    warnings.delete_report(ctx, new)
    assert [r.id for r in warnings.list_reports(ctx)] == [same_day, old]
    with pytest.raises(NotFoundError):
        warnings.get_report(ctx, new)
    warnings.restore_report(ctx, new)
    assert [r.id for r in warnings.list_reports(ctx)] == [same_day, new, old]


def test_update_keeps_the_number_and_relinks_persons(ctx: ServiceContext,
                                                     other_ctx: ServiceContext) -> None:
    a, b, c = (add_person(ctx, name) for name in ("Ani", "Budi", "Cici"))
    rid = create(ctx, person_ids=(a, b))
    view = warnings.get_report(ctx, rid)
    change = warnings.update_report(other_ctx, rid, dataclasses.replace(
        view.data, report_date=date(2025, 12, 31), kind="lowongan", person_ids=(b, c),
        actions=("disnaker",)))
    assert change == warnings.Change("warning_report", (rid,), "updated")
    view = warnings.get_report(ctx, rid)
    assert view.number == "PD-2026-0001"
    assert (view.data.kind, view.data.actions) == ("lowongan", ("disnaker",))
    assert [name for _, name in view.persons] == ["Budi", "Cici"]
    sql = "SELECT changed_by, revision FROM warning_report WHERE id = :id"
    assert row(ctx.db, sql, id=rid) == (other_ctx.officer_id, 2)
    # Putting Ani back revives her link instead of adding a second one.
    warnings.update_report(ctx, rid, dataclasses.replace(view.data, person_ids=(a,)))
    assert [name for _, name in warnings.get_report(ctx, rid).persons] == ["Ani"]
    assert count_rows(ctx.db, "warning_person") == 3
    assert count_rows(ctx.db, "warning_person", "deleted_at IS NULL") == 1


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"report_date": date(2026, 11, 23)}, "report_date",
     "Tanggal laporan tidak boleh di masa depan."),
    ({"kind": ""}, "kind", "Pilih jenis laporan."),
    ({"kind": "gosip"}, "kind", "Pilih jenis laporan."),
    ({"what_seen": "   "}, "what_seen", "Tuliskan apa yang dilihat atau didengar."),
    ({"actions": ("keluarga", "dukun")}, "actions", "Tindakan tidak dikenal: dukun."),
    ({"person_ids": ("no-such-person",)}, "person_ids",
     "Warga yang disebut tidak ditemukan; mungkin sudah dihapus."),
    ({"recruiter_phone": "0812"}, "recruiter_phone",
     "Nomor telepon perekrut tidak dikenali; ketik nomor HP (0812 3456 7890) atau nomor "
     "luar negeri dengan kode negaranya (+60...)."),
    ({"recruiter_phone": "hubungi lewat FB"}, "recruiter_phone",
     "Nomor telepon perekrut tidak dikenali; ketik nomor HP (0812 3456 7890) atau nomor "
     "luar negeri dengan kode negaranya (+60...)."),
])
def test_bad_input_is_refused(ctx: ServiceContext, fields: dict, field: str,
                              message: str) -> None:
    with pytest.raises(ValidationError) as info:
        create(ctx, **fields)
    assert [(p.field, p.text) for p in info.value.problems] == [(field, message)]
    assert count_rows(ctx.db, "warning_report") == 0
    assert count_rows(ctx.db, "number_counter") == 0  # no number spent on a refused form


def test_every_problem_is_reported_at_once(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError) as info:
        create(ctx, kind="x", what_seen="", report_date=date(2027, 1, 1))
    assert [p.field for p in info.value.problems] == ["report_date", "kind", "what_seen"]


def test_deleted_person_cannot_be_named(ctx: ServiceContext) -> None:
    pid = add_person(ctx, "Iis")
    rid = create(ctx, person_ids=(pid,))
    persons.delete_person(ctx, pid)
    with pytest.raises(ValidationError):
        create(ctx, person_ids=(pid,))
    view = warnings.get_report(ctx, rid)
    with pytest.raises(ValidationError):
        warnings.update_report(ctx, rid, view.data)
    assert count_rows(ctx.db, "warning_report") == 1


def test_update_of_missing_report_and_bad_update(ctx: ServiceContext) -> None:
    with pytest.raises(NotFoundError):
        warnings.update_report(ctx, "no-such-report", report())
    rid = create(ctx)
    with pytest.raises(ValidationError):
        warnings.update_report(ctx, rid, report(what_seen=""))
    assert warnings.get_report(ctx, rid).data.what_seen.startswith("Ada orang asing")


def test_kepala_desa_reads_but_cannot_write(ctx: ServiceContext,
                                           head_ctx: ServiceContext) -> None:
    rid = create(ctx)
    with pytest.raises(PermissionDenied):
        warnings.create_report(head_ctx, report())
    with pytest.raises(PermissionDenied):
        warnings.update_report(head_ctx, rid, report(kind="lowongan"))
    with pytest.raises(PermissionDenied):
        warnings.delete_report(head_ctx, rid)
    with pytest.raises(PermissionDenied):
        warnings.make_case(head_ctx, rid, ("penipuan_calo",))
    assert [r.id for r in warnings.list_reports(head_ctx)] == [rid]
    assert warnings.get_report(head_ctx, rid).data.kind == "calo"


# --------------------------------------------------------------------------
# From report to case
# --------------------------------------------------------------------------


def test_make_case_from_a_report(ctx: ServiceContext) -> None:
    from desa_desktop.services import cases

    euis = add_person(ctx, "Euis Komariah", sex="P")
    plan = placements.add_placement(ctx, euis, PlacementInput("MY", visa_type="turis")).ids[0]
    asep = add_person(ctx, "Asep")
    rid = create(ctx, reporter_name="Bu RT", recruiter_name="Pak Udin",
                 recruiter_phone="081234567890", recruiter_details="Naik motor merah",
                 person_ids=(euis, asep), report_date=date(2026, 11, 2))
    change = warnings.make_case(ctx, rid, ("penipuan_calo",))
    assert (change.entity, change.action) == ("case", "created")
    case_id = change.ids[0]

    view = warnings.get_report(ctx, rid)
    detail = cases.get_case(ctx, case_id)
    assert (view.case_id, view.case_number) == (case_id, detail.number)
    assert detail.number.startswith("KS-2026-")
    assert detail.warning_report_id == rid
    assert detail.data.types == ("penipuan_calo",)
    assert detail.data.reported_on == TODAY
    assert (detail.data.channel, detail.data.reporter_name) == ("lainnya", "Bu RT")
    assert detail.data.country == "MY"  # from the named person's planned departure
    text = detail.data.description
    assert view.number in text
    for part in ("Ada orang asing menawarkan kerja", "Pak Udin", "+6281234567890",
                 "Naik motor merah"):
        assert part in text
    assert {(p.person_id, p.placement_id, p.role) for p in detail.persons} == {
        (euis, plan, "korban"), (asep, None, "korban")}
    assert [r.id for r in warnings.list_reports(ctx)] == [rid]
    assert warnings.list_reports(ctx)[0].case_number == detail.number


def test_a_report_becomes_a_case_only_once(ctx: ServiceContext) -> None:
    pid = add_person(ctx, "Euis")
    rid = create(ctx, person_ids=(pid,))
    number = warnings.get_report(ctx, rid).number
    warnings.make_case(ctx, rid, ("penipuan_calo",))
    case_number = warnings.get_report(ctx, rid).case_number
    with pytest.raises(ValidationError) as info:
        warnings.make_case(ctx, rid, ("gagal_berangkat",))
    assert info.value.problems[0].text == f"Laporan ini sudah dijadikan kasus {case_number}."
    assert count_rows(ctx.db, "case_file") == 1
    assert warnings.get_report(ctx, rid).number == number


def test_case_linked_only_from_its_side_still_counts(ctx: ServiceContext) -> None:
    """Had marking the report failed after the case was saved, no second case is made."""
    pid = add_person(ctx, "Euis")
    rid = create(ctx, person_ids=(pid,))
    case_id = warnings.make_case(ctx, rid, ("penipuan_calo",)).ids[0]
    with ctx.db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE warning_report SET case_id = NULL")
    assert warnings.get_report(ctx, rid).case_id == case_id
    with pytest.raises(ValidationError):
        warnings.make_case(ctx, rid, ("penipuan_calo",))


def test_make_case_needs_persons_and_valid_types(ctx: ServiceContext) -> None:
    rid = create(ctx)
    with pytest.raises(ValidationError) as info:
        warnings.make_case(ctx, rid, ("penipuan_calo",))
    assert [(p.field, p.text) for p in info.value.problems] == [(
        "person_ids",
        "Sebutkan dulu warga yang bersangkutan di laporan ini sebelum dijadikan kasus.")]
    pid = add_person(ctx, "Euis")
    warnings.update_report(ctx, rid, report(person_ids=(pid,)))
    with pytest.raises(ValidationError):
        warnings.make_case(ctx, rid, ())
    assert count_rows(ctx.db, "case_file") == 0
    assert warnings.get_report(ctx, rid).case_id is None
    with pytest.raises(NotFoundError):
        warnings.make_case(ctx, "no-such-report", ("penipuan_calo",))
