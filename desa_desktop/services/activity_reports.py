"""What the activity printouts hold: the attendance sheet and the participation report.

Gathered here as plain data (``reports.attendance_pdf`` and
``reports.activity_report`` only lay it out), so the GUI, the CLI and the
district bundle print the same figures.

The attendance sheet is printed *before* the meeting: the invited persons
with room to sign, then empty rows for those who come without being on the
list. The participation report answers the district's two questions over a
period: how many came to each activity (registered and not), and which
activities each registered person attended.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from desa_desktop.db.ledger_models import Activity, ActivityAttendee
from desa_desktop.db.models import Person, Village
from desa_desktop.domain.ledger_reference import ACTIVITY_KIND
from desa_desktop.services import letterhead
from desa_desktop.services.activities import (
    ActivityFilter,
    ActivityView,
    AttendeeView,
    activity_query,
    activity_views,
    attendee_rows,
    filtered,
    person_query,
)
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import Problem, ValidationError
from desa_desktop.services.records import load

#: Empty rows at the foot of a sheet for people who come without being invited.
MIN_BLANK_ROWS = 5
MAX_BLANK_ROWS = 200


@dataclass(frozen=True)
class Masthead:
    """The kop of a printout: letterhead lines, address, post name and place."""

    lines: tuple[str, ...]  # PEMERINTAH KABUPATEN ..., KECAMATAN ..., DESA ...
    address: str
    post_name: str
    place: str  # the village name, for "Karyamukti, 22 November 2026"


@dataclass(frozen=True)
class AttendanceSheet:
    masthead: Masthead
    activity: ActivityView
    attendees: list[AttendeeView]
    blank_rows: int  # at least this many empty rows for people not on the list
    printed_at: datetime
    printed_by: str
    fill_page: bool = True  # add empty rows until the last page is full


@dataclass(frozen=True)
class Attended:
    """One activity a person attended."""

    activity_id: str
    activity_date: date
    kind: str
    topic: str


@dataclass(frozen=True)
class PersonParticipation:
    person: AttendeeView
    attended: tuple[Attended, ...]


@dataclass(frozen=True)
class KindTotal:
    kind: str
    activities: int
    registered_present: int
    unregistered: int

    @property
    def total(self) -> int:
        return self.registered_present + self.unregistered


@dataclass(frozen=True)
class ParticipationReport:
    masthead: Masthead
    date_from: date | None
    date_to: date | None
    kind: str  # "" = every kind
    activities: list[ActivityView]  # oldest first
    persons: list[PersonParticipation]  # by name
    by_kind: list[KindTotal]
    printed_at: datetime
    printed_by: str

    @property
    def registered_present(self) -> int:
        return sum(a.registered_present for a in self.activities)

    @property
    def unregistered(self) -> int:
        return sum(a.unregistered_count for a in self.activities)

    @property
    def total_present(self) -> int:
        return self.registered_present + self.unregistered

    @property
    def not_recorded(self) -> list[ActivityView]:
        """Activities held in the period whose attendance was never recorded."""
        return [a for a in self.activities
                if not a.recorded and a.activity_date <= self.printed_at.date()]


def masthead(ctx: ServiceContext) -> Masthead:
    head = letterhead.get_letterhead(ctx)
    with ctx.db.sessions() as s:
        village = s.scalars(select(Village).limit(1)).first()
    lines = tuple(x for x in (head.regency_line, head.district_line, head.village_line) if x)
    return Masthead(lines, head.address, village.post_name if village else "",
                    head.place or (village.name if village else ""))


def _printed(ctx: ServiceContext) -> tuple[datetime, str]:
    now = datetime.now()
    if now.date() != ctx.today():  # tests and demos fix "today"
        now = datetime.combine(ctx.today(), now.time())
    return now, ctx.officer.full_name if ctx.officer else ""


def attendance_sheet(ctx: ServiceContext, activity_id: str, *,
                     blank_rows: int | None = None) -> AttendanceSheet:
    """The sheet to print for signatures. Empty rows: exactly ``blank_rows`` when given;
    by default at least ``MIN_BLANK_ROWS`` (or as many as came unregistered, when the
    sheet is printed again) and as many more as fill the last page."""
    with ctx.db.sessions() as s:
        load(s, Activity, activity_id)
        activity = activity_views(s, activity_query().where(Activity.id == activity_id))[0]
        attendees = attendee_rows(s, activity_id)
    fill = blank_rows is None
    if blank_rows is None:
        blank_rows = max(MIN_BLANK_ROWS, activity.unregistered_count)
    if not 0 <= blank_rows <= MAX_BLANK_ROWS:
        raise ValidationError([Problem("blank_rows", "Jumlah baris kosong antara 0 dan {most}.",
                                       {"most": MAX_BLANK_ROWS})])
    printed_at, printed_by = _printed(ctx)
    return AttendanceSheet(masthead(ctx), activity, attendees, blank_rows, printed_at,
                           printed_by, fill)


def participation_report(ctx: ServiceContext, date_from: date | None = None,
                         date_to: date | None = None, *, kind: str = "") -> ParticipationReport:
    """Who came to what in the period (either end may be open), optionally one kind only."""
    if date_from is not None and date_to is not None and date_from > date_to:
        raise ValidationError([Problem("date_from", "Tanggal awal periode tidak boleh sesudah "
                                                    "tanggal akhir.")])
    flt = ActivityFilter(date_from, date_to, kind)
    with ctx.db.sessions() as s:
        activities = activity_views(s, filtered(activity_query(), flt))[::-1]
        wanted = {a.id: a for a in activities}
        stmt = (person_query().add_columns(ActivityAttendee.activity_id)
                .join(ActivityAttendee, ActivityAttendee.person_id == Person.id)
                .where(ActivityAttendee.deleted_at.is_(None),
                       ActivityAttendee.present.is_(True))
                .order_by(Person.name_key, Person.id))
        if len(wanted) < 500:
            stmt = stmt.where(ActivityAttendee.activity_id.in_(list(wanted)))
        people: dict[str, tuple[AttendeeView, list[Attended]]] = {}
        for row in s.execute(stmt):
            activity = wanted.get(row[7])
            if activity is None:
                continue
            person = people.setdefault(row[0], (AttendeeView(
                row[0], row[1], row[2] or "", row[3], row[4] or "", row[5] or "", row[6] or "",
                True), []))
            person[1].append(Attended(activity.id, activity.activity_date, activity.kind,
                                      activity.topic))
    persons = [PersonParticipation(view, tuple(sorted(done, key=lambda a: a.activity_date)))
               for view, done in people.values()]
    totals: dict[str, list[int]] = {}
    for a in activities:
        bucket = totals.setdefault(a.kind, [0, 0, 0])
        bucket[0] += 1
        bucket[1] += a.registered_present
        bucket[2] += a.unregistered_count
    order = [k for k in ACTIVITY_KIND if k in totals] + [k for k in totals
                                                          if k not in ACTIVITY_KIND]
    by_kind = [KindTotal(k, *totals[k]) for k in order]
    printed_at, printed_by = _printed(ctx)
    return ParticipationReport(masthead(ctx), date_from, date_to, kind, activities, persons,
                               by_kind, printed_at, printed_by)
