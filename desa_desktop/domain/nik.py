"""Indonesian identity numbers: NIK (person) and Nomor KK (family card).

Both are 16 digits and start with the 6-digit region code of the kecamatan
(district) where they were issued::

    NIK  PP KK CC DDMMYY SSSS   province, regency/city, district,
                                birth date (women: day + 40), serial
    KK   PP KK CC DDMMYY SSSS   same region code, issue date, serial

Officers copy these numbers by hand from worn cards, so every rule has its own
plain Indonesian message that says exactly what is wrong (how many digits were
typed, which part of the number is impossible) instead of a bare "invalid".
Messages are :class:`~desa_desktop.domain.errors.DomainError` templates with
parameters, so the UI can translate them (see ``desa_desktop.i18n``).

What a valid NIK does *not* prove: that it belongs to the person on the form.
:func:`cross_check` compares the sex and birth date typed in the form with the
ones encoded in the NIK and returns warnings, never errors, because old paper
records really do contain such mistakes and the officer must decide which side
is right by looking at the KTP; nothing here ever "fixes" data silently.

This module is pure Python (stdlib only) so it can be tested without Qt or a
database.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Final

from desa_desktop.domain.errors import DomainError

__all__ = [
    "PROVINCE_CODES",
    "SEX_FEMALE",
    "SEX_MALE",
    "KkError",
    "KkParts",
    "NikError",
    "NikMismatch",
    "NikParts",
    "cross_check",
    "format_nik",
    "make_nik",
    "normalise_digits",
    "parse_kk",
    "parse_nik",
]


class NikError(DomainError):
    """The NIK typed is not a possible NIK (message in Indonesian)."""


class KkError(DomainError):
    """The Nomor KK typed is not a possible family card number."""


SEX_MALE: Final = "L"
"""Laki-laki (male), as written on the KTP."""
SEX_FEMALE: Final = "P"
"""Perempuan (female), as written on the KTP."""

NIK_LENGTH: Final = 16
_FEMALE_DAY_OFFSET: Final = 40

PROVINCE_CODES: Final[dict[str, str]] = {
    "11": "Aceh",
    "12": "Sumatera Utara",
    "13": "Sumatera Barat",
    "14": "Riau",
    "15": "Jambi",
    "16": "Sumatera Selatan",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau",
    "31": "DKI Jakarta",
    "32": "Jawa Barat",
    "33": "Jawa Tengah",
    "34": "DI Yogyakarta",
    "35": "Jawa Timur",
    "36": "Banten",
    "51": "Bali",
    "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat",
    "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur",
    "65": "Kalimantan Utara",
    "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah",
    "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara",
    "75": "Gorontalo",
    "76": "Sulawesi Barat",
    "81": "Maluku",
    "82": "Maluku Utara",
    "91": "Papua",
    "92": "Papua Barat",
    "93": "Papua Selatan",
    "94": "Papua Tengah",
    "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
}
"""Province codes (first two digits of a NIK or KK) in use, with their names.

