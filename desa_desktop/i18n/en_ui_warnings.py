"""English for the early-warning screens and the at-risk list (ui/warnings_page.py,
ui/warning_form.py, ui/at_risk_page.py). Short words shared with other screens
("Tanggal", "Jenis", "Batal", ...) are translated elsewhere and reused as they are.
"""

STRINGS: dict[str, str] = {
    # -- warnings_page.py ------------------------------------------------------------------
    "Laporan peringatan dini": "Early-warning reports",
    "Laporan warga tentang calo, tawaran kerja mencurigakan atau orang yang akan "
    "berangkat nonprosedural. Pelapor boleh tidak menyebutkan nama.":
        "Residents' reports of calo (brokers), suspicious job offers or people about to "
        "leave non-procedurally. Reporters may stay anonymous.",
    "&Laporan baru…": "&New report…",
    "&Ubah…": "&Edit…",
    "&Jadikan kasus…": "&Make into a case…",
    "Buka kasus dari laporan yang dipilih": "Open a case from the selected report",
    "Nomor": "Number",
    "Yang dilihat": "What was seen",
    "Perekrut": "Recruiter",
    "Kasus": "Case",
    "{n} laporan": "{n} reports",
    "Memuat…": "Loading…",
    "Jadikan kasus": "Make into a case",
    "Laporan {number} akan dibuka sebagai kasus. Pilih jenis kasusnya (boleh lebih dari "
    "satu):": "Report {number} will be opened as a case. Choose the case type(s) (more than "
             "one is allowed):",
    "Pilih sedikitnya satu jenis kasus.": "Choose at least one case type.",
    "Buat kasus": "Create case",
    "Laporan {report} sudah dijadikan kasus {case}.":
        "Report {report} has been made into case {case}.",
    # -- warning_form.py -------------------------------------------------------------------
    "Laporan peringatan dini baru": "New early-warning report",
    "Ubah laporan peringatan dini {number}": "Edit early-warning report {number}",
    "&Tanggal laporan": "Report &date",
    "&Jenis laporan": "&Kind of report",
    "Nama &pelapor": "&Reporter's name",
    "Boleh dikosongkan: pelapor boleh tidak menyebutkan nama (anonim).":
        "May be left empty: the reporter may stay anonymous.",
    "Yang &dilihat/didengar": "What was &seen/heard",
    "Apa yang dilihat atau didengar, di mana dan kapan":
        "What was seen or heard, where and when",
    "Nama pe&rekrut/calo": "Re&cruiter/calo name",
    "Telepon perekrut": "Recruiter's phone",
    "Keterangan perekrut": "About the recruiter",
    "Ciri-ciri, kendaraan, asal, perusahaan yang disebut":
        "Appearance, vehicle, where from, company named",
    "&Orang yang berisiko": "Persons at &risk",
    "Cari nama atau NIK orang yang terdaftar…": "Search a registered person's name or NIK…",
    "Tambahkan ke daftar": "Add to the list",
    "Hapus dari daftar": "Remove from the list",
    "Disebut dalam laporan ini:": "Named in this report:",
    "Ketik untuk mencari, lalu pilih dan tambahkan.": "Type to search, then choose and add.",
    "Tidak ada orang terdaftar yang cocok.": "No registered person matches.",
    "{n} orang ditemukan": "{n} persons found",
    "Tindakan yang di&ambil": "&Actions taken",
    "Catatan tindakan": "Notes on the actions",
    "Isi tanggal laporan.": "Fill in the report date.",
    # -- at_risk_page.py -------------------------------------------------------------------
    "Daftar CPMI berisiko": "At-risk CPMI",
    "CPMI yang data penempatannya menunjukkan tanda risiko keberangkatan nonprosedural":
        "Prospective migrant workers whose placement data shows signs of a "
        "non-procedural departure",
    "&Buka data orang": "&Open person",
    "&Catat laporan peringatan…": "&Record a warning report…",
    "Agensi": "Agency",
    "Rencana berangkat": "Planned departure",
    "Jumlah": "Count",
    "Daftar tidak dapat dimuat.": "The list could not be loaded.",
    "Tidak ada CPMI dengan tanda risiko.": "No CPMI with risk signs.",
    "{n} CPMI berisiko": "{n} at-risk CPMI",
}
