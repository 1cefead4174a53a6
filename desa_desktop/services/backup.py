"""Backups of the village database: making them, keeping a few, putting one back.

The data (who is abroad, where, with which papers) exists nowhere else: a
laptop that dies, is stolen or catches a virus must not take it along. So
the app copies the database when it closes and once a day, the officer can
copy it to a USB stick, and an admin can put a copy back.

What every copy promises, and why:

- It is taken with SQLite's online backup, so it is consistent even while
  the app is open and holds what is still in the WAL; and it is encrypted
  with the database's own key, so a lost USB stick leaks nothing.
- It is written under a hidden temporary name, synced to the disk, checked
  with ``PRAGMA integrity_check`` and only then renamed: a file that carries
  a backup's name is always a whole, checked backup, even after a power cut
  or a full disk.
- The key file is copied beside it (``<name>.keys``), so the copy opens with
  the passwords valid when it was made, or with the recovery key (the
  database key never changes).
- Only automatic copies (at exit, daily) are rotated away; a copy an officer
  asked for is theirs to delete.
- Putting a copy back never deletes anything: the current file is set aside
  as ``<name>.sebelum-pulih-<time>``.

Checking a copy (and the database at start-up) lives in ``backup_check``
and putting one back in ``restore``; their public names are re-exported
here, so the app, the CLI and the screens need this one module.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import shutil
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from desa_desktop.db.engine import Database
from desa_desktop.db.keystore import keys_path, write_atomic
from desa_desktop.services.backup_check import (
    SQL_ERRORS,
    BackupCancelled,
    BackupCheck,
    check_backup,
    quick_check,
)
from desa_desktop.services.durable import (
    CancelFlag,
    Cancelled,
    ProgressFn,
    copy_database,
    remove_quietly,
    sidecars,
    sync_dir,
    sync_file,
)
from desa_desktop.services.errors import Problem, ServiceError
from desa_desktop.services.restore import (
    BackupUnusable,
    RestoreResult,
    require_restore_permission,
    restore_backup,
    restore_file,
)

__all__ = [
    "AUTOMATIC",
    "DEFAULT_KEEP",
    "REASONS",
    "AutoBackup",
    "BackupCancelled",
    "BackupCheck",
    "BackupInfo",
    "BackupUnusable",
    "RestoreResult",
    "StartupCheck",
    "automatic_backup",
    "backup_due",
    "backup_folder",
    "check_backup",
    "list_backups",
    "make_backup",
    "newest_good_backup",
    "quick_check",
    "require_restore_permission",
    "restore_backup",
    "restore_file",
    "rotate",
    "startup_check",
]

log = logging.getLogger(__name__)

#: Why a backup was made: at exit, the daily one, on request, to a USB stick/other folder.
REASONS = ("exit", "daily", "manual", "usb")
#: The reasons the app chose itself; only these are ever deleted by rotation.
AUTOMATIC = frozenset({"exit", "daily"})
DEFAULT_KEEP = 10
FOLDER_NAME = "cadangan"
STAMP = "%Y%m%d-%H%M%S"
DAY = timedelta(hours=24)
#: Temporary files older than this are leftovers of a crash and may go.
STALE_TEMP_SECONDS = 3600

_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>exit|daily|manual|usb)"
    r"(?:-(?P<n>\d+))?\.sqlite3$"
)
_TEMP = re.compile(r"^\..+\.sqlite3\.tmp(-journal|-wal|-shm)?$")


@dataclass(frozen=True)
class BackupInfo:
    """One backup file, as told by its name (``<db>-<YYYYmmdd-HHMMSS>-<reason>.sqlite3``)."""

    path: Path
    created: datetime  # local time of the laptop, naive, from the name
    reason: str  # one of REASONS
    size: int  # bytes

    @property
    def automatic(self) -> bool:
        return self.reason in AUTOMATIC

    @property
    def keys_path(self) -> Path:
        """The copy of the key file that travels with this backup."""
        return keys_path(self.path)


@dataclass(frozen=True)
class AutoBackup:
    """What an automatic backup did: made ``info``, or failed with ``problem``.

    Both None: nothing was due (a daily backup already exists). A problem is
    never raised, because a full disk must not stop the app from opening or
    closing; the caller shows it as a note.
    """

    info: BackupInfo | None = None
    problem: ServiceError | None = None

    @property
    def skipped(self) -> bool:
        return self.info is None and self.problem is None


# -- names and folders ------------------------------------------------------------------
def backup_folder(db_path: Path) -> Path:
    """``<database folder>/cadangan/``: where automatic and manual backups go."""
    return db_path.parent / FOLDER_NAME


def parse_backup_name(path: Path) -> BackupInfo | None:
    """The backup behind ``path`` (None when the name is not a backup's)."""
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        created = datetime.strptime(match["stamp"], STAMP)
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    return BackupInfo(path, created, match["reason"], size)


def list_backups(folder: Path, stem: str | None = None) -> list[BackupInfo]:
    """The backups in ``folder``, newest first; only those of database ``stem`` if given.

    The stem filter matters because the real and the demo database share a
    data folder, and a USB stick may hold the backups of several villages.
    """
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    found = []
    for path in entries:
        match = _NAME.match(path.name)
        if match is None or (stem is not None and match["stem"] != stem):
            continue
        info = parse_backup_name(path)
        if info is not None:
            found.append((info.created, int(match["n"] or 1), info))
    return [info for *_order, info in sorted(found, key=lambda f: f[:2], reverse=True)]


def _free_name(folder: Path, stem: str, created: datetime, reason: str) -> Path:
    base = f"{stem}-{created.strftime(STAMP)}-{reason}"
    path, n = folder / f"{base}.sqlite3", 2
    while path.exists() or keys_path(path).exists():  # two backups in the same second
        path, n = folder / f"{base}-{n}.sqlite3", n + 1
    return path


# -- making one -------------------------------------------------------------------------
def make_backup(db: Database, folder: Path | None = None, *, reason: str = "manual",
                progress: ProgressFn | None = None, cancel: CancelFlag | None = None,
                now: datetime | None = None) -> BackupInfo:
    """Copy the open database into ``folder`` (default: ``backup_folder``) and check the copy.

    ``progress(done, total)`` is called with pages copied; ``cancel.is_set``
    stops the copy (``BackupCancelled``). A full disk, a read-only folder or
    a removed USB stick raise a ``ServiceError`` in plain words; in every
    failure no file is left under a backup's name and the database itself is
    only read.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    if folder is None:
        folder = backup_folder(db.path)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise _write_error(err, folder, 0) from None
    elif not folder.is_dir():  # a USB stick pulled out after the folder was chosen
        raise _missing(folder)
    _remove_stale_temps(folder)
    needed = _database_size(db.path)
    _check_free_space(folder, needed)
    created = (now or datetime.now()).replace(microsecond=0)
    final = _free_name(folder, db.path.stem, created, reason)
    tmp = folder / f".{final.name}.tmp"
    key_copy = keys_path(final)
    wrote_keys = False
    try:
        copy_database(db.path, tmp, db.key, progress, cancel)
        sync_file(tmp)
        check = check_backup(tmp, db.key)
        if not check.ok:
            log.error("backup copy failed its check: %s", check.detail)
            raise ServiceError(
                "Salinan cadangan tidak lolos pemeriksaan, jadi tidak disimpan. Database "
                "tetap utuh; coba lagi atau pilih tempat lain.")
        source_keys = keys_path(db.path)
        if source_keys.exists():
            wrote_keys = True
            write_atomic(key_copy, source_keys.read_bytes())
        os.replace(tmp, final)
    except BaseException as err:
        remove_quietly(tmp, *sidecars(tmp))
        if wrote_keys:
            remove_quietly(key_copy, key_copy.with_name(f".{key_copy.name}.tmp"))
        if isinstance(err, Cancelled):
            raise BackupCancelled("Pencadangan dibatalkan.") from None
        if isinstance(err, (OSError, *SQL_ERRORS)):
            raise _write_error(err, folder, needed) from err
        raise
    sync_dir(folder)
    return BackupInfo(final, created, reason, final.stat().st_size)


def _database_size(path: Path) -> int:
    total = 0
    for suffix in ("", "-wal"):
        with contextlib.suppress(OSError):
            total += Path(f"{path}{suffix}").stat().st_size
    return total


def _check_free_space(folder: Path, needed: int) -> None:
    """Refuse before writing anything when the copy cannot fit."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return  # the copy itself will tell what is wrong
    if free < needed:
        raise _full(folder, needed)


# -- errors in plain words --------------------------------------------------------------
def _size_text(n: int) -> str:
    return f"{max(n, 1) / 1_000_000:.1f} MB".replace(".", ",")


def _full(folder: Path, needed: int) -> ServiceError:
    return ServiceError(
        "Ruang penyimpanan penuh: cadangan sebesar {size} tidak muat di {folder}. "
        "Kosongkan sebagian ruang atau pilih tempat lain, lalu coba lagi.",
        size=_size_text(needed), folder=str(folder))


def _not_writable(folder: Path) -> ServiceError:
    return ServiceError(
        "Folder tujuan tidak dapat ditulisi: {folder}. Pilih folder lain; flashdisk "
        "yang dikunci (write-protect) juga tidak dapat dipakai.", folder=str(folder))


def _missing(folder: Path) -> ServiceError:
    return ServiceError(
        "Folder tujuan tidak ditemukan: {folder}. Bila memakai flashdisk, pastikan "
        "flashdisk masih terpasang, lalu coba lagi.", folder=str(folder))


_FULL_ERRNOS = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_DENIED_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}
_GONE_ERRNOS = {errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.EIO}


