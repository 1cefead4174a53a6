"""Follow-ups: what is due, for whom, and what the start page lists."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desa_desktop.db.case_models import WarningReport
from desa_desktop.services import cases, follow_ups
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError
from desa_desktop.services.records import stamp_new
from tests.conftest import TODAY
from tests.services.case_helpers import euis, make_case


def planned(ctx: ServiceContext, day: date) -> ServiceContext:
    """The same officer on an earlier day (a follow-up is planned, then falls due)."""
    return ServiceContext(ctx.db, ctx.village_code, ctx.officer, today=lambda: day)


def add(ctx: ServiceContext, due: date, note: str = "Telepon keluarga", **kw: object) -> str:
    return follow_ups.add_follow_up(planned(ctx, min(due, TODAY)), due_date=due, note=note,
                                    **kw).ids[0]  # type: ignore[arg-type]


def make_report(ctx: ServiceContext) -> str:
    """An early-warning report, written with the model (the warnings service is separate)."""
    with ctx.db.sessions.begin() as s:
        report = stamp_new(ctx, WarningReport(number="PD-2026-0007", report_date=TODAY,
                                              kind="calo", what_seen="Calo menawarkan kerja"))
        s.add(report)
        s.flush()
        return report.id


@pytest.fixture
def case_id(ctx: ServiceContext) -> str:
    pid, plid = euis(ctx)
    return make_case(ctx, pid, plid)


def test_due_today_and_overdue_are_listed_oldest_first(ctx: ServiceContext,
                                                       case_id: str) -> None:
    late = add(ctx, TODAY - timedelta(days=3), "Minta salinan kontrak", case_id=case_id)
    today = add(ctx, TODAY, "Telepon agen", case_id=case_id)
    add(ctx, TODAY + timedelta(days=1), "Belum waktunya", case_id=case_id)
    due = follow_ups.due_follow_ups(ctx)
    assert [(d.id, d.note, d.overdue) for d in due] == [
        (late, "Minta salinan kontrak", True), (today, "Telepon agen", False)]
    assert (due[0].case_id, due[0].case_number, due[0].title, due[0].warning_report_id) == (
        case_id, "KS-2026-0001", "Euis Komariah", None)
    # Tomorrow, tomorrow's item is due too and today's is late.
    tomorrow = follow_ups.due_follow_ups(ctx, TODAY + timedelta(days=1))
    assert [(d.note, d.overdue) for d in tomorrow] == [
        ("Minta salinan kontrak", True), ("Telepon agen", True), ("Belum waktunya", False)]


def test_completed_items_leave_the_list_and_the_case_shows_open_ones_first(
        ctx: ServiceContext, case_id: str) -> None:
    first = add(ctx, TODAY - timedelta(days=1), "Pertama", case_id=case_id)
    second = add(ctx, TODAY + timedelta(days=5), "Kedua", case_id=case_id)
    assert cases.list_cases(ctx)[0].next_due == TODAY - timedelta(days=1)
    change = follow_ups.complete_follow_up(ctx, first)
    assert (change.entity, change.ids, change.action) == ("follow_up", (first, case_id),
                                                          "updated")
    assert follow_ups.due_follow_ups(ctx) == []
    assert cases.list_cases(ctx)[0].next_due == TODAY + timedelta(days=5)
    listed = cases.get_case(ctx, case_id).follow_ups
    assert [(f.id, f.done_on, f.assigned_officer_name) for f in listed] == [
        (second, None, "Admin Desa"), (first, TODAY, "Admin Desa")]


def test_completion_date_cannot_be_in_the_future(ctx: ServiceContext, case_id: str) -> None:
    item = add(ctx, TODAY, case_id=case_id)
    with pytest.raises(ValidationError) as info:
        follow_ups.complete_follow_up(ctx, item, TODAY + timedelta(days=1))
    assert info.value.problems[0].text == "Tanggal selesai tidak boleh di masa depan."
    follow_ups.complete_follow_up(ctx, item, TODAY - timedelta(days=1))
    assert cases.get_case(ctx, case_id).follow_ups[0].done_on == TODAY - timedelta(days=1)


def test_each_officer_sees_their_own_and_unassigned_items_the_admin_all(
        ctx: ServiceContext, other_ctx: ServiceContext, case_id: str) -> None:
    admins = add(ctx, TODAY, "Untuk admin", case_id=case_id)  # the case officer: admin
    budis = add(ctx, TODAY, "Untuk Budi", case_id=case_id,
                assigned_officer_id=other_ctx.officer_id)
    report = make_report(ctx)
    anyone = add(ctx, TODAY, "Kunjungi keluarga", warning_report_id=report)
    assert {d.id for d in follow_ups.due_follow_ups(other_ctx)} == {budis, anyone}
    assert {d.id for d in follow_ups.due_follow_ups(ctx)} == {admins, budis, anyone}


def test_items_of_a_warning_report_are_titled_by_its_number_and_kind(
        ctx: ServiceContext) -> None:
    report = make_report(ctx)
    item = add(ctx, TODAY, "Kunjungi keluarga", warning_report_id=report)
    [due] = follow_ups.due_follow_ups(ctx)
    assert (due.id, due.warning_report_id, due.case_id, due.case_number, due.note) == (
        item, report, None, "", "Kunjungi keluarga")
    assert due.title == "PD-2026-0007 \u2013 Calo / sponsor mencurigakan"


def test_items_of_deleted_cases_are_not_due(ctx: ServiceContext, case_id: str) -> None:
    add(ctx, TODAY, case_id=case_id)
    cases.delete_case(ctx, case_id)
    assert follow_ups.due_follow_ups(ctx) == []
    cases.restore_case(ctx, case_id)
    assert len(follow_ups.due_follow_ups(ctx)) == 1


def test_bad_follow_ups_are_refused(ctx: ServiceContext, head_ctx: ServiceContext,
                                    case_id: str) -> None:
    with pytest.raises(ValidationError) as info:
        follow_ups.add_follow_up(ctx, due_date=TODAY - timedelta(days=1), note="  ",
                                 case_id=case_id, assigned_officer_id=head_ctx.officer_id)
    assert [(p.field, p.text) for p in info.value.problems] == [
        ("note", "Isi apa yang harus ditindaklanjuti."),
        ("due_date", "Tanggal tindak lanjut tidak boleh sebelum hari ini."),
        ("assigned_officer_id", "Pilih petugas atau admin yang masih aktif."),
    ]
    report = make_report(ctx)
    for kwargs in ({}, {"case_id": case_id, "warning_report_id": report}):
        with pytest.raises(ValidationError, match="satu kasus atau satu laporan"):
            follow_ups.add_follow_up(ctx, due_date=TODAY, note="x", **kwargs)
    with pytest.raises(NotFoundError):
        follow_ups.add_follow_up(ctx, due_date=TODAY, note="x", case_id="no-such-case")
    with pytest.raises(NotFoundError):
        follow_ups.add_follow_up(ctx, due_date=TODAY, note="x", warning_report_id="none")
    with pytest.raises(PermissionDenied):
        follow_ups.add_follow_up(head_ctx, due_date=TODAY, note="x", case_id=case_id)
    assert follow_ups.due_follow_ups(ctx) == []
