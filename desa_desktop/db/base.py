"""Declarative base and the columns every synced record carries.

Every record that travels to the district (persons, households, placements,
visits...) has a UUID key, the code of the village it was made in, UTC
timestamps, a revision counter, the officer who last changed it and a
tombstone instead of a hard delete. That is what later makes export, merge,
undo and audit simple: nothing is ever physically removed by a user action,
and two villages can never collide on a key.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import DateTime, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    """A fresh UUID4 as text (SQLite has no UUID type; text sorts and exports well)."""
    return str(uuid.uuid4())


def utcnow() -> datetime:
    """Current moment in UTC, stored naive (SQLite keeps no zone) and shown in local time."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class SyncMixin:
    """Columns that make a record safe to export, merge, audit and restore."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    village_code: Mapped[str] = mapped_column(String(13), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, nullable=False, default=utcnow, onupdate=utcnow
    )
    revision: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    changed_by: Mapped[str | None] = mapped_column(String(36), nullable=True)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
