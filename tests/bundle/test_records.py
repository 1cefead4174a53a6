"""The data files: one canonical JSON object per line, read back strictly."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from desa_desktop.bundle.records import (
    RecordError,
    dump_row,
    dump_rows,
    load_rows,
    read_data_file,
    utc_bounds,
)

ROW = {
    "id": "0b9a6c1e-0000-4000-8000-000000000001",
    "full_name": "Siti Nur'aeni — Ñ",
    "birth_date": date(1990, 4, 3),
    "created_at": datetime(2026, 11, 22, 8, 30, 0),
    "updated_at": datetime(2026, 11, 22, 8, 30, 0, 125000),
    "deleted_at": None,
    "procedural": True,
    "revision": 3,
    "amount": 2_500_000_000,
    "documents": ["ktp", "paspor"],
}


def test_a_row_is_one_canonical_line() -> None:
    line = dump_row(ROW)
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    text = line.decode("utf-8")
    assert text.startswith('{"amount":2500000000,"birth_date":"1990-04-03",')
    assert '"created_at":"2026-11-22T08:30:00"' in text  # no microseconds when there are none
    assert '"updated_at":"2026-11-22T08:30:00.125000"' in text
    assert "Siti Nur'aeni — Ñ" in text  # readable UTF-8, not \\u escapes
    assert '"documents":["ktp","paspor"]' in text  # compact separators throughout
    assert '": ' not in text and '", "' not in text
    assert list(json.loads(text)) == sorted(ROW)


def test_the_same_row_always_gives_the_same_bytes() -> None:
    shuffled = dict(reversed(list(ROW.items())))
    assert dump_row(shuffled) == dump_row(ROW)


def test_rows_round_trip_with_dates_as_text() -> None:
    data = b"".join(dump_rows([ROW, {**ROW, "id": "2", "deleted_at": ROW["created_at"]}]))
    back = list(load_rows(data))
    assert [r["id"] for r in back] == [ROW["id"], "2"]
    assert back[0]["birth_date"] == "1990-04-03" and back[0]["procedural"] is True
    assert back[1]["deleted_at"] == "2026-11-22T08:30:00"
    assert back[0]["amount"] == 2_500_000_000


def test_an_aware_datetime_is_written_in_utc_without_zone() -> None:
    wib = timezone(timedelta(hours=7))
    line = dump_row({"at": datetime(2026, 12, 1, 6, 0, tzinfo=wib)})
    assert line == b'{"at":"2026-11-30T23:00:00"}\n'


@pytest.mark.parametrize("value", [b"scan bytes", {1, 2}, Decimal("1.5"), float("nan")])
def test_values_without_one_obvious_json_form_are_refused(value: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        dump_row({"x": value})


def test_a_whole_decimal_is_an_integer() -> None:
    assert dump_row({"x": Decimal("1500000")}) == b'{"x":1500000}\n'


@pytest.mark.parametrize(("data", "line", "words"), [
    (b'{"a":1}\n\n{"a":2}\n', 2, "kosong"),
    (b'{"a":1}\n{"a":\n', 2, "bukan JSON"),
    (b'{"a":1}\n[1,2]\n', 2, "objek"),
    (b'{"a":1}\n{"a":1}\n{"a":"\xff"}\n', 3, "UTF-8"),
    (b'{"a":1,"a":2}\n', 1, "bukan JSON"),
    (b'{"a":NaN}\n', 1, "bukan JSON"),
])
def test_a_bad_line_is_named_by_its_number(data: bytes, line: int, words: str) -> None:
    with pytest.raises(RecordError) as caught:
        list(load_rows(data))
    assert caught.value.line == line
    assert f"Baris {line}" in str(caught.value) and words in str(caught.value)


def test_good_rows_before_a_bad_line_are_read_first() -> None:
    rows = load_rows(b'{"a":1}\n{"a":2}\nrusak\n')
    assert next(rows) == {"a": 1} and next(rows) == {"a": 2}
    with pytest.raises(RecordError):
        next(rows)


def test_an_empty_file_has_no_rows_and_a_last_line_may_lack_its_newline() -> None:
    assert list(load_rows(b"")) == []
    assert list(load_rows(b'{"a":1}')) == [{"a": 1}]


def test_a_file_is_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "person.jsonl"
    path.write_bytes(b"".join(dump_rows({"id": str(i)} for i in range(1000))))
    rows = read_data_file(path)
    assert next(rows) == {"id": "0"}
    assert sum(1 for _ in rows) == 999


def test_period_bounds_are_the_village_days_in_utc() -> None:
    low, high = utc_bounds(date(2026, 11, 1), date(2026, 11, 30))
    local_start = datetime(2026, 11, 1).astimezone(UTC).replace(tzinfo=None)
    assert low == local_start
    assert high - low == timedelta(days=30)
