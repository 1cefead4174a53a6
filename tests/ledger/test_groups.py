"""Business groups and their members: the who of the group books (services.groups)."""

from __future__ import annotations

from datetime import date

import pytest

from desa_desktop.db.ledger_models import Loan
from desa_desktop.services import groups, persons
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError
from desa_desktop.services.groups import GroupInput
from desa_desktop.services.records import stamp_new
from tests.conftest import TODAY
from tests.ledger.conftest import FOUNDED, JOINED, grant, make_group, post
from tests.services.helpers import add_person, count_rows


def _input(**fields: object) -> GroupInput:
    values: dict[str, object] = {"name": "Kelompok Abon Ikan Bahari", "kind": "kup",
                                 "business_type": "Abon ikan", "founded_on": date(2025, 3, 1)}
    values.update(fields)
    return GroupInput(**values)  # type: ignore[arg-type]


def _fields(err: pytest.ExceptionInfo[ValidationError]) -> set[str | None]:
    return {p.field for p in err.value.problems}


# ---------------------------------------------------------------------------
# Groups
# ---------------------------------------------------------------------------


def test_create_a_group_and_read_it_back(ctx: ServiceContext) -> None:
    change = groups.create_group(ctx, _input(name="  Kelompok   Abon  Ikan ",
                                             business_type=" Abon ikan ",
                                             address=" Dusun Cikupa RT 02 ", notes=" baru "))
    assert change.entity == "business_group" and change.action == "created"
    group = groups.get_group(ctx, change.ids[0])
    assert group.name == "Kelompok Abon Ikan"
    assert (group.kind, group.business_type, group.status) == ("kup", "Abon ikan", "aktif")
    assert (group.address, group.notes) == ("Dusun Cikupa RT 02", "baru")
    assert group.founded_on == date(2025, 3, 1)
    assert group.revision == 1
    assert count_rows(ctx.db, "audit_log", "entity = 'business_group'") == 1


def test_groups_are_listed_by_name(ctx: ServiceContext) -> None:
    for name in ("Koperasi Purna Sejahtera", "BUMDes Unit Kopi", "Kelompok Tenun Ikat"):
        groups.create_group(ctx, _input(name=name, kind="koperasi"))
    assert [g.name for g in groups.list_groups(ctx)] == [
        "BUMDes Unit Kopi", "Kelompok Tenun Ikat", "Koperasi Purna Sejahtera"]


def test_a_bad_group_form_names_every_field_at_fault(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError) as err:
        groups.create_group(ctx, _input(name="   ", kind="pt", status="mati",
                                        founded_on=date(2026, 11, 23)))
    assert _fields(err) == {"name", "kind", "status", "founded_on"}
    texts = {p.text for p in err.value.problems}
    assert "Isi nama kelompok." in texts
    assert "Tanggal berdiri tidak boleh di masa depan." in texts
    assert groups.list_groups(ctx) == []


def test_a_group_founded_today_is_fine(ctx: ServiceContext) -> None:
    group_id = groups.create_group(ctx, _input(founded_on=TODAY)).ids[0]
    assert groups.get_group(ctx, group_id).founded_on == TODAY


def test_update_a_group(ctx: ServiceContext, group_id: str) -> None:
    change = groups.update_group(ctx, group_id, _input(name="Kelompok Keripik Mekar Jaya",
                                                       kind="koperasi", status="vakum",
                                                       founded_on=FOUNDED))
    assert change.action == "updated"
    group = groups.get_group(ctx, group_id)
    assert (group.name, group.kind, group.status) == ("Kelompok Keripik Mekar Jaya",
                                                      "koperasi", "vakum")
    assert group.revision == 2


def test_the_founding_date_cannot_move_past_the_first_entry(ctx: ServiceContext,
                                                            group_id: str) -> None:
    grant(ctx, group_id, day=date(2026, 2, 3))
    with pytest.raises(ValidationError) as err:
        groups.update_group(ctx, group_id, _input(founded_on=date(2026, 2, 4)))
    assert err.value.problems[0].field == "founded_on"
    assert "sejak 03/02/2026" in err.value.problems[0].text
    # The first entry's own day, or earlier, is fine.
    groups.update_group(ctx, group_id, _input(founded_on=date(2026, 2, 3)))
    groups.update_group(ctx, group_id, _input(founded_on=date(2025, 12, 1)))
    assert groups.get_group(ctx, group_id).founded_on == date(2025, 12, 1)


def test_the_village_head_reads_but_cannot_change_groups(
        ctx: ServiceContext, head_ctx: ServiceContext, group_id: str,
        members: list[str]) -> None:
    assert [g.id for g in groups.list_groups(head_ctx)] == [group_id]
    assert len(groups.list_members(head_ctx, group_id)) == 4
    person = add_person(ctx, "Rina Marlina", sex="P")
    with pytest.raises(PermissionDenied):
        groups.create_group(head_ctx, _input())
    with pytest.raises(PermissionDenied):
        groups.update_group(head_ctx, group_id, _input())
    with pytest.raises(PermissionDenied):
        groups.add_member(head_ctx, group_id, person, joined_on=JOINED)
    with pytest.raises(PermissionDenied):
        groups.set_member_role(head_ctx, members[3], "sekretaris")
    with pytest.raises(PermissionDenied):
        groups.member_leaves(head_ctx, members[3], left_on=TODAY)


