"""Putting a backup back in place of the village database.

Only an admin may do it, and the service enforces that, not just the
screen: a restore replaces everyone's work since the backup was made.

Nothing is ever deleted. The current file (with its WAL) is set aside as
``<name>.sebelum-pulih-<time>`` together with a copy of its key file, so a
restore chosen by mistake can itself be undone by hand. The backup is
checked before anything moves; it is copied beside the database under a
temporary name (with SQLite's online backup, so a copy left in WAL mode
comes with its WAL), synced and checked again, and only then swapped in. The
swapped-in file must open (an older schema is upgraded by the normal open)
or the old file goes back.

The key file of the database stays as it is: the database key never
changes, so today's passwords open the restored data too.

The caller closes the database before and opens it again after: on Windows
an open file cannot be renamed, and every open view must reload anyway.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desa_desktop.db.engine import Database
from desa_desktop.db.keystore import keys_path, write_atomic
from desa_desktop.db.migrate import open_database
from desa_desktop.services.backup_check import (
    SQL_ERRORS,
    BackupCancelled,
    BackupCheck,
    check_backup,
)
from desa_desktop.services.context import OfficerInfo, ServiceContext
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
from desa_desktop.services.errors import PermissionDenied, ServiceError

log = logging.getLogger(__name__)

STAMP = "%Y%m%d-%H%M%S"


class BackupUnusable(ServiceError):
    """The chosen backup is damaged, foreign or too new; nothing was changed."""


@dataclass(frozen=True)
class RestoreResult:
    """Where the restored database is, and where the replaced one was kept."""

    db_path: Path
    set_aside: Path | None  # None when there was no database file to replace
    backup: BackupCheck  # what the backup held (revision, persons, households)


def require_restore_permission(ctx: ServiceContext) -> None:
    """Refuse a restore to anyone but an admin (the screen asks this to grey the button)."""
    if ctx.officer is None or ctx.officer.role != "admin":
        raise PermissionDenied("Hanya admin yang dapat memulihkan data dari cadangan.")


def restore_backup(ctx: ServiceContext, backup_path: Path, *,
                   progress: ProgressFn | None = None, cancel: CancelFlag | None = None,
                   now: datetime | None = None) -> RestoreResult:
    """Replace the open database with ``backup_path`` (admin only).

    Closes ``ctx.db`` (its engine is disposed): the caller must open the
    database at ``RestoreResult.db_path`` again and hand every view the new
    one. The restore is written to the restored database's audit log.
    """
    require_restore_permission(ctx)
    db = ctx.db
    check = usable_backup(backup_path, db.key)
    db.close()
    set_aside, restored = _swap_in(db.path, db.key, backup_path, progress, cancel, now)
    try:
        _log_restore(restored, ctx.officer, backup_path, set_aside)
    finally:
        restored.close()
    return RestoreResult(db.path, set_aside, check)


def restore_file(db_path: Path, key: bytes | None, backup_path: Path, *,
                 progress: ProgressFn | None = None, cancel: CancelFlag | None = None,
                 now: datetime | None = None) -> Path | None:
    """Put ``backup_path`` in place of the (closed) database at ``db_path``.

    For the start-up recovery of a database so damaged that no officer can be
    read from it; whoever calls this must have proven the key (a password's
    key slot or the recovery key). Returns the set-aside file.
    """
    usable_backup(backup_path, key)
    set_aside, restored = _swap_in(db_path, key, backup_path, progress, cancel, now)
    restored.close()
    return set_aside


def usable_backup(backup_path: Path, key: bytes | None) -> BackupCheck:
    """The backup's check, or ``BackupUnusable`` with the reason in plain words."""
    check = check_backup(backup_path, key)
    if not check.ok:
        assert check.problem is not None
        log.warning("refused backup %s: %s", backup_path, check.detail)
        raise BackupUnusable(check.problem.template, **check.problem.params)
    return check