def _write_error(err: BaseException, folder: Path, needed: int) -> ServiceError:
    """Turn an OS or SQLite error while writing into a message the officer can act on."""
    log.warning("backup to %s failed: %r", folder, err)
    if isinstance(err, SQL_ERRORS):
        text = str(err).lower()
        if "full" in text:
            return _full(folder, needed)
        if "readonly" in text or "read-only" in text:
            return _not_writable(folder)
        if "not a database" in text or "malformed" in text:
            return ServiceError(
                "Database tidak dapat dibaca untuk dicadangkan ({error}). Jangan hapus "
                "cadangan lama; hubungi admin.", error=str(err))
        # "disk I/O error" or "unable to open": SQLite hides the OS reason, so ask the OS.
        probe = _probe_write(folder, needed)
        if probe is None:
            return ServiceError("Cadangan gagal ditulis ke {folder} ({error}). Coba lagi.",
                                folder=str(folder), error=str(err))
        err = probe
    if isinstance(err, OSError):
        if err.errno in _FULL_ERRNOS:
            return _full(folder, needed)
        if not folder.is_dir():
            return _missing(folder)
        if err.errno in _DENIED_ERRNOS:
            return _not_writable(folder)
        if err.errno in _GONE_ERRNOS:
            return _missing(folder)
    return ServiceError("Cadangan gagal ditulis ke {folder} ({error}). Coba lagi.",
                        folder=str(folder), error=str(err))


