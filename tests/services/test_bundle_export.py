"""Exporting a bundle: what lands on the stick, what standard tools say of it, and failures.

The "stick" is a temporary folder; the district's keys are made here as the
district office would make them (an age identity file for ``age -d -i`` and
a minisign key), and the post imports the district's key file first.
"""

from __future__ import annotations

import errno
import io
import json
import os
import re
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import select

from desa_desktop import i18n
from desa_desktop.bundle import age_crypto, minisign
from desa_desktop.bundle import manifest as mf
from desa_desktop.bundle.archive import read_archive
from desa_desktop.db.bundle_models import BundleExport
from desa_desktop.domain.errors import DomainError
from desa_desktop.services import (
    bundle_copy,
    bundle_export,
    bundle_keys,
    bundle_pack,
    cases,
    persons,
)
from desa_desktop.services.bundle_content import Period
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import PermissionDenied, ServiceError
from tests.services.case_helpers import case_input, euis
from tests.services.helpers import add_household, add_person

NOVEMBER = Period.month(2026, 11)
SECRET = "RAHASIA-korban-XYZ"


# -- the district and the village ---------------------------------------------------------
@pytest.fixture
def district(tmp_path: Path) -> dict[str, Path | str]:
    """The district office's keys: an age identity file and its key file for the post."""
    folder = tmp_path / "dinas"
    folder.mkdir()
    secret, recipient = age_crypto.new_identity()
    identity = folder / "dinas.age"
    identity.write_text(f"# dinas Ciamis\n{secret}\n")
    signing = Ed25519PrivateKey.generate()
    public_raw = signing.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    line = minisign.public_key_line(public_raw, os.urandom(8))
    key_file = folder / "kunci-dinas.json"
    key_file.write_text(bundle_keys.district_key_document(
        "32.07", "Dinas Tenaga Kerja Kabupaten Ciamis", recipient, line))
    return {"identity": identity, "secret": secret, "key_file": key_file}


@pytest.fixture
def village(ctx: ServiceContext, district) -> dict[str, str]:
    """A small village: a family, a person deleted, a case, a confidential case."""
    bundle_keys.import_district_key(ctx, district["key_file"])
    hh = add_household(ctx, "Ahmad Sobari")
    pid, plid = euis(ctx)
    add_person(ctx, "Asep Saepudin", household_id=hh)
    gone = add_person(ctx, "Dadang Terhapus", birth=date(1985, 5, 5))
    persons.delete_person(ctx, gone)
    cases.create_case(ctx, case_input(pid, plid, description="Gaji belum dibayar"))
    cases.create_case(ctx, case_input(pid, plid, description=SECRET, reporter_name=SECRET,
                                      marked_confidential=True))
    return {"person": pid, "deleted": gone}


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "FLASHDISK"
    folder.mkdir()
    return folder


def _decrypt(path: Path, district) -> dict[str, bytes]:
    return read_archive(age_crypto.decrypt(path.read_bytes(), district["secret"]))


def _leftovers(ctx: ServiceContext) -> list[str]:
    return sorted(p.name for p in bundle_export.outbox_dir(ctx).iterdir())


def _rows(ctx: ServiceContext) -> list[BundleExport]:
    with ctx.db.sessions() as s:
        return list(s.scalars(select(BundleExport).order_by(BundleExport.sequence)))


