"""search index (FTS5) over persons, and form drafts

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

Search as you type must stay cheap at 100,000 persons, so names, NIK and the
household's KK number go into an FTS5 index kept current by triggers (the
triggers also cover bulk inserts that bypass the ORM). The ``draft`` table keeps
what an officer typed and has not saved.
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_KK_OF = "(SELECT kk_number FROM household WHERE id = {ref}.household_id)"

TRIGGERS = [
    f"""CREATE TRIGGER person_search_ai AFTER INSERT ON person BEGIN
        INSERT INTO person_search(rowid, full_name, nik, kk)
        VALUES (new.rowid, new.full_name, coalesce(new.nik, ''),
                coalesce({_KK_OF.format(ref='new')}, ''));
    END""",
    """CREATE TRIGGER person_search_ad AFTER DELETE ON person BEGIN
        DELETE FROM person_search WHERE rowid = old.rowid;
    END""",
    f"""CREATE TRIGGER person_search_au
        AFTER UPDATE OF full_name, nik, household_id ON person BEGIN
        DELETE FROM person_search WHERE rowid = old.rowid;
        INSERT INTO person_search(rowid, full_name, nik, kk)
        VALUES (new.rowid, new.full_name, coalesce(new.nik, ''),
                coalesce({_KK_OF.format(ref='new')}, ''));
    END""",
    """CREATE TRIGGER household_search_au AFTER UPDATE OF kk_number ON household BEGIN
        UPDATE person_search SET kk = coalesce(new.kk_number, '')
        WHERE rowid IN (SELECT rowid FROM person WHERE household_id = new.id);
    END""",
]


def upgrade() -> None:
    op.create_table(
        "draft",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("officer_id", sa.String(length=36), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_draft")),
    )
    op.execute(
        "CREATE VIRTUAL TABLE person_search USING fts5("
        "full_name, nik, kk, tokenize = \"unicode61 remove_diacritics 2\", prefix = '1 2 3')"
    )
    for trigger in TRIGGERS:
        op.execute(trigger)
    # Index the persons an older database already holds.
    op.execute(
        "INSERT INTO person_search(rowid, full_name, nik, kk) "
        "SELECT p.rowid, p.full_name, coalesce(p.nik, ''), coalesce(h.kk_number, '') "
        "FROM person p LEFT JOIN household h ON h.id = p.household_id"
    )


def downgrade() -> None:
    for name in ("person_search_ai", "person_search_ad", "person_search_au", "household_search_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS person_search")
    op.drop_table("draft")
