"""Outreach visits to households (pendataan / penjangkauan)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text

from desa_desktop.services import households, visits
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError
from desa_desktop.services.visits import VisitInput
from tests.conftest import TODAY, VILLAGE
from tests.services.helpers import add_household, count_rows, row


@pytest.fixture
def hid(ctx: ServiceContext) -> str:
    return add_household(ctx, "Ahmad Sobari")


def set_typed_at(ctx: ServiceContext, visit_id: str, moment: datetime) -> None:
    """Pretend the visit was typed at ``moment`` (the record's own created_at)."""
    with ctx.db.engine.begin() as conn:
        conn.execute(text("UPDATE visit SET created_at = :m WHERE id = :id"),
                     {"m": moment, "id": visit_id})


def test_add_and_list_with_officer_name(ctx: ServiceContext, hid: str) -> None:
    change = visits.add_visit(ctx, hid, VisitInput(
        visit_date=date(2026, 11, 20), outcome="bertemu", kind="penjangkauan",
        collection_method="langsung", notes="  keluarga PMI di Taiwan ",
    ))
    assert (change.entity, change.action) == ("visit", "created")
    assert change.ids[1] == hid
    [view] = visits.list_visits(ctx, hid)
    assert view.id == change.ids[0]
    assert view.household_id == hid
    assert view.visit_date == date(2026, 11, 20)
    assert (view.kind, view.outcome) == ("penjangkauan", "bertemu")
    assert view.notes == "keluarga PMI di Taiwan"
    assert view.officer_name == "Admin Desa"
    assert view.follow_up_date is None
    sql = "SELECT village_code, changed_by, officer_id, revision FROM visit WHERE id = :id"
    assert row(ctx.db, sql, id=view.id) == (VILLAGE.code, ctx.officer_id, ctx.officer_id, 1)


def test_visit_by_another_officer(ctx: ServiceContext, other_ctx: ServiceContext,
                                  hid: str) -> None:
    # The admin types in a visit Budi made.
    visits.add_visit(ctx, hid, VisitInput(date(2026, 11, 18), "bertemu",
                                          officer_id=other_ctx.officer_id))
    visits.add_visit(other_ctx, hid, VisitInput(date(2026, 11, 21), "menolak"))
    listed = visits.list_visits(ctx, hid)
    assert [(v.visit_date, v.officer_name) for v in listed] == [
        (date(2026, 11, 21), "Budi Santoso"),  # newest first
        (date(2026, 11, 18), "Budi Santoso"),
    ]


def test_visits_are_per_household(ctx: ServiceContext, hid: str) -> None:
    other = add_household(ctx, "Dedi")
    visits.add_visit(ctx, hid, VisitInput(date(2026, 11, 1), "bertemu"))
    assert visits.list_visits(ctx, other) == []


def test_not_at_home_needs_a_follow_up_date(ctx: ServiceContext, hid: str) -> None:
    with pytest.raises(ValidationError) as info:
        visits.add_visit(ctx, hid, VisitInput(date(2026, 11, 20), "tidak_di_rumah"))
    assert [(p.field, p.text) for p in info.value.problems] == [
        ("follow_up_date", "Isi tanggal kunjungan ulang bila warga tidak di rumah.")
    ]
    assert count_rows(ctx.db, "visit") == 0
    visits.add_visit(ctx, hid, VisitInput(date(2026, 11, 20), "tidak_di_rumah",
                                          follow_up_date=date(2026, 11, 27)))
    [view] = visits.list_visits(ctx, hid)
    assert (view.outcome, view.follow_up_date) == ("tidak_di_rumah", date(2026, 11, 27))


def test_future_visit_is_refused(ctx: ServiceContext, hid: str) -> None:
    with pytest.raises(ValidationError) as info:
        visits.add_visit(ctx, hid, VisitInput(TODAY + timedelta(days=1), "bertemu"))
    assert [(p.field, p.text) for p in info.value.problems] == [
        ("visit_date", "Tanggal kunjungan tidak boleh di masa depan.")
    ]
    assert count_rows(ctx.db, "visit") == 0
    visits.add_visit(ctx, hid, VisitInput(TODAY, "bertemu"))  # today is fine
    assert count_rows(ctx.db, "visit") == 1


@pytest.mark.parametrize(("data", "fields"), [
    (VisitInput(date(2026, 11, 20), "bertemu", follow_up_date=date(2026, 11, 19)),
     {"follow_up_date"}),
    (VisitInput(date(2026, 11, 20), "kabur"), {"outcome"}),
    (VisitInput(date(2026, 11, 20), "bertemu", kind="arisan"), {"kind"}),
    (VisitInput(date(2026, 11, 20), "bertemu", collection_method="mimpi"),
     {"collection_method"}),
])
def test_other_visit_rules(ctx: ServiceContext, hid: str, data: VisitInput,
                           fields: set[str]) -> None:
    with pytest.raises(ValidationError) as info:
        visits.add_visit(ctx, hid, data)
    assert {p.field for p in info.value.problems} == fields
    assert count_rows(ctx.db, "visit") == 0


def test_back_entered_when_typed_a_week_or_more_later(ctx: ServiceContext, hid: str) -> None:
    visit_day = date(2026, 11, 1)
    on_time = visits.add_visit(ctx, hid, VisitInput(visit_day, "bertemu")).ids[0]
    late = visits.add_visit(ctx, hid, VisitInput(date(2026, 11, 2), "bertemu")).ids[0]
    set_typed_at(ctx, on_time, datetime(2026, 11, 7, 23, 59))  # 6 days later
    set_typed_at(ctx, late, datetime(2026, 11, 9, 0, 1))  # 7 days later
    by_id = {v.id: v for v in visits.list_visits(ctx, hid)}
    assert by_id[on_time].typed_at == datetime(2026, 11, 7, 23, 59)
    assert by_id[on_time].back_entered is False
    assert by_id[late].back_entered is True


def test_typed_at_is_the_moment_of_saving_in_utc(ctx: ServiceContext, hid: str) -> None:
    before = datetime.now(UTC).replace(tzinfo=None)
    visits.add_visit(ctx, hid, VisitInput(TODAY, "bertemu"))
    after = datetime.now(UTC).replace(tzinfo=None)
    [view] = visits.list_visits(ctx, hid)
    assert before <= view.typed_at <= after


def test_delete_visit(ctx: ServiceContext, hid: str) -> None:
    vid = visits.add_visit(ctx, hid, VisitInput(date(2026, 11, 1), "bertemu")).ids[0]
    assert visits.delete_visit(ctx, vid).action == "deleted"
    assert visits.list_visits(ctx, hid) == []
    assert count_rows(ctx.db, "visit", "deleted_at IS NOT NULL") == 1
    with pytest.raises(NotFoundError):
        visits.delete_visit(ctx, vid)


def test_visit_to_missing_or_deleted_household(ctx: ServiceContext, hid: str) -> None:
    with pytest.raises(NotFoundError):
        visits.add_visit(ctx, "no-such-household", VisitInput(TODAY, "bertemu"))
    households.delete_household(ctx, hid)
    with pytest.raises(NotFoundError):
        visits.add_visit(ctx, hid, VisitInput(TODAY, "bertemu"))
    assert count_rows(ctx.db, "visit") == 0


def test_kepala_desa_cannot_record_visits(ctx: ServiceContext, head_ctx: ServiceContext,
                                          hid: str) -> None:
    vid = visits.add_visit(ctx, hid, VisitInput(TODAY, "bertemu")).ids[0]
    with pytest.raises(PermissionDenied):
        visits.add_visit(head_ctx, hid, VisitInput(TODAY, "bertemu"))
    with pytest.raises(PermissionDenied):
        visits.delete_visit(head_ctx, vid)
    assert [v.id for v in visits.list_visits(head_ctx, hid)] == [vid]
