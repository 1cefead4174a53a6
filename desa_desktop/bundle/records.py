"""The machine-readable data of a bundle: one canonical JSON object per line.

Why JSON Lines and why canonical: the district merges rows from hundreds of
villages, possibly with a program that is not this one, so every row must
read the same way everywhere and the same row must always give the same
bytes (the manifest hashes the files; two exports of unchanged data are
byte-identical). Hence: keys sorted, compact separators, UTF-8 text as is
(``ensure_ascii=False``), one ``\\n`` after every line, and values limited to
what JSON states without doubt:

* dates as ``YYYY-MM-DD``, datetimes as ``YYYY-MM-DDTHH:MM:SS[.ffffff]``
  (UTC, without a zone, exactly as the database stores them);
* booleans, integers (money is whole Rupiah), text, ``null``, and the JSON
  columns (lists of codes) as JSON;
* never bytes (attachments and keys stay on the laptop), never floats that
  are not numbers, never a ``Decimal`` with a fraction.

Reading is strict for the same reason: a line that is not one JSON object
is refused with its line number, so a damaged file is named, not guessed at.
Pure: no database, no files of its own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from desa_desktop.domain.errors import DomainError

__all__ = ["RecordError", "dump_row", "dump_rows", "encode_value", "load_rows",
           "read_data_file", "utc_bounds"]


class RecordError(DomainError):
    """A line of a data file cannot be read; ``line`` is its number (from 1)."""

    def __init__(self, template: str, *, line: int, **params: Any) -> None:
        self.line = line
        super().__init__(template, line=line, **params)


def encode_value(value: object) -> object:
    """A JSON-ready value for one non-JSON column value (dates, datetimes, whole Decimals).

    Used as ``json.dumps(default=...)``; anything that has no single obvious
    JSON form (bytes, sets, objects) is refused rather than written vaguely.
    """
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    raise TypeError(f"cannot write {type(value).__name__} into a bundle data file")


def dump_row(row: Mapping[str, object]) -> bytes:
    """One row as its canonical line (UTF-8, ending in ``\\n``)."""
    text = json.dumps(dict(row), sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False, default=encode_value)
    return text.encode("utf-8") + b"\n"


def dump_rows(rows: Iterable[Mapping[str, object]]) -> Iterator[bytes]:
    """Canonical lines of ``rows``, one by one (a generator: nothing is held)."""
    for row in rows:
        yield dump_row(row)


def _lines(data: bytes | IO[bytes] | Iterable[bytes]) -> Iterable[bytes]:
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data).splitlines(keepends=True)
    return data


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object that names no key twice (the last would silently win otherwise)."""
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("a key appears twice")
    return result


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number")


def load_rows(data: bytes | IO[bytes] | Iterable[bytes]) -> Iterator[dict[str, Any]]:
    """The rows of a data file: ``bytes``, or a binary file / iterable of lines (streamed).

    Raises ``RecordError`` naming the first line that is empty, not UTF-8,
    not JSON, or not one JSON object. Values come back as JSON has them
    (dates stay text); the reader converts by column.
    """
    for number, raw in enumerate(_lines(data), start=1):
        line = raw[:-1] if raw.endswith(b"\n") else raw
        if not line.strip():
            raise RecordError("Baris {line} data bundel kosong.", line=number)
        try:
            value = json.loads(line.decode("utf-8"), object_pairs_hook=_object,
                               parse_constant=_no_constant)
        except UnicodeDecodeError:
            raise RecordError("Baris {line} data bundel bukan teks UTF-8.", line=number) from None
        except ValueError as err:
            raise RecordError("Baris {line} data bundel bukan JSON yang sah: {reason}",
                              line=number, reason=str(err)) from None
        if not isinstance(value, dict):
            raise RecordError("Baris {line} data bundel bukan satu objek JSON.", line=number)
        yield value


def utc_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The stored moments (UTC, naive) at which local days ``start``..``end`` begin and end.

    Records are stamped in UTC, a period is named in the village's own days:
    a change at 06:00 on 1 December in Java is 23:00 UTC on 30 November and
    belongs to December. The end is exclusive (the start of the next day).
    """
    def begin(day: date) -> datetime:
        return datetime.combine(day, time()).astimezone(UTC).replace(tzinfo=None)

    return begin(start), begin(end + timedelta(days=1))


def read_data_file(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of the data file at ``path``, streamed (the file is closed at the end)."""
    with open(path, "rb") as handle:
        yield from load_rows(handle)
