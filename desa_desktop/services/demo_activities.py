"""Activities of the demo village: a year of socialisation, trainings and parenting.

Pillar I (information and services) meets the village in its hamlets;
pillar III (community parenting) gathers the grandparents and relatives who
raise migrants' children; trainings serve the business groups. Written
through ``services.activities`` with attendance lists drawn from the
registry; two meetings next week are planned, their lists ready to print
for signatures.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select

from desa_desktop.db.engine import Database
from desa_desktop.db.ledger_models import BusinessGroup, GroupMember
from desa_desktop.db.models import Person
from desa_desktop.services import activities, institutions
from desa_desktop.services.activities import ActivityInput, AttendeeInput
from desa_desktop.services.context import OfficerInfo, ServiceContext

#: (days ago, kind, topic, facilitator, institution code, place, group index or None,
#: registered invited, unregistered)
PLAN: tuple[tuple[int, str, str, str, str, str, int | None, int, int], ...] = (
    (330, "sosialisasi", "Migrasi aman dan prosedural: dokumen yang wajib dimiliki CPMI",
     "Petugas Disnaker Kab. Ciamis", "disnaker", "Balai Desa Karyamukti", None, 22, 14),
    (300, "pelatihan_kewirausahaan", "Memulai usaha olahan singkong bagi purna PMI",
     "Pendamping Desmigratif", "", "Aula Desa", 0, 12, 3),
    (270, "parenting", "Pola asuh anak yang ditinggal orang tua bekerja di luar negeri",
     "Kader PKK dan psikolog Puskesmas", "puskesmas", "Posyandu Dusun Cikupa", None, 18, 6),
    (240, "sosialisasi", "Bahaya calo dan penempatan nonprosedural",
     "Unit PPA Polres Ciamis", "polres", "Masjid Dusun Sukamaju", None, 25, 20),
    (210, "pelatihan_pemasaran", "Kemasan, label dan izin PIRT untuk produk kelompok",
     "Dinas Koperasi dan UMKM", "", "Aula Desa", 1, 10, 2),
    (180, "pelatihan_keuangan", "Mencatat buku kas kelompok dan simpan pinjam",
     "Pendamping Desmigratif", "", "Sekretariat Koperasi", 3, 14, 0),
    (150, "parenting", "Komunikasi jarak jauh dengan orang tua yang bekerja di luar negeri",
     "Kader PKK", "", "Posyandu Dusun Sukamaju", None, 15, 8),
    (120, "sosialisasi", "Hak dan perlindungan PMI selama bekerja di luar negeri",
     "BP3MI Jawa Barat", "bp3mi", "Balai Desa Karyamukti", None, 24, 16),
    (95, "pelatihan_pemasaran", "Menjual produk kelompok lewat media sosial",
     "Relawan TIK Ciamis", "", "Aula Desa", 0, 11, 4),
    (60, "pelatihan_kewirausahaan", "Pewarnaan alami untuk kain tenun ikat",
     "Perajin tenun dari Garut", "", "Rumah produksi Srikandi", 2, 8, 1),
    (35, "parenting", "Menjaga anak dari perundungan dan kekerasan",
     "UPTD PPA Kab. Ciamis", "uptd_ppa", "Posyandu Dusun Cikupa", None, 16, 9),
    (12, "pelatihan_keuangan", "Mengelola remitansi keluarga PMI",
     "Bank BRI Unit Banjaranyar", "", "Balai Desa Karyamukti", None, 20, 5),
    (-5, "sosialisasi", "Sosialisasi layanan terpadu satu atap (LTSA) bagi CPMI",
     "Petugas Disnaker Kab. Ciamis", "disnaker", "Balai Desa Karyamukti", None, 20, 0),
    (-8, "parenting", "Pertemuan bulanan keluarga PMI", "Kader PKK", "",
     "Posyandu Dusun Sukamaju", None, 12, 0),
)


def _people(db: Database, rng: random.Random) -> list[str]:
    with db.sessions() as s:
        rows = list(s.scalars(select(Person.id).where(
            Person.deleted_at.is_(None), Person.birth_date < date(2008, 1, 1))
            .order_by(Person.name_key)))
    rng.shuffle(rows)
    return rows


def _group_members(db: Database) -> list[tuple[str, list[str]]]:
    with db.sessions() as s:
        found = []
        for group in s.scalars(select(BusinessGroup).order_by(BusinessGroup.created_at)):
            members = list(s.scalars(select(GroupMember.person_id)
                                     .where(GroupMember.group_id == group.id)))
            found.append((group.id, members))
        return found


def add_demo_activities(db: Database, village_code: str, officer: OfficerInfo, today: date,
                        seed: int) -> int:
    """Write the demo activities; returns how many."""
    rng = random.Random(seed + 7)
    ctx = ServiceContext(db, village_code, officer, today=lambda: today)
    codes = {i.code: i.id for i in institutions.list_institutions(ctx)}
    people = _people(db, rng)
    groups = _group_members(db)
    made = 0
    for days_ago, kind, topic, facilitator, code, place, group, invited, extra in PLAN:
        day = today - timedelta(days=days_ago)
        held = days_ago > 0
        if group is not None and group < len(groups):
            group_id, members = groups[group]
            chosen = members + [p for p in rng.sample(people, min(invited, len(people)))
                                if p not in members]
            chosen = chosen[:max(invited, len(members))]
        else:
            group_id, chosen = None, rng.sample(people, min(invited, len(people)))
        attendees = [AttendeeInput(pid, (rng.random() < 0.85) if held else None)
                     for pid in chosen]
        activities.create_activity(ctx, ActivityInput(
            activity_date=day, kind=kind, topic=topic, start_time=rng.choice(
                ("09:00", "13:00", "19:30")), facilitator=facilitator,
            institution_id=codes.get(code), place=place, group_id=group_id,
            unregistered_count=extra if held else 0,
            notes="Notulen dan foto kegiatan disimpan di map kegiatan." if held else ""),
            attendees)
        made += 1
    return made