Includes the Papua provinces created in 2022 (93-96): people born or registered
there already carry NIKs with those codes.
"""

_DIGITS: Final = frozenset("0123456789")
_SEPARATORS: Final = frozenset(".-")  # plus any whitespace


# --------------------------------------------------------------------------
# Digits with separators
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Messages:
    """Templates of the rules shared by NIK and Nomor KK (one set per kind).

    Written out in full for each kind (rather than built from a label) so that
    every template is a literal string translators can find.
    """

    error: type[DomainError]
    field: str | None
    bad_char: str
    edge_separator: str
    empty: str = ""
    length: str = ""
    province: str = ""
    regency: str = ""
    district: str = ""
    bad_date: str = ""
    serial: str = ""


_GENERIC = _Messages(
    error=DomainError,
    field=None,
    bad_char=(
        'Hanya angka yang boleh diketik, tetapi ada "{char}". '
        "Spasi, titik atau tanda hubung di antara kelompok angka boleh."
    ),
    edge_separator="Nomor tidak boleh diawali atau diakhiri titik atau tanda hubung.",
)
_NIK = _Messages(
    error=NikError,
    field="nik",
    bad_char=(
        'NIK hanya boleh berisi angka, tetapi ada "{char}". '
        "Spasi, titik atau tanda hubung di antara kelompok angka boleh."
    ),
    edge_separator=(
        "NIK hanya boleh berisi angka (spasi, titik atau tanda hubung "
        "di antara kelompok angka boleh)."
    ),
    empty="NIK belum diisi.",
    length="NIK harus 16 angka; yang diketik {count} angka.",
    province="Kode provinsi {code} pada NIK tidak dikenal.",
    regency="Kode kabupaten/kota pada NIK (digit 3-4) tidak boleh 00.",
    district="Kode kecamatan pada NIK (digit 5-6) tidak boleh 00.",
    bad_date="Tanggal lahir pada NIK (digit 7-12) bukan tanggal yang benar: {date}.",
    serial="Nomor urut NIK (4 angka terakhir) tidak boleh 0000.",
)
_KK = _Messages(
    error=KkError,
    field="kk",
    bad_char=(
        'Nomor KK hanya boleh berisi angka, tetapi ada "{char}". '
        "Spasi, titik atau tanda hubung di antara kelompok angka boleh."
    ),
    edge_separator=(
        "Nomor KK hanya boleh berisi angka (spasi, titik atau tanda hubung "
        "di antara kelompok angka boleh)."
    ),
    empty="Nomor KK belum diisi.",
    length="Nomor KK harus 16 angka; yang diketik {count} angka.",
    province="Kode provinsi {code} pada Nomor KK tidak dikenal.",
    regency="Kode kabupaten/kota pada Nomor KK (digit 3-4) tidak boleh 00.",
    district="Kode kecamatan pada Nomor KK (digit 5-6) tidak boleh 00.",
    bad_date="Tanggal pada Nomor KK (digit 7-12) bukan tanggal yang benar: {date}.",
    serial="Nomor urut pada Nomor KK (4 angka terakhir) tidak boleh 0000.",
)


def _fail(messages: _Messages, template: str, **params: object) -> DomainError:
    return messages.error(template, field=messages.field, **params)


def _is_separator(char: str) -> bool:
    return char in _SEPARATORS or char.isspace()


def _normalise(text: str, messages: _Messages) -> str:
    stripped = text.strip()
    digits: list[str] = []
    for char in stripped:
        if char in _DIGITS:
            digits.append(char)
        elif not _is_separator(char):
            raise _fail(messages, messages.bad_char, char=char)
    # After strip() only dots and dashes can sit at the ends; whitespace, dots
    # and dashes between two digits are just grouping and are dropped.
    if stripped and (_is_separator(stripped[0]) or _is_separator(stripped[-1])):
        raise _fail(messages, messages.edge_separator)
    return "".join(digits)


def normalise_digits(text: str) -> str:
    """Return the digits of a number typed with optional grouping.

    Leading/trailing whitespace is ignored; spaces (any whitespace), dots and
    dashes between digit groups are removed, so ``"3207 12 450885 0001"``,
    ``"32.07.12.450885.0001"`` and ``"3207-1245-0885-0001"`` all give the same
    16 digits. Anything else (letters such as an ``O`` typed for ``0``,
    slashes, commas, non-ASCII digits) raises :class:`DomainError` naming the
    character, because guessing what the officer meant could turn a typo into
    somebody else's valid number. An empty text gives ``""``.

    :func:`parse_nik` and :func:`parse_kk` apply the same rule with messages
    that name the NIK or the Nomor KK.
    """
    return _normalise(text, _GENERIC)


# --------------------------------------------------------------------------
# Shared pieces of NIK and KK
# --------------------------------------------------------------------------


def _resolve_century(day: int, month: int, yy: int, today: date) -> date | None:
    """Return the most recent real date DD/MM/(19|20)YY not after ``today``.

    The numbers only carry a two-digit year. Nobody can be born (or have a card
    issued) in the future, so the 2000s are taken when that date has already
    happened and the 1900s otherwise. The rule is wrong only for people aged
    100 or more, which is acceptable for a migration service post; the
    comparison in :func:`cross_check` uses the two-digit year so a wrong
    century never produces a false warning.

    ``None`` means no century gives a real, past date (e.g. 31/02, or 29/02/00
    when 2000-02-29 is still in the future and 1900 was not a leap year).
    """
    for century in (2000, 1900):
        try:
            candidate = date(century + yy, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    return None


def _check_digits(text: str, messages: _Messages) -> str:
    """Rules common to NIK and KK up to the region code; return the 16 digits."""
    digits = _normalise(text, messages)
    if not digits:
        raise _fail(messages, messages.empty)
    if len(digits) != NIK_LENGTH:
        raise _fail(messages, messages.length, count=len(digits))
    if digits[:2] not in PROVINCE_CODES:
        raise _fail(messages, messages.province, code=digits[:2])
    if digits[2:4] == "00":
        raise _fail(messages, messages.regency)
    if digits[4:6] == "00":
        raise _fail(messages, messages.district)
    return digits


def _format_ddmmyy(day: int, month: int, yy: int) -> str:
    return f"{day:02d}/{month:02d}/{yy:02d}"


# --------------------------------------------------------------------------
# NIK
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class NikParts:
    """What a valid NIK says about its holder.

    ``birth_date`` has the century chosen by the rule in :func:`parse_nik`;
    ``sex`` is :data:`SEX_MALE` (``"L"``) or :data:`SEX_FEMALE` (``"P"``).
    """

    nik: str
    province_code: str
    regency_code: str
    district_code: str
    birth_date: date
    sex: str
    serial: str

    @property
    def province_name(self) -> str:
        """Name of the province (e.g. ``"Jawa Barat"`` for ``"32"``)."""
        return PROVINCE_CODES[self.province_code]


def parse_nik(text: str, *, today: date | None = None) -> NikParts:
    """Check a typed NIK and decode it; raise :class:`NikError` if impossible.

    Rules, in this order (the first broken one is reported, each with its own
    message): only digits and grouping separators (see
    :func:`normalise_digits`); exactly 16 digits; a known province code;
    regency and district codes not ``00``; day 01-31 (man) or 41-71 (woman,
    day + 40); month 01-12; a real calendar date; serial not ``0000``.

    The two-digit birth year becomes 20YY if that date is not after ``today``
    (default: the computer's date), else 19YY: see :func:`_resolve_century`.
    Pass ``today`` in tests and whenever the check must be reproducible.
    """
    today = date.today() if today is None else today
    digits = _check_digits(text, _NIK)

    day_field, month, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    if 1 <= day_field <= 31:
        sex, day = SEX_MALE, day_field
    elif 1 + _FEMALE_DAY_OFFSET <= day_field <= 31 + _FEMALE_DAY_OFFSET:
        sex, day = SEX_FEMALE, day_field - _FEMALE_DAY_OFFSET
    else:
        raise NikError(
            "Tanggal lahir pada NIK (digit 7-8) tidak benar: {day}. "
            "Untuk laki-laki 01-31, untuk perempuan 41-71 (tanggal lahir + 40).",
            field="nik", day=digits[6:8],
        )
    if not 1 <= month <= 12:
        raise NikError(
            "Bulan lahir pada NIK (digit 9-10) tidak benar: {month}. Harus 01 sampai 12.",
            field="nik", month=digits[8:10],
        )
    birth_date = _resolve_century(day, month, yy, today)
    if birth_date is None:
        raise _fail(_NIK, _NIK.bad_date, date=_format_ddmmyy(day, month, yy))
    if digits[12:] == "0000":
        raise _fail(_NIK, _NIK.serial)

    return NikParts(
        nik=digits,
        province_code=digits[:2],
        regency_code=digits[:4],
        district_code=digits[:6],
        birth_date=birth_date,
        sex=sex,
        serial=digits[12:],
    )


def format_nik(nik: str) -> str:
    """Group a NIK for display as ``"PPKK CC DDMMYY SSSS"``.

    For example ``"3207124508850001"`` -> ``"3207 12 450885 0001"``: regency,
    district, birth date and serial each stand alone, which is how officers
    read a NIK aloud and compare it with the KTP. The result is accepted back
    by :func:`parse_nik`. Text that is not 16 digits (an old, wrong record) is
    returned unchanged so that displaying it never fails.
    """
    try:
        digits = normalise_digits(nik)
    except DomainError:
        return nik
    if len(digits) != NIK_LENGTH:
        return nik
    return f"{digits[:4]} {digits[4:6]} {digits[6:12]} {digits[12:]}"


def make_nik(district_code: str, birth_date: date, sex: str, serial: int) -> str:
    """Build a valid NIK (for demo data and tests; real NIKs come from Dukcapil).

    ``district_code`` is the 6-digit region code (known province, regency and
    district not ``00``), ``sex`` is ``"L"`` or ``"P"`` and ``serial`` 1-9999.
    Raises :class:`ValueError` for arguments that could not give a valid NIK:
    these are programming errors, not officer input.
    """
    if len(district_code) != 6 or not set(district_code) <= _DIGITS:
        raise ValueError(f"district_code must be 6 digits, got {district_code!r}")
    if (district_code[:2] not in PROVINCE_CODES or district_code[2:4] == "00"
            or district_code[4:6] == "00"):
        raise ValueError(f"district_code {district_code!r} is not a possible region")
    if sex not in (SEX_MALE, SEX_FEMALE):
        raise ValueError(f"sex must be 'L' or 'P', got {sex!r}")
    if not 1 <= serial <= 9999:
        raise ValueError(f"serial must be 1..9999, got {serial}")
    day = birth_date.day + (_FEMALE_DAY_OFFSET if sex == SEX_FEMALE else 0)
    return (f"{district_code}{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}"
            f"{serial:04d}")


# --------------------------------------------------------------------------
# Cross-check with the form
# --------------------------------------------------------------------------

_SEX_MISMATCH: Final[dict[tuple[str, str], str]] = {
    (SEX_MALE, SEX_FEMALE): (
        "Jenis kelamin yang diketik (Laki-laki) berbeda dengan NIK (Perempuan). "
        "Periksa kembali KTP."
    ),
    (SEX_FEMALE, SEX_MALE): (
        "Jenis kelamin yang diketik (Perempuan) berbeda dengan NIK (Laki-laki). "
        "Periksa kembali KTP."
    ),
}
_BIRTH_DATE_MISMATCH: Final = (
    "Tanggal lahir yang diketik ({typed}) berbeda dengan tanggal lahir pada NIK "
    "({nik}). Periksa kembali KTP."
)


@dataclass(frozen=True)
class NikMismatch:
    """A warning that the form disagrees with the NIK.

    ``field`` is the form field concerned (``"sex"`` or ``"birth_date"``),
    ``message`` the Indonesian template (a key of the translation catalogue)
    and ``params`` its values, as in :class:`DomainError`.
    """

    field: str
    message: str
    params: dict[str, str] = dataclasses.field(default_factory=dict)

    @property
    def text(self) -> str:
        """The warning in Indonesian."""
        return self.message.format(**self.params)

    def translated(self, lookup: Callable[[str], str]) -> str:
        """The warning with ``lookup`` mapping the template to another language."""
        return lookup(self.message).format(**self.params)


def cross_check(
    parts: NikParts, *, sex: str | None, birth_date: date | None
) -> list[NikMismatch]:
    """Compare the sex and birth date typed in the form with the NIK.

    Returns warnings (empty list when everything agrees or was left blank).
    These are not errors: the NIK may be right and the old record wrong, or the
    NIK itself may have been issued with a mistake, which happens. The officer
    checks the KTP and decides; the data are saved as typed.

    Birth dates are compared on day, month and the two-digit year only, since
    the NIK does not say the century (see :func:`parse_nik`).
    ``sex`` is ``"L"``/``"P"`` (any case); anything else is a programming error
    and raises :class:`ValueError`.
    """
    warnings: list[NikMismatch] = []
    if sex is not None:
        typed_sex = sex.strip().upper()
        if typed_sex not in (SEX_MALE, SEX_FEMALE):
            raise ValueError(f"sex must be 'L' or 'P', got {sex!r}")
        if typed_sex != parts.sex:
            warnings.append(NikMismatch("sex", _SEX_MISMATCH[(typed_sex, parts.sex)]))
    if birth_date is not None:
        nik_date = parts.birth_date
        if (birth_date.day, birth_date.month, birth_date.year % 100) != (
            nik_date.day, nik_date.month, nik_date.year % 100
        ):
            warnings.append(NikMismatch(
                "birth_date",
                _BIRTH_DATE_MISMATCH,
                {
                    "typed": birth_date.strftime("%d/%m/%Y"),
                    "nik": _format_ddmmyy(nik_date.day, nik_date.month, nik_date.year % 100),
                },
            ))
    return warnings


# --------------------------------------------------------------------------
# Nomor KK
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class KkParts:
    """What a valid Nomor KK says: where and when the family card was issued.

    :func:`parse_kk` always fills ``issue_date``; it is optional so that a
    ``KkParts`` can also describe a card whose issue date is not known.
    """

    kk: str
    region_code: str
    province_code: str
    issue_date: date | None
    serial: str

    @property
    def province_name(self) -> str:
        """Name of the province of issue."""
        return PROVINCE_CODES[self.province_code]


def parse_kk(text: str, *, today: date | None = None) -> KkParts:
    """Check a typed Nomor KK and decode it; raise :class:`KkError` if impossible.

    Rules, in order: only digits and grouping separators; exactly 16 digits;
    known province; regency and district not ``00``; digits 7-12 are a real
    issue date DDMMYY, not in the future (century chosen as for the NIK birth
    date); serial (last 4) not ``0000``.
    """
    today = date.today() if today is None else today
    digits = _check_digits(text, _KK)
    day, month, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    issue_date = _resolve_century(day, month, yy, today)
    if issue_date is None:
        raise _fail(_KK, _KK.bad_date, date=_format_ddmmyy(day, month, yy))
    if digits[12:] == "0000":
        raise _fail(_KK, _KK.serial)
    return KkParts(
        kk=digits,
        region_code=digits[:6],
        province_code=digits[:2],
        issue_date=issue_date,
        serial=digits[12:],
    )
