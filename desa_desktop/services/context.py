"""Who is working, in which village, on which database.

A ``ServiceContext`` is handed to every service call instead of a global
application object: the GUI keeps one per logged-in officer, the CLI and the
tests make their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from desa_desktop.db.engine import Database
from desa_desktop.services.errors import PermissionDenied

#: Roles that may change registry records (the village head reads and signs).
EDITOR_ROLES = frozenset({"admin", "petugas"})


@dataclass(frozen=True)
class OfficerInfo:
    """The logged-in account, as plain data."""

    id: str
    username: str
    full_name: str
    role: str


@dataclass
class ServiceContext:
    """Everything a service needs to know about the caller."""

    db: Database
    village_code: str
    officer: OfficerInfo | None = None
    today: Callable[[], date] = field(default=date.today)

    @property
    def officer_id(self) -> str | None:
        return self.officer.id if self.officer else None

    def require_editor(self) -> None:
        """Refuse record changes to accounts that may only read (kepala desa)."""
        if self.officer is None or self.officer.role not in EDITOR_ROLES:
            raise PermissionDenied(
                "Akun ini hanya dapat membaca data; perubahan hanya oleh petugas atau admin."
            )


@dataclass(frozen=True)
class Change:
    """What a mutation changed, so open views refresh from one signal."""

    entity: str  # "person", "household", "placement", "visit"
    ids: tuple[str, ...]
    action: str  # "created", "updated", "deleted", "restored"
