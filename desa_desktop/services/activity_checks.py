"""What makes an activity valid, in words the officer can act on.

Kept apart from ``services.activities`` (reading and saving) so each stays
short. The rules follow how the post works: a meeting may be planned ahead
(up to a year: more is a mistyped year), but who came and how many
unregistered people came can only be recorded once it has happened; a person
is on a list once; the same meeting typed twice is refused.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desa_desktop.db.case_models import Institution
from desa_desktop.db.ledger_models import Activity, ActivityAttendee, BusinessGroup
from desa_desktop.db.models import Person
from desa_desktop.domain.ledger_reference import ACTIVITY_KIND
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import Problem, ValidationError

#: More unregistered attendees than this is a typing slip (an extra zero), not a meeting.
MAX_UNREGISTERED = 5000
#: Planning a meeting more than a year ahead is almost always a mistyped year.
MAX_DAYS_AHEAD = 366
#: Activities before this year predate the post; such a date is a typing slip.
EARLIEST_YEAR = 2000
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_LIMITS = {"topic": (300, "Topik kegiatan terlalu panjang (paling banyak 300 huruf)."),
           "facilitator": (200, "Nama fasilitator terlalu panjang (paling banyak 200 huruf)."),
           "partner_name": (200, "Nama mitra terlalu panjang (paling banyak 200 huruf)."),
           "place": (200, "Nama tempat terlalu panjang (paling banyak 200 huruf).")}


@dataclass(frozen=True)
class ActivityInput:
    """What the activity form holds (attendees travel separately, see ``AttendeeInput``)."""

    activity_date: date | None
    kind: str
    topic: str
    start_time: str = ""  # "09:00"; "9.00" is accepted and written as "09:00"
    facilitator: str = ""
    institution_id: str | None = None  # a partner from the institution directory
    partner_name: str = ""  # a partner that is not in the directory
    place: str = ""
    group_id: str | None = None  # the business group the activity was for, if any
    unregistered_count: int = 0
    notes: str = ""


@dataclass(frozen=True)
class AttendeeInput:
    """A registered person on the list: None before the meeting, then present or not."""

    person_id: str
    present: bool | None = None


def normal_time(text: str) -> str | None:
    """``9.00`` / ``09:00`` -> ``09:00``; "" stays ""; None when it is not a time of day."""
    text = text.strip()
    if not text:
        return ""
    match = _TIME.match(text)
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return f"{int(match[1]):02d}:{match[2]}"


def check_activity(ctx: ServiceContext, s: Session, data: ActivityInput,
                   attendees: Sequence[AttendeeInput] | None, current: Activity | None
                   ) -> dict:
    """The cleaned column values, or ``ValidationError`` listing every problem at once.

    ``attendees`` None means the list is not being changed; ``current`` is the
    stored activity when editing (a partner or group removed from the
    directory since may stay on it).
    """
    problems: list[Problem] = []
    values: dict = {"topic": " ".join(data.topic.split()),
                    "facilitator": " ".join(data.facilitator.split()),
                    "partner_name": " ".join(data.partner_name.split()),
                    "place": " ".join(data.place.split()), "notes": data.notes.strip(),
                    "kind": data.kind, "activity_date": data.activity_date,
                    "institution_id": data.institution_id or None,
                    "group_id": data.group_id or None,
                    "unregistered_count": data.unregistered_count}
    today, day = ctx.today(), data.activity_date
    if not values["topic"]:
        problems.append(Problem("topic", "Isi topik kegiatan."))
    for name, (most, template) in _LIMITS.items():
        if len(values[name]) > most:
            problems.append(Problem(name, template))
    if data.kind not in ACTIVITY_KIND:
        problems.append(Problem("kind", "Pilih jenis kegiatan."))
    if day is None:
        problems.append(Problem("activity_date", "Isi tanggal kegiatan."))
    elif day.year < EARLIEST_YEAR:
        problems.append(Problem("activity_date", "Tanggal kegiatan terlalu jauh di masa lalu; "
                                                 "periksa tahunnya."))
    elif day > today + timedelta(days=MAX_DAYS_AHEAD):
        problems.append(Problem("activity_date", "Tanggal kegiatan paling jauh satu tahun dari "
                                                 "hari ini; periksa tahunnya."))
    start = normal_time(data.start_time)
    if start is None:
        problems.append(Problem("start_time", "Jam mulai ditulis jj:mm, contoh 09:00."))
    values["start_time"] = start or ""
    count = data.unregistered_count
    if not isinstance(count, int) or isinstance(count, bool):
        problems.append(Problem("unregistered_count",
                                "Jumlah peserta tidak terdaftar harus bilangan bulat."))
    elif count < 0:
        problems.append(Problem("unregistered_count",
                                "Jumlah peserta tidak terdaftar tidak boleh negatif."))
    elif count > MAX_UNREGISTERED:
        problems.append(Problem("unregistered_count", "Jumlah peserta tidak terdaftar terlalu "
                                                      "besar (paling banyak {most}).",
                                {"most": MAX_UNREGISTERED}))
    elif count > 0 and day is not None and day > today:
        problems.append(Problem("unregistered_count", "Kegiatan belum berlangsung; jumlah "
                                                      "peserta tidak terdaftar diisi sesudah "
                                                      "kegiatan."))
    inst_id, group_id = values["institution_id"], values["group_id"]
    if inst_id is not None:
        inst = s.get(Institution, inst_id)
        kept = current is not None and current.institution_id == inst_id
        if inst is None or (inst.deleted_at is not None and not kept):
            problems.append(Problem("institution_id", "Lembaga mitra tidak ditemukan; pilih "
                                                      "dari daftar lembaga."))
    if group_id is not None:
        group = s.get(BusinessGroup, group_id)
        kept = current is not None and current.group_id == group_id
        if group is None or (group.deleted_at is not None and not kept):
            problems.append(Problem("group_id", "Kelompok usaha tidak ditemukan; pilih dari "
                                                "daftar kelompok."))
    if attendees is not None:
        problems += _check_attendees(s, attendees, day, today)
    elif current is not None and day is not None and day > today and _marked(s, current.id):
        problems.append(Problem("activity_date", "Kehadiran sudah dicatat; tanggal kegiatan "
                                                 "tidak dapat dipindah ke masa depan."))
    if not problems and values["topic"]:
        problems += _check_double(s, values, current)
    if problems:
        raise ValidationError(problems)
    return values


def _check_attendees(s: Session, attendees: Sequence[AttendeeInput], day: date | None,
                     today: date) -> list[Problem]:
    problems: list[Problem] = []
    ids = [a.person_id for a in attendees]
    names: dict[str, str] = {pid: name for pid, name in s.execute(
        select(Person.id, Person.full_name).where(Person.id.in_(set(ids)),
                                                  Person.deleted_at.is_(None)))}
    if any(i not in names for i in ids):
        problems.append(Problem("attendees", "Ada orang di daftar hadir yang tidak ada lagi di "
                                             "data penduduk (mungkin sudah dihapus); "
                                             "keluarkan dari daftar."))
    seen: set[str] = set()
    for person_id in ids:
        if person_id in seen and person_id in names:
            problems.append(Problem("attendees", "{name} tercantum dua kali di daftar hadir.",
                                    {"name": names[person_id]}))
        seen.add(person_id)
    if day is not None and day > today and any(a.present is not None for a in attendees):
        problems.append(Problem("attendees", "Kegiatan belum berlangsung; kehadiran baru dapat "
                                             "dicatat pada hari kegiatan atau sesudahnya."))
    return problems


def _marked(s: Session, activity_id: str) -> int:
    """How many on the list were already ticked present or absent."""
    return s.scalar(select(func.count()).select_from(ActivityAttendee).where(
        ActivityAttendee.activity_id == activity_id, ActivityAttendee.deleted_at.is_(None),
        ActivityAttendee.present.is_not(None))) or 0


def _check_double(s: Session, values: dict, current: Activity | None) -> list[Problem]:
    """The same activity typed twice (same day, time, kind and topic) is refused."""
    same = s.scalars(select(Activity.id).where(
        Activity.deleted_at.is_(None), Activity.activity_date == values["activity_date"],
        Activity.kind == values["kind"], Activity.start_time == values["start_time"],
        func.lower(Activity.topic) == values["topic"].lower())).first()
    if same is not None and (current is None or same != current.id):
        return [Problem("topic", "Kegiatan dengan topik, tanggal dan jam yang sama sudah "
                                 "tercatat.")]
    return []
