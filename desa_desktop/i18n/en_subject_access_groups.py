"""English strings of the person's data printout added with the groups and activities
(services/subject_access_groups.py, services/subject_access_labels.py and their part
of reports/person_data.py). Labels the app already had (Peran, Tunggakan, Hadir, the
placement form's risk questions...) keep their English in the modules that first
used them."""

STRINGS: dict[str, str] = {
    # reports/person_data.py: section headings
    "5. Kelompok usaha": "5. Business groups",
    "6. Kegiatan yang diikuti": "6. Activities attended",
    "7. Riwayat perubahan data": "7. History of changes to the data",
    "Kegiatan yang diikuti": "Activities attended",
    # one membership
    "Nomor anggota": "Member number",
    "Tanggal masuk": "Date joined",
    "Tanggal keluar": "Date left",
    "Masih anggota": "Still a member",
    "Jumlah simpanan": "Total savings",
    "Tidak ada pinjaman.": "No loans.",
    "Tanggal cair": "Date disbursed",
    "Pokok pinjaman": "Loan principal",
    "{amount} (terlambat {days} hari)": "{amount} ({days} days late)",
    "Tidak tercatat sebagai anggota kelompok usaha.":
        "Not recorded as a member of any business group.",
    # activities
    "Jenis kegiatan": "Kind of activity",
    "(kegiatan sudah dihapus)": "(activity deleted)",
    "Tidak tercatat dalam daftar hadir kegiatan.":
        "Not on the attendance list of any activity.",
}
