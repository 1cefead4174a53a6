"""Shared mechanics of synced records: stamping, tombstones, restore.

Every mutation goes through ``touch`` (who, when, revision) and deletes are
tombstones through ``tombstone``; so undo, the bin, export and audit all rely
on one mechanism instead of each service inventing its own.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from desa_desktop.db.base import SyncMixin, utcnow
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import NotFoundError

R = TypeVar("R", bound=SyncMixin)


def stamp_new(ctx: ServiceContext, record: R) -> R:
    """Fill the sync columns of a record about to be inserted."""
    record.village_code = ctx.village_code
    record.changed_by = ctx.officer_id
    record.revision = 1
    return record


def touch(ctx: ServiceContext, record: SyncMixin) -> None:
    """Mark an existing record as changed by the current officer."""
    record.revision = (record.revision or 0) + 1
    record.changed_by = ctx.officer_id
    record.updated_at = utcnow()


def load(session: Session, model: type[R], record_id: str, *, live: bool = True) -> R:
    """Fetch a record or raise a plain-language ``NotFoundError``."""
    record = session.get(model, record_id)
    if record is None or (live and record.deleted_at is not None):
        raise NotFoundError("Data tidak ditemukan; mungkin sudah dihapus.")
    return record


def tombstone(ctx: ServiceContext, record: SyncMixin) -> None:
    touch(ctx, record)
    record.deleted_at = utcnow()


def revive(ctx: ServiceContext, record: SyncMixin) -> None:
    touch(ctx, record)
    record.deleted_at = None
