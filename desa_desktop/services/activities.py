"""Activities of the post: socialisation meetings, trainings, community parenting.

Pillars I and III of Desmigratif are counted in people reached, and the
district asks *who* was reached (did the returnee who came to the financial
literacy training later join a business group?). So attendees are picked
from the registry; people who are not registered (a neighbour, a visitor
from the next village) are only counted, never named.

The list has two lives. Before the meeting it is the invitation
(``present`` is None for everyone), printed for signatures
(``reports.attendance_pdf``). After the meeting the officer ticks, from the
signed sheet, who came and who did not, and adds the count of unregistered
attendees. Presence cannot be recorded for a meeting that has not happened.

Deleting an activity is a tombstone (undo brings it back with its list);
the attendance rows are diffed on save, so the audit log shows who was added
to or removed from a list, not a list rewritten wholesale.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from desa_desktop.db.case_models import Institution
from desa_desktop.db.ledger_models import Activity, ActivityAttendee, BusinessGroup
from desa_desktop.db.models import Household, Person
from desa_desktop.services.activity_checks import (
    ActivityInput,
    AttendeeInput,
    check_activity,
    normal_time,
)
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.records import load, revive, stamp_new, tombstone, touch

__all__ = ["ActivityFilter", "ActivityInput", "ActivityView", "AttendeeInput", "AttendeeView",
           "activity_query", "activity_views", "attendee_rows", "create_activity",
           "delete_activity", "filtered", "get_activity", "list_activities", "list_attendees",
           "normal_time", "person_query", "persons_info", "restore_activity", "set_attendance",
           "update_activity"]


@dataclass(frozen=True)
class ActivityView:
    id: str
    activity_date: date
    start_time: str
    kind: str
    topic: str
    facilitator: str
    institution_id: str | None
    institution_name: str
    partner_name: str
    place: str
    group_id: str | None
    group_name: str
    unregistered_count: int
    notes: str
    invited: int  # registered persons on the list
    registered_present: int  # of them, ticked present
    marked: int  # of them, ticked present or absent
    revision: int

    @property
    def partner(self) -> str:
        """The partner to print: the directory's institution, else the typed name."""
        return self.institution_name or self.partner_name

    @property
    def total_present(self) -> int:
        return self.registered_present + self.unregistered_count

    @property
    def recorded(self) -> bool:
        """Attendance was recorded after the meeting (someone ticked, or a head count)."""
        return self.marked > 0 or self.unregistered_count > 0


@dataclass(frozen=True)
class AttendeeView:
    person_id: str
    full_name: str
    nik: str
    sex: str
    dusun: str
    rt: str
    rw: str
    present: bool | None

    @property
    def rt_rw(self) -> str:
        return "/".join(x for x in (f"RT {self.rt}" if self.rt else "",
                                    f"RW {self.rw}" if self.rw else "") if x)

    @property
    def address(self) -> str:
        """``Dusun Cikupa, RT 001/RW 002`` (what tells two Siti Aminah apart on paper)."""
        return ", ".join(x for x in (self.dusun, self.rt_rw) if x)


@dataclass(frozen=True)
class ActivityFilter:
    """The list's filters: a period (either end open), a kind, words to look for."""

    date_from: date | None = None
    date_to: date | None = None
    kind: str = ""
    text: str = ""


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


def _counts():  # type: ignore[no-untyped-def]
    """Per activity: persons invited, present, and ticked either way (live persons only)."""
    return (select(ActivityAttendee.activity_id.label("activity_id"),
                   func.count().label("invited"),
                   func.sum(case((ActivityAttendee.present.is_(True), 1), else_=0))
                   .label("present"),
                   func.sum(case((ActivityAttendee.present.is_not(None), 1), else_=0))
                   .label("marked"))
            .join(Person, Person.id == ActivityAttendee.person_id)
            .where(ActivityAttendee.deleted_at.is_(None), Person.deleted_at.is_(None))
            .group_by(ActivityAttendee.activity_id).subquery())


