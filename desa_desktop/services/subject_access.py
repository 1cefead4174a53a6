"""Everything the post holds about one person, for that person to see.

UU 27/2022 (Pelindungan Data Pribadi) gives a data subject the right to see
the data held about them and to ask for corrections. The officer answers by
printing this: identity, household, every placement (with its risk
answers), the household's visits, the business groups with the person's
savings and loans and the activities they were listed for
(``subject_access_groups``), and the full change history (who changed what,
when, and how the data was collected; labels in ``subject_access_labels``).
It is read through the same services the screens use, so the printout shows
exactly what the app holds and no rule lives twice.

Only plain, already-labelled Indonesian text leaves this module (the PDF is
Indonesian; money from the group books stays whole Rupiah); the history
lines keep field and value labels apart so the GUI can still translate them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from desa_desktop.domain.formatting import long_date, short_date
from desa_desktop.domain.nik import format_nik
from desa_desktop.domain.phone import format_phone
from desa_desktop.domain.reference import (
    COLLECTION_METHOD,
    COUNTRIES,
    DOCUMENTS,
    EDUCATION,
    JOB,
    MARITAL_STATUS,
    PROCEDURAL,
    RELATION_TO_HEAD,
    ROLES,
    SCHEME,
    SECTOR,
    SEX,
    STATUS,
    VISIT_KIND,
    VISIT_OUTCOME,
)
from desa_desktop.services import accounts, audit, households, persons, placements, visits
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import NotFoundError, PermissionDenied
from desa_desktop.services.subject_access_groups import (
    ActivityLine,
    MembershipBlock,
    attended_activities,
    group_memberships,
)
from desa_desktop.services.subject_access_labels import (
    ACTION_LABELS,
    CODE_TABLES,
    DATE_FIELDS,
    ENTITY_LABELS,
    FIELD_LABELS,
    FLAG_TABLES,
    HIDDEN_FIELDS,
    placement_risk_rows,
)

ARROW = "→"
EMPTY = "(kosong)"
UNKNOWN_OFFICER = "(tidak diketahui)"
#: Who made the changes no officer made (the status rules recomputing PMI/purna).
SYSTEM_LABEL = "Sistem (otomatis)"

@dataclass(frozen=True)
class LabelValue:
    """One line of the printout: an Indonesian label and the value as text."""

    label: str
    value: str


@dataclass(frozen=True)
class PlacementBlock:
    """One departure, titled by country and date."""

    title: str
    fields: tuple[LabelValue, ...]


@dataclass(frozen=True)
class VisitLine:
    """One visit to the person's household, as text."""

    visit_date: str
    kind: str
    outcome: str
    officer_name: str
    collection_method: str
    follow_up: str
    notes: str


@dataclass(frozen=True)
class ChangeLine:
    """One field of one change; ``coded`` says the values are code-table labels
    (the GUI translates those; typed data is shown as typed)."""

    field: str
    label: str
    old: str
    new: str
    coded: bool = False

    def text(self, arrow: str = ARROW, *, show_old: bool = True) -> str:
        if not show_old:
            return f"{self.label}: {self.new}"
        return f"{self.label}: {self.old} {arrow} {self.new}"


@dataclass(frozen=True)
class HistoryLine:
    """One entry of the audit log about the person, labelled for reading."""

    at: datetime  # local time, zone-aware
    officer_name: str
    entity: str
    entity_label: str
    action: str  # "create", "update", "delete", "restore"
    action_label: str  # "dibuat", "diubah", "dihapus", "dipulihkan"
    changes: tuple[ChangeLine, ...]
    collection_method: str = ""  # label, when the entry says how the data was collected

    @property
    def what(self) -> str:
        """``Penempatan diubah``."""
        return f"{self.entity_label} {self.action_label}"

    def changes_text(self, arrow: str = ARROW, separator: str = "\n") -> str:
        """Every change on its own line; a new record lists its values, not "(kosong) →"."""
        show_old = self.action != "create"
        return separator.join(c.text(arrow, show_old=show_old) for c in self.changes)


