"""English for the case-file screens (cases page, case dialog, follow-ups, person picker)."""

STRINGS: dict[str, str] = {
    # cases page
    "Tanggal lapor": "Reported on",
    "Prioritas": "Priority",
    "Tindak lanjut berikut": "Next follow-up",
    "Kasus rahasia: hanya petugas yang ditugaskan dan admin yang dapat membukanya.":
        "Confidential case: only the assigned officer and the admin can open it.",
    "Cari nomor kasus atau nama…": "Search case number or name…",
    "Hanya kasus &terbuka": "Open cases &only",
    "&Kasus baru…": "New &case…",
    "Catat kasus baru (Ctrl+Shift+K)": "Record a new case (Ctrl+Shift+K)",
    "Buka kasus": "Open case",
    "Buka kasus yang dipilih (Enter)": "Open the selected case (Enter)",
    "{n} kasus": "{n} cases",
    "Kasus rahasia": "Confidential case",
    "(rahasia)": "(confidential)",
    "Rahasia": "Confidential",
    # case dialog
    "Data kasus": "Case data",
    "Linimasa": "Timeline",
    "Lampiran": "Attachments",
    "Tindak lanjut": "Follow-ups",
    "Persetujuan": "Consent",
    "Rujukan": "Referrals",
    "&Jenis kasus": "Case &types",
    "&Tanggal lapor": "&Reported on",
    "&Cara melapor": "&Channel",
    "&Hubungan pelapor": "Reporter's re&lation",
    "Telepon pela&por": "Reporter's &phone",
    "&Negara": "&Country",
    "&Majikan / perusahaan": "&Employer / company",
    "&Uraian kejadian": "&What happened",
    "P&rioritas": "P&riority",
    "Petugas yang &ditugaskan": "&Assigned officer",
    "Kerahasiaan": "Confidentiality",
    "Kasus {number}": "Case {number}",
    "Kasus rahasia hanya dapat dibuka oleh petugas yang ditugaskan dan admin. Kasus indikasi "
    "perdagangan orang (TPPO) dan kekerasan seksual selalu rahasia.":
        "A confidential case can be opened only by the assigned officer and the admin. "
        "Trafficking-indication (TPPO) and sexual-violence cases are always confidential.",
    "Kasus baru": "New case",
    "Tandai &rahasia": "Mark as &confidential",
    "Ubah status:": "Change status:",
    "Buka kembali": "Reopen",
    "Buka kembali kasus": "Reopen case",
    "Mengapa kasus ini dibuka kembali?": "Why is this case reopened?",
    "Data kasus disimpan.": "Case data saved.",
    "Kasus ini rahasia karena jenisnya.": "This case is confidential because of its type.",
    "(nomor diberikan saat disimpan)": "(the number is given when saved)",
    "Status: {status}": "Status: {status}",
    "Bagaimana hasil penanganan kasus ini?": "What was the outcome of handling this case?",
    "Simpan kasus dulu untuk membuat rujukan.": "Save the case first to make a referral.",
    "Rujukan belum tersedia di versi ini.": "Referrals are not available in this version.",
    "Salinan disimpan: {path}": "Copy saved: {path}",
    "Tutup kasus": "Close case",
    "Mengapa kasus ini ditutup?": "Why is this case closed?",
    # case tabs
    "Ringkasan": "Summary",
    "Diketik": "Typed",
    "Nama berkas": "File name",
    "SHA-256": "SHA-256",
    "Keterangan": "Remarks",
    "Ditambahkan": "Added",
    "Jatuh tempo": "Due",
    "Cari dan pilih orang yang bersangkutan dari data penduduk. Pilih juga penempatan yang "
    "menjadi pokok kasus bila ada.":
        "Search for and pick the persons concerned from the register. Also choose the "
        "placement the case is about, if any.",
    "Keluarkan dari kasus": "Remove from case",
    "Catat langkah baru (tanggal, jenis, ringkasan):": "Record a new step (date, kind, summary):",
    "Apa yang dilakukan dan hasilnya": "What was done and the result",
    "Tambah ke linimasa": "Add to timeline",
    "Berkas disimpan terenkripsi di dalam basis data (paling besar 25 MB). Sidik SHA-256 "
    "menunjukkan bahwa berkas tidak berubah.":
        "Files are kept encrypted inside the database (at most 25 MB). The SHA-256 "
        "fingerprint shows that a file has not changed.",
    "Tambah berkas…": "Add file…",
    "Simpan salinan…": "Save a copy…",
    "Hapus berkas": "Remove file",
    "Pilih berkas lampiran": "Choose an attachment file",
    "Simpan salinan lampiran": "Save a copy of the attachment",
    "Hapus lampiran {name} dari kasus ini?": "Remove attachment {name} from this case?",
    "Tindak lanjut baru (jatuh tempo, catatan, petugas):":
        "New follow-up (due date, note, officer):",
    "Apa yang harus diperiksa atau dikerjakan": "What must be checked or done",
    "Tambah tindak lanjut": "Add follow-up",
    "Tandai selesai": "Mark done",
    "Surat rujukan membawa nama dan cerita orang yang bersangkutan ke lembaga lain. Karena "
    "itu, sebelum surat rujukan dibuat, orang tersebut (atau keluarganya) harus setuju dirujuk "
    "dan setuju datanya dibagikan kepada lembaga tujuan.":
        "A referral letter carries the name and story of the person concerned to another "
        "institution. So before a referral letter is made, that person (or their family) must "
        "agree to be referred and agree that their data is shared with the institution.",
    "Setuju &dirujuk ke lembaga lain": "Agrees to be &referred to another institution",
    "Setuju data &dibagikan kepada lembaga tujuan": "Agrees to data being &shared with the "
                                                    "institution",
    "Persetujuan &diberikan oleh": "Consent &given by",
    "&Tanggal persetujuan": "Consent &date",
    "Simpan persetujuan": "Save consent",
    "(tanpa penempatan)": "(no placement)",
    "Isi tanggal jatuh tempo tindak lanjut.": "Fill in the follow-up's due date.",
    # person picker
    "Ketik nama atau NIK untuk mencari orang…": "Type a name or NIK to find a person…",
    "tanpa NIK": "no NIK",
    # follow-up panel
    "Perihal": "Subject",
    "Hari ini": "Today",
    "Tandai tindak lanjut yang dipilih sudah dikerjakan": "Mark the selected follow-up as done",
    "Terlambat {n} hari": "{n} days overdue",
    "Tindak lanjut hari ini dan terlambat ({n})": "Follow-ups due today and overdue ({n})",
    "Tidak ada tindak lanjut yang jatuh tempo.": "No follow-ups are due.",
}
