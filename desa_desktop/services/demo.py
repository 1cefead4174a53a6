"""A demo village: Desa Karyamukti (Banjaranyar, Ciamis), filled with invented residents.

Karyamukti is a real Desmigratif village named in the source papers; every
person, family, agency and visit here is invented. The data are realistic
enough to try every screen and to benchmark at 100,000 persons: households of
2-6 members with valid KK numbers and NIKs, Sundanese and Javanese names,
about a quarter of the families with a migrant (CPMI, PMI abroad, purna PMI,
circular migrants, some non-procedural departures), outreach visits (a few
typed weeks after the fact) and a few likely-duplicate persons (same name and
birth date, different NIK) so the duplicate warning can be shown.

Everything is drawn from one seeded ``random.Random``, so the same seed and
the same ``today`` give the same village. Dates are placed relative to
``today`` so the demo always has planned departures, workers abroad and recent
returnees. Rows are written with bulk Core inserts (the FTS5 triggers index
them), and each person's ``status`` / ``last_country`` is computed in Python
with the same rules as ``services.status_refresh`` before inserting.
"""

from __future__ import annotations

import os
import random
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Final

from sqlalchemy import insert, text
from sqlalchemy.orm import Session

from desa_desktop.db import audit
from desa_desktop.db.base import Base
from desa_desktop.db.keystore import keys_path
from desa_desktop.db.models import Household, Person, Placement, Visit
from desa_desktop.domain import nik
from desa_desktop.domain.names import name_key
from desa_desktop.domain.reference import DOCUMENTS, FAMILY_RELATIONS
from desa_desktop.domain.status import PlacementDates, household_status, migrant_status
from desa_desktop.services import accounts
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.unlock import create_database

__all__ = [
    "DEMO_ADMIN_FULL_NAME",
    "DEMO_ADMIN_PASSWORD",
    "DEMO_ADMIN_USERNAME",
    "DEMO_OFFICER_FULL_NAME",
    "DEMO_OFFICER_PASSWORD",
    "DEMO_OFFICER_USERNAME",
    "DEMO_PERSONS",
    "DEMO_SEED",
    "DEMO_VILLAGE",
    "NIK_DISTRICT",
    "ensure_demo_database",
    "write_demo_database",
]

DEMO_VILLAGE: Final = accounts.VillageInfo(
    code="32.07.12.2001",
    name="Karyamukti",
    district_code="32.07.12",
    district_name="Banjaranyar",
    regency_code="32.07",
    regency_name="Ciamis",
    province_code="32",
    province_name="Jawa Barat",
    post_name="Pos Layanan Terpadu Desmigratif Karyamukti",
    address="Jl. Raya Banjaranyar No. 17, Desa Karyamukti, Kec. Banjaranyar, "
            "Kab. Ciamis, Jawa Barat 46383",
)
"""The demo village: a real Desmigratif village (codes as used throughout the app)."""

NIK_DISTRICT: Final = "320712"
"""Region code (province, regency, district) written into every demo NIK and KK number."""

#: Demo administrator account (role ``admin``). Documented in the README: keep stable.
DEMO_ADMIN_USERNAME: Final = "admin"
DEMO_ADMIN_PASSWORD: Final = "admin12345"
DEMO_ADMIN_FULL_NAME: Final = "Admin Pos Desmigratif"

#: Demo officer account (role ``petugas``); the demo records are "typed" by this officer.
DEMO_OFFICER_USERNAME: Final = "petugas"
DEMO_OFFICER_PASSWORD: Final = "petugas123"
DEMO_OFFICER_FULL_NAME: Final = "Rina Marlina"

#: Size and seed of the demo village the app opens with ``--demo``.
DEMO_PERSONS: Final = 2000
DEMO_SEED: Final = 2016

_CHUNK: Final = 5000

# --------------------------------------------------------------------------
# Name and place pools (Sundanese first, some Javanese: Banjaranyar borders
# Central Java)
# --------------------------------------------------------------------------

