"""SQLAlchemy models of the village registry.

Indonesian words kept where English has none: ``nik`` (national identity
number), ``kk_number`` (family card number, Kartu Keluarga), ``dusun`` (hamlet),
``rw``/``rt`` (neighbourhood units), ``purna`` (returned migrant).
Codes stored in columns (status, sex, scheme...) are the keys of the
reference tables in ``desa_desktop.domain.reference``.
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
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desa_desktop.db.base import Base, SyncMixin, new_id, utcnow


class Village(Base):
    """The identity of this post's village, asked once at first start (one row)."""

    __tablename__ = "village"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(13), nullable=False)  # Kemendagri 32.07.12.2001
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    district_code: Mapped[str] = mapped_column(String(8), nullable=False)
    district_name: Mapped[str] = mapped_column(String(100), nullable=False)
    regency_code: Mapped[str] = mapped_column(String(5), nullable=False)
    regency_name: Mapped[str] = mapped_column(String(100), nullable=False)
    province_code: Mapped[str] = mapped_column(String(2), nullable=False)
    province_name: Mapped[str] = mapped_column(String(100), nullable=False)
    post_name: Mapped[str] = mapped_column(String(150), nullable=False)
    address: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)


class Officer(Base):
    """A person who logs in: admin, petugas (officer) or kepala desa (village head)."""

    __tablename__ = "officer"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    username: Mapped[str] = mapped_column(String(50), nullable=False, unique=True)
    full_name: Mapped[str] = mapped_column(String(150), nullable=False)
    role: Mapped[str] = mapped_column(String(20), nullable=False, default="petugas")
    password_hash: Mapped[str] = mapped_column(String(200), nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)


class Household(SyncMixin, Base):
    """A family as on its Kartu Keluarga, with where it lives in the village."""

    __tablename__ = "household"

    kk_number: Mapped[str | None] = mapped_column(String(16), nullable=True)
    head_name: Mapped[str] = mapped_column(String(150), nullable=False)
    dusun: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    rw: Mapped[str] = mapped_column(String(3), nullable=False, default="")
    rt: Mapped[str] = mapped_column(String(3), nullable=False, default="")
    address: Mapped[str] = mapped_column(Text, nullable=False, default="")
    collection_method: Mapped[str] = mapped_column(String(20), nullable=False, default="langsung")
    collected_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    members: Mapped[list[Person]] = relationship(back_populates="household")

    __table_args__ = (
        Index(
            "uq_household_kk_live",
            "kk_number",
            unique=True,
            sqlite_where=text("deleted_at IS NULL AND kk_number IS NOT NULL"),
        ),
        Index("ix_household_dusun", "dusun"),
    )


class Person(SyncMixin, Base):
    """A resident: CPMI, PMI, purna PMI, a migrant's family, or anyone else registered.

    ``status`` and ``last_country`` are derived from the placements (see
    ``domain.status``) and stored so the registry list can filter 100,000
    persons on an index instead of recomputing.
    """

    __tablename__ = "person"

    nik: Mapped[str | None] = mapped_column(String(16), nullable=True)
    full_name: Mapped[str] = mapped_column(String(150), nullable=False)
    name_key: Mapped[str] = mapped_column(String(150), nullable=False)
    sex: Mapped[str] = mapped_column(String(1), nullable=False)
    birth_place: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    birth_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    phone: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    education: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    marital_status: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    relation_to_head: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    passport_number: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    household_id: Mapped[str | None] = mapped_column(
        ForeignKey("household.id"), nullable=True
    )
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="warga")
    last_country: Mapped[str] = mapped_column(String(2), nullable=False, default="")
    collection_method: Mapped[str] = mapped_column(String(20), nullable=False, default="langsung")
    collected_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")

    household: Mapped[Household | None] = relationship(back_populates="members")
    placements: Mapped[list[Placement]] = relationship(back_populates="person")

    __table_args__ = (
        Index(
            "uq_person_nik_live",
            "nik",
            unique=True,
            sqlite_where=text("deleted_at IS NULL AND nik IS NOT NULL"),
        ),
        Index("ix_person_live_name", "name_key", "id", sqlite_where=text("deleted_at IS NULL")),
        Index("ix_person_dup", "name_key", "birth_date"),
        Index("ix_person_household", "household_id"),
        Index("ix_person_status", "status", "name_key"),
    )


