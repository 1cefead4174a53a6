"""The writer the crash tests kill: a child per round saves records until SIGKILL stops it.

Run as ``python -m tests.security.crash_writer SPEC_JSON`` (see
``tests/security/test_crash.py``). It imports the app once, then for each
round forks a child that opens the encrypted database with its key and
saves through the real services (persons, households, placements: create,
update, delete, restore; drafts) in a random order; after each service call
*returns* (the commit is done) the child writes one line to a pipe (and a
"begin" line before each call). The parent waits for a random number of
saves, sleeps a random few milliseconds and kills the child with SIGKILL,
the nearest thing to a power cut a test can cause: the process stops
between two instructions, inside a commit, a WAL write, a checkpoint or
the opening of the file, with nothing flushed by a clean exit.

Forking saves the import time (~0.5 s) per round, so hundreds of kills fit
in the normal test run. The parent opens the database once, to compile
every statement (SQLAlchemy caches them per engine, so the children inherit
them), and closes every connection before the first fork: no SQLite handle
crosses a fork, each child opens the file itself. Every line a child reported goes into the journal
(JSON lines) the test checks against the file afterwards.
"""

from __future__ import annotations

import json
import os
import random
import select as io_select
import signal
import sys
import time
import traceback
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import configure_mappers

from desa_desktop.db.engine import Database, connect
from desa_desktop.db.models import Household, Person, Placement
from desa_desktop.domain.nik import make_nik
from desa_desktop.services import drafts, households, persons, placements
from desa_desktop.services.context import OfficerInfo, ServiceContext
from desa_desktop.services.households import HouseholdInput
from desa_desktop.services.persons import PersonInput
from desa_desktop.services.placements import PlacementInput

DISTRICT = "320712"  # Banjaranyar, Ciamis
PERSONS_PER_ROUND = 256  # NIK serial space reserved for each child
FIRST_BIRTH = date(1960, 1, 1)
BIRTH_DAYS = 14_000  # births up to 1998: everyone is old enough to work abroad
RELATIONS = ("", "kepala", "istri", "anak", "suami")
COUNTRIES = ("HK", "TW", "MY", "SG", "SA")
TODAY = date(2026, 11, 22)


@dataclass(frozen=True)
class Spec:
    """What the test asks for (passed as one JSON argument)."""

    db: str
    key: str  # hex
    officer: dict[str, str]
    village: str
    seed: int
    kills: int
    #: A quarter of the kills come this long at most after the fork (while the child
    #: opens the file and recovers the WAL the last one left)...
    max_delay_ms: float
    #: ...the others within this many milliseconds after the child began its first to
    #: fifth save, so the kills land inside saves however slow or busy the machine.
    save_ms: float
    journal: str


# -- the child ---------------------------------------------------------------------------
@dataclass
class Known:
    """Ids the child may work on: read from the file at start, grown by its own saves."""

    live_persons: list[str] = field(default_factory=list)
    dead_persons: list[str] = field(default_factory=list)
    households: list[str] = field(default_factory=list)
    placements: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, db: Database) -> Known:
        with db.sessions() as s:
            people = s.execute(select(Person.id, Person.deleted_at)).all()
            return cls(
                [p.id for p in people if p.deleted_at is None],
                [p.id for p in people if p.deleted_at is not None],
                list(s.scalars(select(Household.id).where(Household.deleted_at.is_(None)))),
                list(s.scalars(select(Placement.id).where(Placement.deleted_at.is_(None)))),
            )


