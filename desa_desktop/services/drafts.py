"""Unsaved form input, kept in the database as the officer types.

The village laptop may lose power or be closed mid-form; whatever was typed
is written here (a few hundred bytes, debounced by the form) and offered
back the next time the same form opens.
"""

from __future__ import annotations

from typing import Any

from desa_desktop.db.base import utcnow
from desa_desktop.db.models import Draft
from desa_desktop.services.context import ServiceContext


def save_draft(ctx: ServiceContext, key: str, payload: dict[str, Any]) -> None:
    with ctx.db.sessions.begin() as s:
        draft = s.get(Draft, key)
        if draft is None:
            s.add(Draft(key=key, officer_id=ctx.officer_id, payload=payload))
        else:
            draft.payload = payload
            draft.officer_id = ctx.officer_id
            draft.updated_at = utcnow()


def load_draft(ctx: ServiceContext, key: str) -> dict[str, Any] | None:
    with ctx.db.sessions() as s:
        draft = s.get(Draft, key)
        return dict(draft.payload) if draft else None


def discard_draft(ctx: ServiceContext, key: str) -> None:
    with ctx.db.sessions.begin() as s:
        draft = s.get(Draft, key)
        if draft is not None:
            s.delete(draft)