_MALE_FIRST = (
    "Asep", "Dedi", "Ujang", "Yayan", "Rohmat", "Wawan", "Dadang", "Agus", "Ade", "Iwan",
    "Jajang", "Cecep", "Deden", "Endang", "Engkus", "Eman", "Usep", "Aep", "Maman", "Tatang",
    "Ayi", "Hendra", "Rudi", "Budi", "Slamet", "Sugeng", "Joko", "Bambang", "Heri", "Yusuf",
    "Ahmad", "Muhamad", "Dani", "Rizki", "Fajar", "Ilham", "Gilang", "Taufik", "Nana", "Odih",
    "Oman", "Entis", "Aris", "Yanto", "Sutrisno", "Didin", "Dodi", "Ma'ruf", "Saepul", "Rahmat",
)
_MALE_LAST = (
    "Supriatna", "Saepudin", "Sutisna", "Hidayat", "Rohman", "Kurniawan", "Setiawan", "Permana",
    "Suryana", "Ruhimat", "Sobari", "Mulyana", "Hermawan", "Gunawan", "Sudrajat", "Firmansyah",
    "Nugraha", "Ramdani", "Saputra", "Sumarna", "Wahyudin", "Solihin", "Kusnadi", "Suherman",
    "Priyanto", "Santoso", "Wibowo", "Rustandi", "Komarudin", "Suhendar", "Haryanto",
    "Ma'mun", "Nurjaman", "Mansur", "Abdullah", "Sopian", "Kosasih", "Ridwan", "Sunarya",
)
_FEMALE_FIRST = (
    "Siti", "Euis", "Nining", "Cucu", "Entin", "Iis", "Aminah", "Neneng", "Yuyun", "Imas",
    "Lilis", "Enok", "Titin", "Ai", "Eti", "Popon", "Tati", "Dewi", "Sri", "Rina", "Yeni",
    "Nani", "Ani", "Wati", "Elis", "Eha", "Oom", "Eneng", "Rini", "Nurul", "Nia", "Rika",
    "Sinta", "Putri", "Ayu", "Anisa", "Mimin", "Enung", "Tini", "Sumiyati", "Nur'aeni", "Sarah",
)
_FEMALE_LAST = (
    "Nurhayati", "Kurniasih", "Aminah", "Rohaeni", "Sumiati", "Komariah", "Rahmawati", "Suryani",
    "Maryati", "Nuraeni", "Sulastri", "Hasanah", "Fitriani", "Wulandari", "Lestari", "Mulyani",
    "Rosita", "Fatimah", "Handayani", "Rukmini", "Herawati", "Marlina", "Yuliani", "Jubaedah",
    "Rostika", "Sopiah", "Nurjanah", "Rohimah", "Kartika", "Hartini", "Susilawati", "Juariah",
)

#: Dusun (hamlets) of the demo village, with their RW numbers.
_DUSUN: Final[dict[str, tuple[int, ...]]] = {
    "Dusun Karyamukti": (1, 2, 3),
    "Dusun Cikupa": (4, 5),
    "Dusun Sukamaju": (6, 7),
    "Dusun Babakan": (8, 9),
    "Dusun Pasirangin": (10, 11),
    "Dusun Mekarsari": (12, 13, 14),
}
_RT_PER_RW = 4

_BIRTH_PLACES = (("Ciamis", 78), ("Banjar", 6), ("Tasikmalaya", 5), ("Pangandaran", 4),
                 ("Cilacap", 4), ("Bandung", 2), ("Jakarta", 1))

# --------------------------------------------------------------------------
# Migration pools
# --------------------------------------------------------------------------