def _swap_in(db_path: Path, key: bytes | None, backup_path: Path,
             progress: ProgressFn | None, cancel: CancelFlag | None,
             now: datetime | None) -> tuple[Path | None, Database]:
    stamp = (now or datetime.now()).strftime(STAMP)
    tmp = db_path.with_name(f".{db_path.name}.pulih.tmp")
    aside = db_path.with_name(f"{db_path.name}.sebelum-pulih-{stamp}")
    remove_quietly(tmp, *sidecars(tmp))
    try:
        copy_database(backup_path, tmp, key, progress, cancel)
        sync_file(tmp)
        copied = check_backup(tmp, key)
        if not copied.ok:
            raise ServiceError("Cadangan rusak saat disalin ke laptop ini ({error}); database "
                               "tidak diubah.", error=copied.message)
    except BaseException as err:
        remove_quietly(tmp, *sidecars(tmp))
        if isinstance(err, Cancelled):
            raise BackupCancelled("Pemulihan dibatalkan; database tidak diubah.") from None
        if isinstance(err, (OSError, *SQL_ERRORS)):
            raise ServiceError("Cadangan tidak dapat disalin ({error}); database tidak "
                               "diubah.", error=str(err)) from err
        raise
    moved = _set_aside(db_path, aside)
    try:
        os.replace(tmp, db_path)
        sync_dir(db_path.parent)
        restored, _upgrade_copy = open_database(db_path, key)
    except Exception as err:
        log.exception("restored file does not open; putting the old one back")
        _put_back(db_path, aside if moved else None)
        remove_quietly(tmp, *sidecars(tmp))
        raise ServiceError("Cadangan tidak dapat dibuka setelah dipulihkan, jadi database "
                           "semula dikembalikan. ({error})", error=str(err)) from err
    return (aside if moved else None), restored


def _set_aside(db_path: Path, aside: Path) -> bool:
    """Move the current database (and its WAL) to ``aside``; False when there is none."""
    if not db_path.exists():
        return False
    try:
        os.replace(db_path, aside)
    except OSError as err:
        raise ServiceError(
            "Database masih dipakai atau tidak dapat dipindahkan, jadi tidak ada yang "
            "diubah. Tutup jendela lain aplikasi ini, lalu coba lagi. ({error})",
            error=str(err)) from err
    try:
        for side, target in zip(sidecars(db_path), sidecars(aside), strict=True):
            if side.exists():
                os.replace(side, target)
    except OSError as err:
        _put_back(db_path, aside)
        raise ServiceError(
            "Database masih dipakai atau tidak dapat dipindahkan, jadi tidak ada yang "
            "diubah. Tutup jendela lain aplikasi ini, lalu coba lagi. ({error})",
            error=str(err)) from err
    keys = keys_path(db_path)
    if keys.exists():  # so the set-aside file opens on its own, like a backup
        try:
            write_atomic(keys_path(aside), keys.read_bytes())
        except OSError as err:
            log.warning("could not copy the key file beside %s: %s", aside, err)
    sync_dir(db_path.parent)
    return True


def _put_back(db_path: Path, aside: Path | None) -> None:
    """Undo ``_set_aside`` (the file in place is a copy of the backup: nothing is lost)."""
    remove_quietly(db_path, *sidecars(db_path))
    if aside is None:
        return
    os.replace(aside, db_path)
    for side, target in zip(sidecars(aside), sidecars(db_path), strict=True):
        if side.exists():
            os.replace(side, target)
    remove_quietly(keys_path(aside))
    sync_dir(db_path.parent)


def _log_restore(db: Database, officer: OfficerInfo | None, backup_path: Path,
                 set_aside: Path | None) -> None:
    """Note the restore in the restored database's audit log (it has no memory of it)."""
    if officer is None:
        return
    try:
        from desa_desktop.services import audit

        audit.log_event(db, "backup_restored", officer.username, officer.id, detail={
            "backup": backup_path.name, "set_aside": set_aside.name if set_aside else None})
    except Exception:  # the data is back; a missing log line must not undo that
        log.exception("could not log the restore")
