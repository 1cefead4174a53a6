"""case files, early warnings, referrals and letters

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22

The tables of ``desa_desktop.db.case_models``: case files with their
persons, timeline, attachments (bytes in ``attachment_data``, inside the
encrypted file) and follow-ups; early-warning reports; the institution
directory and referrals; the outgoing-letter register; the running-number
counters; post settings (kop surat, signer) and the Ed25519 signing keys.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachment_data",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_attachment_data")),
    )
    op.create_table(
        "institution",
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=15), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("email", sa.String(length=150), nullable=False),
        sa.Column("contact_person", sa.String(length=150), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("changed_by", sa.String(length=36), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_institution")),
    )
    op.create_table(
        "letter",
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=2), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("addressee", sa.String(length=200), nullable=False),
        sa.Column("addressee_address", sa.Text(), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("attachments", sa.JSON(), nullable=False),
        sa.Column("signer_name", sa.String(length=150), nullable=False),
        sa.Column("signer_title", sa.String(length=150), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=True),
        sa.Column("referral_id", sa.String(length=36), nullable=True),
        sa.Column("person_id", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("void_reason", sa.Text(), nullable=False),
        sa.Column("voided_on", sa.Date(), nullable=True),
        sa.Column("replaces_id", sa.String(length=36), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("signature", sa.Text(), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("changed_by", sa.String(length=36), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter")),
    )
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.create_index("ix_letter_issued", ["issued_on"], unique=False)
        batch_op.create_index("uq_letter_number", ["village_code", "number"], unique=True)
        batch_op.create_index("uq_letter_seq", ["village_code", "kind", "year", "seq"], unique=True)

    op.create_table(
        "number_counter",
        sa.Column("series", sa.String(length=10), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("series", "year", name=op.f("pk_number_counter")),
    )
    op.create_table(
        "post_setting",
        sa.Column("key", sa.String(length=50), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_post_setting")),
    )
    op.create_table(
        "signing_key",
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("private_key", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_signing_key")),
    )
    op.create_table(
        "warning_report",
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("report_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=15), nullable=False),
        sa.Column("reporter_name", sa.String(length=150), nullable=False),
        sa.Column("what_seen", sa.Text(), nullable=False),
        sa.Column("recruiter_name", sa.String(length=150), nullable=False),
        sa.Column("recruiter_phone", sa.String(length=20), nullable=False),
        sa.Column("recruiter_details", sa.Text(), nullable=False),
        sa.Column("actions", sa.JSON(), nullable=False),
        sa.Column("action_notes", sa.Text(), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("changed_by", sa.String(length=36), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warning_report")),
    )
    with op.batch_alter_table("warning_report", schema=None) as batch_op:
        batch_op.create_index("ix_warning_report_date", ["report_date"], unique=False)
        batch_op.create_index("uq_warning_report_number", ["village_code", "number"], unique=True)

    op.create_table(
        "case_file",
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("types", sa.JSON(), nullable=False),
        sa.Column("reporter_name", sa.String(length=150), nullable=False),
        sa.Column("reporter_relation", sa.String(length=20), nullable=False),
        sa.Column("reporter_phone", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("employer", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("priority", sa.String(length=10), nullable=False),
        sa.Column("assigned_officer_id", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=15), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("closing_reason", sa.Text(), nullable=False),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.Column("marked_confidential", sa.Boolean(), nullable=False),
        sa.Column("consent_referral", sa.Boolean(), nullable=True),
        sa.Column("consent_data_sharing", sa.Boolean(), nullable=True),
        sa.Column("consent_given_by", sa.String(length=150), nullable=False),
        sa.Column("consent_on", sa.Date(), nullable=True),
        sa.Column("warning_report_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("changed_by", sa.String(length=36), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["assigned_officer_id"],
            ["officer.id"],
            name=op.f("fk_case_file_assigned_officer_id_officer"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_file")),
    )
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.create_index("ix_case_file_assigned", ["assigned_officer_id"], unique=False)
        batch_op.create_index("ix_case_file_status", ["status", "reported_on"], unique=False)
        batch_op.create_index("uq_case_file_number", ["village_code", "number"], unique=True)

    op.create_table(
        "case_action",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("action_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=15), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("officer_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("changed_by", sa.String(length=36), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_case_action_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_case_action_officer_id_officer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_action")),
    )
    with op.batch_alter_table("case_action", schema=None) as batch_op:
        batch_op.create_index("ix_case_action_case", ["case_id", "action_date"], unique=False)

    op.create_table(
        "case_attachment",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("changed_by", sa.String(length=36), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_case_attachment_case_id_case_file")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_attachment")),
    )
    with op.batch_alter_table("case_attachment", schema=None) as batch_op:
        batch_op.create_index("ix_case_attachment_case", ["case_id"], unique=False)

    op.create_table(
        "follow_up",
        sa.Column("case_id", sa.String(length=36), nullable=True),
        sa.Column("warning_report_id", sa.String(length=36), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("assigned_officer_id", sa.String(length=36), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("changed_by", sa.String(length=36), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["assigned_officer_id"],
            ["officer.id"],
            name=op.f("fk_follow_up_assigned_officer_id_officer"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_follow_up_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["warning_report_id"],
            ["warning_report.id"],
            name=op.f("fk_follow_up_warning_report_id_warning_report"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up")),
    )
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.create_index("ix_follow_up_case", ["case_id"], unique=False)
        batch_op.create_index(
            "ix_follow_up_open", ["due_date"], unique=False, sqlite_where=sa.text("done_on IS NULL")
        )

    op.create_table(
        "referral",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("institution_id", sa.String(length=36), nullable=False),
        sa.Column("referred_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("answer_due", sa.Date(), nullable=True),
        sa.Column("acknowledged_on", sa.Date(), nullable=True),
        sa.Column("acted_on", sa.Date(), nullable=True),
        sa.Column("response_notes", sa.Text(), nullable=False),
        sa.Column("consent_override", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("changed_by", sa.String(length=36), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_referral_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_referral_institution_id_institution"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral")),
    )
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.create_index("ix_referral_case", ["case_id"], unique=False)

    op.create_table(
        "warning_person",
        sa.Column("report_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("changed_by", sa.String(length=36), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_warning_person_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["warning_report.id"],
            name=op.f("fk_warning_person_report_id_warning_report"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warning_person")),
    )
    with op.batch_alter_table("warning_person", schema=None) as batch_op:
        batch_op.create_index("ix_warning_person_report", ["report_id"], unique=False)

    op.create_table(
        "case_person",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("placement_id", sa.String(length=36), nullable=True),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("changed_by", sa.String(length=36), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_case_person_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_case_person_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["placement_id"], ["placement.id"], name=op.f("fk_case_person_placement_id_placement")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_person")),
    )
    with op.batch_alter_table("case_person", schema=None) as batch_op:
        batch_op.create_index("ix_case_person_case", ["case_id"], unique=False)
        batch_op.create_index("ix_case_person_person", ["person_id"], unique=False)

    # Non-procedural risk signals of a placement; existing rows get "" / unknown.
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("visa_type", sa.String(length=15), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("agency_licensed", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("via_calo", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("recruiter_name", sa.String(length=150), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("recruiter_debt", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("family_informed", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("placement", schema=None) as batch_op:
        for column in ("family_informed", "recruiter_debt", "recruiter_name", "via_calo",
                       "agency_licensed", "visa_type"):
            batch_op.drop_column(column)

    with op.batch_alter_table("case_person", schema=None) as batch_op:
        batch_op.drop_index("ix_case_person_person")
        batch_op.drop_index("ix_case_person_case")

    op.drop_table("case_person")
    with op.batch_alter_table("warning_person", schema=None) as batch_op:
        batch_op.drop_index("ix_warning_person_report")

    op.drop_table("warning_person")
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_index("ix_referral_case")

    op.drop_table("referral")
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.drop_index("ix_follow_up_open", sqlite_where=sa.text("done_on IS NULL"))
        batch_op.drop_index("ix_follow_up_case")

    op.drop_table("follow_up")
    with op.batch_alter_table("case_attachment", schema=None) as batch_op:
        batch_op.drop_index("ix_case_attachment_case")

    op.drop_table("case_attachment")
    with op.batch_alter_table("case_action", schema=None) as batch_op:
        batch_op.drop_index("ix_case_action_case")

    op.drop_table("case_action")
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_index("uq_case_file_number")
        batch_op.drop_index("ix_case_file_status")
        batch_op.drop_index("ix_case_file_assigned")

    op.drop_table("case_file")
    with op.batch_alter_table("warning_report", schema=None) as batch_op:
        batch_op.drop_index("uq_warning_report_number")
        batch_op.drop_index("ix_warning_report_date")

    op.drop_table("warning_report")
    op.drop_table("signing_key")
    op.drop_table("post_setting")
    op.drop_table("number_counter")
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.drop_index("uq_letter_seq")
        batch_op.drop_index("uq_letter_number")
        batch_op.drop_index("ix_letter_issued")

    op.drop_table("letter")
    op.drop_table("institution")
    op.drop_table("attachment_data")