def test_unknown_groups_and_members_are_not_found(ctx: ServiceContext) -> None:
    with pytest.raises(NotFoundError):
        groups.get_group(ctx, "tidak-ada")
    with pytest.raises(NotFoundError):
        groups.update_group(ctx, "tidak-ada", _input())
    with pytest.raises(NotFoundError):
        groups.list_members(ctx, "tidak-ada")
    with pytest.raises(NotFoundError):
        groups.get_member(ctx, "tidak-ada")
    with pytest.raises(NotFoundError):
        groups.set_member_role(ctx, "tidak-ada", "anggota")


# ---------------------------------------------------------------------------
# Members
# ---------------------------------------------------------------------------


def test_members_get_running_numbers_and_their_person_data(
        ctx: ServiceContext, group_id: str, members: list[str], person_ids: list[str]) -> None:
    listed = groups.list_members(ctx, group_id)
    assert [m.id for m in listed] == members
    assert [m.member_no for m in listed] == [1, 2, 3, 4]
    assert [m.role for m in listed] == ["ketua", "bendahara", "anggota", "anggota"]
    assert [m.full_name for m in listed] == ["Siti Aminah", "Dewi Lestari", "Ahmad Sobari",
                                             "Nur Hasanah"]
    first = groups.get_member(ctx, members[0])
    assert first.person_id == person_ids[0]
    assert len(first.nik) == 16
    assert first.joined_on == JOINED and first.left_on is None and first.active


def test_enrolment_rules(ctx: ServiceContext, group_id: str, members: list[str],
                         person_ids: list[str]) -> None:
    newcomer = add_person(ctx, "Rina Marlina", sex="P")
    with pytest.raises(ValidationError) as err:
        groups.add_member(ctx, group_id, newcomer, joined_on=date(2026, 11, 23))
    assert err.value.problems[0].text == "Tanggal masuk tidak boleh di masa depan."
    with pytest.raises(ValidationError) as err:
        groups.add_member(ctx, group_id, newcomer, joined_on=date(2026, 1, 4))
    assert err.value.problems[0].text == ("Tanggal masuk tidak boleh sebelum kelompok berdiri "
                                          "(05/01/2026).")
    with pytest.raises(ValidationError) as err:
        groups.add_member(ctx, group_id, person_ids[2], joined_on=TODAY)
    assert err.value.problems[0].text == "Ahmad Sobari sudah menjadi anggota kelompok ini."
    with pytest.raises(ValidationError) as err:
        groups.add_member(ctx, group_id, newcomer, joined_on=TODAY, role="ketua")
    assert err.value.problems[0].text == ("Ketua kelompok ini masih Siti Aminah; ubah dulu "
                                          "peran Siti Aminah menjadi anggota.")
    with pytest.raises(ValidationError) as err:
        groups.add_member(ctx, group_id, newcomer, joined_on=TODAY, role="bos")
    assert err.value.problems[0].text == "Pilih peran anggota."
    with pytest.raises(NotFoundError):
        groups.add_member(ctx, group_id, "orang-tak-dikenal", joined_on=TODAY)
    # Nothing was written by the refusals; the next member gets number 5.
    assert len(groups.list_members(ctx, group_id)) == 4
    new = groups.add_member(ctx, group_id, newcomer, joined_on=TODAY, role="sekretaris")
    assert groups.get_member(ctx, new.ids[0]).member_no == 5


def test_a_removed_person_cannot_be_enrolled(ctx: ServiceContext, group_id: str) -> None:
    person = add_person(ctx, "Rina Marlina", sex="P")
    persons.delete_person(ctx, person)
    with pytest.raises(NotFoundError):
        groups.add_member(ctx, group_id, person, joined_on=JOINED)


def test_a_person_may_be_in_two_groups(ctx: ServiceContext, group_id: str,
                                       members: list[str], person_ids: list[str]) -> None:
    other = make_group(ctx, "Koperasi Purna Sejahtera")
    groups.add_member(ctx, other, person_ids[0], joined_on=JOINED, role="ketua")
    assert [m.full_name for m in groups.list_members(ctx, other)] == ["Siti Aminah"]
    assert groups.list_members(ctx, other)[0].member_no == 1