#: Destination weights, roughly like BP2MI placements from West Java.
_COUNTRY_WEIGHTS: Final[dict[str, float]] = {
    "MY": 26, "TW": 22, "HK": 17, "SA": 9, "SG": 6, "KR": 6, "JP": 5, "AE": 2.5, "BN": 1.5,
    "QA": 1.2, "KW": 1, "OM": 0.6, "TR": 0.5, "PL": 0.6, "IT": 0.3, "DE": 0.4, "AU": 0.3,
    "US": 0.2,
}
_MIDDLE_EAST = frozenset({"SA", "AE", "QA", "KW", "OM"})
#: Jobs per (country, sex); anything not listed falls back to the sex's default.
_JOBS: Final[dict[tuple[str, str], tuple[tuple[str, int], ...]]] = {
    ("HK", "P"): (("plrt", 8), ("caregiver", 2)),
    ("TW", "P"): (("caregiver", 6), ("plrt", 2), ("pabrik", 2)),
    ("SG", "P"): (("plrt", 9), ("caregiver", 1)),
    ("MY", "P"): (("plrt", 5), ("pabrik", 3), ("perkebunan", 1), ("perhotelan", 1)),
    ("JP", "P"): (("caregiver", 5), ("pabrik", 4), ("pertanian", 1)),
    ("KR", "P"): (("pabrik", 9), ("pertanian", 1)),
    ("MY", "L"): (("perkebunan", 5), ("konstruksi", 3), ("pabrik", 2)),
    ("TW", "L"): (("pabrik", 5), ("abk", 3), ("konstruksi", 2)),
    ("KR", "L"): (("pabrik", 7), ("abk", 2), ("pertanian", 1)),
    ("JP", "L"): (("pabrik", 4), ("konstruksi", 3), ("pertanian", 2), ("abk", 1)),
    ("HK", "L"): (("konstruksi", 5), ("perhotelan", 5)),
    ("SG", "L"): (("konstruksi", 6), ("abk", 2), ("pabrik", 2)),
    ("US", "L"): (("abk", 8), ("perhotelan", 2)),
}
_DEFAULT_JOBS: Final[dict[str, tuple[tuple[str, int], ...]]] = {
    "P": (("plrt", 8), ("caregiver", 1), ("perhotelan", 1)),
    "L": (("konstruksi", 5), ("perhotelan", 3), ("pabrik", 2)),
}
_CONTRACT_YEARS: Final = {"KR": 3, "JP": 3, "TW": 3}
_AGENCIES = (
    "PT Galuh Kencana Prima", "PT Duta Karya Priangan", "PT Putra Ciamis Jaya Abadi",
    "PT Karya Mandiri Sejahtera", "PT Amanah Insani Sentosa", "PT Bina Mitra Nusantara",
    "PT Sinar Harapan Bangsa", "PT Mutiara Insan Persada", "PT Citra Tenaga Pasundan",
    "PT Lintas Samudra Bahari",
)
_RISK_NOTES = (
    "Berangkat melalui sponsor (calo), tidak terdaftar di Disnaker.",
    "Memakai visa kunjungan, bukan visa kerja.",
    "Keluarga tidak tahu tanggal keberangkatan.",
    "Ada utang kepada perekrut untuk biaya berangkat.",
    "Tanpa surat izin keluarga yang diketahui kepala desa.",
)
_CPMI_RISK_NOTES = (
    "Ditawari kerja oleh sponsor dari luar desa; belum terdaftar di Disnaker.",
    "Dijanjikan berangkat cepat tanpa pelatihan; perusahaan perekrut belum jelas.",
    "Diminta membayar biaya di muka kepada perekrut.",
)
_PERSON_NOTES = (
    "Anak dititipkan kepada nenek selama ibunya bekerja di luar negeri.",
    "Ikut kegiatan community parenting.",
    "Anggota Kelompok Usaha Produktif (keripik singkong).",
    "Ingin membuka usaha setelah pulang.",
    "Pernah mengikuti sosialisasi migrasi aman.",
)
_VISIT_NOTES: Final[dict[str, tuple[str, ...]]] = {
    "bertemu": (
        "Data keluarga diperbarui.",
        "Sosialisasi migrasi aman dan jalur prosedural ke Disnaker.",
        "Menanyakan kabar anggota keluarga di luar negeri.",
        "Menjelaskan layanan pos Desmigratif dan kelompok usaha produktif.",
        "Mengajak keluarga ikut community parenting.",
        "",
    ),
    "tidak_di_rumah": (
        "Rumah kosong, menurut tetangga sedang ke sawah.",
        "Hanya ada anak-anak di rumah; akan datang lagi.",
        "",
    ),
    "menolak": ("Keluarga tidak bersedia diwawancarai.", "Minta datang lain kali."),
}
_PHONE_PREFIXES = ("812", "813", "821", "822", "823", "852", "853", "857", "858", "877",
                   "878", "881", "895", "896", "897", "898")


# --------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------


@dataclass
class _Member:
    """A person while the village is being drawn (turned into a row at the end)."""

    row: dict
    age: int
    placements: list[dict] = field(default_factory=list)


@dataclass
class _Counts:
    persons: int = 0
    households: int = 0
    placements: int = 0
    visits: int = 0


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