def activity_query() -> Select:
    """Live activities with partner, group and counts (shared with the report)."""
    counts = _counts()
    return (select(Activity, Institution.name, BusinessGroup.name, counts.c.invited,
                   counts.c.present, counts.c.marked)
            .outerjoin(Institution, Institution.id == Activity.institution_id)
            .outerjoin(BusinessGroup, BusinessGroup.id == Activity.group_id)
            .outerjoin(counts, counts.c.activity_id == Activity.id)
            .where(Activity.deleted_at.is_(None)))


def activity_views(s: Session, stmt: Select) -> list[ActivityView]:
    return [ActivityView(a.id, a.activity_date, a.start_time, a.kind, a.topic, a.facilitator,
                         a.institution_id, inst or "", a.partner_name, a.place, a.group_id,
                         group or "", a.unregistered_count, a.notes, invited or 0,
                         present or 0, marked or 0, a.revision)
            for a, inst, group, invited, present, marked in s.execute(stmt)]


def filtered(stmt: Select, flt: ActivityFilter) -> Select:
    """Apply the period, kind and text of ``flt``, newest first."""
    if flt.date_from is not None:
        stmt = stmt.where(Activity.activity_date >= flt.date_from)
    if flt.date_to is not None:
        stmt = stmt.where(Activity.activity_date <= flt.date_to)
    if flt.kind:
        stmt = stmt.where(Activity.kind == flt.kind)
    for word in flt.text.lower().split():
        # "%" or "_" typed by the officer is a character to find, not a wildcard.
        like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        stmt = stmt.where(or_(*(func.lower(column).like(like, escape="\\") for column in (
            Activity.topic, Activity.facilitator, Activity.partner_name, Activity.place,
            Activity.notes, Institution.name, BusinessGroup.name))))
    return stmt.order_by(Activity.activity_date.desc(), Activity.start_time.desc(),
                         Activity.created_at.desc())


def list_activities(ctx: ServiceContext, flt: ActivityFilter | None = None
                    ) -> list[ActivityView]:
    """Activities matching the filters, newest first."""
    with ctx.db.sessions() as s:
        return activity_views(s, filtered(activity_query(), flt or ActivityFilter()))


def get_activity(ctx: ServiceContext, activity_id: str) -> ActivityView:
    with ctx.db.sessions() as s:
        load(s, Activity, activity_id)
        return activity_views(s, activity_query().where(Activity.id == activity_id))[0]


def person_query() -> Select:
    return (select(Person.id, Person.full_name, Person.nik, Person.sex, Household.dusun,
                   Household.rt, Household.rw)
            .outerjoin(Household, and_(Household.id == Person.household_id,
                                       Household.deleted_at.is_(None)))
            .where(Person.deleted_at.is_(None)))


def _attendee(row: Sequence, present: bool | None) -> AttendeeView:
    pid, name, nik, sex, dusun, rt, rw = row
    return AttendeeView(pid, name, nik or "", sex, dusun or "", rt or "", rw or "", present)


def attendee_rows(s: Session, activity_id: str) -> list[AttendeeView]:
    """The activity's list by name (persons deleted from the registry are left out)."""
    stmt = (person_query().add_columns(ActivityAttendee.present)
            .join(ActivityAttendee, ActivityAttendee.person_id == Person.id)
            .where(ActivityAttendee.activity_id == activity_id,
                   ActivityAttendee.deleted_at.is_(None))
            .order_by(Person.name_key, Person.id))
    return [_attendee(row[:7], row[7]) for row in s.execute(stmt)]


def list_attendees(ctx: ServiceContext, activity_id: str) -> list[AttendeeView]:
    with ctx.db.sessions() as s:
        load(s, Activity, activity_id)
        return attendee_rows(s, activity_id)


