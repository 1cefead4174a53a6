"""Reference lists of case files, early warnings, referrals and letters.

Codes are stored in the database and travel to the district; labels are what
the officer reads (English in ``desa_desktop.i18n.en_cases``). The case types
are those of DOMAIN.md (the papers and BP2MI complaint categories).
"""

from __future__ import annotations

CASE_TYPES = {
    "gaji": "Gaji tidak dibayar",
    "pemulangan": "Minta dipulangkan",
    "hilang_kontak": "Hilang kontak",
    "kekerasan": "Kekerasan fisik/psikis",
    "pelecehan_seksual": "Pelecehan/kekerasan seksual",
    "tppo": "Indikasi perdagangan orang (TPPO)",
    "penipuan_calo": "Penipuan calo / biaya berlebih",
    "gagal_berangkat": "Gagal berangkat",
    "sakit_kecelakaan": "Sakit atau kecelakaan",
    "meninggal": "Meninggal dunia",
    "ditahan": "Ditahan / masalah hukum",
    "kerja_tidak_sesuai": "Pekerjaan tidak sesuai perjanjian",
    "dokumen_ditahan": "Dokumen ditahan majikan",
    "tidak_berdokumen": "Tidak berdokumen / overstay",
    "kdrt_purna": "Kekerasan dalam rumah tangga setelah pulang",
    "lainnya": "Lainnya",
}

#: Case types that make a case confidential by themselves (DOMAIN.md).
CONFIDENTIAL_TYPES = frozenset({"tppo", "pelecehan_seksual"})

CASE_STATUS = {
    "dilaporkan": "Dilaporkan",
    "diverifikasi": "Diverifikasi",
    "dirujuk": "Dirujuk",
    "ditangani": "Dalam penanganan",
    "selesai": "Selesai ditangani",
    "ditutup": "Ditutup",
}

#: Statuses in which a case is still being worked on.
OPEN_STATUSES = frozenset({"dilaporkan", "diverifikasi", "dirujuk", "ditangani"})

PRIORITY = {
    "rendah": "Rendah",
    "sedang": "Sedang",
    "tinggi": "Tinggi",
    "darurat": "Darurat",
}

CHANNEL = {
    "datang": "Datang langsung ke pos",
    "telepon": "Telepon",
    "whatsapp": "WhatsApp / pesan",
    "kunjungan": "Kunjungan petugas",
    "media_sosial": "Media sosial",
    "lembaga": "Dari lembaga lain",
    "lainnya": "Lainnya",
}

REPORTER_RELATION = {
    "diri_sendiri": "Yang bersangkutan sendiri",
    "suami_istri": "Suami/istri",
    "orang_tua": "Orang tua",
    "anak": "Anak",
    "saudara": "Saudara",
    "tetangga": "Tetangga",
    "perangkat_desa": "Perangkat desa",
    "lainnya": "Lainnya",
}

#: Timeline entries of a case.
ACTION_KIND = {
    "telepon": "Telepon",
    "kunjungan": "Kunjungan",
    "pertemuan": "Pertemuan",
    "dokumen": "Dokumen diterima",
    "surat": "Surat",
    "catatan": "Catatan",
}

#: Role of a person in a case.
CASE_PERSON_ROLE = {"korban": "Yang bersangkutan", "terkait": "Terkait"}

WARNING_KIND = {
    "calo": "Calo / sponsor mencurigakan",
    "lowongan": "Tawaran kerja mencurigakan",
    "nonprosedural": "Akan berangkat nonprosedural",
}

#: What the post did with an early-warning report.
WARNING_ACTION = {
    "keluarga": "Memberi tahu keluarga",
    "imigrasi": "Diteruskan ke petugas imigrasi",
    "polisi": "Diteruskan ke polisi",
    "disnaker": "Diteruskan ke Disnaker",
}

INSTITUTION_KIND = {
    "disnaker": "Dinas Tenaga Kerja",
    "bp3mi": "BP3MI",
    "kementerian": "Kementerian P2MI",
    "polisi": "Kepolisian",
    "dinsos": "Dinas Sosial",
    "uptd_ppa": "UPTD PPA",
    "bantuan_hukum": "Bantuan hukum / LSM",
    "kesehatan": "Puskesmas / rumah sakit",
    "imigrasi": "Kantor imigrasi",
    "perwakilan": "Perwakilan RI di luar negeri",
    "lainnya": "Lainnya",
}

REFERRAL_STATUS = {
    "dikirim": "Dikirim",
    "diterima": "Diterima lembaga",
    "ditindaklanjuti": "Ditindaklanjuti",
    "tidak_ada_tanggapan": "Tidak ada tanggapan",
}

#: Letter kinds and the code that goes into the letter number.
LETTER_KIND = {
    "SR": "Surat rujukan",
    "SP": "Surat pengantar",
    "SK": "Surat keterangan",
}

LETTER_STATUS = {"terbit": "Terbit", "batal": "Dibatalkan"}

#: The referral institutions of DOMAIN.md, seeded into the editable directory.
#: (code, name, kind, address, phone)
SEED_INSTITUTIONS: tuple[tuple[str, str, str, str, str], ...] = (
    ("disnaker", "Dinas Tenaga Kerja Kabupaten", "disnaker", "", ""),
    ("bp3mi", "BP3MI (Balai Pelayanan Pelindungan Pekerja Migran Indonesia) Provinsi",
     "bp3mi", "", ""),
    ("kemenp2mi", "Kementerian Pelindungan Pekerja Migran Indonesia (KemenP2MI)",
     "kementerian", "Jl. MT Haryono Kav. 52, Jakarta Selatan", "08001000"),
    ("polres", "Polres (Unit PPA / TPPO)", "polisi", "", "110"),
    ("dinsos", "Dinas Sosial Kabupaten", "dinsos", "", ""),
    ("uptd_ppa", "UPTD Perlindungan Perempuan dan Anak", "uptd_ppa", "", "129"),
    ("lbh", "Lembaga Bantuan Hukum (LBH)", "bantuan_hukum", "", ""),
    ("migrant_care", "Migrant CARE", "bantuan_hukum", "Jakarta", ""),
    ("sbmi", "Serikat Buruh Migran Indonesia (SBMI)", "bantuan_hukum", "", ""),
    ("puskesmas", "Puskesmas Kecamatan", "kesehatan", "", ""),
    ("rsud", "RSUD Kabupaten", "kesehatan", "", ""),
    ("imigrasi", "Kantor Imigrasi (PIMPASA)", "imigrasi", "", ""),
    ("perwakilan", "KBRI/KJRI melalui KemenP2MI", "perwakilan", "", ""),
)
