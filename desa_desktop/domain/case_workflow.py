"""Which status a case may move to next: the workflow of a case file, as data.

A case moves reported -> verified -> referred / in handling -> resolved /
closed (DOMAIN.md). Keeping the allowed moves in one table means the form
offers only legal next steps, the service refuses the rest with the same
words, and the district's counts of "resolved" cases mean the same thing in
every village. A resolved or closed case may be reopened (the worker calls
again, the problem is back); it then returns to "in handling".
"""

from __future__ import annotations

from desa_desktop.domain.case_reference import CASE_STATUS
from desa_desktop.domain.errors import DomainError

#: Status -> statuses it may move to through an ordinary status change.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "dilaporkan": ("diverifikasi", "ditutup"),
    "diverifikasi": ("dirujuk", "ditangani", "ditutup"),
    "dirujuk": ("ditangani", "selesai", "ditutup"),
    "ditangani": ("dirujuk", "selesai", "ditutup"),
    "selesai": ("ditutup",),
    "ditutup": (),
}

#: Statuses a case may be reopened from, and the status it reopens into.
REOPENABLE = frozenset({"selesai", "ditutup"})
REOPEN_STATUS = "ditangani"

#: The first status of every new case.
INITIAL_STATUS = "dilaporkan"


def status_label(status: str) -> str:
    """The label an officer reads (the code itself when unknown)."""
    return CASE_STATUS.get(status, status)


def allowed_transitions(status: str) -> tuple[str, ...]:
    """Statuses a case in ``status`` may move to now (empty for an unknown status)."""
    return TRANSITIONS.get(status, ())


def can_reopen(status: str) -> bool:
    """True when a case in ``status`` is finished and may be opened again."""
    return status in REOPENABLE


def check_transition(old: str, new: str) -> None:
    """Refuse, naming both statuses, a move the workflow does not allow."""
    if new not in CASE_STATUS:
        raise DomainError("Status kasus tidak dikenal: {status}.", field="status", status=new)
    if new not in allowed_transitions(old):
        raise DomainError(
            "Status kasus tidak dapat diubah dari \u201c{old}\u201d menjadi \u201c{new}\u201d.",
            field="status", old=status_label(old), new=status_label(new),
        )
