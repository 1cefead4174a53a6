"""Backups and restores on real encrypted files: what a village laptop will live through.

Full disks and read-only folders are real OS errors, not mocks: a child
process with a small ``RLIMIT_FSIZE`` (the kernel refuses to grow a file past
it), a tiny tmpfs when this machine lets us mount one, and a child that
drops to an unprivileged user when we run as root (root ignores file modes).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from desa_desktop.db.engine import Database, connect
from desa_desktop.db.keystore import keys_path, new_database_key
from desa_desktop.db.migrate import current_revision, head_revision, raw_connect, upgrade
from desa_desktop.services import accounts, backup, restore
from desa_desktop.services.backup import BackupInfo
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import PermissionDenied, ServiceError
from desa_desktop.services.unlock import create_database, open_with_password
from tests.conftest import ADMIN_PASSWORD, VILLAGE
from tests.services.helpers import add_person, count_rows, nik_for

REPO = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 11, 22, 8, 0, 0)
PAGE = 4096


def live_persons(db: Database) -> int:
    return count_rows(db, "person", "deleted_at IS NULL")


def persons_in(path: Path, key: bytes) -> list[str]:
    """Names in the database file at ``path``, read with a plain keyed connection."""
    conn = raw_connect(path, key)
    try:
        return sorted(r[0] for r in conn.execute(
            "SELECT full_name FROM person WHERE deleted_at IS NULL"))
    finally:
        conn.close()


def damage(path: Path, page: int | None = None) -> None:
    """Flip 64 bytes inside one page (by default a page in the middle of the file)."""
    data = bytearray(path.read_bytes())
    pages = len(data) // PAGE
    start = (page if page is not None else pages // 2) * PAGE + 1000
    for i in range(start, start + 64):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def all_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# -- making a backup ----------------------------------------------------------------------
def test_backup_opens_with_the_same_key_and_holds_the_same_persons(
        ctx: ServiceContext, db: Database, tmp_path: Path) -> None:
    add_person(ctx, "Siti Aminah")
    add_person(ctx, "Asep Saepudin")
    info = backup.make_backup(db, now=T0)

    assert info.path == backup.backup_folder(db.path) / "desa-20261122-080000-manual.sqlite3"
    assert info.path.parent.name == "cadangan"
    assert (info.reason, info.created, info.size) == ("manual", T0, info.path.stat().st_size)
    assert persons_in(info.path, db.key) == ["Asep Saepudin", "Siti Aminah"]
    # The key file travels with it: the passwords of backup time open it on another laptop.
    assert info.keys_path.exists()
    stick = tmp_path / "flashdisk"
    stick.mkdir()
    shutil.copy(info.path, stick / info.path.name)
    shutil.copy(info.keys_path, stick / info.keys_path.name)
    opened = open_with_password(stick / info.path.name, "admin", ADMIN_PASSWORD)
    try:
        assert opened.officer.username == "admin"
        assert live_persons(opened.db) == 2
    finally:
        opened.db.close()


def test_backup_file_holds_no_plaintext(ctx: ServiceContext, db: Database) -> None:
    from datetime import date

    nik = nik_for(date(1991, 2, 3), "P")
    add_person(ctx, "Nurhayati Kartasasmita", sex="P", birth=date(1991, 2, 3), nik=nik)
    info = backup.make_backup(db)

    raw = info.path.read_bytes()
    assert b"Nurhayati" not in raw and nik.encode() not in raw
    assert not raw.startswith(b"SQLite format 3")
    assert len(raw) % PAGE == 0
    # One self-contained file: no WAL or temporary file beside it.
    assert all_files(info.path.parent) == sorted([info.path.name, info.keys_path.name])


def test_progress_is_reported_and_cancel_leaves_nothing(ctx: ServiceContext,
                                                       db: Database) -> None:
    add_person(ctx, "Siti Aminah")
    steps: list[tuple[int, int]] = []
    info = backup.make_backup(db, progress=lambda done, total: steps.append((done, total)))
    assert steps and steps[-1][0] == steps[-1][1] > 0
    info.path.unlink()
    info.keys_path.unlink()

    class Flag:
        is_set = True

    with pytest.raises(backup.BackupCancelled):
        backup.make_backup(db, progress=lambda d, t: None, cancel=Flag())
    assert all_files(backup.backup_folder(db.path)) == []


def test_two_backups_in_the_same_second_both_survive(db: Database) -> None:
    first = backup.make_backup(db, now=T0)
    second = backup.make_backup(db, now=T0)
    assert first.path != second.path and second.path.exists() and first.path.exists()
    assert [b.path for b in backup.list_backups(first.path.parent)] == [
        second.path, first.path]


# -- rotation and the daily backup ----------------------------------------------------------
def test_rotation_keeps_exactly_n_automatic_and_never_deletes_manual(db: Database,
                                                                     tmp_path: Path) -> None:
    made: list[BackupInfo] = []
    for hour, reason in enumerate(["manual", "exit", "daily", "exit", "usb", "exit", "daily",
                                   "manual"]):
        made.append(backup.make_backup(db, reason=reason, now=T0 + timedelta(hours=hour)))
    folder = backup.backup_folder(db.path)
    other_db = folder / "demo-karyamukti-20261101-080000-exit.sqlite3"
    other_db.write_bytes(b"x" * PAGE)  # another database's backup in the same folder

    removed = backup.rotate(folder, keep=3, stem="desa")

    left = backup.list_backups(folder, "desa")
    automatic = [b for b in left if b.automatic]
    assert [b.created.hour for b in automatic] == [14, 13, 11]
    assert sorted(b.reason for b in left if not b.automatic) == ["manual", "manual", "usb"]
    assert sorted(removed) == sorted(b.path for b in made if b.automatic
                                     and b.created.hour in (9, 10))
    assert not any(keys_path(p).exists() for p in removed)
    assert other_db.exists()
    assert backup.DEFAULT_KEEP == 10


def test_automatic_backup_at_exit_rotates(db: Database) -> None:
    for hour in range(4):
        result = backup.automatic_backup(db, "exit", keep=2, now=T0 + timedelta(hours=hour))
        assert result.info is not None and result.problem is None
    assert [b.created.hour for b in backup.list_backups(backup.backup_folder(db.path))] == [
        11, 10]


def test_daily_backup_is_due_only_after_24_hours_without_an_automatic_one(
        db: Database) -> None:
    assert backup.backup_due(db.path, T0)
    backup.make_backup(db, reason="manual", now=T0)
    assert backup.backup_due(db.path, T0), "a manual backup does not replace the daily one"

    made = backup.automatic_backup(db, "daily", now=T0)
    assert made.info is not None and made.info.reason == "daily"
    assert not backup.backup_due(db.path, T0 + timedelta(hours=23, minutes=59))
    assert backup.automatic_backup(db, "daily", now=T0 + timedelta(hours=5)).skipped
    assert backup.backup_due(db.path, T0 + timedelta(hours=24, seconds=1))
    # A backup dated in the future (wrong clock back then) does not stop today's.
    assert backup.backup_due(db.path, T0 - timedelta(days=3))

    backup.automatic_backup(db, "exit", now=T0 + timedelta(hours=30))
    assert not backup.backup_due(db.path, T0 + timedelta(hours=31))


def test_automatic_backup_never_raises_for_a_full_disk(db: Database,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    class Usage:
        free = 0

    monkeypatch.setattr(backup.shutil, "disk_usage", lambda _p: Usage())
    result = backup.automatic_backup(db, "exit", now=T0)
    assert result.info is None
    assert result.problem is not None and str(result.problem).startswith(
        "Ruang penyimpanan penuh")
    assert all_files(backup.backup_folder(db.path)) == []


# -- checking -------------------------------------------------------------------------------
def test_check_reads_revision_and_counts(ctx: ServiceContext, db: Database) -> None:
    add_person(ctx, "Siti Aminah")
    info = backup.make_backup(db)
    check = backup.check_backup(info.path, db.key)
    assert check.ok and check.problem is None
    assert (check.revision, check.persons, check.households) == (head_revision(), 1, 0)


def test_wrong_key_and_damaged_backups_are_refused_with_a_reason(db: Database) -> None:
    info = backup.make_backup(db)
    wrong = backup.check_backup(info.path, new_database_key())
    assert not wrong.ok and wrong.message == "Cadangan ini milik database lain (kuncinya berbeda)."

    damage(info.path)
    broken = backup.check_backup(info.path, db.key)
    assert not broken.ok
    assert broken.message.startswith("Cadangan ini rusak")
    assert "HMAC" in broken.detail

    missing = backup.check_backup(info.path.with_name("tidak-ada.sqlite3"), db.key)
    assert not missing.ok and missing.message == "Berkas cadangan tidak ditemukan."


def test_quick_check_reports_a_damaged_database(ctx: ServiceContext, db: Database,
                                                tmp_path: Path) -> None:
    for name in ("Siti Aminah", "Asep Saepudin", "Euis Kurniasih"):
        add_person(ctx, name)
    assert backup.quick_check(db) is None
    assert backup.startup_check(db).ok

    copy_path = tmp_path / "salinan" / "desa.sqlite3"
    copy_path.parent.mkdir()
    backup.make_backup(db, copy_path.parent, reason="manual").path.rename(copy_path)
    damage(copy_path, page=2)
    damaged = connect(copy_path, db.key)
    try:
        found = backup.quick_check(damaged)
        assert found is not None and found.strip()
        state = backup.startup_check(damaged)
        assert not state.ok and state.newest_good is None
        assert state.problem is not None and state.problem.text.startswith("Database rusak")
    finally:
        damaged.close()


def test_newest_good_backup_skips_a_damaged_newer_one(ctx: ServiceContext,
                                                      db: Database) -> None:
    add_person(ctx, "Siti Aminah")
    good = backup.make_backup(db, reason="daily", now=T0)
    newer = backup.make_backup(db, reason="exit", now=T0 + timedelta(hours=2))
    damage(newer.path)
    found = backup.newest_good_backup(db.path, db.key)
    assert found is not None and found.path == good.path


# -- restoring ------------------------------------------------------------------------------
def test_restore_puts_the_backup_back_and_keeps_the_current_file_aside(
        ctx: ServiceContext, db: Database) -> None:
    add_person(ctx, "Siti Aminah")
    info = backup.make_backup(db, now=T0)
    add_person(ctx, "Dedi Supriatna")  # made after the backup: gone after the restore

    result = backup.restore_backup(ctx, info.path, now=T0 + timedelta(hours=1))

    assert result.db_path == db.path
    assert result.set_aside == db.path.with_name("desa.sqlite3.sebelum-pulih-20261122-090000")
    assert result.backup.persons == 1
    assert persons_in(db.path, db.key) == ["Siti Aminah"]
    assert persons_in(result.set_aside, db.key) == ["Dedi Supriatna", "Siti Aminah"]
    assert keys_path(result.set_aside).exists()
    # The app opens it again with today's passwords; the restore is in its audit log.
    reopened = open_with_password(db.path, "admin", ADMIN_PASSWORD)
    try:
        assert live_persons(reopened.db) == 1
        assert count_rows(reopened.db, "audit_log", "action = 'backup_restored'") == 1
    finally:
        reopened.db.close()
    assert info.path.exists(), "the backup itself stays for another time"


def test_a_restore_by_mistake_can_be_undone_from_the_set_aside_file(
        ctx: ServiceContext, db: Database) -> None:
    add_person(ctx, "Siti Aminah")
    info = backup.make_backup(db, now=T0)
    add_person(ctx, "Dedi Supriatna")
    result = backup.restore_backup(ctx, info.path, now=T0 + timedelta(hours=1))
    assert result.set_aside is not None

    second = backup.restore_file(db.path, db.key, result.set_aside,
                                 now=T0 + timedelta(hours=2))

    assert persons_in(db.path, db.key) == ["Dedi Supriatna", "Siti Aminah"]
    assert second is not None and persons_in(second, db.key) == ["Siti Aminah"]
    assert result.set_aside.exists(), "restoring never deletes a file"


def test_a_cancelled_restore_changes_nothing(ctx: ServiceContext, db: Database) -> None:
    add_person(ctx, "Siti Aminah")
    info = backup.make_backup(db)
    add_person(ctx, "Dedi Supriatna")

    class Flag:
        is_set = True

    with pytest.raises(backup.BackupCancelled):
        backup.restore_backup(ctx, info.path, cancel=Flag())
    assert live_persons(db) == 2
    assert not list(db.path.parent.glob("*sebelum-pulih*"))
    assert not list(db.path.parent.glob(".*tmp*"))


def test_a_damaged_backup_is_refused_and_the_database_is_untouched(
        ctx: ServiceContext, db: Database) -> None:
    add_person(ctx, "Siti Aminah")
    info = backup.make_backup(db)
    damage(info.path)
    db.engine.dispose()  # so the file on disk is the whole database
    before = digest(db.path)

    with pytest.raises(restore.BackupUnusable) as caught:
        backup.restore_backup(ctx, info.path)

    assert str(caught.value).startswith("Cadangan ini rusak")
    assert digest(db.path) == before
    assert not list(db.path.parent.glob("*sebelum-pulih*"))
    assert live_persons(db) == 1


def test_a_petugas_cannot_restore(ctx: ServiceContext, other_ctx: ServiceContext,
                                  db: Database) -> None:
    info = backup.make_backup(db)
    with pytest.raises(PermissionDenied):
        backup.restore_backup(other_ctx, info.path)
    with pytest.raises(PermissionDenied):
        backup.require_restore_permission(other_ctx)
    backup.require_restore_permission(ctx)
    assert not list(db.path.parent.glob("*sebelum-pulih*"))


def test_an_older_backup_is_upgraded_when_restored(tmp_path: Path) -> None:
    current = tmp_path / "desa.sqlite3"
    db = create_database(current)
    db.close()
    folder = backup.backup_folder(current)
    folder.mkdir()
    old_path = folder / "desa-20250101-080000-exit.sqlite3"
    old = connect(old_path, db.key)  # a backup from before migration 0003
    upgrade(old, "0002")
    with old.engine.begin() as conn:
        conn.execute(text("PRAGMA journal_mode=DELETE"))
    old.close()
    assert backup.check_backup(old_path, db.key).revision == "0002"

    backup.restore_file(current, db.key, old_path)

    reopened = connect(current, db.key)
    try:
        assert current_revision(reopened) == head_revision()
    finally:
        reopened.close()


# -- full disk, read-only folder, removed stick ---------------------------------------------
_CHILD = r"""
import json, os, resource, signal, sys
from pathlib import Path
from desa_desktop.db.engine import connect
from desa_desktop.services import backup
from desa_desktop.services.errors import ServiceError

