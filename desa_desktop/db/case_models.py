"""Models of case files, early warnings, referrals and letters (issue 4).

Kept apart from the registry models so each file stays readable; imported by
``desa_desktop.db.models`` so one metadata holds every table. Codes stored in
columns are the keys of ``desa_desktop.domain.case_reference``.
Table names stay within 20 characters (the audit log's ``entity`` column).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from desa_desktop.db.base import Base, SyncMixin, utcnow


class CaseFile(SyncMixin, Base):
    """A case (kasus / pengaduan): a family reports a problem of a migrant.

    ``confidential`` is true for the confidential types (trafficking, sexual
    violence) and for any case the officer marks; such a case is read in full
    only by its assigned officer and the admin (``services.case_access``).
    Consent is recorded before a referral letter may be issued.
    """

    __tablename__ = "case_file"

    number: Mapped[str] = mapped_column(String(20), nullable=False)  # KS-2026-0042
    types: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    reporter_name: Mapped[str] = mapped_column(String(150), nullable=False, default="")
    reporter_relation: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    reporter_phone: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    channel: Mapped[str] = mapped_column(String(20), nullable=False, default="datang")
    reported_on: Mapped[date] = mapped_column(Date, nullable=False)
    country: Mapped[str] = mapped_column(String(2), nullable=False, default="")
    employer: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    priority: Mapped[str] = mapped_column(String(10), nullable=False, default="sedang")
    assigned_officer_id: Mapped[str | None] = mapped_column(
        ForeignKey("officer.id"), nullable=True)
    status: Mapped[str] = mapped_column(String(15), nullable=False, default="dilaporkan")
    outcome: Mapped[str] = mapped_column(Text, nullable=False, default="")
    closing_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    confidential: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    marked_confidential: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    # Consent (UU 27/2022): None = not asked yet.
    consent_referral: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    consent_data_sharing: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    consent_given_by: Mapped[str] = mapped_column(String(150), nullable=False, default="")
    consent_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    warning_report_id: Mapped[str | None] = mapped_column(String(36), nullable=True)

    __table_args__ = (
        Index("uq_case_file_number", "village_code", "number", unique=True),
        Index("ix_case_file_status", "status", "reported_on"),
        Index("ix_case_file_assigned", "assigned_officer_id"),
    )


class CasePerson(SyncMixin, Base):
    """A registered person concerned by a case, with the placement it is about."""

    __tablename__ = "case_person"

    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"), nullable=False)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), nullable=False)
    placement_id: Mapped[str | None] = mapped_column(ForeignKey("placement.id"), nullable=True)
    role: Mapped[str] = mapped_column(String(10), nullable=False, default="korban")

    __table_args__ = (
        Index("ix_case_person_case", "case_id"),
        Index("ix_case_person_person", "person_id"),
    )


class CaseAction(SyncMixin, Base):
    """One entry of a case's timeline: a call, a visit, a meeting, a document."""

    __tablename__ = "case_action"

    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"), nullable=False)
    action_date: Mapped[date] = mapped_column(Date, nullable=False)
    kind: Mapped[str] = mapped_column(String(15), nullable=False, default="catatan")
    summary: Mapped[str] = mapped_column(Text, nullable=False)
    officer_id: Mapped[str | None] = mapped_column(ForeignKey("officer.id"), nullable=True)

    __table_args__ = (Index("ix_case_action_case", "case_id", "action_date"),)


class CaseAttachment(SyncMixin, Base):
    """A scanned document or photo of a case; the bytes live in ``attachment_data``."""

    __tablename__ = "case_attachment"

    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"), nullable=False)
    file_name: Mapped[str] = mapped_column(String(255), nullable=False)
    media_type: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")

    __table_args__ = (Index("ix_case_attachment_case", "case_id"),)


class AttachmentData(Base):
    """The bytes of an attachment, keyed by their SHA-256, inside the encrypted file.

    Not a synced record (the audit log keeps the metadata row, not megabytes
    of scans); identical files are stored once.
    """

    __tablename__ = "attachment_data"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)


class FollowUp(SyncMixin, Base):
    """Something to do by a date, for a case (or an early-warning report)."""

    __tablename__ = "follow_up"

    case_id: Mapped[str | None] = mapped_column(ForeignKey("case_file.id"), nullable=True)
    warning_report_id: Mapped[str | None] = mapped_column(
        ForeignKey("warning_report.id"), nullable=True)
    due_date: Mapped[date] = mapped_column(Date, nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False)
    assigned_officer_id: Mapped[str | None] = mapped_column(
        ForeignKey("officer.id"), nullable=True)
    done_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    __table_args__ = (
        Index("ix_follow_up_open", "due_date", sqlite_where=text("done_on IS NULL")),
        Index("ix_follow_up_case", "case_id"),
    )


