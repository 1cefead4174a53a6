"""Writing files so that a power cut leaves the old file or the new one, never half.

Backups and restores write big files: each is written under a temporary
name, synced, then renamed, and the folder synced so the rename survives.
These are the steps they share, with the database copy itself.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Protocol

from desa_desktop.db.migrate import raw_connect

#: Pages copied per step (1 MiB of 4 KiB pages): small enough for a smooth
#: progress bar and a prompt Cancel, large enough not to slow the copy.
PAGES_PER_STEP = 256


class ProgressFn(Protocol):
    """``progress(done, total)``: how far a long copy is, in pages."""

    def __call__(self, done: int, total: int) -> None: ...


class CancelFlag(Protocol):
    """Anything with an ``is_set`` attribute (``ui.tasks.CancelFlag`` is one)."""

    is_set: bool


class Cancelled(Exception):
    """Raised inside a copy's progress step to stop it; callers turn it into a message."""


def copy_database(source_path: Path, target: Path, key: bytes | None,
                  progress: ProgressFn | None = None, cancel: CancelFlag | None = None) -> None:
    """Copy a database with SQLite's online backup, keyed alike at both ends.

    The online backup reads a consistent snapshot (pages still in the WAL
    included) even while the app writes. The copy is switched to a rollback
    journal, so it is one self-contained file a USB stick can carry.
    """
    def step(_status: int, remaining: int, total: int) -> None:
        if cancel is not None and cancel.is_set:
            raise Cancelled
        if progress is not None:
            progress(total - remaining, total)

    if cancel is not None and cancel.is_set:
        raise Cancelled
    source = raw_connect(source_path, key)
    try:
        dest = raw_connect(target, key)
        try:
            source.backup(dest, pages=PAGES_PER_STEP, progress=step)
            dest.execute("PRAGMA journal_mode=DELETE").fetchone()
        finally:
            dest.close()
    finally:
        source.close()


def sync_file(path: Path) -> None:
    """Push ``path``'s data to the disk (Windows needs a writable handle for that)."""
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def sync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (skipped on Windows, which cannot open folders)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def sidecars(path: Path) -> list[Path]:
    """The files SQLite may keep beside a database (journal, WAL, shared memory)."""
    return [Path(f"{path}{suffix}") for suffix in ("-journal", "-wal", "-shm")]


def remove_quietly(*paths: Path) -> None:
    """Delete what exists of ``paths``; a clean-up that fails must not hide the real error."""
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