# -- a full export ------------------------------------------------------------------------
def test_export_writes_a_signed_encrypted_bundle_to_the_stick(ctx, village, district,
                                                              stick: Path) -> None:
    steps: list[tuple[int, int, str]] = []
    result = bundle_export.export_bundle(ctx, NOVEMBER, stick,
                                         progress=lambda d, t, label: steps.append((d, t, label)))

    folder = stick / "DESA-BUNDEL"
    assert result.written_to_target and result.sequence == 1
    assert result.path == folder / "3207122001-00001.desa"
    assert sorted(p.name for p in folder.iterdir()) == ["3207122001-00001.desa",
                                                        "3207122001-00001.desa.minisig"]
    assert result.path.read_bytes() == result.outbox_path.read_bytes()
    assert "Flashdisk boleh dicabut" in result.message
    assert mf.sha256_hex(result.path.read_bytes()) == result.sha256
    # Progress: steps in order, ending at the total with the "you may remove it" line.
    dones = [d for d, _t, _l in steps]
    assert dones == sorted(dones) and steps[-1][0] == steps[-1][1]
    assert steps[-1][2] == "Selesai. Flashdisk boleh dicabut."
    labels = [label for *_n, label in steps]
    assert "Menulis ke flashdisk. Jangan cabut flashdisk!" in labels
    assert [label for label in labels if label not in i18n.catalogue("en")] == []

    entries = _decrypt(result.path, district)
    names = list(entries)
    assert names[:2] == ["manifest.json", "manifest.json.minisig"]
    assert names[-2:] == ["laporan/3207122001-2026-11.xlsx", "laporan/3207122001-2026-11.pdf"]
    manifest = mf.parse_manifest(entries["manifest.json"])
    mf.check_files(manifest, entries)
    post = bundle_keys.ensure_post_keys(ctx)
    verified = minisign.verify(entries["manifest.json"], entries["manifest.json.minisig"],
                               dict([minisign.parse_public_key(post.minisign_public_key)]))
    assert verified.trusted_comment == (
        "desa-bundle v1 village=32.07.12.2001 seq=1 period=2026-11")
    assert manifest["sequence"] == 1 and manifest["previous_bundle_sha256"] is None
    assert manifest["village"]["name"] == "Karyamukti"
    assert manifest["period"] == {"kind": "month", "start": "2026-11-01", "end": "2026-11-30",
                                  "label": "2026-11"}
    assert manifest["signer"] == {"key_id": post.key_id,
                                  "minisign_public_key": post.minisign_public_key}
    assert manifest["recipients"][1] == post.age_recipient
    assert manifest["counts"]["person"] == 3  # the deleted one travels as a tombstone
    assert [f["path"] for f in manifest["files"]] == names[2:]

    people = [json.loads(line) for line in entries["data/person.jsonl"].splitlines()]
    assert [p["id"] for p in people] == sorted(p["id"] for p in people)
    gone = next(p for p in people if p["id"] == village["deleted"])
    assert gone["deleted_at"] is not None
    assert all(SECRET.encode() not in data for data in entries.values())
    with zipfile.ZipFile(io.BytesIO(entries["laporan/3207122001-2026-11.xlsx"])) as xlsx:
        assert all(SECRET.encode() not in xlsx.read(n) for n in xlsx.namelist())

    [row] = _rows(ctx)
    assert (row.sequence, row.sha256, row.period_label) == (1, result.sha256, "2026-11")
    assert row.written_to == str(stick) and row.written_at is not None


