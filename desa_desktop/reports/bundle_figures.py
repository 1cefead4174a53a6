"""The figures of a bundle's summary report, counted from the bundle's own data files.

Counted from the files (not from the database) for the same reason as the
workbook: the district's reader must be able to redo every figure from the
data it receives. One streamed pass per file; only small counters are kept,
so a 100,000-person village costs seconds and little memory.

What is counted, and how:

* persons: live records by status, and PMI abroad by destination country;
* departures: live placements that have a departure date, in the period and
  over all time, by country and procedural / nonprocedural / not known;
* cases: live cases by type (a case of two types counts under both) and by
  status, new in the period, and how many are confidential (counted, never
  named: their text is not in the files to begin with);
* referrals by status; business groups with their active members, income and
  expense in the period and cash at the period's end; activities of the
  period by kind with invited, present and unregistered attendance.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desa_desktop.bundle.records import read_data_file, utc_bounds
from desa_desktop.bundle.registers import REGISTERS, Register

__all__ = ["Figures", "GroupFigures", "RegisterCount", "count_figures"]


@dataclass
class RegisterCount:
    """Rows of one data file: all, changed in the period, deleted (tombstones)."""

    register: Register
    rows: int = 0
    changed: int = 0
    deleted: int = 0


@dataclass
class GroupFigures:
    """One business group as the summary lists it."""

    name: str
    kind: str
    status: str
    members: int = 0
    income: int = 0
    expense: int = 0
    balance: int = 0
    open_loans: int = 0


@dataclass
class Figures:
    """Everything the summary report shows, as plain counters."""

    registers: list[RegisterCount] = field(default_factory=list)
    persons_by_status: Counter[str] = field(default_factory=Counter)
    pmi_by_country: Counter[str] = field(default_factory=Counter)
    departures_by_country: Counter[str] = field(default_factory=Counter)
    procedural_period: Counter[Any] = field(default_factory=Counter)
    procedural_all: Counter[Any] = field(default_factory=Counter)
    cases_by_type: Counter[str] = field(default_factory=Counter)
    cases_by_status: Counter[str] = field(default_factory=Counter)
    cases_total: int = 0
    cases_new: int = 0
    cases_confidential: int = 0
    referrals_by_status: Counter[str] = field(default_factory=Counter)
    groups: dict[str, GroupFigures] = field(default_factory=dict)
    #: kind -> [activities, invited, present, not recorded yet, unregistered attendees]
    activities: dict[str, list[int]] = field(default_factory=lambda: defaultdict(
        lambda: [0, 0, 0, 0, 0]))


def _live(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    return (row for row in rows if row.get("deleted_at") is None)


class _Counter:
    """Reads each data file once, tallying rows while the figures are taken."""

    def __init__(self, data_dir: Path, start: date, end: date) -> None:
        self.data_dir = data_dir
        self.start, self.end = start.isoformat(), end.isoformat()
        self.low, self.high = (m.isoformat() for m in utc_bounds(start, end))
        self.figures = Figures()
        self.counts: dict[str, RegisterCount] = {}
        self.activity_kind: dict[str, str] = {}
        self.handlers = {"person": self.person, "placement": self.placement,
                         "case_file": self.case_file, "referral": self.referral,
                         "business_group": self.business_group,
                         "group_member": self.group_member, "loan": self.loan,
                         "cash_entry": self.cash_entry, "activity": self.activity,
                         "activity_attendee": self.activity_attendee}

    def in_period(self, day: str | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def rows(self, register: Register) -> Iterator[dict[str, Any]]:
        tally = self.counts[register.table] = RegisterCount(register)
        for row in read_data_file(self.data_dir / f"{register.table}.jsonl"):
            tally.rows += 1
            tally.changed += self.low <= (row.get("updated_at") or "") < self.high
            tally.deleted += row.get("deleted_at") is not None
            yield row

    # -- one handler per register with figures (in merge order: groups before members) ----
    def person(self, rows: Iterator[dict[str, Any]]) -> None:
        f = self.figures
        for row in _live(rows):
            f.persons_by_status[row["status"]] += 1
            if row["status"] == "pmi" and row.get("last_country"):
                f.pmi_by_country[row["last_country"]] += 1

    def placement(self, rows: Iterator[dict[str, Any]]) -> None:
        f = self.figures
        for row in _live(rows):
            if row.get("departure_date") is None:
                continue
            f.procedural_all[row.get("procedural")] += 1
            if self.in_period(row["departure_date"]):
                f.procedural_period[row.get("procedural")] += 1
                f.departures_by_country[row["country"]] += 1

    def case_file(self, rows: Iterator[dict[str, Any]]) -> None:
        f = self.figures
        for row in _live(rows):
            f.cases_total += 1
            f.cases_by_status[row["status"]] += 1
            f.cases_by_type.update(row.get("types") or ["lainnya"])
            f.cases_new += self.in_period(row.get("reported_on"))
            f.cases_confidential += bool(row.get("confidential"))

    def referral(self, rows: Iterator[dict[str, Any]]) -> None:
        for row in _live(rows):
            self.figures.referrals_by_status[row["status"]] += 1

    def business_group(self, rows: Iterator[dict[str, Any]]) -> None:
        for row in _live(rows):
            self.figures.groups[row["id"]] = GroupFigures(row["name"], row["kind"],
                                                          row["status"])

    def group_member(self, rows: Iterator[dict[str, Any]]) -> None:
        groups = self.figures.groups
        for row in _live(rows):
            if row["group_id"] in groups and row.get("joined_on", "") <= self.end \
                    and (row.get("left_on") is None or row["left_on"] > self.end):
                groups[row["group_id"]].members += 1

    def loan(self, rows: Iterator[dict[str, Any]]) -> None:
        groups = self.figures.groups
        for row in _live(rows):
            if row["group_id"] in groups and row["status"] == "berjalan":
                groups[row["group_id"]].open_loans += 1

    def cash_entry(self, rows: Iterator[dict[str, Any]]) -> None:
        """Cash at the period's end is the signed sum of every line up to it (reversals too)."""
        groups = self.figures.groups
        for row in _live(rows):
            group = groups.get(row["group_id"])
            if group is None or row["entry_date"] > self.end:
                continue
            sign = 1 if row["direction"] == "masuk" else -1
            group.balance += sign * row["amount"]
            if row["entry_date"] >= self.start:
                if sign > 0:
                    group.income += row["amount"]
                else:
                    group.expense += row["amount"]

    def activity(self, rows: Iterator[dict[str, Any]]) -> None:
        for row in _live(rows):
            if self.in_period(row["activity_date"]):
                self.activity_kind[row["id"]] = row["kind"]
                line = self.figures.activities[row["kind"]]
                line[0] += 1
                line[4] += row.get("unregistered_count") or 0

    def activity_attendee(self, rows: Iterator[dict[str, Any]]) -> None:
        for row in _live(rows):
            kind = self.activity_kind.get(row["activity_id"])
            if kind is not None:
                line = self.figures.activities[kind]
                line[1] += 1
                line[2] += row.get("present") is True
                line[3] += row.get("present") is None


def count_figures(data_dir: Path, start: date, end: date,
                  registers: Iterable[Register] = REGISTERS) -> Figures:
    """Count the summary's figures from the data files in ``data_dir`` for ``start``..``end``."""
    counter = _Counter(Path(data_dir), start, end)
    for register in registers:
        rows = counter.rows(register)
        handler = counter.handlers.get(register.table)
        if handler is not None:
            handler(rows)
        for _ in rows:  # files without figures are only tallied
            pass
    counter.figures.registers = [counter.counts[r.table] for r in registers]
    return counter.figures