@dataclass(frozen=True)
class PersonDataSheet:
    """All data held about one person, as labelled Indonesian text for the printout."""

    village_name: str
    village_code: str
    post_name: str
    printed_at: datetime  # local time
    printed_by: str
    person_name: str
    in_bin: bool
    identity: tuple[LabelValue, ...]
    household: tuple[LabelValue, ...]
    placements: tuple[PlacementBlock, ...]
    visits: tuple[VisitLine, ...]
    history: tuple[HistoryLine, ...]
    memberships: tuple[MembershipBlock, ...] = ()  # business groups, with savings and loans
    activities: tuple[ActivityLine, ...] = ()  # activities the person was on the list of


def require_reader(ctx: ServiceContext) -> None:
    """Personal data is shown only to a logged-in officer of a known role."""
    if ctx.officer is None or ctx.officer.role not in ROLES:
        raise PermissionDenied("Masuk dengan akun petugas untuk melihat data pribadi.")


def to_local(moment: datetime) -> datetime:
    """A stored UTC moment (naive, as SQLite keeps it) in the laptop's local time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone()


def _day(value: object, *, long: bool = False) -> str:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return long_date(value) if long else short_date(value)
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            parsed = date.fromisoformat(value[:10])
        except ValueError:
            return value
        return long_date(parsed) if long else short_date(parsed)
    return str(value) if value else ""


def _moment(value: object) -> str:
    if not isinstance(value, datetime):
        return ""
    return to_local(value).strftime("%d/%m/%Y %H.%M")


def _is_empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == ()


def _flag(value: object) -> bool | None:
    """The log writes yes/no as "true"/"false" text; the services hand real booleans."""
    if isinstance(value, bool) or value is None:
        return value
    return {"true": True, "false": False}.get(str(value).lower())


def format_value(field: str, value: object,
                 household_label: Callable[[str], str] | None = None) -> tuple[str, bool]:
    """A stored value (as the audit log gives it: text, codes, ISO dates) as the person
    reads it, and whether the text is a code-table label."""
    if field in FLAG_TABLES:
        return FLAG_TABLES[field].get(_flag(value), str(value)), True
    if _is_empty(value):
        return EMPTY, False
    if field in CODE_TABLES:
        label = CODE_TABLES[field].get(value, str(value))
        return (EMPTY, False) if label == "-" else (label, True)
    if field == "documents":
        codes = value if isinstance(value, list | tuple) else str(value).split(",")
        return ", ".join(DOCUMENTS.get(str(d).strip(), str(d).strip()) for d in codes), True
    if field in DATE_FIELDS:
        return _day(value), False
    if field == "nik":
        return format_nik(str(value)), False
    if field == "phone":
        return format_phone(str(value)), False
    if field == "household_id" and household_label is not None:
        return household_label(str(value)), False
    if isinstance(value, bool):
        return ("Ya" if value else "Tidak"), True
    return str(value), False


def describe_changes(changes: Iterable[Any],
                     household_label: Callable[[str], str] | None = None
                     ) -> tuple[ChangeLine, ...]:
    """The audit log's ``FieldChange``s as labelled lines, bookkeeping columns left out."""
    lines: list[ChangeLine] = []
    for change in changes:
        if change.field in HIDDEN_FIELDS:
            continue
        old, old_coded = format_value(change.field, change.old, household_label)
        new, new_coded = format_value(change.field, change.new, household_label)
        if old == new:
            continue
        lines.append(ChangeLine(change.field, FIELD_LABELS.get(change.field, change.field),
                                old, new, old_coded or new_coded))
    # The forms' order (name before birth date...), not the log's alphabetical one;
    # notes, the longest, last.
    order = {name: i for i, name in enumerate(FIELD_LABELS)}
    order["notes"] = len(order)
    return tuple(sorted(lines, key=lambda c: (order.get(c.field, len(order)), c.field)))