class _Village:
    """Draws households, persons, placements and visits from one seeded generator."""

    def __init__(self, seed: int, today: date, officer_id: str) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.officer_id = officer_id
        # Latest moment a demo record can have been typed: the day before ``today``.
        self.latest_typed = datetime.combine(today - timedelta(days=1), time(9, 0))
        self.nik_serials: dict[str, int] = {}
        self.kk_serials: dict[str, int] = {}
        self.households: list[dict] = []
        self.members: list[_Member] = []
        self.visits: list[dict] = []
        # Unmarried adult daughters who may later be registered again as someone's wife.
        self.daughters: list[_Member] = []
        self.duplicates = 0
        self.status_round = ["cpmi", "pmi", "purna", "pmi", "lama"]
        self.rng.shuffle(self.status_round)
        self.rw_rt = [(dusun, rw, rt) for dusun, rws in _DUSUN.items() for rw in rws
                      for rt in range(1, _RT_PER_RW + 1)]
        self.countries = list(_COUNTRY_WEIGHTS)
        self.country_weights = list(_COUNTRY_WEIGHTS.values())
        self.birth_places = [p for p, _ in _BIRTH_PLACES]
        self.birth_place_weights = [w for _, w in _BIRTH_PLACES]

    # -- small helpers -----------------------------------------------------

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def sync(self, created: datetime) -> dict:
        created = min(created, self.latest_typed)
        return {
            "id": self.uid(), "village_code": DEMO_VILLAGE.code, "created_at": created,
            "updated_at": created, "revision": 1, "changed_by": self.officer_id,
            "deleted_at": None,
        }

    def typed_on(self, day: date) -> datetime:
        """A moment during office hours (stored as UTC: WIB is UTC+7) on ``day``."""
        return datetime.combine(day, time(1, 0)) + timedelta(minutes=self.rng.randint(0, 420))

    def pick(self, weighted: Sequence[tuple[str, int]]) -> str:
        return self.rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]

    def name(self, sex: str) -> str:
        rng = self.rng
        if sex == nik.SEX_MALE:
            first, last = rng.choice(_MALE_FIRST), rng.choice(_MALE_LAST)
        else:
            first, last = rng.choice(_FEMALE_FIRST), rng.choice(_FEMALE_LAST)
        roll = rng.random()
        if roll < 0.12:
            return first  # one-word names are common among older villagers
        if roll < 0.16 and sex == nik.SEX_FEMALE and first != "Siti":
            return f"Siti {last}"
        return f"{first} {last}" if first != last else first

    def birth_date(self, age: int) -> date:
        latest = _years_before(self.today, age)
        return latest - timedelta(days=self.rng.randint(0, 364))

    def make_nik(self, birth: date, sex: str) -> str:
        probe = nik.make_nik(NIK_DISTRICT, birth, sex, 1)[6:12]
        serial = self.nik_serials.get(probe)
        serial = self.rng.randint(1, 30) if serial is None else serial + 1
        if serial > 9999:
            raise RuntimeError("too many demo persons share one birth date")
        self.nik_serials[probe] = serial
        return nik.make_nik(NIK_DISTRICT, birth, sex, serial)

    def make_kk(self, issued: date) -> str:
        key = issued.strftime("%d%m%y")
        serial = self.kk_serials.get(key)
        serial = self.rng.randint(1, 40) if serial is None else serial + 1
        if serial > 9999:
            raise RuntimeError("too many demo households share one issue date")
        self.kk_serials[key] = serial
        return f"{NIK_DISTRICT}{key}{serial:04d}"

    def phone(self) -> str:
        digits = "".join(str(self.rng.randint(0, 9)) for _ in range(self.rng.choice((7, 8))))
        return f"+62{self.rng.choice(_PHONE_PREFIXES)}{digits}"

    def education(self, age: int) -> str:
        if age < 7:
            return "tidak_sekolah"
        if age < 13:
            return "sd"
        if age < 16:
            return self.pick((("sd", 2), ("smp", 8)))
        if age < 19:
            return self.pick((("smp", 5), ("sma", 5)))
        if age >= 55:
            return self.pick((("tidak_sekolah", 2), ("sd", 6), ("smp", 1), ("sma", 1)))
        if age >= 40:
            return self.pick((("sd", 4), ("smp", 3), ("sma", 2), ("d3", 1)))
        return self.pick((("sd", 1), ("smp", 3), ("sma", 5), ("d3", 1), ("s1", 1)))

    # -- persons and households -------------------------------------------

    def person(self, household: dict, sex: str, age: int, relation: str, marital: str,
               *, same_as: _Member | None = None) -> _Member:
        """A household member; ``same_as`` registers an earlier person again (new NIK)."""
        rng = self.rng
        if same_as is not None:
            full_name, birth = same_as.row["full_name"], same_as.row["birth_date"]
            birth_place = same_as.row["birth_place"]
        else:
            full_name, birth = self.name(sex), self.birth_date(age)
            birth_place = rng.choices(self.birth_places, self.birth_place_weights)[0]
        adult = age >= 17
        row = self.sync(household["created_at"] + timedelta(minutes=rng.randint(1, 60)))
        row.update({
            "nik": self.make_nik(birth, sex) if (adult or rng.random() < 0.97) else None,
            "full_name": full_name,
            "name_key": name_key(full_name),
            "sex": sex,
            "birth_place": birth_place,
            "birth_date": birth,
            "phone": self.phone() if adult and rng.random() < 0.7 else "",
            "education": self.education(age),
            "marital_status": marital,
            "relation_to_head": relation,
            "passport_number": "",
            "household_id": household["id"],
            "status": "warga",
            "last_country": "",
            "collection_method": household["collection_method"],
            "collected_on": household["collected_on"],
            "notes": rng.choice(_PERSON_NOTES) if rng.random() < 0.02 else "",
        })
        member = _Member(row, age)
        self.members.append(member)
        return member

    def household(self, size: int) -> list[_Member]:
        rng = self.rng
        collected = self.today - timedelta(days=rng.randint(2, 3 * 365))
        dusun, rw, rt = rng.choice(self.rw_rt)
        household = self.sync(self.typed_on(collected))
        household.update({
            "kk_number": None, "head_name": "", "dusun": dusun, "rw": f"{rw:03d}",
            "rt": f"{rt:03d}",
            "address": f"{dusun.removeprefix('Dusun ')} RT {rt:03d} RW {rw:03d}, "
                       f"Desa Karyamukti",
            "collection_method": self.pick((("langsung", 75), ("dokumen", 15),
                                            ("kerabat", 7), ("telepon", 3))),
            "collected_on": collected,
        })
        members = self.family(household, size)
        head = members[0]
        household["head_name"] = head.row["full_name"]
        # The family card was issued after the head came of age, within the last 20 years.
        issue_days = rng.randint(30, max(31, min(20, head.age - 17) * 365))
        household["kk_number"] = (self.make_kk(self.today - timedelta(days=issue_days))
                                  if rng.random() < 0.97 else None)
        self.households.append(household)
        return members

    def family(self, household: dict, size: int) -> list[_Member]:
        """Head first, then spouse, a parent, children (and grandchildren)."""
        rng = self.rng
        remaining = size - 1
        bride = None
        if remaining >= 1 and self.daughters and rng.random() < 0.01:
            bride = self.daughters.pop(rng.randrange(len(self.daughters)))
            if bride.placements:
                bride = None  # keep the two records of one person free of contradictions
        if bride is not None:
            head_sex, head_age = nik.SEX_MALE, bride.age + rng.randint(1, 6)
        else:
            head_sex = nik.SEX_FEMALE if rng.random() < 0.12 else nik.SEX_MALE
            head_age = int(rng.triangular(22, 80, 40))
        married = head_sex == nik.SEX_MALE and remaining >= 1
        head_marital = "kawin" if married else rng.choice(("cerai_mati", "cerai_hidup"))
        if size == 1:
            head_marital = rng.choice(("belum_kawin", "cerai_mati"))
        head = self.person(household, head_sex, head_age, "kepala", head_marital)
        members = [head]
        mother_age = head_age if head_sex == nik.SEX_FEMALE else None
        if married:
            if bride is not None:
                wife_age = bride.age
                members.append(self.person(household, nik.SEX_FEMALE, wife_age, "istri",
                                           "kawin", same_as=bride))
                self.duplicates += 1
            else:
                wife_age = max(18, head_age - rng.randint(-2, 8))
                members.append(self.person(household, nik.SEX_FEMALE, wife_age, "istri",
                                           "kawin"))
            mother_age = wife_age
            remaining -= 1
        if remaining >= 1 and head_age < 55 and rng.random() < 0.15:
            relation = "orang_tua" if rng.random() < 0.6 else "mertua"
            parent_sex = nik.SEX_FEMALE if rng.random() < 0.75 else nik.SEX_MALE
            parent_age = min(92, head_age + rng.randint(20, 32))
            members.append(self.person(household, parent_sex, parent_age, relation,
                                       "cerai_mati"))
            remaining -= 1
        if mother_age is None:  # a one-person household: no children to place
            mother_age = head_age
        grandchild = remaining >= 2 and mother_age >= 50 and rng.random() < 0.35
        children = remaining - (1 if grandchild else 0)
        oldest = max(0, mother_age - 18)
        youngest = max(0, mother_age - 42)
        ages = sorted((rng.randint(youngest, oldest) for _ in range(children)), reverse=True)
        for age in ages:
            sex = rng.choice((nik.SEX_MALE, nik.SEX_FEMALE))
            marital = "belum_kawin"
            if age >= 22 and rng.random() < 0.2:
                marital = "cerai_hidup" if rng.random() < 0.5 else "kawin"
            child = self.person(household, sex, age, "anak", marital)
            members.append(child)
            if sex == nik.SEX_FEMALE and marital == "belum_kawin" and 19 <= age <= 35:
                self.daughters.append(child)
        if grandchild:
            age = rng.randint(0, max(0, min(ages[0] - 18, 15))) if ages else rng.randint(0, 10)
            members.append(self.person(household, rng.choice((nik.SEX_MALE, nik.SEX_FEMALE)),
                                       age, "cucu", "belum_kawin"))
        return members

    # -- migration ---------------------------------------------------------

    def migrants(self, members: list[_Member]) -> None:
        rng = self.rng
        if rng.random() >= 0.28:
            return
        weights = {"istri": 3, "anak": 3, "kepala": 2, "suami": 2}
        candidates = [m for m in members
                      if 19 <= m.age <= 52 and m.row["relation_to_head"] in weights]
        if not candidates:
            return
        chosen = rng.choices(candidates,
                             [weights[m.row["relation_to_head"]] for m in candidates])[0]
        self.migrate(chosen)
        others = [m for m in candidates if m is not chosen]
        if others and rng.random() < 0.12:
            self.migrate(rng.choice(others))

    def next_status(self) -> str:
        """Where the migrant stands now; the first few cover every status (tiny villages)."""
        if self.status_round:
            return self.status_round.pop()
        return self.pick((("cpmi", 15), ("pmi", 45), ("purna", 30), ("lama", 10)))

    def job(self, country: str, sex: str) -> tuple[str, str]:
        job = self.pick(_JOBS.get((country, sex), _DEFAULT_JOBS[sex]))
        informal = job == "plrt" or (job == "caregiver" and country not in ("JP", "DE"))
        return job, "informal" if informal else "formal"

    def migrate(self, member: _Member) -> None:
        """Draw one migrant's placements, oldest first, ending in the current status."""
        rng, today = self.rng, self.today
        row = member.row
        status = self.next_status()
        count = self.pick((("1", 70), ("2", 20), ("3", 10)))
        country = rng.choices(self.countries, self.country_weights)[0]
        years = _CONTRACT_YEARS.get(country, 2)
        adult_on = _years_before(row["birth_date"], -18)
        # The latest placement decides the status.
        if status == "pmi":
            departure = today - timedelta(days=rng.randint(20, years * 365 + 200))
            latest = (departure, None)
        elif status in ("purna", "lama"):
            if status == "purna":
                back = today - timedelta(days=rng.randint(15, 3 * 365 - 5))
            else:
                back = today - timedelta(days=rng.randint(3 * 365 + 30, 12 * 365))
            departure = back - timedelta(days=years * 365 + rng.randint(-300, 60))
            latest = (departure, back)
        else:
            status = "cpmi"
            departure = (today + timedelta(days=rng.randint(14, 200))
                         if rng.random() < 0.65 else None)
            latest = (departure, None)
        if latest[0] is not None and latest[0] < adult_on:
            # Too young for that history: a first departure being prepared instead.
            status, latest = "cpmi", (today + timedelta(days=rng.randint(14, 200)), None)
        trips = [(country, *latest)]
        start = latest[0] or today
        for _ in range(int(count) - 1):
            back = start - timedelta(days=rng.randint(90, 720))
            same = rng.random() < 0.5
            earlier_country = country if same else rng.choices(self.countries,
                                                                self.country_weights)[0]
            length = _CONTRACT_YEARS.get(earlier_country, 2) * 365 + rng.randint(-300, 30)
            departure = back - timedelta(days=length)
            if departure < adult_on:
                break
            trips.append((earlier_country, departure, back))
            start = departure
        trips.reverse()
        sex = row["sex"]
        has_passport = False
        for number, (dest, departure, back) in enumerate(trips):
            is_latest = number == len(trips) - 1
            placement = self.placement(member, dest, departure, back,
                                       planned=is_latest and status == "cpmi",
                                       reentry=number > 0 and trips[number - 1][0] == dest,
                                       sex=sex)
            has_passport = has_passport or "paspor" in placement["documents"]
        if has_passport:
            row["passport_number"] = (rng.choice("BCEX")
                                      + "".join(str(rng.randint(0, 9)) for _ in range(7)))
        if status == "pmi" and rng.random() < 0.4:
            row["collection_method"] = "kerabat"  # abroad: the family gave the data
        if row["marital_status"] == "belum_kawin" and member.age >= 30 and rng.random() < 0.3:
            row["marital_status"] = "cerai_hidup"

    def placement(self, member: _Member, country: str, departure: date | None,
                  back: date | None, *, planned: bool, reentry: bool, sex: str) -> dict:
        rng, today = self.rng, self.today
        job, sector = self.job(country, sex)
        years = _CONTRACT_YEARS.get(country, 2)
        contract_end = (_years_before(departure, -years) if departure is not None else None)
        if back is not None and contract_end is not None and back > contract_end:
            contract_end = back  # extended contract
        if planned:
            procedural = rng.choices((None, True, False), (30, 55, 15))[0]
        else:
            old_middle_east = country in _MIDDLE_EAST and departure is not None and (
                departure.year >= 2015)
            procedural = rng.random() >= (0.6 if old_middle_east else 0.15)
        if procedural is False:
            scheme = rng.choice(("mandiri", ""))
            agency = ""
            docs = {d for d in ("ktp", "kk", "akta_lahir", "paspor") if rng.random() < 0.6}
            notes = rng.choice(_CPMI_RISK_NOTES if planned else _RISK_NOTES)
        else:
            if country in ("KR",) or (country == "JP" and rng.random() < 0.3):
                scheme, agency = "g2g", "BP2MI (G to G)"
            elif job == "abk" and rng.random() < 0.5:
                scheme, agency = "pelaut", rng.choice(_AGENCIES[-3:])
            elif reentry and rng.random() < 0.5:
                scheme, agency = "reentry", rng.choice(_AGENCIES)
            elif rng.random() < 0.06:
                scheme, agency = "ukps", ""
            elif rng.random() < 0.05:
                scheme, agency = "mandiri", ""
            else:
                scheme, agency = "p2p", rng.choice(_AGENCIES)
            if planned:
                docs = set(list(DOCUMENTS)[: rng.randint(2, 10)])
            else:
                docs = set(DOCUMENTS)
                if departure is not None and departure.year < 2017:
                    docs -= {"bpjs", "id_pmi"}
                for optional in ("sertifikat_kompetensi", "bpjs", "status_kawin"):
                    if rng.random() < 0.1:
                        docs.discard(optional)
            notes = ""
            if planned and rng.random() < 0.3:
                notes = "Sedang pelatihan di LPK; menunggu jadwal keberangkatan."
        created = member.row["created_at"] + timedelta(minutes=rng.randint(2, 30))
        if planned:
            created = max(created, self.typed_on(today - timedelta(days=rng.randint(2, 120))))
        row = self.sync(created)
        row.update({
            "person_id": member.row["id"], "country": country, "sector": sector, "job": job,
            "scheme": scheme, "agency_name": agency, "departure_date": departure,
            "contract_end": contract_end, "return_date": back, "procedural": procedural,
            "documents": [d for d in DOCUMENTS if d in docs], "notes": notes,
        })
        member.placements.append(row)
        return row

    # -- visits --------------------------------------------------------------

    def visits_to(self, household: dict, members: list[_Member]) -> None:
        rng, today = self.rng, self.today
        migrant = any(m.placements for m in members)
        if rng.random() >= (0.7 if migrant else 0.3):
            return
        count = int(self.pick((("1", 60), ("2", 30), ("3", 10))))
        collected: date = household["collected_on"]
        # The first visit is the one on which the family's data were collected.
        span = max(1, (today - collected).days - 1)
        days = [collected, *sorted(collected + timedelta(days=rng.randint(1, span))
                                   for _ in range(count - 1))]
        for number, day in enumerate(days):
            if number == 0:
                outcome = "bertemu"
                method = household["collection_method"]
                if method not in ("langsung", "kerabat", "telepon"):
                    method = "langsung"
            else:
                outcome = self.pick((("bertemu", 75), ("tidak_di_rumah", 18), ("menolak", 7)))
                if outcome == "bertemu":
                    method = self.pick((("langsung", 85), ("kerabat", 10), ("telepon", 5)))
                elif outcome == "tidak_di_rumah":
                    method = self.pick((("kerabat", 6), ("telepon", 4)))
                else:
                    method = "langsung"
            typed = self.typed_on(day) + timedelta(hours=rng.randint(0, 6))
            if rng.random() < 0.06:
                typed += timedelta(days=rng.randint(14, 56))  # back-entered weeks later
            row = self.sync(typed)
            row.update({
                "household_id": household["id"], "visit_date": day,
                "officer_id": self.officer_id,
                "kind": "pendataan" if number == 0 or not migrant else "penjangkauan",
                "outcome": outcome,
                "follow_up_date": (day + timedelta(days=rng.randint(3, 14))
                                   if outcome == "tidak_di_rumah" else None),
                "collection_method": method,
                "notes": rng.choice(_VISIT_NOTES[outcome]),
            })
            self.visits.append(row)

    # -- the whole village -------------------------------------------------

    def draw(self, persons: int) -> None:
        sizes = ((2, 16), (3, 24), (4, 28), (5, 19), (6, 13))
        while len(self.members) < persons:
            size = min(int(self.pick([(str(s), w) for s, w in sizes])),
                       persons - len(self.members))
            members = self.household(size)
            self.migrants(members)
            self.visits_to(self.households[-1], members)
        self.compute_statuses()

    def compute_statuses(self) -> None:
        """``status`` / ``last_country`` exactly as ``status_refresh.refresh_all`` sets them."""
        today = self.today
        own: dict[int, tuple[str, str]] = {}
        abroad: set[str] = set()
        for index, member in enumerate(self.members):
            dates = [PlacementDates(p["departure_date"], p["return_date"], p["country"])
                     for p in member.placements]
            own[index] = migrant_status(dates, today)
            if own[index][0] == "pmi":
                abroad.add(member.row["household_id"])
        for index, member in enumerate(self.members):
            status, country = own[index]
            row = member.row
            row["status"] = household_status(status, row["relation_to_head"],
                                             row["household_id"] in abroad, FAMILY_RELATIONS)
            row["last_country"] = country


