"""English strings for the record forms (person, household, placement, visit),
the reference code lists they show, and the service messages they display:
Indonesian source -> English.

Keys are the exact Indonesian texts passed to ``tr()`` (labels, templates
with ``{params}``); a key written slightly differently here simply stays
untranslated, which ``tests/ui/forms/test_language.py`` catches.
"""

STRINGS: dict[str, str] = {
    # (form base, widget and task-runner strings live in en_ui_main.py)
    # -- labels shared by several forms ----------------------------------------------------
    "- Pilih -": "- Choose -",
    "Cara pengumpulan data": "How the data was collected",
    "Tanggal pendataan": "Date of data collection",
    # -- household_form.py -----------------------------------------------------------------
    "Keluarga baru": "New household",
    "Ubah data keluarga": "Edit household",
    "16 angka, contoh 3207 1215 0810 0003": "16 digits, for example 3207 1215 0810 0003",
    "Nama kepala keluarga": "Name of the head of household",
    "RW": "RW",
    "RT": "RT",
    "Alamat": "Address",
    "KK {kk} - Kepala: {head}": "KK {kk} - Head: {head}",
    "Tanpa No. KK - Kepala: {head}": "No KK number - Head: {head}",
    "Ketik No. KK atau nama kepala keluarga, lalu pilih":
        "Type the KK number or the head's name, then choose",
    # -- person_form.py --------------------------------------------------------------------
    "Pendaftaran orang baru": "Register a new person",
    "Ubah data orang": "Edit person",
    "16 angka, contoh 3207 12 450885 0001": "16 digits, for example 3207 12 450885 0001",
    "Nama lengkap": "Full name",
    "Tempat lahir": "Place of birth",
    "Tanggal lahir": "Date of birth",
    "contoh 0812 3456 7890": "for example 0812 3456 7890",
    "Pendidikan": "Education",
    "Status perkawinan": "Marital status",
    "Hubungan dengan kepala keluarga": "Relation to the head of household",
    "No. paspor": "Passport no.",
    "Menurut NIK: {sex}, lahir {date}, provinsi {province} (kode wilayah {region}).":
        "According to the NIK: {sex}, born {date}, province {province} (region code {region}).",
    "Pilih keluarga dari daftar yang muncul saat mengetik, atau kosongkan kolom ini.":
        "Choose a household from the list that appears as you type, or leave this field empty.",
    "Periksa sebelum menyimpan": "Check before saving",
    "Sebelum menyimpan, periksa dulu:": "Before saving, please check:",
    "Kemungkinan orang yang sama sudah terdaftar:":
        "The same person may already be registered:",
    "{name}, NIK {nik}, lahir {date}": "{name}, NIK {nik}, born {date}",
    "Tetap simpan": "Save anyway",
    # -- placement_form.py -----------------------------------------------------------------
    "Penempatan baru: {name}": "New placement: {name}",
    "Ubah data penempatan: {name}": "Edit placement: {name}",
    "Negara tujuan": "Destination country",
    "Sektor": "Sector",
    "Jabatan/pekerjaan": "Job",
    "Skema penempatan": "Placement scheme",
    "Nama P3MI": "Agency (P3MI)",
    "Perusahaan penempatan; kosongkan bila berangkat tanpa P3MI":
        "Placement agency; leave empty when leaving without one",
    "Tanggal berangkat": "Departure date",
    "Akhir kontrak": "Contract end",
    "Tanggal pulang": "Return date",
    "{done} dari {total} dokumen sudah ada.": "{done} of {total} documents in hand.",
    # -- visit_form.py ---------------------------------------------------------------------
    "Kunjungan baru": "New visit",
    "Tanggal kunjungan": "Visit date",
    "Jenis kunjungan": "Kind of visit",
    "Hasil kunjungan": "Outcome",
    "Tanggal kunjungan ulang": "Follow-up visit date",
    "Wajib diisi: kapan keluarga ini akan dikunjungi lagi.":
        "Required: when this household will be visited again.",
    'Diisi bila hasil kunjungan "{outcome}".': 'Filled in when the outcome is "{outcome}".',
    "Isi tanggal kunjungan.": "Fill in the visit date.",
    # -- domain/reference.py: STATUS, STATUS_SHORT -------------------------------------------
    "CPMI (calon PMI)": "CPMI (prospective migrant worker)",
    "PMI (sedang bekerja di luar negeri)": "PMI (working abroad)",
    "Purna PMI": "Returned migrant worker",
    "Keluarga PMI": "Migrant worker's family",
    "Warga lain": "Other resident",
    "CPMI": "CPMI",
    "PMI": "PMI",
    "Warga": "Resident",
    # -- domain/reference.py: SEX, EDUCATION, MARITAL_STATUS ---------------------------------
    "-": "-",
    "Laki-laki": "Male",
    "Perempuan": "Female",
    "Tidak/belum sekolah": "No schooling (yet)",
    "SD/sederajat": "Primary school",
    "SMP/sederajat": "Junior high school",
    "SMA/SMK/sederajat": "Senior/vocational high school",
    "Diploma (D1-D3)": "Diploma (D1-D3)",
    "Sarjana (D4/S1)": "Bachelor (D4/S1)",
    "Pascasarjana (S2/S3)": "Postgraduate (S2/S3)",
    "Belum kawin": "Never married",
    "Kawin": "Married",
    "Cerai hidup": "Divorced",
    "Cerai mati": "Widowed",
    # -- domain/reference.py: RELATION_TO_HEAD -----------------------------------------------
    "Istri": "Wife",
    "Suami": "Husband",
    "Anak": "Child",
    "Menantu": "Son/daughter-in-law",
    "Cucu": "Grandchild",
    "Orang tua": "Parent",
    "Mertua": "Parent-in-law",
    "Famili lain": "Other relative",
    "Lainnya": "Other",
    # -- domain/reference.py: COUNTRIES --------------------------------------------------------
    "Malaysia": "Malaysia",
    "Taiwan": "Taiwan",
    "Hong Kong": "Hong Kong",
    "Singapura": "Singapore",
    "Arab Saudi": "Saudi Arabia",
    "Korea Selatan": "South Korea",
    "Jepang": "Japan",
    "Uni Emirat Arab": "United Arab Emirates",
    "Brunei Darussalam": "Brunei Darussalam",
    "Qatar": "Qatar",
    "Kuwait": "Kuwait",
    "Oman": "Oman",
    "Turki": "Turkey",
    "Polandia": "Poland",
    "Italia": "Italy",
    "Jerman": "Germany",
    "Australia": "Australia",
    "Amerika Serikat": "United States",
    # -- domain/reference.py: SECTOR, JOB, SCHEME ----------------------------------------------
    "Formal": "Formal",
    "Informal": "Informal",
    "PLRT (penata laksana rumah tangga)": "Domestic worker (PLRT)",
    "Perawat lansia (caregiver)": "Caregiver for the elderly",
    "Pekerja pabrik": "Factory worker",
    "Konstruksi": "Construction",
    "Perkebunan": "Plantation",
    "Awak kapal perikanan (ABK)": "Fishing crew (ABK)",
    "Perhotelan dan restoran": "Hotels and restaurants",
    "Pertanian": "Agriculture",
    "G to G (antarpemerintah)": "G to G (government to government)",
    "P to P (melalui P3MI)": "P to P (through a P3MI agency)",
    "UKPS (untuk kepentingan perusahaan sendiri)": "UKPS (for the company's own interest)",
    "Perseorangan/mandiri": "Individual/independent",
    "Re-entry (kembali ke majikan lama)": "Re-entry (back to the former employer)",
    "Pelaut": "Seafarer",
    # -- domain/reference.py: DOCUMENTS --------------------------------------------------------
    "KTP": "ID card (KTP)",
    "Kartu Keluarga": "Family card (KK)",
    "Akta kelahiran": "Birth certificate",
    "Surat keterangan status perkawinan": "Marital status letter",
    "Surat izin keluarga/wali diketahui kepala desa":
        "Family/guardian permission letter acknowledged by the village head",
    "Sertifikat kompetensi": "Competence certificate",
    "Pemeriksaan kesehatan dan psikologi": "Health and psychological check",
    "Paspor": "Passport",
    "Visa kerja": "Work visa",
    "Perjanjian penempatan": "Placement agreement",
    "Perjanjian kerja": "Work agreement",
    "BPJS Ketenagakerjaan": "BPJS Ketenagakerjaan (employment insurance)",
    "ID PMI (E-PMI)": "Migrant worker ID (E-PMI)",
    # -- domain/reference.py: PROCEDURAL, COLLECTION_METHOD, VISIT_*, ROLES -------------------
    "Belum diketahui": "Not known yet",
    "Nonprosedural": "Non-procedural",
    "Langsung (tatap muka)": "In person (face to face)",
    "Telepon": "Telephone",
    "Dari kerabat": "From a relative",
    "Dari dokumen": "From documents",
    "Pendataan": "Data collection",
    "Penjangkauan": "Outreach",
    "Bertemu": "Met",
    "Tidak di rumah": "Not at home",
    "Menolak": "Refused",
    "Admin": "Admin",
    "Kepala desa": "Village head",
    # -- services/*.py: messages raised to the forms --------------------------------------------
    "Desa ini sudah disiapkan sebelumnya.": "This village has already been set up.",
    "Nama pengguna 3-50 huruf kecil, angka, titik atau garis bawah, tanpa spasi.":
        "User name: 3-50 lowercase letters, digits, dots or underscores, no spaces.",
    "Kolom ini wajib diisi.": "This field is required.",
    "Kata sandi minimal {n} karakter.": "The password needs at least {n} characters.",
    "Nama pengguna atau kata sandi salah.": "Wrong user name or password.",
    "Kode wilayah harus seperti {example}.": "The region code must look like {example}.",
    "Kedua kata sandi tidak sama.": "The two passwords are not the same.",
    "Kode {child} tidak berada di bawah kode {parent}.":
        "Code {child} does not fall under code {parent}.",
    "Nama pengguna ini sudah dipakai.": "This user name is already taken.",
    "Akun ini hanya dapat membaca data; perubahan hanya oleh petugas atau admin.":
        "This account can only read data; only an officer or an admin can make changes.",
    "Nomor KK {kk} sudah terdaftar untuk keluarga lain.":
        "Family card number {kk} is already registered for another household.",
    "Nama kepala keluarga wajib diisi.": "The name of the head of household is required.",
    "Pilih cara pengumpulan data.": "Choose how the data was collected.",
    "Tanggal pendataan tidak boleh di masa depan.":
        "The date of data collection cannot be in the future.",
    "RT/RW berisi angka saja, paling banyak 3 angka.": "RT/RW holds digits only, at most 3.",
    "NIK ini sudah terdaftar atas nama {name}. Buka data yang sudah ada.":
        "This NIK is already registered to {name}. Open the existing record.",
    "Periksa peringatan sebelum menyimpan.": "Check the warnings before saving.",
    "Nama lengkap wajib diisi.": "The full name is required.",
    "Pilih jenis kelamin.": "Choose the sex.",
    "Tanggal lahir tidak boleh di masa depan.": "The date of birth cannot be in the future.",
    "Sudah ada {count} orang dengan nama dan tanggal lahir yang sama.":
        "There are already {count} persons with the same name and date of birth.",
    "Pilihan tidak dikenal.": "Unknown choice.",
    "Pilih negara tujuan.": "Choose the destination country.",
    "Dokumen tidak dikenal: {docs}.": "Unknown documents: {docs}.",
    "Akhir kontrak tidak boleh sebelum tanggal berangkat.":
        "The contract end cannot be before the departure date.",
    "Tanggal pulang tidak boleh sebelum tanggal berangkat.":
        "The return date cannot be before the departure date.",
    "Isi tanggal berangkat bila tanggal pulang diisi.":
        "Fill in the departure date when a return date is given.",
    "Tanggal pulang tidak boleh di masa depan.": "The return date cannot be in the future.",
    "Umur saat berangkat {age} tahun; PMI minimal berumur {min} tahun.":
        "Age at departure is {age}; a migrant worker must be at least {min}.",
    "Data tidak ditemukan; mungkin sudah dihapus.":
        "The record was not found; it may have been deleted.",
    "Tanggal kunjungan tidak boleh di masa depan.": "The visit date cannot be in the future.",
    "Pilih hasil kunjungan.": "Choose the outcome of the visit.",
    "Pilih jenis kunjungan.": "Choose the kind of visit.",
    "Isi tanggal kunjungan ulang bila warga tidak di rumah.":
        "Fill in a follow-up visit date when nobody was at home.",
    "Tanggal kunjungan ulang harus sesudah tanggal kunjungan.":
        "The follow-up visit date must be after the visit date.",
    # -- domain/phone.py -------------------------------------------------------------------------
    "Nomor HP hanya boleh berisi angka, spasi, tanda hubung atau +62.":
        "A mobile number may only contain digits, spaces, dashes or +62.",
    "Nomor HP harus diawali 08 atau +628 (contoh 0812 3456 7890).":
        "A mobile number must start with 08 or +628 (for example 0812 3456 7890).",
    "Nomor HP harus 10 sampai 13 angka; yang diketik {count} angka.":
        "A mobile number has 10 to 13 digits; {count} digits were typed.",
}