def _household_labeller(ctx: ServiceContext) -> Callable[[str], str]:
    """Households named by KK and head (ids mean nothing on paper); looked up once each."""
    cache: dict[str, str] = {}

    def label(household_id: str) -> str:
        if household_id not in cache:
            try:
                h = households.get_household(ctx, household_id)
                cache[household_id] = f"KK {h.kk_number or '-'} ({h.head_name})"
            except NotFoundError:
                cache[household_id] = "(keluarga tidak ditemukan)"
        return cache[household_id]

    return label


def _officer(name: str | None) -> str:
    if not name:
        return UNKNOWN_OFFICER
    return SYSTEM_LABEL if name == audit.SYSTEM_OFFICER else name


def _history_lines(ctx: ServiceContext, entries: Iterable[Any]) -> list[HistoryLine]:
    household_label = _household_labeller(ctx)
    return [
        HistoryLine(
            at=to_local(e.at),
            officer_name=_officer(e.officer_name),
            entity=e.entity,
            entity_label=ENTITY_LABELS.get(e.entity, e.entity),
            action=e.action,
            action_label=ACTION_LABELS.get(e.action, e.action),
            changes=_without_source(describe_changes(e.changes, household_label), e),
            # A rule recomputing a status collected nothing from anyone.
            collection_method=("" if e.officer_name == audit.SYSTEM_OFFICER
                               else COLLECTION_METHOD.get(e.collection_method or "", "")),
        )
        for e in entries
    ]


def _without_source(changes: tuple[ChangeLine, ...], entry: Any) -> tuple[ChangeLine, ...]:
    """A new record's collection method is already its "Sumber"; listing it twice is noise."""
    if entry.action != "create" or not entry.collection_method:
        return changes
    return tuple(c for c in changes if c.field != "collection_method")


def person_history(ctx: ServiceContext, person_id: str) -> list[HistoryLine]:
    """Every logged change to the person and their placements, newest first."""
    require_reader(ctx)
    ids = audit.person_history_ids(ctx.db, person_id)
    return _history_lines(ctx, audit.history(ctx.db, ids))


def _identity(person: persons.PersonView) -> tuple[LabelValue, ...]:
    born = ", ".join(x for x in (person.birth_place, _day(person.birth_date, long=True)) if x)
    rows = [
        ("Nama lengkap", person.full_name),
        ("NIK", format_nik(person.nik) if person.nik else "(belum ada NIK)"),
        ("Jenis kelamin", SEX.get(person.sex, person.sex)),
        ("Tempat, tanggal lahir", born),
        ("No. HP", format_phone(person.phone)),
        ("Pendidikan", EDUCATION.get(person.education, "")),
        ("Status perkawinan", MARITAL_STATUS.get(person.marital_status, "")),
        ("No. paspor", person.passport_number),
        ("Status", STATUS.get(person.status, person.status)),
        ("Negara terakhir", COUNTRIES.get(person.last_country, person.last_country)),
        ("Cara pengumpulan data", COLLECTION_METHOD.get(person.collection_method, "")),
        ("Tanggal pendataan", _day(person.collected_on, long=True)),
        ("Catatan", person.notes),
        ("Pertama dicatat", _moment(person.created_at)),
        ("Terakhir diubah", _moment(person.updated_at)),
    ]
    return tuple(LabelValue(label, "" if value == "-" else value) for label, value in rows)


def _household(person: persons.PersonView,
               household: households.HouseholdView | None) -> tuple[LabelValue, ...]:
    if household is None:
        return ()
    rows = [
        ("No. KK", household.kk_number or "(belum ada No. KK)"),
        ("Nama kepala keluarga", household.head_name),
        ("Hubungan dengan kepala keluarga", RELATION_TO_HEAD.get(person.relation_to_head, "")),
        ("Dusun", household.dusun),
        ("RT/RW", f"{household.rt or '-'}/{household.rw or '-'}"),
        ("Alamat", household.address),
        ("Jumlah anggota terdaftar", str(household.member_count)),
        ("Cara pengumpulan data", COLLECTION_METHOD.get(household.collection_method, "")),
        ("Tanggal pendataan", _day(household.collected_on, long=True)),
    ]
    return tuple(LabelValue(label, "" if value == "-" else value) for label, value in rows)