def test_the_standard_minisign_and_age_tools_accept_the_bundle(ctx, village, district,
                                                               stick: Path,
                                                               tmp_path: Path) -> None:
    result = bundle_export.export_bundle(ctx, NOVEMBER, stick)
    pub = bundle_keys.export_minisign_pub(ctx, tmp_path / "pos.pub")

    checked = subprocess.run(["minisign", "-V", "-p", str(pub), "-m", str(result.path),
                              "-x", str(result.signature_path)],
                             capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
    assert f"village=32.07.12.2001 seq=1 period=2026-11 sha256={result.sha256}" \
        in checked.stdout

    inner = tmp_path / "inner.zip"
    decrypted = subprocess.run(["age", "-d", "-i", str(district["identity"]), "-o", str(inner),
                                str(result.path)], capture_output=True, text=True, check=False)
    assert decrypted.returncode == 0, decrypted.stderr
    with zipfile.ZipFile(inner) as archive:
        assert archive.testzip() is None
        (tmp_path / "manifest.json").write_bytes(archive.read("manifest.json"))
        (tmp_path / "manifest.json.minisig").write_bytes(archive.read("manifest.json.minisig"))
    checked = subprocess.run(["minisign", "-V", "-p", str(pub),
                              "-m", str(tmp_path / "manifest.json")],
                             capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr

    # A flipped byte is refused by the standard tool too.
    bad = tmp_path / "bad.desa"
    data = bytearray(result.path.read_bytes())
    data[len(data) // 2] ^= 0x01
    bad.write_bytes(bytes(data))
    refused = subprocess.run(["minisign", "-V", "-p", str(pub), "-m", str(bad),
                              "-x", str(result.signature_path)],
                             capture_output=True, text=True, check=False)
    assert refused.returncode != 0


def test_a_second_export_chains_to_the_first(ctx, village, stick: Path) -> None:
    first = bundle_export.export_bundle(ctx, NOVEMBER, stick)
    add_person(ctx, "Cucu Baru", sex="P", birth=date(2000, 1, 2))
    second = bundle_export.export_bundle(ctx, NOVEMBER, stick)

    assert second.sequence == 2
    assert second.path.name == "3207122001-00002.desa"
    assert first.path.exists()  # the earlier bundle stays on the stick
    one = bundle_export.read_own_bundle(ctx, first.path)
    two = bundle_export.read_own_bundle(ctx, second.path)
    assert two["previous_bundle_sha256"] == first.sha256
    assert two["counts"]["person"] == one["counts"]["person"] + 1
    assert two["audit_head"]["seq"] > one["audit_head"]["seq"]
    assert [r.sequence for r in _rows(ctx)] == [1, 2]


def test_export_to_the_outbox_only(ctx, village) -> None:
    result = bundle_export.export_bundle(ctx, Period.quarter(2026, 4), None)
    assert not result.written_to_target
    assert result.path == result.outbox_path
    assert result.message == "Bundel nomor 1 (3207122001-00001.desa) tersimpan di laptop."
    assert _leftovers(ctx) == ["3207122001-00001.desa", "3207122001-00001.desa.minisig"]
    assert bundle_export.read_own_bundle(ctx, result.path)["period"]["label"] == "2026-Q4"


def test_a_custom_period_and_leftovers_of_a_crash(ctx, village, stick: Path) -> None:
    outbox = bundle_export.outbox_dir(ctx)
    stale = outbox / ".kerja-crashed"
    stale.mkdir()
    (stale / "person.jsonl").write_text("{}\n")
    os.utime(stale, (0, 0))
    period = Period.custom(date(2026, 10, 1), date(2026, 11, 15))
    result = bundle_export.export_bundle(ctx, period, stick)
    manifest = bundle_export.read_own_bundle(ctx, result.path)
    assert manifest["period"]["label"] == "2026-10-01..2026-11-15"
    assert "laporan/3207122001-2026-10-01..2026-11-15.pdf" in [
        f["path"] for f in manifest["files"]]
    assert _leftovers(ctx) == ["3207122001-00001.desa", "3207122001-00001.desa.minisig"]


def test_a_period_that_has_not_begun_is_refused(ctx, village, stick: Path) -> None:
    with pytest.raises(DomainError, match="belum dimulai"):
        bundle_export.export_bundle(ctx, Period.month(2026, 12), stick)
    assert _leftovers(ctx) == []


def test_read_own_bundle_refuses_a_changed_file(ctx, village, stick: Path) -> None:
    result = bundle_export.export_bundle(ctx, NOVEMBER, stick)
    data = bytearray(result.path.read_bytes())
    data[-10] ^= 0x40
    result.path.write_bytes(bytes(data))
    with pytest.raises(minisign.SignatureError) as caught:
        bundle_export.read_own_bundle(ctx, result.path)
    assert caught.value.code == "altered"


# -- refusals before any work -------------------------------------------------------------
def test_no_district_key_no_bundle(ctx, stick: Path) -> None:
    with pytest.raises(ServiceError, match="Kunci dinas belum diimpor"):
        bundle_export.export_bundle(ctx, NOVEMBER, stick)
    assert _leftovers(ctx) == []


def test_the_village_head_may_not_export(head_ctx, village, stick: Path) -> None:
    with pytest.raises(PermissionDenied):
        bundle_export.export_bundle(head_ctx, NOVEMBER, stick)


def test_a_missing_stick_is_named_before_any_work(ctx, village, tmp_path: Path) -> None:
    with pytest.raises(ServiceError, match="tidak ditemukan atau tercabut"):
        bundle_export.export_bundle(ctx, NOVEMBER, tmp_path / "no-stick")
    assert _leftovers(ctx) == [] and _rows(ctx) == []


# -- cancel -------------------------------------------------------------------------------
LAST_CANCELLABLE = bundle_pack.step_count() - 1  # the check before "saving on the laptop"


@pytest.mark.parametrize("after", [1, 5, LAST_CANCELLABLE])
def test_cancel_leaves_nothing_and_uses_no_number(ctx, village, stick: Path,
                                                  after: int) -> None:
    calls: list[str] = []

    def progress(done: int, total: int, label: str) -> None:
        calls.append(label)

    with pytest.raises(bundle_export.ExportCancelled):
        bundle_export.export_bundle(ctx, NOVEMBER, stick, progress=progress,
                                    cancel=lambda: len(calls) >= after)
    assert len(calls) == after
    assert _leftovers(ctx) == []
    assert list(stick.iterdir()) == []
    assert _rows(ctx) == []
    assert bundle_export.export_bundle(ctx, NOVEMBER, stick).sequence == 1


def test_cancel_once_numbered_is_too_late_and_the_copy_completes(ctx, village,
                                                                 stick: Path) -> None:
    calls: list[str] = []
    result = bundle_export.export_bundle(
        ctx, NOVEMBER, stick, progress=lambda d, t, label: calls.append(label),
        cancel=lambda: len(calls) > LAST_CANCELLABLE)
    assert calls[LAST_CANCELLABLE:] == ["Menyimpan bundel di laptop",
                                        "Menulis ke flashdisk. Jangan cabut flashdisk!",
                                        "Selesai. Flashdisk boleh dicabut."]
    assert result.written_to_target and result.path.exists()


def test_cancel_flag_object_of_the_gui(ctx, village, stick: Path) -> None:
    class Flag:
        is_set = True

    with pytest.raises(bundle_export.ExportCancelled):
        bundle_export.export_bundle(ctx, NOVEMBER, stick, cancel=Flag())
    assert _leftovers(ctx) == []


# -- the stick fails ----------------------------------------------------------------------
def _fail_on_stick(monkeypatch, stick: Path, function: str, code: int) -> None:
    """Make ``os.<function>`` fail with ``code`` for files on the stick only."""
    real_open, real = os.open, getattr(os, function)
    on_stick: set[int] = set()

    def is_stick(path) -> bool:
        return str(path).startswith(str(stick))

    def fake_open(path, flags, *args, **kwargs):
        if function == "open" and is_stick(path) and flags & os.O_CREAT:
            raise OSError(code, os.strerror(code))
        fd = real_open(path, flags, *args, **kwargs)
        if is_stick(path):
            on_stick.add(fd)
        return fd

    def failing(first, *args, **kwargs):
        if first in on_stick or (not isinstance(first, int) and is_stick(first)):
            raise OSError(code, os.strerror(code))
        return real(first, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    if function != "open":
        monkeypatch.setattr(os, function, failing)


@pytest.mark.parametrize(("function", "code", "words"), [
    ("write", errno.ENOSPC, "Flashdisk penuh"),
    ("fsync", errno.ENOSPC, "Flashdisk penuh"),
    ("open", errno.EROFS, "tidak dapat ditulisi"),
    ("open", errno.EACCES, "tidak dapat ditulisi"),
    ("write", errno.EIO, "tercabut saat menulis"),
    ("replace", errno.EIO, "tercabut saat menulis"),
])
def test_a_failing_stick_keeps_the_bundle_in_the_outbox(ctx, village, stick: Path,
                                                        monkeypatch, function: str, code: int,
                                                        words: str) -> None:
    first = bundle_export.export_bundle(ctx, NOVEMBER, stick)
    before = {p.name: p.read_bytes() for p in (stick / "DESA-BUNDEL").iterdir()}

    _fail_on_stick(monkeypatch, stick, function, code)
    with pytest.raises(bundle_export.BundleNotCopied) as caught:
        bundle_export.export_bundle(ctx, NOVEMBER, stick)
    monkeypatch.undo()

    err = caught.value
    assert words in str(err) and "Bundel nomor 2 tetap tersimpan di laptop" in str(err)
    assert err.result.sequence == 2 and not err.result.written_to_target
    # The earlier bundle on the stick is intact, and nothing else is there.
    assert {p.name: p.read_bytes() for p in (stick / "DESA-BUNDEL").iterdir()} == before
    assert first.path.exists()
    assert "3207122001-00002.desa" in _leftovers(ctx)
    assert [(r.sequence, r.written_to) for r in _rows(ctx)] == [(1, str(stick)), (2, "")]
    listed = bundle_export.list_exports(ctx)
    assert [(e.sequence, e.written_to, e.in_outbox) for e in listed] == [
        (2, "", True), (1, str(stick), True)]

    # Later, with the stick fixed: copy again from the outbox.
    again = bundle_export.copy_from_outbox(ctx, 2, stick)
    assert again.written_to_target
    assert again.path.read_bytes() == err.result.outbox_path.read_bytes()
    assert bundle_export.read_own_bundle(ctx, again.path)["sequence"] == 2
    assert _rows(ctx)[1].written_to == str(stick)


def test_a_stick_pulled_out_while_writing(ctx, village, stick: Path, monkeypatch) -> None:
    """The folder vanishes in the middle: the message says so; a fresh stick takes it."""
    real_write = os.write
    fired = []

    def write(fd: int, data) -> int:
        if not fired and (stick / "DESA-BUNDEL").exists():
            fired.append(fd)
            (stick / "DESA-BUNDEL" / ".3207122001-00001.desa.tmp").unlink()
            (stick / "DESA-BUNDEL").rmdir()
            stick.rmdir()
            raise OSError(errno.EIO, "Input/output error")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    with pytest.raises(bundle_export.BundleNotCopied, match="tercabut"):
        bundle_export.export_bundle(ctx, NOVEMBER, stick)
    monkeypatch.undo()
    other = stick.parent / "FLASHDISK-2"
    other.mkdir()
    assert bundle_export.copy_from_outbox(ctx, 1, other).written_to_target


def test_a_stick_that_is_too_small(ctx, village, stick: Path, monkeypatch) -> None:
    from desa_desktop.services import usb

    real = usb.free_space
    monkeypatch.setattr(usb, "free_space",
                        lambda path: 1000 if str(path).startswith(str(stick)) else real(path))
    with pytest.raises(bundle_export.BundleNotCopied, match="Flashdisk penuh"):
        bundle_export.export_bundle(ctx, NOVEMBER, stick)
    assert list((stick / "DESA-BUNDEL").iterdir()) == []


def test_every_stick_message_has_english_with_the_same_placeholders() -> None:
    english = i18n.catalogue("en")
    for template in [*bundle_copy.STICK_MESSAGES.values(),
                     *bundle_copy.NOT_COPIED_MESSAGES.values()]:
        assert template in english
        assert sorted(re.findall(r"{(\w+)}", template)) \
            == sorted(re.findall(r"{(\w+)}", english[template]))


def test_copy_from_outbox_of_an_unknown_or_lost_bundle(ctx, village, stick: Path) -> None:
    with pytest.raises(ServiceError, match="tidak ada"):
        bundle_export.copy_from_outbox(ctx, 7, stick)
    made = bundle_export.export_bundle(ctx, NOVEMBER, None)
    made.outbox_path.write_bytes(b"damaged")
    with pytest.raises(ServiceError, match="rusak"):
        bundle_export.copy_from_outbox(ctx, 1, stick)