def _chunks(rows: list[dict], size: int = _CHUNK) -> Iterable[list[dict]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def _insert_audited(session: Session, model: type[Base], rows: list[dict]) -> None:
    """Bulk-insert ``rows`` with their "create" audit rows, in the caller's transaction.

    Core inserts bypass the ORM hook that audits every save, so the demo
    writes its own audit rows; each is dated when its record was "typed"
    (``created_at``), so a record's history reads as it would in a real village.
    """
    session.execute(insert(model), rows)
    table = model.__tablename__
    audit.append(session, [
        {"entity": table, "entity_id": row["id"], "action": "create", "at": row["created_at"],
         "officer_id": row["changed_by"], "officer_name": DEMO_OFFICER_FULL_NAME,
         "new_values": row, "collection_method": row.get("collection_method")}
        for row in rows
    ])


def write_demo_database(path: Path, *, persons: int = DEMO_PERSONS, seed: int = DEMO_SEED,
                        progress: Callable[[int, int], None] | None = None,
                        today: date | None = None) -> str:
    """Create the demo village in a new database at ``path`` and return a one-line summary.

    The file is created encrypted with ``unlock.create_database`` (full schema, FTS index), the
    village is set up with the demo accounts (:data:`DEMO_ADMIN_USERNAME` /
    :data:`DEMO_ADMIN_PASSWORD`, :data:`DEMO_OFFICER_USERNAME` /
    :data:`DEMO_OFFICER_PASSWORD`) and ``persons`` residents are written. The
    same ``seed`` and ``today`` (default: the computer's date) give the same
    village. ``progress(done, total)`` is called as persons are written.
    ``path`` should not hold a village yet (``accounts.set_up`` refuses a
    database that is already set up).
    """
    if persons < 1:
        raise ValueError("persons must be at least 1")
    today = date.today() if today is None else today
    db = create_database(path)
    try:
        admin = accounts.set_up(db, DEMO_VILLAGE, DEMO_ADMIN_USERNAME, DEMO_ADMIN_FULL_NAME,
                                DEMO_ADMIN_PASSWORD)
        admin_ctx = ServiceContext(db, DEMO_VILLAGE.code, admin)
        officer = accounts.create_officer(admin_ctx, DEMO_OFFICER_USERNAME,
                                          DEMO_OFFICER_FULL_NAME,
                                          DEMO_OFFICER_PASSWORD, role="petugas")
        village = _Village(seed, today, officer.id)
        village.draw(persons)
        people = [m.row for m in village.members]
        placements = [p for m in village.members for p in m.placements]
        counts = _Counts(len(people), len(village.households), len(placements),
                         len(village.visits))
        if progress is not None:
            progress(0, counts.persons)
        with db.sessions.begin() as session:
            # Households first: the person trigger copies the KK number into the index.
            for chunk in _chunks(village.households):
                _insert_audited(session, Household, chunk)
        done = 0
        for chunk in _chunks(people):
            with db.sessions.begin() as session:
                _insert_audited(session, Person, chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, counts.persons)
        with db.sessions.begin() as session:
            for chunk in _chunks(placements):
                _insert_audited(session, Placement, chunk)
            for chunk in _chunks(village.visits):
                _insert_audited(session, Visit, chunk)
        from desa_desktop.services.demo_cases import add_demo_cases

        case_count = add_demo_cases(db, DEMO_VILLAGE.code, admin, officer, today, seed)
        from desa_desktop.services.demo_activities import add_demo_activities
        from desa_desktop.services.demo_groups import add_demo_groups

        group_count = add_demo_groups(db, DEMO_VILLAGE.code, admin, officer, today, seed)
        activity_count = add_demo_activities(db, DEMO_VILLAGE.code, officer, today, seed)
        with db.engine.connect() as conn:
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    finally:
        db.close()
    return (f"Desa {DEMO_VILLAGE.name}: {counts.persons} orang, {counts.households} keluarga, "
            f"{counts.placements} penempatan, {counts.visits} kunjungan, {case_count} kasus, "
            f"{group_count} kelompok usaha, {activity_count} kegiatan -> {path}")


def ensure_demo_database(path: Path,
                         progress: Callable[[int, int], None] | None = None) -> bool:
    """Create the demo village (:data:`DEMO_PERSONS` persons) at ``path`` unless it exists.

    Returns True when it was created now. The file is written under a
    temporary name and moved into place when complete, so an interrupted
    first start never leaves a half-filled demo that later counts as existing.
    """
    if path.exists() and path.stat().st_size > 0:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.partial")
    for suffix in ("", "-wal", "-shm", ".keys"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    write_demo_database(partial, persons=DEMO_PERSONS, seed=DEMO_SEED, progress=progress)
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    os.replace(keys_path(partial), keys_path(path))
    os.replace(partial, path)
    return True