def _placement(number: int, p: placements.PlacementView) -> PlacementBlock:
    country = COUNTRIES.get(p.country, p.country)
    when = (f"berangkat {_day(p.departure_date, long=True)}" if p.departure_date
            else "rencana keberangkatan")
    have = [DOCUMENTS[d] for d in DOCUMENTS if d in p.documents]
    docs = f"{len(have)} dari {len(DOCUMENTS)}" + (": " + ", ".join(have) if have else "")
    rows = [
        ("Negara tujuan", country),
        ("Sektor", SECTOR.get(p.sector, "")),
        ("Jabatan/pekerjaan", JOB.get(p.job, "")),
        ("Skema penempatan", SCHEME.get(p.scheme, "")),
        ("Nama P3MI", p.agency_name),
        ("Tanggal berangkat", _day(p.departure_date, long=True)),
        ("Akhir kontrak", _day(p.contract_end, long=True)),
        ("Tanggal pulang", _day(p.return_date, long=True)),
        ("Prosedural", PROCEDURAL.get(p.procedural, "")),
        ("Dokumen yang ada", docs),
        *placement_risk_rows(p),
        ("Catatan", p.notes),
    ]
    fields = tuple(LabelValue(label, "" if value == "-" else value) for label, value in rows)
    return PlacementBlock(f"Penempatan {number}: {country}, {when}", fields)


def _visit(v: visits.VisitView) -> VisitLine:
    return VisitLine(
        visit_date=_day(v.visit_date), kind=VISIT_KIND.get(v.kind, v.kind),
        outcome=VISIT_OUTCOME.get(v.outcome, v.outcome), officer_name=v.officer_name,
        collection_method=COLLECTION_METHOD.get(v.collection_method, ""),
        follow_up=_day(v.follow_up_date), notes=v.notes,
    )


def record_printout(ctx: ServiceContext, person_id: str) -> None:
    """Log in the audit chain that this person's full data was printed, and by whom."""
    require_reader(ctx)
    audit.log_disclosure(ctx.db, "person", person_id, ctx.officer_id, "data_pribadi_pdf")


def gather_person_data(ctx: ServiceContext, person_id: str) -> PersonDataSheet:
    """Collect the person's data for the access printout (read-only; any officer may)."""
    require_reader(ctx)
    assert ctx.officer is not None
    person = persons.get_person(ctx, person_id)
    household = None
    if person.household_id:
        try:
            household = households.get_household(ctx, person.household_id)
        except NotFoundError:
            household = None
    village = accounts.get_village(ctx.db)
    placement_views = placements.list_placements(ctx, person_id)
    # Oldest departure is "Penempatan 1": the numbering follows the person's life.
    blocks = [_placement(n, p) for n, p in enumerate(reversed(placement_views), start=1)]
    visit_lines = (tuple(_visit(v) for v in visits.list_visits(ctx, household.id))
                   if household is not None else ())
    return PersonDataSheet(
        village_name=village.name if village else "",
        village_code=village.code if village else ctx.village_code,
        post_name=village.post_name if village else "",
        printed_at=datetime.now().astimezone(),
        printed_by=ctx.officer.full_name,
        person_name=person.full_name,
        in_bin=person.deleted,
        identity=_identity(person),
        household=_household(person, household),
        placements=tuple(reversed(blocks)),
        visits=visit_lines,
        history=tuple(person_history(ctx, person_id)),
        memberships=group_memberships(ctx, person_id),
        activities=attended_activities(ctx, person_id),
    )