def _probe_write(folder: Path, needed: int) -> OSError | None:
    """Write ``needed`` bytes of zeros to find out which OS error the copy met."""
    probe = folder / f".uji-ruang-{os.getpid()}.sqlite3.tmp"
    chunk = b"\0" * (1 << 20)
    try:
        with open(probe, "wb") as fh:
            left = max(needed, 1)
            while left > 0:
                fh.write(chunk[:min(left, len(chunk))])
                left -= len(chunk)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as err:
        return err
    finally:
        remove_quietly(probe)
    return None


# -- files ------------------------------------------------------------------------------
def _remove_stale_temps(folder: Path) -> None:
    """Temporary copies a crash or power cut left behind (never a finished backup)."""
    limit = time.time() - STALE_TEMP_SECONDS
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            if _TEMP.match(path.name):
                with contextlib.suppress(OSError):
                    if path.stat().st_mtime < limit:
                        path.unlink()


# -- keeping a few ----------------------------------------------------------------------
def rotate(folder: Path, keep: int = DEFAULT_KEEP, stem: str | None = None) -> list[Path]:
    """Delete all but the newest ``keep`` automatic backups (with their key files).

    Manual and USB backups are never touched: the officer made them on
    purpose. Returns the deleted backup files.
    """
    if keep < 0:
        raise ValueError("keep must be >= 0")
    automatic = [b for b in list_backups(folder, stem) if b.automatic]
    removed = []
    for old in automatic[keep:]:
        try:
            old.path.unlink()
        except OSError as err:
            log.warning("could not remove old backup %s: %s", old.path, err)
            continue
        remove_quietly(old.keys_path)
        removed.append(old.path)
    return removed


