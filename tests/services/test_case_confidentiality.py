"""A confidential case is read only by its assigned officer and the admin, through every service.

The others see that it exists (number, status, dates) so work is not done
twice, and nothing that identifies or describes: no names, types, notes,
timeline, attachments.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from desa_desktop.db.engine import Database
from desa_desktop.services import accounts, case_access, case_timeline, cases, follow_ups
from desa_desktop.services.context import OfficerInfo, ServiceContext
from desa_desktop.services.errors import PermissionDenied
from tests.conftest import TODAY, VILLAGE
from tests.services.case_helpers import case_input, euis, make_case

SCAN = b"visum et repertum " * 100


@pytest.fixture
def citra_ctx(db: Database, officer: OfficerInfo) -> ServiceContext:
    """The petugas the confidential case is assigned to."""
    admin = ServiceContext(db, VILLAGE.code, officer)
    citra = accounts.create_officer(admin, "citra", "Citra Lestari", "citra-rahasia-1")
    return ServiceContext(db, VILLAGE.code, citra, today=lambda: TODAY)


@pytest.fixture
def secret(ctx: ServiceContext, other_ctx: ServiceContext, citra_ctx: ServiceContext,
           tmp_path: Path) -> dict[str, str]:
    """A trafficking case assigned to Citra, with a timeline entry, a scan and follow-ups
    (one of them assigned to Budi, who may not read the case)."""
    pid, plid = euis(ctx)
    case_id = make_case(ctx, pid, plid, types=("tppo",), description="Dijual ke Malaysia",
                        assigned_officer_id=citra_ctx.officer_id)
    case_timeline.add_action(citra_ctx, case_id, action_date=TODAY, kind="telepon",
                             summary="Korban menelepon dari penampungan")
    scan = tmp_path / "visum.pdf"
    scan.write_bytes(SCAN)
    case_timeline.add_attachment(citra_ctx, case_id, scan)
    attachment_id = cases.get_case(citra_ctx, case_id).attachments[0].id
    follow_up = follow_ups.add_follow_up(citra_ctx, due_date=TODAY, note="Hubungi Unit PPA",
                                         case_id=case_id,
                                         assigned_officer_id=other_ctx.officer_id).ids[0]
    return {"case": case_id, "person": pid, "attachment": attachment_id,
            "follow_up": follow_up}


def test_the_case_is_confidential_by_its_type(ctx: ServiceContext,
                                              secret: dict[str, str]) -> None:
    detail = cases.get_case(ctx, secret["case"])
    assert detail.confidential is True
    assert detail.assigned_officer_name == "Citra Lestari"


def test_another_officer_reads_nothing_of_it_through_any_service(
        other_ctx: ServiceContext, secret: dict[str, str], tmp_path: Path) -> None:
    case_id, attachment_id = secret["case"], secret["attachment"]
    target = tmp_path / "curian"
    target.mkdir()
    attempts: list[Callable[[], object]] = [
        lambda: cases.get_case(other_ctx, case_id),
        lambda: case_timeline.attachment_content(other_ctx, attachment_id),
        lambda: case_timeline.save_attachment(other_ctx, attachment_id, target),
        lambda: case_timeline.add_attachment(other_ctx, case_id, tmp_path / "visum.pdf"),
        lambda: case_timeline.remove_attachment(other_ctx, attachment_id),
        lambda: case_timeline.add_action(other_ctx, case_id, action_date=TODAY,
                                         kind="catatan", summary="Mengintip"),
        lambda: cases.change_status(other_ctx, case_id, "diverifikasi"),
        lambda: cases.update_case(other_ctx, case_id, case_input(secret["person"])),
        lambda: cases.record_consent(other_ctx, case_id, referral=True, data_sharing=True,
                                     given_by="Budi", on=TODAY),
        lambda: cases.set_confidential(other_ctx, case_id, False),
        lambda: cases.assign_case(other_ctx, case_id, other_ctx.officer_id or ""),
        lambda: cases.delete_case(other_ctx, case_id),
        lambda: follow_ups.add_follow_up(other_ctx, due_date=TODAY, note="x", case_id=case_id),
        lambda: follow_ups.complete_follow_up(other_ctx, secret["follow_up"]),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied, match="Kasus ini rahasia"):
            attempt()
    assert list(target.iterdir()) == []


def test_refused_changes_changed_nothing(ctx: ServiceContext, other_ctx: ServiceContext,
                                        secret: dict[str, str]) -> None:
    before = cases.get_case(ctx, secret["case"])
    for attempt in (lambda: cases.change_status(other_ctx, secret["case"], "ditutup",
                                                closing_reason="x"),
                    lambda: cases.set_confidential(other_ctx, secret["case"], False)):
        with pytest.raises(PermissionDenied):
            attempt()
    assert cases.get_case(ctx, secret["case"]) == before


def test_lists_show_it_exists_but_redacted(other_ctx: ServiceContext,
                                           secret: dict[str, str]) -> None:
    [row] = cases.list_cases(other_ctx)
    assert (row.number, row.status, row.confidential, row.readable) == (
        "KS-2026-0001", "dilaporkan", True, False)
    assert (row.title, row.types) == (case_access.REDACTED, ())
    assert row.next_due == TODAY  # dates are not content
    [for_person] = cases.cases_for_person(other_ctx, secret["person"])
    assert (for_person.title, for_person.types, for_person.readable) == (
        case_access.REDACTED, (), False)
    # Searching by name must not reveal whom the case concerns; the number still finds it.
    assert cases.list_cases(other_ctx, text="Euis") == []
    assert cases.list_cases(other_ctx, text="Komariah") == []
    assert [r.number for r in cases.list_cases(other_ctx, text="KS-2026-0001")] == [
        "KS-2026-0001"]


def test_due_follow_ups_of_it_are_redacted(other_ctx: ServiceContext,
                                           secret: dict[str, str]) -> None:
    [item] = follow_ups.due_follow_ups(other_ctx)
    assert (item.id, item.case_number, item.due_date) == (
        secret["follow_up"], "KS-2026-0001", TODAY)
    assert (item.note, item.title) == (case_access.REDACTED, case_access.REDACTED)


@pytest.mark.parametrize("reader", ["ctx", "citra_ctx"])
def test_the_admin_and_the_assigned_officer_read_everything(
        reader: str, request: pytest.FixtureRequest, secret: dict[str, str],
        tmp_path: Path) -> None:
    reader_ctx: ServiceContext = request.getfixturevalue(reader)
    detail = cases.get_case(reader_ctx, secret["case"])
    assert detail.data.description == "Dijual ke Malaysia"
    assert detail.actions[0].summary == "Korban menelepon dari penampungan"
    assert case_timeline.attachment_content(reader_ctx, secret["attachment"]) == (
        "visum.pdf", SCAN)
    saved = case_timeline.save_attachment(reader_ctx, secret["attachment"], tmp_path)
    assert saved.read_bytes() == SCAN
    [row] = cases.list_cases(reader_ctx, text="Komariah")
    assert (row.readable, row.title, row.types) == (True, "Euis Komariah", ("tppo",))
    if reader == "ctx":  # the admin sees every due item (this one is Budi's), in full
        [item] = follow_ups.due_follow_ups(reader_ctx)
        assert (item.note, item.title) == ("Hubungi Unit PPA", "Euis Komariah")
    cases.change_status(reader_ctx, secret["case"], "diverifikasi", note="Terverifikasi")
    assert cases.get_case(reader_ctx, secret["case"]).status == "diverifikasi"


def test_the_village_head_reads_ordinary_cases_only_and_changes_none(
        ctx: ServiceContext, head_ctx: ServiceContext, secret: dict[str, str]) -> None:
    pid, _ = euis(ctx)
    plain = make_case(ctx, pid, types=("gaji",))
    assert cases.get_case(head_ctx, plain).data.types == ("gaji",)
    with pytest.raises(PermissionDenied, match="Kasus ini rahasia"):
        cases.get_case(head_ctx, secret["case"])
    with pytest.raises(PermissionDenied, match="hanya dapat membaca"):
        cases.change_status(head_ctx, plain, "diverifikasi")
    rows = {r.id: r for r in cases.list_cases(head_ctx)}
    assert rows[plain].readable and not rows[secret["case"]].readable


def test_marking_hides_a_case_and_assigning_opens_it(
        ctx: ServiceContext, other_ctx: ServiceContext, citra_ctx: ServiceContext) -> None:
    pid, _ = euis(ctx)
    case_id = make_case(ctx, pid, assigned_officer_id=citra_ctx.officer_id)
    assert cases.get_case(other_ctx, case_id).number == "KS-2026-0001"
    cases.set_confidential(citra_ctx, case_id, True)
    with pytest.raises(PermissionDenied):
        cases.get_case(other_ctx, case_id)
    cases.assign_case(ctx, case_id, other_ctx.officer_id or "")
    assert cases.get_case(other_ctx, case_id).confidential is True  # Budi now handles it
    with pytest.raises(PermissionDenied):
        cases.get_case(citra_ctx, case_id)  # and Citra no longer reads it
    cases.set_confidential(other_ctx, case_id, False)
    assert cases.get_case(citra_ctx, case_id).confidential is False


def test_unreadable_follow_up_stays_unreadable_on_later_days(
        other_ctx: ServiceContext, secret: dict[str, str]) -> None:
    later = follow_ups.due_follow_ups(other_ctx, TODAY + timedelta(days=10))
    assert [(i.note, i.overdue) for i in later] == [(case_access.REDACTED, True)]