class Placement(SyncMixin, Base):
    """One departure of a person abroad: circular migration keeps every one."""

    __tablename__ = "placement"

    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), nullable=False)
    country: Mapped[str] = mapped_column(String(2), nullable=False)  # ISO 3166 alpha-2
    sector: Mapped[str] = mapped_column(String(10), nullable=False, default="")
    job: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    scheme: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    agency_name: Mapped[str] = mapped_column(String(150), nullable=False, default="")
    departure_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    contract_end: Mapped[date | None] = mapped_column(Date, nullable=True)
    return_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    procedural: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    documents: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # Non-procedural risk signals (DOMAIN.md); None is "not known yet".
    visa_type: Mapped[str] = mapped_column(String(15), nullable=False, default="",
                                           server_default="")
    agency_licensed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    via_calo: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    recruiter_name: Mapped[str] = mapped_column(String(150), nullable=False, default="",
                                                server_default="")
    recruiter_debt: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    family_informed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)

    person: Mapped[Person] = relationship(back_populates="placements")

    __table_args__ = (Index("ix_placement_person", "person_id"),)


class Visit(SyncMixin, Base):
    """An outreach visit (pendataan / penjangkauan) to a household."""

    __tablename__ = "visit"

    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), nullable=False)
    visit_date: Mapped[date] = mapped_column(Date, nullable=False)
    officer_id: Mapped[str | None] = mapped_column(ForeignKey("officer.id"), nullable=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="pendataan")
    outcome: Mapped[str] = mapped_column(String(20), nullable=False)
    follow_up_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    collection_method: Mapped[str] = mapped_column(String(20), nullable=False, default="langsung")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")

    __table_args__ = (Index("ix_visit_household", "household_id", "visit_date"),)


class Draft(Base):
    """What an officer typed into a form and has not saved yet.

    Forms write here as the officer types, so a closed window, a stray click
    or a power cut loses nothing; the draft is removed when the form saves
    or the officer discards it.
    """

    __tablename__ = "draft"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    officer_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    payload: Mapped[dict] = mapped_column(JSON, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)


class AuditEntry(Base):
    """One row of the tamper-evident audit log (written only by ``db.audit.append``).

    Who changed what, when, and (for data from the field) how it was
    collected. Rows are hash-chained and the database refuses UPDATE and
    DELETE on the table (triggers of migration 0003), so the log can only grow;
    ``db.audit.verify`` recomputes the chain. Never add instances through the
    ORM: ``seq`` and the hashes must be assigned by ``append``.
    """

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    officer_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    officer_name: Mapped[str | None] = mapped_column(String(150), nullable=True)
    entity: Mapped[str] = mapped_column(String(20), nullable=False)
    entity_id: Mapped[str] = mapped_column(String(100), nullable=False)
    action: Mapped[str] = mapped_column(String(30), nullable=False)
    old_values: Mapped[str | None] = mapped_column(Text, nullable=True)
    new_values: Mapped[str | None] = mapped_column(Text, nullable=True)
    collection_method: Mapped[str | None] = mapped_column(String(20), nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    hash: Mapped[str] = mapped_column(String(64), nullable=False)

    __table_args__ = (Index("ix_audit_log_entity_id", "entity_id"),)

# One metadata for every table: cases and letters (issue 4), groups and activities (issue 5),
# bundle keys and exports (issue 6).
from desa_desktop.db import bundle_models, case_models, ledger_models  # noqa: E402,F401