class WarningReport(SyncMixin, Base):
    """An early-warning (community) report: a calo, a dubious job offer, a risky departure."""

    __tablename__ = "warning_report"

    number: Mapped[str] = mapped_column(String(20), nullable=False)  # PD-2026-0007
    report_date: Mapped[date] = mapped_column(Date, nullable=False)
    kind: Mapped[str] = mapped_column(String(15), nullable=False)
    reporter_name: Mapped[str] = mapped_column(String(150), nullable=False, default="")
    what_seen: Mapped[str] = mapped_column(Text, nullable=False)
    recruiter_name: Mapped[str] = mapped_column(String(150), nullable=False, default="")
    recruiter_phone: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    recruiter_details: Mapped[str] = mapped_column(Text, nullable=False, default="")
    actions: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    action_notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    case_id: Mapped[str | None] = mapped_column(String(36), nullable=True)

    __table_args__ = (
        Index("uq_warning_report_number", "village_code", "number", unique=True),
        Index("ix_warning_report_date", "report_date"),
    )


class WarningPerson(SyncMixin, Base):
    """A registered person at risk named in an early-warning report."""

    __tablename__ = "warning_person"

    report_id: Mapped[str] = mapped_column(ForeignKey("warning_report.id"), nullable=False)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), nullable=False)

    __table_args__ = (Index("ix_warning_person_report", "report_id"),)


class Institution(SyncMixin, Base):
    """An institution cases are referred to (editable directory, seeded from DOMAIN.md)."""

    __tablename__ = "institution"

    code: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    kind: Mapped[str] = mapped_column(String(15), nullable=False, default="lainnya")
    address: Mapped[str] = mapped_column(Text, nullable=False, default="")
    phone: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    email: Mapped[str] = mapped_column(String(150), nullable=False, default="")
    contact_person: Mapped[str] = mapped_column(String(150), nullable=False, default="")


class Referral(SyncMixin, Base):
    """A case sent to an institution, and the institution's answer."""

    __tablename__ = "referral"

    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"), nullable=False)
    institution_id: Mapped[str] = mapped_column(ForeignKey("institution.id"), nullable=False)
    referred_on: Mapped[date] = mapped_column(Date, nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="dikirim")
    answer_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    acknowledged_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    acted_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    response_notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    consent_override: Mapped[str] = mapped_column(Text, nullable=False, default="")

    __table_args__ = (Index("ix_referral_case", "case_id"),)


class Letter(SyncMixin, Base):
    """An issued letter: an entry of the outgoing-letter register (buku agenda surat keluar).

    Never edited after issue: voiding sets ``status`` to ``batal`` with a
    reason; a reissue is a new letter (new number) pointing at the voided one.
    ``payload`` is the canonical JSON that was signed; ``signature`` its
    Ed25519 signature (base64), both also in the QR code.
    """

    __tablename__ = "letter"

    number: Mapped[str] = mapped_column(String(40), nullable=False)
    kind: Mapped[str] = mapped_column(String(2), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    issued_on: Mapped[date] = mapped_column(Date, nullable=False)
    addressee: Mapped[str] = mapped_column(String(200), nullable=False)
    addressee_address: Mapped[str] = mapped_column(Text, nullable=False, default="")
    subject: Mapped[str] = mapped_column(String(300), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    attachments: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    signer_name: Mapped[str] = mapped_column(String(150), nullable=False, default="")
    signer_title: Mapped[str] = mapped_column(String(150), nullable=False, default="")
    case_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    referral_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    person_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="terbit")
    void_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    voided_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    replaces_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    payload: Mapped[str] = mapped_column(Text, nullable=False, default="")
    signature: Mapped[str] = mapped_column(Text, nullable=False, default="")
    key_id: Mapped[str] = mapped_column(String(16), nullable=False, default="")

    __table_args__ = (
        Index("uq_letter_number", "village_code", "number", unique=True),
        Index("uq_letter_seq", "village_code", "kind", "year", "seq", unique=True),
        Index("ix_letter_issued", "issued_on"),
    )


class NumberCounter(Base):
    """The last running number used per (series, year): case, report and letter numbers.

    A number once taken is never handed out again, also when its letter is
    voided; the counter only grows (the unique indexes above are the second
    guard).
    """

    __tablename__ = "number_counter"

    series: Mapped[str] = mapped_column(String(10), primary_key=True)  # KS, PD, SR, SP, SK
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class PostSetting(Base):
    """Settings of the post that belong with its data, not with the laptop:
    the letterhead (kop surat), the signer, the letter unit code, the logo."""

    __tablename__ = "post_setting"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)


class SigningKey(Base):
    """Ed25519 keys that sign letters (and later bundles).

    ``private_key`` is set only for this post's own key, and lives inside the
    encrypted database; keys of other posts (public only) are trusted for
    ``letter verify``. ``key_id`` is the first 16 hex digits of the SHA-256 of
    the raw public key.
    """

    __tablename__ = "signing_key"

    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    village_code: Mapped[str] = mapped_column(String(13), nullable=False)
    label: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    public_key: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    private_key: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
