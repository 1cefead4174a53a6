"""Models of the bundles to the district (issue 6): keys and the list of exports.

Kept apart from the registry models so each file stays readable; imported by
``desa_desktop.db.models`` so one metadata holds every table. None of these
tables is synced or exported: they describe the post's own traffic.

- ``bundle_key``: the post's age identity (X25519), which lets the post
  re-read the bundles it encrypted. The secret lives only here, inside the
  SQLCipher-encrypted database, like the letter signing key (``signing_key``),
  which also signs the bundles.
- ``district_key``: the district office's public keys, imported from the file
  the district hands out; bundles are encrypted to its age recipient and the
  district's receipts are checked with its minisign key.
- ``bundle_export``: one row per bundle made: its sequence number in the
  village's chain, period, SHA-256 (the next bundle names it), and where and
  when it was last written to a stick and acknowledged by the district.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desa_desktop.db.base import Base, utcnow


class BundleKey(Base):
    """A private key of the post used for bundles (today: ``kind`` "age_identity")."""

    __tablename__ = "bundle_key"

    village_code: Mapped[str] = mapped_column(String(13), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True, default="age_identity")
    secret: Mapped[str] = mapped_column(Text, nullable=False)  # AGE-SECRET-KEY-1...
    recipient: Mapped[str] = mapped_column(String(100), nullable=False)  # age1...
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)


class DistrictKey(Base):
    """The district office's public keys (one row: a replacement needs a confirmation)."""

    __tablename__ = "district_key"

    district_code: Mapped[str] = mapped_column(String(13), primary_key=True)
    district_name: Mapped[str] = mapped_column(String(150), nullable=False)
    age_recipient: Mapped[str] = mapped_column(String(100), nullable=False)
    minisign_key_id: Mapped[str] = mapped_column(String(16), nullable=False)  # 16 hex digits
    minisign_public_key: Mapped[str] = mapped_column(String(60), nullable=False)  # base64 line
    fingerprint: Mapped[str] = mapped_column(String(40), nullable=False)
    imported_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)


class BundleExport(Base):
    """A bundle this post made, in the order of the village's chain."""

    __tablename__ = "bundle_export"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    village_code: Mapped[str] = mapped_column(String(13), nullable=False)
    sequence: Mapped[int] = mapped_column(Integer, nullable=False)
    period_kind: Mapped[str] = mapped_column(String(10), nullable=False)  # month|quarter|custom
    period_label: Mapped[str] = mapped_column(String(30), nullable=False)
    period_start: Mapped[date] = mapped_column(Date, nullable=False)
    period_end: Mapped[date] = mapped_column(Date, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)  # of the .desa file
    file_name: Mapped[str] = mapped_column(String(100), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    written_to: Mapped[str] = mapped_column(Text, nullable=False, default="", server_default="")
    written_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    receipt_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    # One number per village: the chain has no forks.
    __table_args__ = (UniqueConstraint("village_code", "sequence"),)
