"""Unsaved form input survives a closed window or a power cut."""

from __future__ import annotations

from desa_desktop.db.engine import connect
from desa_desktop.services import drafts
from desa_desktop.services.context import ServiceContext
from tests.services.helpers import count_rows, row

KEY = "person-form:new"


def test_save_and_load(ctx: ServiceContext) -> None:
    assert drafts.load_draft(ctx, KEY) is None
    payload = {"full_name": "Siti Amin", "nik": "3207 12", "birth_date": "1990-05-17",
               "documents": ["ktp", "kk"], "confirmed": False}
    drafts.save_draft(ctx, KEY, payload)
    assert drafts.load_draft(ctx, KEY) == payload
    assert row(ctx.db, "SELECT officer_id FROM draft WHERE key = :k", k=KEY) == (
        ctx.officer_id,)


def test_draft_survives_closing_the_database(ctx: ServiceContext) -> None:
    drafts.save_draft(ctx, KEY, {"full_name": "Siti Aminah"})
    ctx.db.close()
    reopened = connect(ctx.db.path, ctx.db.key)
    try:
        other = ServiceContext(reopened, ctx.village_code, ctx.officer, ctx.today)
        assert drafts.load_draft(other, KEY) == {"full_name": "Siti Aminah"}
    finally:
        reopened.close()


def test_overwrite_keeps_one_draft_per_key(ctx: ServiceContext,
                                           other_ctx: ServiceContext) -> None:
    drafts.save_draft(ctx, KEY, {"full_name": "Siti"})
    first_time = row(ctx.db, "SELECT updated_at FROM draft WHERE key = :k", k=KEY)[0]
    drafts.save_draft(other_ctx, KEY, {"full_name": "Siti Aminah", "phone": "0812"})
    assert drafts.load_draft(ctx, KEY) == {"full_name": "Siti Aminah", "phone": "0812"}
    assert count_rows(ctx.db, "draft") == 1
    officer_id, updated = row(ctx.db, "SELECT officer_id, updated_at FROM draft WHERE key = :k",
                              k=KEY)
    assert officer_id == other_ctx.officer_id
    assert updated >= first_time


def test_drafts_are_kept_per_form(ctx: ServiceContext) -> None:
    drafts.save_draft(ctx, "person-form:new", {"full_name": "Siti"})
    drafts.save_draft(ctx, "household-form:new", {"head_name": "Ahmad"})
    assert drafts.load_draft(ctx, "person-form:new") == {"full_name": "Siti"}
    assert drafts.load_draft(ctx, "household-form:new") == {"head_name": "Ahmad"}


def test_discard(ctx: ServiceContext) -> None:
    drafts.save_draft(ctx, KEY, {"full_name": "Siti"})
    drafts.save_draft(ctx, "other", {"x": 1})
    drafts.discard_draft(ctx, KEY)
    assert drafts.load_draft(ctx, KEY) is None
    assert drafts.load_draft(ctx, "other") == {"x": 1}
    drafts.discard_draft(ctx, KEY)  # discarding twice is harmless
    drafts.discard_draft(ctx, "never-saved")
    assert count_rows(ctx.db, "draft") == 1


def test_loaded_draft_is_a_copy(ctx: ServiceContext) -> None:
    drafts.save_draft(ctx, KEY, {"full_name": "Siti"})
    loaded = drafts.load_draft(ctx, KEY)
    assert loaded is not None
    loaded["full_name"] = "Diubah"
    assert drafts.load_draft(ctx, KEY) == {"full_name": "Siti"}
