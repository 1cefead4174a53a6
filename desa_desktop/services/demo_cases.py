"""Cases, early-warning reports, referrals and letters of the demo village.

Written through the same services an officer uses (so numbers, timelines,
consent, signatures and the audit log are all real), after the residents
exist. The stories follow the case types of DOMAIN.md: unpaid wages in
Malaysia, lost contact in Saudi Arabia, a trafficking indication (kept
confidential), a broker who overcharged, a failed departure, a worker who
fell ill in Taiwan; a suspicious recruiter and a risky departure reported by
neighbours. Some follow-ups fall due today and one is overdue, so the
officer's first screen shows the "today / overdue" list.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import select

from desa_desktop.db.engine import Database
from desa_desktop.db.models import Person, Placement
from desa_desktop.domain.errors import DomainError
from desa_desktop.services import (
    case_timeline,
    cases,
    follow_ups,
    institutions,
    letter_drafts,
    letterhead,
    letters,
    referrals,
    warnings,
)
from desa_desktop.services.cases import CaseInput, CasePersonInput
from desa_desktop.services.context import OfficerInfo, ServiceContext
from desa_desktop.services.warnings import WarningInput

#: The demo village head, who signs the letters.
DEMO_VILLAGE_HEAD = "H. Wastam Sudirja"


@dataclass(frozen=True)
class _Story:
    types: tuple[str, ...]
    status_pool: str  # "pmi" or "cpmi": whom the case is about
    days_ago: int
    relation: str
    channel: str
    employer: str
    description: str
    priority: str
    actions: tuple[tuple[int, str, str], ...]  # (days after report, kind, summary)
    path: tuple[str, ...]  # statuses to move through
    refer_to: str = ""  # institution code
    follow_up_in: int | None = None  # days from today (negative: overdue)
    follow_up_note: str = ""
    marked: bool = False
    for_admin: bool = False


STORIES: tuple[_Story, ...] = (
    _Story(("gaji",), "pmi", 40, "suami_istri", "datang", "Keluarga Tan (pengguna perseorangan)",
           "Istri melapor gaji belum dibayar selama lima bulan. Majikan hanya memberi uang "
           "makan. Pekerja masih bisa dihubungi lewat WhatsApp.",
           "tinggi",
           ((1, "telepon", "Menelepon PMI lewat WhatsApp; membenarkan gaji belum dibayar sejak "
                           "Juni."),
            (3, "dokumen", "Menerima salinan perjanjian kerja dan slip gaji terakhir.")),
           ("diverifikasi", "dirujuk"), refer_to="bp3mi", follow_up_in=0,
           follow_up_note="Tanyakan jawaban BP3MI atas surat rujukan."),
    _Story(("hilang_kontak",), "pmi", 25, "orang_tua", "telepon", "",
           "Orang tua tidak bisa menghubungi anaknya sejak tiga bulan. Nomor terakhir tidak "
           "aktif; agensi tidak menjawab.",
           "tinggi",
           ((0, "telepon", "Menghubungi agensi P3MI; belum ada jawaban."),
            (2, "kunjungan", "Kunjungan ke rumah orang tua, mencatat nomor kontak terakhir.")),
           ("diverifikasi", "dirujuk"), refer_to="kemenp2mi", follow_up_in=-3,
           follow_up_note="Tanyakan perkembangan pencarian ke KemenP2MI."),
    _Story(("tppo", "kekerasan"), "pmi", 18, "saudara", "whatsapp", "",
           "Saudara melapor pekerja dijanjikan kerja di restoran tetapi dipekerjakan di tempat "
           "lain, paspor ditahan dan tidak boleh keluar.",
           "darurat",
           ((0, "pertemuan", "Pertemuan dengan keluarga; keterangan dicatat terpisah."),),
           ("diverifikasi", "dirujuk"), refer_to="polres", follow_up_in=1,
           follow_up_note="Koordinasi dengan Unit PPA Polres."),
    _Story(("penipuan_calo",), "cpmi", 60, "diri_sendiri", "datang", "",
           "Calon pekerja membayar Rp 15.000.000 kepada sponsor untuk biaya keberangkatan, "
           "jauh di atas biaya resmi; keberangkatan terus ditunda.",
           "sedang",
           ((2, "catatan", "Mengumpulkan bukti transfer kepada sponsor."),
            (10, "pertemuan", "Mediasi dengan sponsor di balai desa; sponsor berjanji "
                              "mengembalikan uang.")),
           ("diverifikasi", "ditangani", "selesai")),
    _Story(("gagal_berangkat",), "cpmi", 12, "orang_tua", "kunjungan", "",
           "Calon pekerja sudah tiga bulan di penampungan tanpa kepastian berangkat; keluarga "
           "khawatir.",
           "sedang",
           ((1, "telepon", "Menelepon P3MI; dijanjikan jadwal terbang bulan depan."),),
           ("diverifikasi", "ditangani"), follow_up_in=0,
           follow_up_note="Pastikan jadwal keberangkatan dari P3MI."),
    _Story(("sakit_kecelakaan",), "pmi", 90, "anak", "datang", "Pabrik elektronik",
           "Pekerja mengalami kecelakaan kerja dan dirawat; keluarga meminta bantuan informasi "
           "klaim asuransi.",
           "sedang",
           ((3, "dokumen", "Menerima surat keterangan dokter dari rumah sakit tempat dirawat."),
            (20, "telepon", "Klaim BPJS Ketenagakerjaan sudah diajukan.")),
           ("diverifikasi", "ditangani", "selesai", "ditutup")),
    _Story(("pelecehan_seksual",), "pmi", 8, "suami_istri", "telepon", "",
           "Suami melapor istrinya mengalami pelecehan oleh anggota keluarga majikan.",
           "darurat", ((0, "telepon", "Keterangan awal dicatat; pelapor minta dirahasiakan."),),
           ("diverifikasi",), follow_up_in=2,
           follow_up_note="Hubungi UPTD PPA untuk pendampingan.", for_admin=True),
    _Story(("pemulangan", "kerja_tidak_sesuai"), "pmi", 5, "orang_tua", "datang", "",
           "Pekerja ingin pulang karena pekerjaan tidak sesuai perjanjian (merawat tiga orang "
           "lansia sekaligus).",
           "sedang", (), (), follow_up_in=1,
           follow_up_note="Verifikasi ke PMI lewat telepon."),
)

#: (kind, days ago, what was seen, recruiter, phone, details, actions)
REPORTS: tuple[tuple[str, int, str, str, str, str, tuple[str, ...]], ...] = (
    ("calo", 15, "Seorang sponsor dari luar desa menawarkan kerja ke Malaysia tanpa biaya dan "
                 "tanpa pelatihan, mengumpulkan fotokopi KTP warga.",
     "Pak Darto", "081298765432", "Datang dengan mobil hitam, menginap di rumah kerabat.",
     ("keluarga", "disnaker")),
    ("nonprosedural", 4, "Tetangga mendengar seorang gadis akan berangkat ke Timur Tengah minggu "
                         "depan dengan visa kunjungan.",
     "", "", "", ("keluarga",)),
    ("lowongan", 30, "Lowongan di media sosial: kerja restoran di Jepang, gaji Rp 30 juta, cukup "
                     "bayar Rp 5 juta untuk visa.",
     "Agen \"Sukses Jaya\"", "", "Akun media sosial tanpa alamat kantor.", ("disnaker",)),
)


def _people(db: Database, status: str, count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(person id, newest placement id) of ``count`` residents with ``status``."""
    with db.sessions() as s:
        rows = s.execute(
            select(Person.id, Placement.id)
            .join(Placement, Placement.person_id == Person.id)
            .where(Person.status == status, Person.deleted_at.is_(None),
                   Placement.deleted_at.is_(None))
            .order_by(Person.name_key, Placement.departure_date.desc())
        ).all()
    newest: dict[str, str] = {}
    for person_id, placement_id in rows:
        newest.setdefault(person_id, placement_id)
    chosen = list(newest.items())
    rng.shuffle(chosen)
    return chosen[:count]


