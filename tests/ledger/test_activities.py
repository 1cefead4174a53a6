"""Activities: planning a meeting with an invitation list, recording who came, the
checks an officer meets in plain Indonesian, filters, undo, and the participation
report the district reads."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from desa_desktop.services import activities, activity_reports, institutions, persons
from desa_desktop.services.activities import ActivityFilter, ActivityInput, AttendeeInput
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError
from tests.conftest import TODAY, VILLAGE
from tests.services.helpers import add_household, add_person, count_rows, row


@pytest.fixture
def people(ctx: ServiceContext) -> dict[str, str]:
    home = add_household(ctx, "Karsih", dusun="Dusun Cikupa", rt="001", rw="002")
    return {name: add_person(ctx, name, household_id=home, **kw) for name, kw in (
        ("Siti Aminah", {"sex": "P", "birth": date(1990, 5, 4)}),
        ("Asep Saepudin", {}),
        ("Euis Kurniasih", {"sex": "P", "birth": date(1995, 3, 30)}),
    )}


def literacy(day: date = date(2026, 11, 10), **fields: object) -> ActivityInput:
    values: dict = {"activity_date": day, "kind": "pelatihan_keuangan",
                    "topic": "Mengelola kiriman uang keluarga", "start_time": "9.00",
                    "facilitator": "Ibu Rina (OJK)", "place": "Balai Desa Karyamukti"}
    values.update(fields)
    return ActivityInput(**values)


def problems_of(err: pytest.ExceptionInfo[ValidationError]) -> dict[str | None, list[str]]:
    found: dict[str | None, list[str]] = {}
    for p in err.value.problems:
        found.setdefault(p.field, []).append(p.text)
    return found


# -- planning and recording ------------------------------------------------------------

def test_a_planned_meeting_has_an_invitation_list_without_ticks(ctx, people):
    planned = literacy(date(2026, 12, 5))
    change = activities.create_activity(ctx, planned, [
        AttendeeInput(people["Siti Aminah"]), AttendeeInput(people["Asep Saepudin"])])
    view = activities.get_activity(ctx, change.ids[0])
    assert (view.invited, view.registered_present, view.total_present, view.recorded) == (
        2, 0, 0, False)
    assert view.start_time == "09:00"  # "9.00" as typed, stored the usual way
    listed = activities.list_attendees(ctx, view.id)
    assert [a.full_name for a in listed] == ["Asep Saepudin", "Siti Aminah"]
    assert all(a.present is None for a in listed)
    assert listed[1].address == "Dusun Cikupa, RT 001/RW 002"


def test_after_the_meeting_the_officer_ticks_who_came(ctx, people):
    activity_id = activities.create_activity(ctx, literacy(), [
        AttendeeInput(pid) for pid in people.values()]).ids[0]
    activities.update_activity(ctx, activity_id, literacy(unregistered_count=7), [
        AttendeeInput(people["Siti Aminah"], True), AttendeeInput(people["Asep Saepudin"], False),
        AttendeeInput(people["Euis Kurniasih"], True)])
    view = activities.get_activity(ctx, activity_id)
    assert (view.invited, view.registered_present, view.unregistered_count,
            view.total_present, view.recorded) == (3, 2, 7, 9, True)
    present = {a.full_name: a.present for a in activities.list_attendees(ctx, activity_id)}
    assert present == {"Siti Aminah": True, "Asep Saepudin": False, "Euis Kurniasih": True}


def test_set_attendance_keeps_the_details(ctx, people):
    activity_id = activities.create_activity(ctx, literacy()).ids[0]
    activities.set_attendance(ctx, activity_id, [AttendeeInput(people["Siti Aminah"], True)])
    view = activities.get_activity(ctx, activity_id)
    assert (view.topic, view.place, view.registered_present) == (
        "Mengelola kiriman uang keluarga", "Balai Desa Karyamukti", 1)


def test_changing_the_list_touches_only_what_changed(ctx, db, people):
    siti, asep = people["Siti Aminah"], people["Asep Saepudin"]
    activity_id = activities.create_activity(ctx, literacy(), [AttendeeInput(siti),
                                                               AttendeeInput(asep)]).ids[0]
    activities.update_activity(ctx, activity_id, literacy(), [AttendeeInput(siti, True)])
    assert [a.full_name for a in activities.list_attendees(ctx, activity_id)] == ["Siti Aminah"]
    activities.update_activity(ctx, activity_id, literacy(), [AttendeeInput(siti, True),
                                                              AttendeeInput(asep, True)])
    # Asep's row came back from its tombstone instead of a second row for him.
    assert count_rows(db, "activity_attendee") == 2
    assert activities.get_activity(ctx, activity_id).registered_present == 2
    # The audit log tells the list's story: both invited, Asep taken off, Siti ticked,
    # Asep put back and ticked.
    with db.engine.connect() as conn:
        story = [tuple(r) for r in conn.execute(text(
            "SELECT action, entity_id FROM audit_log WHERE entity = 'activity_attendee' "
            "ORDER BY seq"))]
    rows = {entity_id: name for name, entity_id in (
        ("Siti", row(db, "SELECT id FROM activity_attendee WHERE person_id = :p", p=siti)[0]),
        ("Asep", row(db, "SELECT id FROM activity_attendee WHERE person_id = :p", p=asep)[0]))}
    assert sorted((action, rows[e]) for action, e in story) == sorted([
        ("create", "Siti"), ("create", "Asep"), ("delete", "Asep"), ("update", "Siti"),
        ("restore", "Asep")])


# -- checks ----------------------------------------------------------------------------

def test_every_mistake_is_named_at_once_in_plain_words(ctx, people):
    bad = ActivityInput(activity_date=None, kind="rapat", topic="  ", start_time="25:00",
                        unregistered_count=-3)
    with pytest.raises(ValidationError) as err:
        activities.create_activity(ctx, bad, [AttendeeInput(people["Siti Aminah"]),
                                              AttendeeInput(people["Siti Aminah"])])
    assert problems_of(err) == {
        "topic": ["Isi topik kegiatan."],
        "kind": ["Pilih jenis kegiatan."],
        "activity_date": ["Isi tanggal kegiatan."],
        "start_time": ["Jam mulai ditulis jj:mm, contoh 09:00."],
        "unregistered_count": ["Jumlah peserta tidak terdaftar tidak boleh negatif."],
        "attendees": ["Siti Aminah tercantum dua kali di daftar hadir."],
    }
    assert activities.list_activities(ctx) == []


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"unregistered_count": 50_000}, "unregistered_count",
     "Jumlah peserta tidak terdaftar terlalu besar (paling banyak 5000)."),
    ({"unregistered_count": 2.5}, "unregistered_count",
     "Jumlah peserta tidak terdaftar harus bilangan bulat."),
    ({"activity_date": date(1926, 11, 10)}, "activity_date",
     "Tanggal kegiatan terlalu jauh di masa lalu; periksa tahunnya."),
    ({"activity_date": date(2028, 11, 10)}, "activity_date",
     "Tanggal kegiatan paling jauh satu tahun dari hari ini; periksa tahunnya."),
    ({"topic": "x" * 301}, "topic", "Topik kegiatan terlalu panjang (paling banyak 300 huruf)."),
    ({"institution_id": "tidak-ada"}, "institution_id",
     "Lembaga mitra tidak ditemukan; pilih dari daftar lembaga."),
    ({"group_id": "tidak-ada"}, "group_id",
     "Kelompok usaha tidak ditemukan; pilih dari daftar kelompok."),
])
def test_single_mistakes(ctx, fields, field, message):
    with pytest.raises(ValidationError) as err:
        activities.create_activity(ctx, literacy(**fields))
    assert problems_of(err) == {field: [message]}


def test_who_came_cannot_be_recorded_before_the_meeting(ctx, people):
    future = date(2026, 12, 5)
    with pytest.raises(ValidationError) as err:
        activities.create_activity(ctx, literacy(future, unregistered_count=4),
                                   [AttendeeInput(people["Siti Aminah"], True)])
    assert problems_of(err) == {
        "unregistered_count": ["Kegiatan belum berlangsung; jumlah peserta tidak terdaftar "
                               "diisi sesudah kegiatan."],
        "attendees": ["Kegiatan belum berlangsung; kehadiran baru dapat dicatat pada hari "
                      "kegiatan atau sesudahnya."]}
    # The meeting of today may be recorded (the sheet comes back the same afternoon).
    activities.create_activity(ctx, literacy(TODAY, unregistered_count=4),
                               [AttendeeInput(people["Siti Aminah"], True)])


def test_a_recorded_meeting_cannot_move_into_the_future(ctx, people):
    activity_id = activities.create_activity(
        ctx, literacy(), [AttendeeInput(people["Siti Aminah"], True)]).ids[0]
    with pytest.raises(ValidationError) as err:
        activities.update_activity(ctx, activity_id, literacy(date(2026, 12, 1)))
    assert problems_of(err) == {"activity_date": [
        "Kehadiran sudah dicatat; tanggal kegiatan tidak dapat dipindah ke masa depan."]}


def test_the_same_meeting_typed_twice_is_refused(ctx):
    activities.create_activity(ctx, literacy())
    with pytest.raises(ValidationError) as err:
        activities.create_activity(ctx, literacy(topic="mengelola  KIRIMAN uang keluarga"))
    assert problems_of(err) == {"topic": [
        "Kegiatan dengan topik, tanggal dan jam yang sama sudah tercatat."]}
    activities.create_activity(ctx, literacy(start_time="13:30"))  # the afternoon session
    assert len(activities.list_activities(ctx)) == 2


def test_a_person_deleted_from_the_registry(ctx, people):
    siti = people["Siti Aminah"]
    activity_id = activities.create_activity(ctx, literacy(), [
        AttendeeInput(siti, True), AttendeeInput(people["Asep Saepudin"], True)]).ids[0]
    persons.delete_person(ctx, siti)
    assert activities.get_activity(ctx, activity_id).registered_present == 1
    with pytest.raises(ValidationError) as err:
        activities.update_activity(ctx, activity_id, literacy(), [AttendeeInput(siti, True)])
    assert "tidak ada lagi di data penduduk" in problems_of(err)["attendees"][0]
    # Saving without her leaves her row alone: restoring her brings her attendance back.
    activities.update_activity(ctx, activity_id, literacy(),
                               [AttendeeInput(people["Asep Saepudin"], True)])
    persons.restore_person(ctx, siti)
    assert activities.get_activity(ctx, activity_id).registered_present == 2


def test_partner_from_the_directory_stays_when_it_is_removed_later(ctx):
    inst = next(i for i in institutions.list_institutions(ctx) if "BP3MI" in i.name)
    activity_id = activities.create_activity(ctx, literacy(institution_id=inst.id)).ids[0]
    assert activities.get_activity(ctx, activity_id).partner == inst.name
    institutions.delete_institution(ctx, inst.id)
    activities.update_activity(ctx, activity_id, literacy(institution_id=inst.id,
                                                          notes="Materi dibagikan."))
    assert activities.get_activity(ctx, activity_id).partner == inst.name
    with pytest.raises(ValidationError):
        activities.create_activity(ctx, literacy(TODAY, institution_id=inst.id))
    typed = activities.create_activity(ctx, literacy(TODAY, partner_name="  Migrant  CARE "))
    assert activities.get_activity(ctx, typed.ids[0]).partner == "Migrant CARE"


@pytest.mark.parametrize(("typed", "stored"), [
    ("", ""), ("9.00", "09:00"), ("09:30", "09:30"), (" 13.05 ", "13:05"), ("24:00", None),
    ("9", None), ("jam 9", None), ("12:60", None)])
def test_start_time_as_officers_write_it(typed, stored):
    assert activities.normal_time(typed) == stored


# -- reading, filters, undo, rights ---------------------------------------------------

def test_filters_by_period_kind_and_words(ctx):
    inst = next(i for i in institutions.list_institutions(ctx) if "BP3MI" in i.name)
    activities.create_activity(ctx, literacy(date(2026, 3, 2)))
    activities.create_activity(ctx, ActivityInput(
        date(2026, 10, 20), "sosialisasi", "Migrasi aman ke Hong Kong",
        institution_id=inst.id, place="Dusun Babakan"))
    activities.create_activity(ctx, ActivityInput(
        date(2025, 8, 1), "parenting", "Pengasuhan anak pekerja migran"))

    def topics(**kw: object) -> list[str]:
        return [a.topic for a in activities.list_activities(ctx, ActivityFilter(**kw))]

    assert topics() == ["Migrasi aman ke Hong Kong", "Mengelola kiriman uang keluarga",
                        "Pengasuhan anak pekerja migran"]  # newest first
    assert topics(date_from=date(2026, 1, 1)) == ["Migrasi aman ke Hong Kong",
                                                  "Mengelola kiriman uang keluarga"]
    assert topics(date_to=date(2026, 3, 2)) == ["Mengelola kiriman uang keluarga",
                                                "Pengasuhan anak pekerja migran"]
    assert topics(kind="parenting") == ["Pengasuhan anak pekerja migran"]
    assert topics(text="bp3mi") == ["Migrasi aman ke Hong Kong"]  # the partner's name
    assert topics(text="babakan migrasi") == ["Migrasi aman ke Hong Kong"]
    assert topics(text="ojk") == ["Mengelola kiriman uang keluarga"]  # the facilitator
    assert topics(text="tidak ada") == []
    assert topics(text="%") == [] and topics(text="_") == []  # characters, not wildcards


def test_delete_and_undo_bring_the_list_back(ctx, people):
    activity_id = activities.create_activity(
        ctx, literacy(), [AttendeeInput(people["Siti Aminah"], True)]).ids[0]
    assert activities.delete_activity(ctx, activity_id).action == "deleted"
    assert activities.list_activities(ctx) == []
    with pytest.raises(NotFoundError):
        activities.get_activity(ctx, activity_id)
    assert activities.restore_activity(ctx, activity_id).action == "restored"
    assert activities.get_activity(ctx, activity_id).registered_present == 1


def test_the_village_head_reads_but_cannot_change(ctx, head_ctx, people):
    activity_id = activities.create_activity(ctx, literacy()).ids[0]
    assert [a.id for a in activities.list_activities(head_ctx)] == [activity_id]
    for attempt in (lambda: activities.create_activity(head_ctx, literacy(TODAY)),
                    lambda: activities.update_activity(head_ctx, activity_id, literacy()),
                    lambda: activities.delete_activity(head_ctx, activity_id)):
        with pytest.raises(PermissionDenied):
            attempt()


# -- printouts' data ---------------------------------------------------------------------

def test_attendance_sheet_data(ctx, people):
    activity_id = activities.create_activity(ctx, literacy(date(2026, 12, 5)), [
        AttendeeInput(pid) for pid in people.values()]).ids[0]
    sheet = activity_reports.attendance_sheet(ctx, activity_id)
    assert sheet.masthead.post_name == VILLAGE.post_name
    assert sheet.masthead.lines[-1] == "DESA KARYAMUKTI"
    assert [a.full_name for a in sheet.attendees] == ["Asep Saepudin", "Euis Kurniasih",
                                                      "Siti Aminah"]
    assert sheet.blank_rows == activity_reports.MIN_BLANK_ROWS and sheet.fill_page
    assert sheet.printed_by == "Admin Desa" and sheet.printed_at.date() == TODAY
    exact = activity_reports.attendance_sheet(ctx, activity_id, blank_rows=0)
    assert (exact.blank_rows, exact.fill_page) == (0, False)
    with pytest.raises(ValidationError):
        activity_reports.attendance_sheet(ctx, activity_id, blank_rows=-1)


def test_participation_report_per_activity_and_per_person(ctx, people):
    siti, asep, euis = people["Siti Aminah"], people["Asep Saepudin"], people["Euis Kurniasih"]
    a1 = activities.create_activity(ctx, literacy(date(2026, 9, 1), unregistered_count=5), [
        AttendeeInput(siti, True), AttendeeInput(asep, False)]).ids[0]
    a2 = activities.create_activity(ctx, ActivityInput(
        date(2026, 10, 1), "sosialisasi", "Migrasi aman", unregistered_count=12),
        [AttendeeInput(siti, True), AttendeeInput(euis, True)]).ids[0]
    activities.create_activity(ctx, ActivityInput(date(2026, 11, 15), "parenting",
                                                  "Pengasuhan jarak jauh"),
                               [AttendeeInput(asep)])  # held, never recorded
    activities.create_activity(ctx, ActivityInput(date(2025, 1, 1), "sosialisasi", "Lama"),
                               [AttendeeInput(asep, True)])  # outside the period

    report = activity_reports.participation_report(ctx, date(2026, 1, 1), date(2026, 12, 31))
    assert [a.topic for a in report.activities] == [
        "Mengelola kiriman uang keluarga", "Migrasi aman", "Pengasuhan jarak jauh"]
    assert [(a.registered_present, a.unregistered_count, a.total_present)
            for a in report.activities] == [(1, 5, 6), (2, 12, 14), (0, 0, 0)]
    assert (report.registered_present, report.unregistered, report.total_present) == (3, 17, 20)
    assert [a.topic for a in report.not_recorded] == ["Pengasuhan jarak jauh"]
    assert [(p.person.full_name, [x.activity_id for x in p.attended])
            for p in report.persons] == [("Euis Kurniasih", [a2]), ("Siti Aminah", [a1, a2])]
    assert [(k.kind, k.activities, k.registered_present, k.unregistered, k.total)
            for k in report.by_kind] == [("sosialisasi", 1, 2, 12, 14),
                                         ("pelatihan_keuangan", 1, 1, 5, 6),
                                         ("parenting", 1, 0, 0, 0)]

    only = activity_reports.participation_report(ctx, kind="sosialisasi")
    assert [a.topic for a in only.activities] == ["Lama", "Migrasi aman"]
    assert [p.person.full_name for p in only.persons] == ["Asep Saepudin", "Euis Kurniasih",
                                                          "Siti Aminah"]
    assert all(isinstance(n, int) for n in (only.registered_present, only.unregistered))


def test_participation_report_period_must_run_forwards(ctx):
    with pytest.raises(ValidationError) as err:
        activity_reports.participation_report(ctx, date(2026, 12, 1), date(2026, 1, 1))
    assert problems_of(err) == {"date_from": [
        "Tanggal awal periode tidak boleh sesudah tanggal akhir."]}