args = json.loads(sys.argv[1])
db = connect(Path(args["db"]), bytes.fromhex(args["key"]))
if args.get("fsize"):
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an EFBIG error instead of a kill
    resource.setrlimit(resource.RLIMIT_FSIZE, (args["fsize"], args["fsize"]))
if args.get("uid"):
    os.setgid(args["uid"])
    os.setuid(args["uid"])
try:
    info = backup.make_backup(db, Path(args["folder"]), reason="usb")
except ServiceError as err:
    print(json.dumps({"error": str(err)}))
else:
    print(json.dumps({"made": str(info.path)}))
"""


def run_child(**args: object) -> dict:
    done = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(args)], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def fill(ctx: ServiceContext, n: int = 60) -> None:
    for i in range(n):
        add_person(ctx, f"Warga Nomor {i:03d} " + "Panjang " * 10)


def test_full_disk_gives_a_plain_message_and_leaves_no_partial_file(
        ctx: ServiceContext, db: Database, tmp_path: Path) -> None:
    fill(ctx)
    with db.engine.begin() as conn:  # an empty WAL: the child has nothing to checkpoint
        conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    limit = 96 * 1024
    assert db.path.stat().st_size > 2 * limit
    stick = tmp_path / "flashdisk"
    stick.mkdir()
    before = live_persons(db)

    result = run_child(db=str(db.path), key=db.key.hex(), folder=str(stick), fsize=limit)

    assert result["error"].startswith("Ruang penyimpanan penuh: cadangan sebesar")
    assert all_files(stick) == []
    assert backup.quick_check(db) is None and live_persons(db) == before


@pytest.fixture
def tiny_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs: a really full disk (needs root and a kernel that lets us mount)."""
    mount_point = tmp_path / "kecil"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)