def test_officer_roles_are_one_person_each(ctx: ServiceContext, group_id: str,
                                           members: list[str]) -> None:
    with pytest.raises(ValidationError) as err:
        groups.set_member_role(ctx, members[2], "bendahara")
    assert "Bendahara kelompok ini masih Dewi Lestari" in err.value.problems[0].text
    # Handing over: the old treasurer steps down first, then the new one takes the role.
    groups.set_member_role(ctx, members[1], "anggota")
    groups.set_member_role(ctx, members[2], "bendahara")
    roles = {m.id: m.role for m in groups.list_members(ctx, group_id)}
    assert (roles[members[1]], roles[members[2]]) == ("anggota", "bendahara")
    # Setting the role a member already holds is not a conflict with themself.
    groups.set_member_role(ctx, members[0], "ketua")
    with pytest.raises(ValidationError):
        groups.set_member_role(ctx, members[0], "raja")


def test_a_member_leaves_and_the_officer_role_is_freed(ctx: ServiceContext, group_id: str,
                                                       members: list[str]) -> None:
    change = groups.member_leaves(ctx, members[0], left_on=date(2026, 10, 31))
    assert change.action == "updated"
    left = groups.get_member(ctx, members[0])
    assert (left.left_on, left.role, left.active) == (date(2026, 10, 31), "anggota", False)
    assert [m.id for m in groups.list_members(ctx, group_id)] == members[1:]
    assert [m.id for m in groups.list_members(ctx, group_id, include_left=True)] == members
    # The chair's seat is free again.
    groups.set_member_role(ctx, members[3], "ketua")
    with pytest.raises(ValidationError) as err:
        groups.set_member_role(ctx, members[0], "anggota")
    assert err.value.problems[0].text == "Anggota ini sudah keluar dari kelompok."
    with pytest.raises(ValidationError) as err:
        groups.member_leaves(ctx, members[0], left_on=TODAY)
    assert err.value.problems[0].text == "Anggota ini sudah keluar dari kelompok."


def test_leaving_dates_are_checked(ctx: ServiceContext, members: list[str]) -> None:
    with pytest.raises(ValidationError) as err:
        groups.member_leaves(ctx, members[3], left_on=date(2026, 1, 9))
    assert err.value.problems[0].text == ("Tanggal keluar tidak boleh sebelum tanggal masuk "
                                          "(10/01/2026).")
    with pytest.raises(ValidationError) as err:
        groups.member_leaves(ctx, members[3], left_on=date(2026, 11, 23))
    assert err.value.problems[0].text == "Tanggal keluar tidak boleh di masa depan."
    assert groups.get_member(ctx, members[3]).active


def test_a_member_who_left_may_join_again_with_a_new_number(
        ctx: ServiceContext, group_id: str, members: list[str], person_ids: list[str]) -> None:
    groups.member_leaves(ctx, members[3], left_on=date(2026, 3, 1))
    again = groups.add_member(ctx, group_id, person_ids[3], joined_on=date(2026, 9, 1)).ids[0]
    assert again != members[3]
    assert groups.get_member(ctx, again).member_no == 5
    rows = groups.list_members(ctx, group_id, include_left=True)
    assert [(m.full_name, m.active) for m in rows if m.person_id == person_ids[3]] == [
        ("Nur Hasanah", False), ("Nur Hasanah", True)]


def test_savings_must_be_paid_out_before_leaving(ctx: ServiceContext, group_id: str,
                                                 members: list[str]) -> None:
    post(ctx, group_id, date(2026, 2, 1), "masuk", "simpanan_pokok", 50_000, members[3])
    post(ctx, group_id, date(2026, 2, 1), "masuk", "simpanan_wajib", 20_000, members[3])
    with ctx.db.sessions() as s:
        assert groups.member_savings_total(s, members[3]) == 70_000
    with pytest.raises(ValidationError) as err:
        groups.member_leaves(ctx, members[3], left_on=TODAY)
    assert err.value.problems[0].text == ("Simpanan anggota masih Rp 70.000; catat dulu "
                                          "pengembalian simpanannya.")
    post(ctx, group_id, date(2026, 11, 20), "keluar", "simpanan_pokok", 50_000, members[3])
    post(ctx, group_id, date(2026, 11, 20), "keluar", "simpanan_wajib", 20_000, members[3])
    groups.member_leaves(ctx, members[3], left_on=TODAY)
    assert not groups.get_member(ctx, members[3]).active


def test_a_running_loan_must_be_settled_before_leaving(ctx: ServiceContext, group_id: str,
                                                       members: list[str]) -> None:
    with ctx.db.sessions.begin() as s:
        s.add(stamp_new(ctx, Loan(group_id=group_id, member_id=members[2], no=1,
                                  principal=1_000_000, fee_method="flat", fee_rate_bp=100,
                                  term_months=10, disbursed_on=date(2026, 3, 1),
                                  first_due_on=date(2026, 4, 1), status="berjalan")))
    with pytest.raises(ValidationError) as err:
        groups.member_leaves(ctx, members[2], left_on=TODAY)
    assert err.value.problems[0].text == ("Anggota masih mempunyai pinjaman berjalan; lunasi "
                                          "dulu pinjamannya.")
    with ctx.db.sessions.begin() as s:
        loan = s.query(Loan).one()
        loan.status = "lunas"
    groups.member_leaves(ctx, members[2], left_on=TODAY)
