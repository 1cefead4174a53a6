"""The registers that travel to the district, in merge order, and what each may carry.

One list, ``REGISTERS``, is the single place that says which tables go into a
bundle: the data file ``data/<table>.jsonl``, the workbook sheet (title and
columns with Indonesian headers), the counts of the manifest and the preview
of the export screen all follow it. Adding a register is one entry here.

The order is the merge order at the district: a row comes after the rows it
points to (a placement after its person, a loan after its member, a
follow-up after the early-warning report it may belong to).

Redaction happens here, in one function per register, because the rule is
about content, not screens: a confidential case (trafficking, sexual
violence, or marked by an officer) leaves the laptop as a bare entry (number,
types, status, channel, dates, country, priority) so the district can count
it, and nothing that identifies or describes it. Its persons, timeline,
attachments, follow-ups, referrals and letters are left out altogether.
Columns of ``case_file`` not on the keep-list are blanked, so a column added
later is withheld until someone decides it may go.

Pure: no services, no files; the database layer is read for column shapes only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import JSON, Boolean, Integer, String, Text

from desa_desktop.db import models  # noqa: F401 - every table in the metadata
from desa_desktop.db.base import Base
from desa_desktop.domain import case_reference as cr
from desa_desktop.domain import ledger_reference as lr
from desa_desktop.domain import reference as ref

__all__ = ["CASE_KEEP", "REGISTERS", "Register", "Scope", "SheetColumn", "by_table",
           "redact_case_file"]

YES_NO: Mapping[Any, str] = {True: "Ya", False: "Tidak", None: ""}
#: The month-closing states (as ``services.month_closing.CLOSING_STATUS``; bundle/ may
#: not import services).
CLOSING_STATUS = {"ditutup": "Ditutup", "dibuka_kembali": "Dibuka kembali"}
#: Columns every synced record has (``db.base.SyncMixin``).
SYNC_COLUMNS = ("id", "village_code", "created_at", "updated_at", "revision", "changed_by",
                "deleted_at")
#: What a confidential case keeps: enough to count it, nothing to find or describe it.
CASE_KEEP = frozenset({*SYNC_COLUMNS, "number", "types", "status", "channel", "reported_on",
                       "country", "priority", "confidential", "marked_confidential"})
#: Officer columns that may leave the laptop (never the password hash or key slots).
OFFICER_COLUMNS = ("id", "village_code", "username", "full_name", "role", "active",
                   "created_at", "updated_at", "revision", "deleted_at")


@dataclass(frozen=True)
class SheetColumn:
    """A workbook column: the data key, its Indonesian header and how to show the value.

    ``kind`` is an ``xlsx_base`` kind (text, money, date, datetime, int);
    ``labels`` turns a code (or each code of a list, or a yes/no) into its
    label; ``ref`` names the register whose record's name replaces the id.
    """

    key: str
    header: str
    kind: str = "text"
    labels: Mapping[Any, str] | None = None
    ref: str | None = None
    width: float = 16


@dataclass(frozen=True)
class Scope:
    """What the redaction of one export needs to know, read once from the database."""

    village_code: str
    confidential_cases: frozenset[str] = frozenset()
    confidential_referrals: frozenset[str] = frozenset()


#: Shapes a row for export; None leaves the row out.
Redactor = Callable[[dict[str, Any], Scope], dict[str, Any] | None]


@dataclass(frozen=True)
class Register:
    """One table that travels: data file name, sheet and an optional redaction."""

    table: str
    sheet_title: str
    columns: tuple[SheetColumn, ...]
    redact: Redactor | None = None
    #: Only these columns leave the laptop (None: every column of the table).
    only: tuple[str, ...] | None = None


# Short builders so the table below reads like the sheets: C a column, D a date, T long text.
def C(key: str, header: str, kind: str = "text", labels: Mapping[Any, str] | None = None,
      ref: str | None = None, width: float = 16) -> SheetColumn:
    return SheetColumn(key, header, kind, labels, ref, width)


def D(key: str, header: str) -> SheetColumn:
    return SheetColumn(key, header, "date", width=12)


def T(key: str, header: str, width: float = 40) -> SheetColumn:
    return SheetColumn(key, header, width=width)


# -- redaction -------------------------------------------------------------------------
@cache
def _blank_values(table: str, keep: frozenset[str]) -> dict[str, Any]:
    """The empty value of every column not kept: null where allowed, else "", False, [] or 0."""
    blanks: dict[str, Any] = {}
    for column in Base.metadata.tables[table].columns:
        if column.name in keep:
            continue
        if column.nullable:
            blanks[column.name] = None
        elif isinstance(column.type, String | Text):
            blanks[column.name] = ""
        elif isinstance(column.type, Boolean):
            blanks[column.name] = False
        elif isinstance(column.type, JSON):
            blanks[column.name] = []
        elif isinstance(column.type, Integer):
            blanks[column.name] = 0
        else:  # a new kind of column: refuse to guess what "empty" is
            raise TypeError(f"no blank value for {table}.{column.name}")
    return blanks


def redact_case_file(row: dict[str, Any], scope: Scope) -> dict[str, Any]:
    """A confidential case keeps ``CASE_KEEP``; every other column is blanked."""
    if row["id"] not in scope.confidential_cases and not row.get("confidential"):
        return row
    blanks = _blank_values("case_file", CASE_KEEP)
    return {key: value if key in CASE_KEEP else blanks[key] for key, value in row.items()}


def _not_of_secret_case(row: dict[str, Any], scope: Scope) -> dict[str, Any] | None:
    return None if row.get("case_id") in scope.confidential_cases else row


def _letter(row: dict[str, Any], scope: Scope) -> dict[str, Any] | None:
    if row.get("case_id") in scope.confidential_cases \
            or row.get("referral_id") in scope.confidential_referrals:
        return None
    return row


def _warning_report(row: dict[str, Any], scope: Scope) -> dict[str, Any]:
    """A warning report stays, but not its link to a confidential case (who it concerns)."""
    if row.get("case_id") in scope.confidential_cases:
        return {**row, "case_id": None}
    return row


def _officer(row: dict[str, Any], scope: Scope) -> dict[str, Any]:
    """Officers have no sync columns yet: fill them so the row merges like any other."""
    full = {"village_code": scope.village_code, "updated_at": row.get("created_at"),
            "revision": 1, "deleted_at": None, **row}
    return {key: full.get(key) for key in OFFICER_COLUMNS}


# -- the registers ---------------------------------------------------------------------
_COLLECTION = (C("collection_method", "Cara pendataan", labels=ref.COLLECTION_METHOD),
               D("collected_on", "Tanggal pendataan"))

REGISTERS: tuple[Register, ...] = (
    Register("officer", "Petugas", (
        C("username", "Nama pengguna"), C("full_name", "Nama lengkap", width=28),
        C("role", "Peran", labels=ref.ROLES), C("active", "Aktif", labels=YES_NO, width=8),
    ), _officer, OFFICER_COLUMNS),
    Register("household", "Keluarga", (
        C("kk_number", "Nomor KK", width=19), C("head_name", "Kepala keluarga", width=26),
        C("dusun", "Dusun"), C("rw", "RW", width=6), C("rt", "RT", width=6),
        T("address", "Alamat"), *_COLLECTION,
    )),
    Register("person", "Warga", (
        C("nik", "NIK", width=19), C("full_name", "Nama lengkap", width=26),
        C("sex", "Jenis kelamin", labels=ref.SEX, width=12), C("birth_place", "Tempat lahir"),
        D("birth_date", "Tanggal lahir"),
        C("household_id", "Keluarga (kepala keluarga)", ref="household", width=26),
        C("relation_to_head", "Hubungan dengan kepala keluarga", labels=ref.RELATION_TO_HEAD),
        C("status", "Status", labels=ref.STATUS_SHORT, width=13),
        C("last_country", "Negara terakhir", labels=ref.COUNTRIES),
        C("phone", "Telepon"), C("education", "Pendidikan", labels=ref.EDUCATION),
        C("marital_status", "Status perkawinan", labels=ref.MARITAL_STATUS),
        C("passport_number", "Nomor paspor"), *_COLLECTION, T("notes", "Catatan"),
    )),
    Register("placement", "Penempatan", (
        C("person_id", "Nama", ref="person", width=26),
        C("country", "Negara tujuan", labels=ref.COUNTRIES), C("sector", "Sektor",
                                                               labels=ref.SECTOR),
        C("job", "Pekerjaan", labels=ref.JOB, width=24), C("scheme", "Skema",
                                                           labels=ref.SCHEME, width=24),
        C("agency_name", "P3MI / agensi", width=26), D("departure_date", "Tanggal berangkat"),
        D("contract_end", "Akhir kontrak"), D("return_date", "Tanggal pulang"),
        C("procedural", "Prosedural", labels=ref.PROCEDURAL),
        C("documents", "Dokumen", labels=ref.DOCUMENTS, width=40),
        C("visa_type", "Jenis visa", labels=ref.VISA_TYPE),
        C("agency_licensed", "P3MI berizin", labels=ref.RISK_ANSWER),
        C("via_calo", "Lewat calo/sponsor", labels=ref.RISK_ANSWER),
        C("recruiter_name", "Nama perekrut"),
        C("recruiter_debt", "Berutang ke perekrut", labels=ref.RISK_ANSWER),
        C("family_informed", "Keluarga tahu tanggal berangkat", labels=ref.RISK_ANSWER),
        T("notes", "Catatan"),
    )),
    Register("visit", "Kunjungan", (
        C("household_id", "Keluarga (kepala keluarga)", ref="household", width=26),
        D("visit_date", "Tanggal kunjungan"), C("officer_id", "Petugas", ref="officer"),
        C("kind", "Jenis", labels=ref.VISIT_KIND), C("outcome", "Hasil",
                                                     labels=ref.VISIT_OUTCOME),
        D("follow_up_date", "Tanggal tindak lanjut"), _COLLECTION[0], T("notes", "Catatan"),
    )),
    Register("institution", "Lembaga", (
        C("code", "Kode"), C("name", "Nama lembaga", width=40),
        C("kind", "Jenis", labels=cr.INSTITUTION_KIND, width=24), T("address", "Alamat"),
        C("phone", "Telepon"), C("email", "Surel", width=24),
        C("contact_person", "Narahubung", width=24),
    )),
    Register("case_file", "Kasus", (
        C("number", "Nomor kasus", width=14),
        C("types", "Jenis kasus", labels=cr.CASE_TYPES, width=36),
        C("status", "Status", labels=cr.CASE_STATUS), C("priority", "Prioritas",
                                                        labels=cr.PRIORITY),
        C("channel", "Saluran pengaduan", labels=cr.CHANNEL), D("reported_on", "Tanggal lapor"),
        C("country", "Negara", labels=ref.COUNTRIES),
        C("confidential", "Rahasia", labels=YES_NO, width=9),
        C("reporter_name", "Nama pelapor", width=22),
        C("reporter_relation", "Hubungan pelapor", labels=cr.REPORTER_RELATION),
        C("reporter_phone", "Telepon pelapor"), C("employer", "Majikan / perusahaan"),
        T("description", "Uraian"),
        C("assigned_officer_id", "Petugas yang ditugaskan", ref="officer"),
        T("outcome", "Hasil penanganan"), T("closing_reason", "Alasan penutupan"),
        C("consent_referral", "Setuju dirujuk", labels=ref.RISK_ANSWER),
        C("consent_data_sharing", "Setuju data dibagikan", labels=ref.RISK_ANSWER),
        C("consent_given_by", "Persetujuan diberikan oleh"), D("consent_on",
                                                               "Tanggal persetujuan"),
        C("warning_report_id", "Dari laporan dini", ref="warning_report"),
    ), redact_case_file),
    Register("case_person", "Orang dalam kasus", (
        C("case_id", "Nomor kasus", ref="case_file", width=14),
        C("person_id", "Nama", ref="person", width=26),
        C("role", "Peran", labels=cr.CASE_PERSON_ROLE, width=18),
        C("placement_id", "Penempatan (ID)", width=38),
    ), _not_of_secret_case),
    Register("case_action", "Tindakan kasus", (
        C("case_id", "Nomor kasus", ref="case_file", width=14), D("action_date", "Tanggal"),
        C("kind", "Jenis", labels=cr.ACTION_KIND), T("summary", "Uraian", width=50),
        C("officer_id", "Petugas", ref="officer"),
    ), _not_of_secret_case),
    Register("case_attachment", "Lampiran kasus", (
        C("case_id", "Nomor kasus", ref="case_file", width=14),
        C("file_name", "Nama berkas", width=30), C("media_type", "Jenis berkas"),
        C("size", "Ukuran (bita)", "int"), C("sha256", "SHA-256", width=66),
        T("description", "Keterangan"),
    ), _not_of_secret_case),
    Register("warning_report", "Laporan dini", (
        C("number", "Nomor laporan", width=14), D("report_date", "Tanggal lapor"),
        C("kind", "Jenis", labels=cr.WARNING_KIND, width=28),
        C("reporter_name", "Nama pelapor", width=22),
        T("what_seen", "Yang dilihat atau didengar", width=50),
        C("recruiter_name", "Nama perekrut"), C("recruiter_phone", "Telepon perekrut"),
        T("recruiter_details", "Keterangan perekrut"),
        C("actions", "Tindakan", labels=cr.WARNING_ACTION, width=30),
        T("action_notes", "Catatan tindakan"), C("case_id", "Nomor kasus", ref="case_file"),
    ), _warning_report),
    Register("warning_person", "Orang dalam laporan dini", (
        C("report_id", "Nomor laporan", ref="warning_report", width=14),
        C("person_id", "Nama", ref="person", width=26),
    )),
    Register("follow_up", "Tindak lanjut", (
        C("case_id", "Nomor kasus", ref="case_file", width=14),
        C("warning_report_id", "Nomor laporan dini", ref="warning_report", width=14),
        D("due_date", "Batas waktu"), T("note", "Catatan"),
        C("assigned_officer_id", "Petugas", ref="officer"), D("done_on", "Selesai pada"),
    ), _not_of_secret_case),
    Register("referral", "Rujukan", (
        C("case_id", "Nomor kasus", ref="case_file", width=14),
        C("institution_id", "Lembaga", ref="institution", width=36),
        D("referred_on", "Tanggal rujukan"), T("reason", "Alasan"),
        C("status", "Status", labels=cr.REFERRAL_STATUS, width=20),
        D("answer_due", "Batas jawaban"), D("acknowledged_on", "Diterima lembaga pada"),
        D("acted_on", "Ditindaklanjuti pada"), T("response_notes", "Catatan tanggapan"),
        T("consent_override", "Alasan merujuk tanpa persetujuan"),
    ), _not_of_secret_case),
    Register("letter", "Surat keluar", (
        C("number", "Nomor surat", width=24), C("kind", "Jenis", labels=cr.LETTER_KIND),
        D("issued_on", "Tanggal surat"), C("addressee", "Kepada", width=36),
        T("subject", "Perihal"), C("status", "Status", labels=cr.LETTER_STATUS),
        T("void_reason", "Alasan pembatalan"), D("voided_on", "Dibatalkan pada"),
        C("replaces_id", "Menggantikan surat", ref="letter", width=24),
        C("case_id", "Nomor kasus", ref="case_file", width=14),
        C("person_id", "Tentang warga", ref="person", width=26),
        C("signer_name", "Penanda tangan", width=24), C("key_id", "Kunci tanda tangan"),
    ), _letter),
    Register("business_group", "Kelompok usaha", (
        C("name", "Nama kelompok", width=30), C("kind", "Jenis", labels=lr.GROUP_KIND,
                                                width=24),
        C("business_type", "Jenis usaha", width=24), D("founded_on", "Tanggal berdiri"),
        C("status", "Status", labels=lr.GROUP_STATUS), T("address", "Alamat"),
        T("notes", "Catatan"),
    )),
    Register("group_member", "Anggota kelompok", (
        C("group_id", "Kelompok", ref="business_group", width=30),
        C("member_no", "No. anggota", "int", width=10),
        C("person_id", "Nama", ref="person", width=26),
        C("role", "Jabatan", labels=lr.MEMBER_ROLE), D("joined_on", "Tanggal masuk"),
        D("left_on", "Tanggal keluar"),
    )),
    Register("loan", "Pinjaman", (
        C("group_id", "Kelompok", ref="business_group", width=30),
        C("no", "No. pinjaman", "int", width=10),
        C("member_id", "Peminjam", ref="group_member", width=26),
        C("principal", "Pokok pinjaman", "money"),
        C("fee_method", "Cara menghitung jasa", labels=lr.FEE_METHOD, width=26),
        C("fee_rate_bp", "Jasa per bulan (per 10.000; 150 = 1,5 %)", "int"),
        C("term_months", "Jangka (bulan)", "int", width=10), D("disbursed_on", "Tanggal cair"),
        D("first_due_on", "Angsuran pertama"), T("purpose", "Keperluan"),
        C("status", "Status", labels=lr.LOAN_STATUS), D("settled_on", "Tanggal lunas"),
    )),
    Register("cash_entry", "Buku kas", (
        C("group_id", "Kelompok", ref="business_group", width=30),
        C("no", "No. baris", "int", width=9), D("entry_date", "Tanggal"),
        C("direction", "Arah", labels=lr.DIRECTION, width=13),
        C("category", "Kategori", labels=lr.CATEGORY, width=24),
        C("amount", "Jumlah", "money"), C("member_id", "Anggota", ref="group_member", width=26),
        C("loan_id", "Pinjaman", ref="loan", width=12), C("receipt_no", "No. bukti"),
        T("description", "Uraian"), C("reverses_id", "Membatalkan baris (ID)", width=38),
    )),
    Register("ledger_closing", "Tutup buku", (
        C("group_id", "Kelompok", ref="business_group", width=30), C("month", "Bulan",
                                                                     width=9),
        C("opening_balance", "Saldo awal", "money"), C("total_in", "Pemasukan", "money"),
        C("total_out", "Pengeluaran", "money"), C("closing_balance", "Saldo akhir", "money"),
        C("entry_count", "Jumlah baris", "int", width=10),
        C("entries_hash", "Kode periksa", width=66), D("closed_on", "Ditutup pada"),
        C("closed_by", "Ditutup oleh", ref="officer"),
        C("status", "Status", labels=CLOSING_STATUS),
        C("reopened_at", "Dibuka kembali pada (UTC)", "datetime"),
        C("reopened_by", "Dibuka kembali oleh", ref="officer"),
        T("reopen_reason", "Alasan dibuka kembali"),
    )),
    Register("activity", "Kegiatan", (
        D("activity_date", "Tanggal"), C("start_time", "Jam mulai", width=9),
        C("kind", "Jenis", labels=lr.ACTIVITY_KIND, width=30), T("topic", "Tema"),
        C("facilitator", "Narasumber", width=24),
        C("institution_id", "Lembaga mitra", ref="institution", width=30),
        C("partner_name", "Mitra lain"), C("place", "Tempat", width=24),
        C("group_id", "Kelompok", ref="business_group", width=30),
        C("unregistered_count", "Peserta tidak terdaftar", "int"), T("notes", "Catatan"),
    )),
    Register("activity_attendee", "Peserta kegiatan", (
        C("activity_id", "Kegiatan", ref="activity", width=40),
        C("person_id", "Nama", ref="person", width=26),
        C("present", "Kehadiran", labels=lr.PRESENCE, width=14),
    )),
)

#: Columns every sheet ends with: the record's history at a glance.
TRAILING_COLUMNS = (
    SheetColumn("revision", "Revisi", "int", width=8),
    SheetColumn("created_at", "Dibuat (UTC)", "datetime"),
    SheetColumn("updated_at", "Diubah (UTC)", "datetime"),
    SheetColumn("deleted_at", "Dihapus (UTC)", "datetime"),
)


def by_table(table: str) -> Register:
    """The register of ``table`` (KeyError for a table that does not travel)."""
    for register in REGISTERS:
        if register.table == table:
            return register
    raise KeyError(table)