def persons_info(ctx: ServiceContext, person_ids: Iterable[str]) -> list[AttendeeView]:
    """Name, NIK and address of persons about to be put on a list (order kept, gone skipped)."""
    ids = list(dict.fromkeys(person_ids))
    with ctx.db.sessions() as s:
        found = {row[0]: _attendee(row, None)
                 for row in s.execute(person_query().where(Person.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


# ---------------------------------------------------------------------------
# Saving
# ---------------------------------------------------------------------------


def _save_attendees(ctx: ServiceContext, s: Session, activity_id: str,
                    attendees: Sequence[AttendeeInput]) -> None:
    """Bring the stored list to ``attendees``, touching only what changed.

    Rows of persons deleted from the registry are left alone: restoring the
    person from the bin brings their attendance back.
    """
    rows: dict[str, ActivityAttendee] = {}
    for row in s.scalars(select(ActivityAttendee)
                         .join(Person, Person.id == ActivityAttendee.person_id)
                         .where(ActivityAttendee.activity_id == activity_id,
                                Person.deleted_at.is_(None))
                         .order_by(ActivityAttendee.deleted_at.is_not(None))):
        rows.setdefault(row.person_id, row)  # a live row wins over a tombstone
    wanted = {a.person_id: a.present for a in attendees}
    for person_id, row in rows.items():
        if person_id not in wanted:
            if row.deleted_at is None:
                tombstone(ctx, row)
        elif row.deleted_at is not None:
            row.present = wanted[person_id]
            revive(ctx, row)
        elif row.present is not wanted[person_id]:
            row.present = wanted[person_id]
            touch(ctx, row)
    for person_id, present in wanted.items():
        if person_id not in rows:
            s.add(stamp_new(ctx, ActivityAttendee(activity_id=activity_id, person_id=person_id,
                                                  present=present)))


def create_activity(ctx: ServiceContext, data: ActivityInput,
                    attendees: Sequence[AttendeeInput] = ()) -> Change:
    """Record an activity (planned or held) with its list of registered persons."""
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        values = check_activity(ctx, s, data, attendees, None)
        record = stamp_new(ctx, Activity(**values))
        s.add(record)
        s.flush()
        _save_attendees(ctx, s, record.id, attendees)
        return Change("activity", (record.id,), "created")


def update_activity(ctx: ServiceContext, activity_id: str, data: ActivityInput,
                    attendees: Sequence[AttendeeInput] | None = None) -> Change:
    """Change the details and, unless ``attendees`` is None, the list and who came."""
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        record = load(s, Activity, activity_id)
        values = check_activity(ctx, s, data, attendees, record)
        changed = False
        for key, value in values.items():
            if getattr(record, key) != value:
                setattr(record, key, value)
                changed = True
        if changed:
            touch(ctx, record)
        if attendees is not None:
            _save_attendees(ctx, s, activity_id, attendees)
        return Change("activity", (activity_id,), "updated")


def set_attendance(ctx: ServiceContext, activity_id: str,
                   attendees: Sequence[AttendeeInput]) -> Change:
    """Replace the list (and who came) while keeping the activity's details."""
    view = get_activity(ctx, activity_id)
    data = ActivityInput(view.activity_date, view.kind, view.topic, view.start_time,
                         view.facilitator, view.institution_id, view.partner_name, view.place,
                         view.group_id, view.unregistered_count, view.notes)
    return update_activity(ctx, activity_id, data, attendees)


def delete_activity(ctx: ServiceContext, activity_id: str) -> Change:
    """Move to the bin; its list stays with it, so undo brings both back."""
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        tombstone(ctx, load(s, Activity, activity_id))
        return Change("activity", (activity_id,), "deleted")


def restore_activity(ctx: ServiceContext, activity_id: str) -> Change:
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        revive(ctx, load(s, Activity, activity_id, live=False))
        return Change("activity", (activity_id,), "restored")