def _institution(ctx: ServiceContext, code: str) -> str:
    return next(i.id for i in institutions.list_institutions(ctx) if i.code == code)


def add_demo_cases(db: Database, village_code: str, admin: OfficerInfo, officer: OfficerInfo,
                   today: date, seed: int) -> int:
    """Write the demo stories; returns the number of cases."""
    rng = random.Random(seed)
    head_ctx = ServiceContext(db, village_code, admin, today=lambda: today)
    letterhead.save_letterhead(head_ctx, replace(letterhead.get_letterhead(head_ctx),
                                                 signer_name=DEMO_VILLAGE_HEAD))
    pools = {"pmi": _people(db, "pmi", 10, rng), "cpmi": _people(db, "cpmi", 10, rng)}
    made = 0
    for story in STORIES:
        if not pools[story.status_pool]:
            continue
        person_id, placement_id = pools[story.status_pool].pop()
        owner = admin if story.for_admin else officer
        ctx = ServiceContext(db, village_code, owner, today=lambda: today)
        reported = today - timedelta(days=story.days_ago)
        change = cases.create_case(ctx, CaseInput(
            types=story.types, reported_on=reported,
            persons=(CasePersonInput(person_id, placement_id),),
            reporter_name=_reporter(rng), reporter_relation=story.relation,
            channel=story.channel, employer=story.employer, description=story.description,
            priority=story.priority, assigned_officer_id=owner.id,
            marked_confidential=story.marked))
        case_id = change.ids[0]
        made += 1
        for offset, kind, summary in story.actions:
            case_timeline.add_action(ctx, case_id, action_date=min(reported + timedelta(
                days=offset), today), kind=kind, summary=summary)
        for status in story.path:
            if status == "dirujuk" and story.refer_to:
                _refer(ctx, case_id, story, reported, today)
                continue
            cases.change_status(ctx, case_id, status, outcome=_outcome(status),
                                closing_reason=_closing(status))
        if story.follow_up_in is not None:
            due = today + timedelta(days=story.follow_up_in)
            # An overdue one was planned back then (a date in the past is refused today).
            planned = ServiceContext(db, village_code, owner, today=lambda due=due: min(
                due, today))
            follow_ups.add_follow_up(planned, case_id=case_id, due_date=due,
                                     note=story.follow_up_note)
    _add_reports(db, village_code, officer, today, rng)
    _void_and_reissue_one(db, village_code, officer, today)
    return made


