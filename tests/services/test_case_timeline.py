"""The timeline of a case: actions, and attachments stored inside the encrypted file."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from desa_desktop.services import case_timeline, cases
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import (
    NotFoundError,
    PermissionDenied,
    ServiceError,
    ValidationError,
)
from tests.conftest import TODAY
from tests.services.case_helpers import euis, make_case
from tests.services.helpers import count_rows

SCAN = b"%PDF-1.4 surat perjanjian kerja " + bytes(range(256)) * 40


@pytest.fixture
def case_id(ctx: ServiceContext) -> str:
    pid, plid = euis(ctx)
    return make_case(ctx, pid, plid)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- actions ----------------------------------------------------------------------------


def test_actions_are_listed_newest_first_with_the_officer(
        ctx: ServiceContext, other_ctx: ServiceContext, case_id: str) -> None:
    change = case_timeline.add_action(ctx, case_id, action_date=date(2026, 11, 21),
                                      kind="telepon", summary="  Telepon agen di Taipei ")
    assert (change.entity, change.ids[0], change.action) == ("case", case_id, "updated")
    case_timeline.add_action(other_ctx, case_id, action_date=TODAY, kind="kunjungan",
                             summary="Kunjungan ke rumah keluarga")
    actions = cases.get_case(ctx, case_id).actions
    assert [(a.action_date, a.kind, a.summary, a.officer_name) for a in actions] == [
        (TODAY, "kunjungan", "Kunjungan ke rumah keluarga", "Budi Santoso"),
        (date(2026, 11, 21), "telepon", "Telepon agen di Taipei", "Admin Desa"),
        (date(2026, 11, 20), "catatan", "Kasus dicatat", "Admin Desa"),
    ]


def test_bad_actions_are_refused(ctx: ServiceContext, case_id: str) -> None:
    with pytest.raises(ValidationError) as info:
        case_timeline.add_action(ctx, case_id, action_date=date(2026, 11, 23), kind="sms",
                                 summary="   ")
    assert [(p.field, p.text) for p in info.value.problems] == [
        ("kind", "Pilihan tidak dikenal."),
        ("summary", "Isi ringkasan tindakan."),
        ("action_date", "Tanggal tindakan tidak boleh di masa depan."),
    ]
    assert len(cases.get_case(ctx, case_id).actions) == 1


def test_actions_need_a_live_case_and_an_editor(ctx: ServiceContext, head_ctx: ServiceContext,
                                                case_id: str) -> None:
    with pytest.raises(PermissionDenied):
        case_timeline.add_action(head_ctx, case_id, action_date=TODAY, kind="catatan",
                                 summary="Kades mencatat")
    with pytest.raises(NotFoundError):
        case_timeline.add_action(ctx, "no-such-case", action_date=TODAY, kind="catatan",
                                 summary="x")


# --- attachments -------------------------------------------------------------------------


def test_an_attachment_is_stored_and_read_back(ctx: ServiceContext, case_id: str,
                                               tmp_path: Path) -> None:
    path = write(tmp_path, "perjanjian kerja.pdf", SCAN)
    change = case_timeline.add_attachment(ctx, case_id, path, " Perjanjian kerja ")
    [view] = cases.get_case(ctx, case_id).attachments
    assert change.ids == (case_id, view.id)
    assert (view.file_name, view.media_type, view.size, view.sha256, view.description) == (
        "perjanjian kerja.pdf", "application/pdf", len(SCAN),
        hashlib.sha256(SCAN).hexdigest(), "Perjanjian kerja")
    assert case_timeline.attachment_content(ctx, view.id) == ("perjanjian kerja.pdf", SCAN)


def test_unknown_file_kinds_get_a_generic_media_type(ctx: ServiceContext, case_id: str,
                                                     tmp_path: Path) -> None:
    case_timeline.add_attachment(ctx, case_id, write(tmp_path, "rekaman.zzq", b"abc"))
    case_timeline.add_attachment(ctx, case_id, write(tmp_path, "foto.JPG", b"\xff\xd8\xff"))
    kinds = {a.file_name: a.media_type for a in cases.get_case(ctx, case_id).attachments}
    assert kinds == {"rekaman.zzq": "application/octet-stream", "foto.JPG": "image/jpeg"}


def test_the_same_bytes_are_stored_once(ctx: ServiceContext, case_id: str,
                                        tmp_path: Path) -> None:
    case_timeline.add_attachment(ctx, case_id, write(tmp_path, "a.pdf", SCAN))
    case_timeline.add_attachment(ctx, case_id, write(tmp_path, "salinan.pdf", SCAN))
    assert len(cases.get_case(ctx, case_id).attachments) == 2
    assert count_rows(ctx.db, "attachment_data") == 1


def test_the_bytes_are_not_in_the_file_in_plain_form(ctx: ServiceContext, case_id: str,
                                                     tmp_path: Path) -> None:
    case_timeline.add_attachment(ctx, case_id, write(tmp_path, "a.pdf", SCAN))
    written = [f for f in ctx.db.path.parent.iterdir() if f.name.startswith(ctx.db.path.name)]
    assert written
    for file in written:
        assert b"surat perjanjian kerja" not in file.read_bytes(), file.name


def test_too_big_a_file_is_refused_in_plain_words(ctx: ServiceContext, case_id: str,
                                                  tmp_path: Path) -> None:
    big = tmp_path / "video.mp4"
    with big.open("wb") as handle:
        handle.truncate(case_timeline.MAX_ATTACHMENT_BYTES + 1)  # sparse: no 25 MB written
    with pytest.raises(ValidationError) as info:
        case_timeline.add_attachment(ctx, case_id, big)
    assert info.value.problems[0].text == ("Berkas video.mp4 terlalu besar (25,1 MB); "
                                           "batasnya 25 MB.")
    assert count_rows(ctx.db, "case_attachment") == 0
    exact = tmp_path / "pas.bin"
    with exact.open("wb") as handle:
        handle.truncate(case_timeline.MAX_ATTACHMENT_BYTES)
    case_timeline.add_attachment(ctx, case_id, exact)  # the limit itself is allowed
    assert count_rows(ctx.db, "case_attachment") == 1


def test_missing_or_empty_files_are_refused(ctx: ServiceContext, case_id: str,
                                            tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as info:
        case_timeline.add_attachment(ctx, case_id, tmp_path / "hilang.pdf")
    assert info.value.problems[0].text.startswith("Berkas hilang.pdf tidak dapat dibaca.")
    with pytest.raises(ValidationError) as info:
        case_timeline.add_attachment(ctx, case_id, tmp_path)  # a folder is not a file
    assert "tidak dapat dibaca" in info.value.problems[0].text
    with pytest.raises(ValidationError) as info:
        case_timeline.add_attachment(ctx, case_id, write(tmp_path, "kosong.pdf", b""))
    assert info.value.problems[0].text == "Berkas kosong.pdf kosong."
    assert count_rows(ctx.db, "case_attachment") == 0


def test_damaged_bytes_are_reported_not_handed_out(ctx: ServiceContext, case_id: str,
                                                   tmp_path: Path) -> None:
    case_timeline.add_attachment(ctx, case_id, write(tmp_path, "ktp.jpg", SCAN))
    [view] = cases.get_case(ctx, case_id).attachments
    with ctx.db.engine.begin() as conn:
        conn.execute(text("UPDATE attachment_data SET data = :d"), {"d": SCAN[:-1] + b"!"})
    with pytest.raises(ServiceError, match=r"Lampiran ktp\.jpg rusak"):
        case_timeline.attachment_content(ctx, view.id)
    target = tmp_path / "keluar"
    target.mkdir()
    with pytest.raises(ServiceError, match="rusak"):
        case_timeline.save_attachment(ctx, view.id, target)
    assert list(target.iterdir()) == []
    with ctx.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM attachment_data"))
    with pytest.raises(ServiceError, match="rusak"):
        case_timeline.attachment_content(ctx, view.id)


def test_save_attachment_to_a_folder_or_a_file(ctx: ServiceContext, case_id: str,
                                               tmp_path: Path) -> None:
    case_timeline.add_attachment(ctx, case_id, write(tmp_path, "ktp.jpg", SCAN))
    [view] = cases.get_case(ctx, case_id).attachments
    folder = tmp_path / "unduh"
    folder.mkdir()
    saved = case_timeline.save_attachment(ctx, view.id, folder)
    assert saved == folder / "ktp.jpg"
    assert saved.read_bytes() == SCAN
    named = case_timeline.save_attachment(ctx, view.id, tmp_path / "ktp-euis.jpg")
    assert named.read_bytes() == SCAN
    with pytest.raises(ServiceError, match="tidak dapat disimpan"):
        case_timeline.save_attachment(ctx, view.id, tmp_path / "tidak-ada" / "ktp.jpg")


def test_removed_attachment_leaves_the_case(ctx: ServiceContext, head_ctx: ServiceContext,
                                            case_id: str, tmp_path: Path) -> None:
    case_timeline.add_attachment(ctx, case_id, write(tmp_path, "ktp.jpg", SCAN))
    [view] = cases.get_case(ctx, case_id).attachments
    with pytest.raises(PermissionDenied):
        case_timeline.remove_attachment(head_ctx, view.id)
    assert case_timeline.remove_attachment(ctx, view.id).ids == (case_id, view.id)
    assert cases.get_case(ctx, case_id).attachments == ()
    with pytest.raises(NotFoundError):
        case_timeline.attachment_content(ctx, view.id)