def _nik(number: int) -> tuple[str, str, date]:
    """A distinct valid NIK for every ``number`` (sex, birth date and serial vary)."""
    sex = "P" if number % 2 else "L"
    born = FIRST_BIRTH + timedelta(days=(number // 2) % BIRTH_DAYS)
    serial = number // (2 * BIRTH_DAYS) + 1
    return make_nik(DISTRICT, born, sex, serial), sex, born


class Child:
    """One forked writer: saves, and reports each save once it has returned."""

    def __init__(self, spec: Spec, db: Database, round_no: int, rng: random.Random,
                 out: int) -> None:
        self.spec, self.db, self.round, self.rng, self.out = spec, db, round_no, rng, out
        self.ctx = ServiceContext(self.db, spec.village, OfficerInfo(**spec.officer),
                                  today=lambda: TODAY)
        self.known = Known.read(self.db)
        self.report("open")
        self.n = 0  # saves made by this child, for unique tokens and NIKs

    def report(self, *parts: str) -> None:
        # One write() of a short line is atomic on a pipe: a kill never leaves half a line.
        os.write(self.out, (" ".join(parts) + "\n").encode())

    def token(self) -> str:
        return f"{self.round}.{self.n}"

    def run(self) -> None:
        actions = [
            (self.create_person, 6), (self.update_person, 4), (self.delete_person, 1),
            (self.restore_person, 1), (self.create_household, 2),
            (self.update_household, 1), (self.add_placement, 3),
            (self.update_placement, 2), (self.delete_placement, 1), (self.save_draft, 2),
        ]
        functions = [a for a, _ in actions]
        weights = [w for _, w in actions]
        while True:
            self.n += 1
            self.report("begin")  # a kill before this save's report is a kill inside it
            self.rng.choices(functions, weights)[0]()

    def every_action_once(self) -> None:
        """The parent's warm-up: each statement compiled once, before the first fork."""
        for action in (self.create_household, self.create_person, self.update_person,
                       self.update_household, self.add_placement, self.update_placement,
                       self.delete_placement, self.delete_person, self.restore_person,
                       self.save_draft):
            self.n += 1
            action()

    # each action saves through a service, then reports what it saved
    def create_person(self) -> None:
        if self.n >= PERSONS_PER_ROUND:
            return
        nik, sex, born = _nik(self.round * PERSONS_PER_ROUND + self.n)
        household = self.rng.choice(self.known.households) if self.known.households \
            and self.rng.random() < 0.7 else None
        data = PersonInput(nik, f"Warga {self.token()}", sex, "Ciamis", born,
                           household_id=household,
                           relation_to_head=self.rng.choice(RELATIONS) if household else "",
                           notes=f"baru {self.token()}")
        person_id = persons.create_person(self.ctx, data, confirmed=True).ids[0]
        self.known.live_persons.append(person_id)
        self.report("create", "person", person_id)

    def update_person(self) -> None:
        if not self.known.live_persons:
            return
        person_id = self.rng.choice(self.known.live_persons)
        data = persons.get_person(self.ctx, person_id).as_input()
        token = self.token()
        persons.update_person(self.ctx, person_id, replace(data, notes=token), confirmed=True)
        self.report("update", "person", person_id, token)

    def delete_person(self) -> None:
        if not self.known.live_persons:
            return
        person_id = self.known.live_persons.pop(self.rng.randrange(len(self.known.live_persons)))
        persons.delete_person(self.ctx, person_id)
        self.known.dead_persons.append(person_id)
        self.report("delete", "person", person_id)

    def restore_person(self) -> None:
        if not self.known.dead_persons:
            return
        person_id = self.known.dead_persons.pop(self.rng.randrange(len(self.known.dead_persons)))
        persons.restore_person(self.ctx, person_id)
        self.known.live_persons.append(person_id)
        self.report("restore", "person", person_id)

    def create_household(self) -> None:
        data = HouseholdInput("", f"Kepala {self.token()}", "Dusun Cikupa",
                              str(self.rng.randint(1, 9)), str(self.rng.randint(1, 20)))
        household_id = households.create_household(self.ctx, data).ids[0]
        self.known.households.append(household_id)
        self.report("create", "household", household_id)

    def update_household(self) -> None:
        if not self.known.households:
            return
        household_id = self.rng.choice(self.known.households)
        view = households.get_household(self.ctx, household_id)
        token = self.token()
        households.update_household(self.ctx, household_id, HouseholdInput(
            view.kk_number, view.head_name, view.dusun, view.rw, view.rt, token,
            view.collection_method, view.collected_on))
        self.report("update", "household", household_id, token)

    def add_placement(self) -> None:
        if not self.known.live_persons:
            return
        person_id = self.rng.choice(self.known.live_persons)
        departure = date(2020, 1, 1) + timedelta(days=self.rng.randrange(2000))
        back = departure + timedelta(days=700) if self.rng.random() < 0.3 else None
        data = PlacementInput(self.rng.choice(COUNTRIES), departure_date=departure,
                              return_date=back if back and back <= TODAY else None,
                              notes=f"baru {self.token()}")
        placement_id = placements.add_placement(self.ctx, person_id, data).ids[0]
        self.known.placements.append(placement_id)
        self.report("create", "placement", placement_id)

    def update_placement(self) -> None:
        if not self.known.placements:
            return
        placement_id = self.rng.choice(self.known.placements)
        with self.db.sessions() as s:
            placement = s.get(Placement, placement_id)
            assert placement is not None
            data = PlacementInput(placement.country, departure_date=placement.departure_date,
                                  return_date=placement.return_date)
        token = self.token()
        placements.update_placement(self.ctx, placement_id, replace(data, notes=token))
        self.report("update", "placement", placement_id, token)

    def delete_placement(self) -> None:
        if not self.known.placements:
            return
        placement_id = self.known.placements.pop(self.rng.randrange(len(self.known.placements)))
        placements.delete_placement(self.ctx, placement_id)
        self.report("delete", "placement", placement_id)

    def save_draft(self) -> None:
        drafts.save_draft(self.ctx, f"crash:{self.round}", {"n": self.n})
        self.report("draft", f"crash:{self.round}", str(self.n))


def _child(spec: Spec, db: Database, round_no: int, seed: int, out: int) -> None:
    """Runs in the forked process; never returns (killed, or exits on an error).

    ``db`` comes from the parent with an empty pool (no SQLite handle crosses
    the fork): the child's first query opens the encrypted file, keys it and
    recovers the WAL the previous child left, as the app does at start.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    try:
        Child(spec, db, round_no, random.Random(seed), out).run()
    except BaseException:
        os.write(out, ("error " + json.dumps(traceback.format_exc()) + "\n").encode())
        os._exit(3)
    os._exit(0)


# -- the parent --------------------------------------------------------------------------
def _wait_for_lines(fd: int, count: int, timeout: float = 5.0) -> bytes:
    """What the child wrote until it has reported ``count`` lines (or the time is up)."""
    data = b""
    deadline = time.monotonic() + timeout
    while data.count(b"\n") < count:
        left = deadline - time.monotonic()
        if left <= 0 or not io_select.select([fd], [], [], left)[0]:
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        data += chunk
    return data


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks)


def run(spec: Spec) -> dict[str, Any]:
    """Fork, let write, kill: ``spec.kills`` times. Returns the summary the test checks."""
    configure_mappers()  # once here, not in every child
    master = random.Random(spec.seed)
    # Compile every statement once here (SQLAlchemy caches them per engine), so a
    # child spends its few milliseconds writing. These saves are checked like all.
    db = connect(Path(spec.db), bytes.fromhex(spec.key))
    sink = os.open(os.devnull, os.O_WRONLY)
    Child(spec, db, spec.kills, random.Random(spec.seed), sink).every_action_once()
    os.close(sink)
    db.close()
    summary: dict[str, Any] = {"kills": 0, "errors": [], "exits": [], "opened": 0,
                               "reported": 0, "inside_save": 0, "seconds": 0.0}
    started = time.perf_counter()
    with open(spec.journal, "w", encoding="utf-8") as journal:
        for round_no in range(spec.kills):
            child_seed = master.getrandbits(32)
            blind = master.random() < 0.25
            saves_first = master.randrange(5)
            delay = master.random() * (spec.max_delay_ms if blind else spec.save_ms) / 1000
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read_end)
                _child(spec, db, round_no, child_seed, write_end)
            os.close(write_end)
            # "open", then "begin" and the report of each save let through, then "begin".
            seen = b"" if blind else _wait_for_lines(read_end, 2 + 2 * saves_first)
            time.sleep(delay)
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            lines = (seen + _read_all(read_end)).decode().splitlines()
            os.close(read_end)
            if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
                summary["kills"] += 1
            else:
                summary["exits"].append([round_no, status])
            if lines and lines[-1] == "begin":
                summary["inside_save"] += 1
            for line in lines:
                kind, _, rest = line.partition(" ")
                if kind == "begin":
                    continue
                if kind == "error":
                    summary["errors"].append([round_no, json.loads(rest)])
                elif kind == "open":
                    summary["opened"] += 1
                else:
                    summary["reported"] += 1
                    journal.write(json.dumps([round_no, *line.split(" ")]) + "\n")
    summary["seconds"] = time.perf_counter() - started
    return summary


def main(argv: list[str]) -> int:
    spec = Spec(**json.loads(argv[0]))
    print(json.dumps(run(spec)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