def _refer(ctx: ServiceContext, case_id: str, story: _Story, reported: date,
           today: date) -> None:
    on = min(reported + timedelta(days=4), today)
    cases.record_consent(ctx, case_id, referral=True, data_sharing=True,
                         given_by="Pelapor (keluarga)", on=on)
    referrals.refer_case(ctx, case_id, _institution(ctx, story.refer_to), referred_on=on,
                         reason="Mohon bantuan penanganan sesuai kewenangan.",
                         answer_due=on + timedelta(days=14))
    referral_id = referrals.referrals_for_case(ctx, case_id)[0].id
    draft = letter_drafts.referral_letter_draft(ctx, referral_id)
    letters.issue_letter(ctx, _dated(draft, on))


def _dated(draft: letter_drafts.LetterDraft, on: date) -> letter_drafts.LetterDraft:
    return replace(draft, issued_on=on)


def _add_reports(db: Database, village_code: str, officer: OfficerInfo, today: date,
                 rng: random.Random) -> None:
    ctx = ServiceContext(db, village_code, officer, today=lambda: today)
    at_risk = _people(db, "cpmi", 3, rng)
    for index, (kind, days, seen, recruiter, phone, details, actions) in enumerate(REPORTS):
        persons = (at_risk[index][0],) if index < len(at_risk) and kind != "lowongan" else ()
        change = warnings.create_report(ctx, WarningInput(
            report_date=today - timedelta(days=days), kind=kind, what_seen=seen,
            reporter_name="" if kind == "nonprosedural" else _reporter(rng),
            recruiter_name=recruiter, recruiter_phone=phone, recruiter_details=details,
            actions=actions, person_ids=persons))
        if kind == "nonprosedural":
            follow_ups.add_follow_up(ctx, warning_report_id=change.ids[0], due_date=today,
                                     note="Kunjungi keluarga dan jelaskan risiko visa "
                                          "kunjungan.")
    # A Disnaker introduction letter for a CPMI.
    for person_id, _placement in _people(db, "cpmi", 5, rng):
        try:
            draft = letter_drafts.introduction_letter_draft(ctx, person_id, "SP")
        except DomainError:  # a candidate the rules refuse: try the next
            continue
        letters.issue_letter(ctx, _dated(draft, today - timedelta(days=2)))
        break


def _void_and_reissue_one(db: Database, village_code: str, officer: OfficerInfo,
                          today: date) -> None:
    """The register shows a voided letter and its replacement, as in real life."""
    ctx = ServiceContext(db, village_code, officer, today=lambda: today)
    issued = [v for v in letters.letter_register(ctx) if v.kind == "SR"]
    if not issued:
        return
    first = issued[-1]
    letters.void_letter(ctx, first.id, "Alamat lembaga tujuan salah ketik.")
    letters.issue_letter(ctx, letters.reissue_letter(ctx, first.id))


def _reporter(rng: random.Random) -> str:
    return rng.choice(("Sumiati", "Warsini", "Karta", "Tarmini", "Dasmin", "Rohaeti",
                       "Carsono", "Nani Suryani"))


def _outcome(status: str) -> str:
    return "Masalah selesai; hak pekerja sudah diterima." if status == "selesai" else ""


def _closing(status: str) -> str:
    return "Penanganan selesai dan keluarga puas." if status == "ditutup" else ""
