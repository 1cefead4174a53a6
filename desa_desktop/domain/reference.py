"""Reference lists: codes stored in the database and their Indonesian labels.

Codes are short, stable and language-free (they go into the district bundle);
labels are what the officer reads. English labels live in
``desa_desktop.i18n.en_reference``.
"""

from __future__ import annotations

SEX = {"L": "Laki-laki", "P": "Perempuan"}

STATUS = {
    "cpmi": "CPMI (calon PMI)",
    "pmi": "PMI (sedang bekerja di luar negeri)",
    "purna": "Purna PMI",
    "keluarga": "Keluarga PMI",
    "warga": "Warga lain",
}
STATUS_SHORT = {
    "cpmi": "CPMI",
    "pmi": "PMI",
    "purna": "Purna PMI",
    "keluarga": "Keluarga PMI",
    "warga": "Warga",
}

EDUCATION = {
    "": "-",
    "tidak_sekolah": "Tidak/belum sekolah",
    "sd": "SD/sederajat",
    "smp": "SMP/sederajat",
    "sma": "SMA/SMK/sederajat",
    "d3": "Diploma (D1-D3)",
    "s1": "Sarjana (D4/S1)",
    "s2": "Pascasarjana (S2/S3)",
}

MARITAL_STATUS = {
    "": "-",
    "belum_kawin": "Belum kawin",
    "kawin": "Kawin",
    "cerai_hidup": "Cerai hidup",
    "cerai_mati": "Cerai mati",
}

RELATION_TO_HEAD = {
    "": "-",
    "kepala": "Kepala keluarga",
    "istri": "Istri",
    "suami": "Suami",
    "anak": "Anak",
    "menantu": "Menantu",
    "cucu": "Cucu",
    "orang_tua": "Orang tua",
    "mertua": "Mertua",
    "famili": "Famili lain",
    "lainnya": "Lainnya",
}

#: Relations that make someone "keluarga PMI" when a household member is abroad.
FAMILY_RELATIONS = frozenset(
    {"kepala", "istri", "suami", "anak", "orang_tua", "mertua", "menantu", "cucu"}
)

#: Destination countries named in the source papers and BP2MI placement data
#: (ISO 3166 alpha-2 -> Indonesian name), most common first.
COUNTRIES = {
    "MY": "Malaysia",
    "TW": "Taiwan",
    "HK": "Hong Kong",
    "SG": "Singapura",
    "SA": "Arab Saudi",
    "KR": "Korea Selatan",
    "JP": "Jepang",
    "AE": "Uni Emirat Arab",
    "BN": "Brunei Darussalam",
    "QA": "Qatar",
    "KW": "Kuwait",
    "OM": "Oman",
    "TR": "Turki",
    "PL": "Polandia",
    "IT": "Italia",
    "DE": "Jerman",
    "AU": "Australia",
    "US": "Amerika Serikat",
}

SECTOR = {"": "-", "formal": "Formal", "informal": "Informal"}

JOB = {
    "": "-",
    "plrt": "PLRT (penata laksana rumah tangga)",
    "caregiver": "Perawat lansia (caregiver)",
    "pabrik": "Pekerja pabrik",
    "konstruksi": "Konstruksi",
    "perkebunan": "Perkebunan",
    "abk": "Awak kapal perikanan (ABK)",
    "perhotelan": "Perhotelan dan restoran",
    "pertanian": "Pertanian",
    "lainnya": "Lainnya",
}

SCHEME = {
    "": "-",
    "g2g": "G to G (antarpemerintah)",
    "p2p": "P to P (melalui P3MI)",
    "ukps": "UKPS (untuk kepentingan perusahaan sendiri)",
    "mandiri": "Perseorangan/mandiri",
    "reentry": "Re-entry (kembali ke majikan lama)",
    "pelaut": "Pelaut",
}

#: The document checklist the district asks for, in the order of the process.
DOCUMENTS = {
    "ktp": "KTP",
    "kk": "Kartu Keluarga",
    "akta_lahir": "Akta kelahiran",
    "status_kawin": "Surat keterangan status perkawinan",
    "izin_keluarga": "Surat izin keluarga/wali diketahui kepala desa",
    "sertifikat_kompetensi": "Sertifikat kompetensi",
    "cek_kesehatan": "Pemeriksaan kesehatan dan psikologi",
    "paspor": "Paspor",
    "visa_kerja": "Visa kerja",
    "perjanjian_penempatan": "Perjanjian penempatan",
    "perjanjian_kerja": "Perjanjian kerja",
    "bpjs": "BPJS Ketenagakerjaan",
    "id_pmi": "ID PMI (E-PMI)",
}

PROCEDURAL = {None: "Belum diketahui", True: "Prosedural", False: "Nonprosedural"}

#: The visa the CPMI is to leave on: a tourist or visit visa is a risk signal.
VISA_TYPE = {
    "": "-",
    "kerja": "Visa kerja",
    "turis": "Visa turis",
    "kunjungan": "Visa kunjungan",
    "lainnya": "Lainnya",
}

#: The risk questions of a placement answered yes / no / not known: field -> question
#: (the placement form asks them, the person's data sheet prints the answers).
RISK_QUESTIONS = {
    "agency_licensed": "P3MI berizin?",
    "via_calo": "Lewat calo/sponsor?",
    "recruiter_debt": "Berutang ke perekrut?",
    "family_informed": "Keluarga tahu tanggal berangkat?",
}
#: An answer to a risk question; None is "not known yet".
RISK_ANSWER = {None: "Belum diketahui", True: "Ya", False: "Tidak"}

#: How the data was collected: back-entered or second-hand data must stay visible.
COLLECTION_METHOD = {
    "langsung": "Langsung (tatap muka)",
    "telepon": "Telepon",
    "kerabat": "Dari kerabat",
    "dokumen": "Dari dokumen",
}

VISIT_KIND = {"pendataan": "Pendataan", "penjangkauan": "Penjangkauan"}

VISIT_OUTCOME = {
    "bertemu": "Bertemu",
    "tidak_di_rumah": "Tidak di rumah",
    "menolak": "Menolak",
}

ROLES = {"admin": "Admin", "petugas": "Petugas", "kepala_desa": "Kepala desa"}