def backup_due(db_path: Path, now: datetime | None = None) -> bool:
    """True when no automatic backup of this database was made in the last 24 hours.

    A backup dated in the future (the laptop's clock was wrong) does not
    count, so a wrong clock can cost an extra backup but never a missed one.
    """
    now = now or datetime.now()
    return not any(
        now - DAY < b.created <= now
        for b in list_backups(backup_folder(db_path), db_path.stem) if b.automatic
    )


def automatic_backup(db: Database, reason: str, keep: int = DEFAULT_KEEP, *,
                     now: datetime | None = None) -> AutoBackup:
    """The backup at exit (``"exit"``) or at login (``"daily"``, only when due), then rotation.

    Never raises: a full disk or any other failure comes back as ``problem``
    for a note, because an automatic backup must not keep the app from
    opening or closing.
    """
    if reason not in AUTOMATIC:
        raise ValueError(f"not an automatic backup reason: {reason!r}")
    if reason == "daily" and not backup_due(db.path, now):
        return AutoBackup()
    try:
        info = make_backup(db, reason=reason, now=now)
    except ServiceError as err:
        return AutoBackup(problem=err)
    except Exception as err:  # an automatic backup must never stop the app
        log.exception("automatic backup failed")
        return AutoBackup(problem=ServiceError(
            "Cadangan otomatis tidak dapat dibuat: {error}", error=str(err)))
    try:
        rotate(info.path.parent, keep, db.path.stem)
    except Exception:  # a failed clean-up loses nothing
        log.exception("backup rotation failed")
    return AutoBackup(info=info)


# -- start-up ---------------------------------------------------------------------------
@dataclass(frozen=True)
class StartupCheck:
    """The database's health when it was opened, and the way back if it is damaged."""

    ok: bool
    detail: str | None = None  # SQLite's own words, for the log
    newest_good: BackupInfo | None = None  # the backup to offer when damaged

    @property
    def problem(self) -> Problem | None:
        """What to tell the officer (Indonesian, translatable); None when all is well."""
        if self.ok:
            return None
        if self.newest_good is None:
            return Problem(None, "Database rusak dan tidak ada cadangan yang baik. Jangan "
                                 "hapus berkas apa pun; hubungi admin atau pendamping teknis.")
        return Problem(None, "Database rusak. Admin dapat memulihkan data dari cadangan baik "
                             "yang terbaru ({when}) melalui menu Cadangan data.",
                       {"when": self.newest_good.created.strftime("%d/%m/%Y %H.%M")})


def newest_good_backup(db_path: Path, key: bytes | None) -> BackupInfo | None:
    """The newest backup of ``db_path`` that opens with ``key`` and passes its check."""
    for info in list_backups(backup_folder(db_path), db_path.stem):
        if check_backup(info.path, key).ok:
            return info
    return None


def startup_check(db: Database) -> StartupCheck:
    """Is the database whole? If not, which backup could replace it?

    Run on the worker right after opening: a damaged file found now, while
    good backups still exist, costs a restore; found months later it costs
    the data.
    """
    detail = quick_check(db)
    if detail is None:
        return StartupCheck(ok=True)
    log.error("database %s failed its check: %s", db.path, detail)
    return StartupCheck(ok=False, detail=detail,
                        newest_good=newest_good_backup(db.path, db.key))