def test_a_really_full_disk_is_reported_before_and_during_the_copy(
        ctx: ServiceContext, db: Database, tiny_tmpfs: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    fill(ctx)
    with pytest.raises(ServiceError) as before_copy:
        backup.make_backup(db, tiny_tmpfs, reason="usb")
    assert str(before_copy.value).startswith("Ruang penyimpanan penuh")
    assert all_files(tiny_tmpfs) == []

    # Without the free-space check up front, SQLite itself meets ENOSPC mid-copy.
    monkeypatch.setattr(backup, "_check_free_space", lambda folder, needed: None)
    with pytest.raises(ServiceError) as during_copy:
        backup.make_backup(db, tiny_tmpfs, reason="usb")
    assert str(during_copy.value).startswith("Ruang penyimpanan penuh")
    assert all_files(tiny_tmpfs) == []
    assert backup.quick_check(db) is None


def test_a_read_only_folder_gives_a_plain_message(tmp_path: Path) -> None:
    # Its own world-readable database: the unprivileged child must be able to read it.
    base = Path(tempfile.mkdtemp(prefix="desa-ro-", dir="/tmp"))
    try:
        os.chmod(base, 0o777)
        db = create_database(base / "desa.sqlite3")
        accounts.set_up(db, VILLAGE, "admin", "Admin Desa", ADMIN_PASSWORD)
        locked = base / "terkunci"
        locked.mkdir(mode=0o755)
        for path in base.iterdir():
            if path.is_file():
                os.chmod(path, 0o666)
        if os.geteuid() == 0:
            result = run_child(db=str(db.path), key=db.key.hex(), folder=str(locked),
                               uid=65534)
            message = result.get("error", "")
        else:
            os.chmod(locked, 0o555)
            with pytest.raises(ServiceError) as caught:
                backup.make_backup(db, locked, reason="usb")
            message = str(caught.value)
        assert message.startswith("Folder tujuan tidak dapat ditulisi")
        assert all_files(locked) == []
        assert backup.quick_check(db) is None
        db.close()
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_a_removed_stick_gives_a_plain_message(db: Database, tmp_path: Path) -> None:
    with pytest.raises(ServiceError) as caught:
        backup.make_backup(db, tmp_path / "flashdisk-dicabut", reason="usb")
    assert str(caught.value).startswith("Folder tujuan tidak ditemukan")
