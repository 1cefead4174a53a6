"""Indonesian phone numbers, stored in E.164 (+628...).

Officers type numbers as they read them from a phone ("0812-3456-7890",
"+62 812 3456 7890", "62812..."); storing one form lets the district merge
and deduplicate contacts.
"""

from __future__ import annotations

import re

from desa_desktop.domain.errors import DomainError

_SEPARATORS = re.compile(r"[\s.\-()]")


class PhoneError(DomainError):
    """The typed phone number is not an Indonesian mobile number."""


def normalise_phone(text: str) -> str:
    """Return ``+628...`` for a mobile number; empty text stays empty."""
    raw = _SEPARATORS.sub("", text.strip())
    if not raw:
        return ""
    if raw.startswith("+62"):
        national = "0" + raw[3:]
    elif raw.startswith("62"):
        national = "0" + raw[2:]
    else:
        national = raw
    if not national.isdigit():
        raise PhoneError(
            "Nomor HP hanya boleh berisi angka, spasi, tanda hubung atau +62.", field="phone"
        )
    if not national.startswith("08"):
        raise PhoneError(
            "Nomor HP harus diawali 08 atau +628 (contoh 0812 3456 7890).", field="phone"
        )
    if not 10 <= len(national) <= 13:
        raise PhoneError(
            "Nomor HP harus 10 sampai 13 angka; yang diketik {count} angka.",
            field="phone",
            count=len(national),
        )
    return "+62" + national[1:]


def format_phone(e164: str) -> str:
    """Show ``+6281234567890`` as ``0812-3456-7890`` (how people read numbers)."""
    if not e164.startswith("+62"):
        return e164
    national = "0" + e164[3:]
    return "-".join(national[i : i + 4] for i in range(0, len(national), 4))
