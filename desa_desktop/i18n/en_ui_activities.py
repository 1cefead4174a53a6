"""English for the activities page, the activity form and their printout actions."""

STRINGS = {
    # ui.main_window: the page's name in the navigation
    "Kegiatan": "Activities",
    # ui.activities_page
    "Jam": "Time",
    "Topik": "Topic",
    "Tempat": "Place",
    "Mitra / fasilitator": "Partner / facilitator",
    "Diundang": "Invited",
    "Hadir": "Present",
    "Tidak hadir": "Absent",
    "Belum dicatat": "Not recorded",
    "Tidak terdaftar": "Unregistered",
    "Jumlah hadir": "Total present",
    "Kehadiran": "Attendance",
    "Semua waktu": "All time",
    "Tahun ini": "This year",
    "Bulan ini": "This month",
    "3 bulan terakhir": "Last 3 months",
    "Tahun lalu": "Last year",
    "Pilih tanggal": "Choose dates",
    "Semua jenis": "All kinds",
    "Dari": "From",
    "sampai": "to",
    "Cari topik, tempat, mitra atau fasilitator…": "Search topic, place, partner or facilitator…",
    "&Kegiatan baru": "&New activity",
    "&Ubah / catat kehadiran": "&Edit / record attendance",
    "&Daftar hadir": "&Attendance sheet",
    "&Laporan kehadiran": "Attendance &report",
    "Cetak daftar hadir…": "Print attendance sheet…",
    "Simpan daftar hadir sebagai PDF…": "Save attendance sheet as PDF…",
    "Simpan laporan sebagai PDF…": "Save report as PDF…",
    "Simpan laporan sebagai Excel (XLSX)…": "Save report as Excel (XLSX)…",
    "{n} kegiatan, {people} kehadiran tercatat": "{n} activities, {people} attendances recorded",
    "Kegiatan {topic}": "Activity {topic}",
    "Pilih kegiatan untuk melihat daftar hadirnya.": "Select an activity to see its attendance "
                                                     "list.",
    "terjadwal": "scheduled",
    "belum dicatat": "not recorded",
    # ui.activity_dialog
    "Ubah kegiatan": "Edit activity",
    "Kegiatan baru": "New activity",
    "&Jam mulai": "Start &time",
    "&Jenis kegiatan": "&Kind of activity",
    "T&opik": "T&opic",
    "&Fasilitator / narasumber": "&Facilitator / speaker",
    "&Lembaga mitra": "Partner &institution",
    "Mitra &lain": "Other &partner",
    "Te&mpat": "Pl&ace",
    "&Kelompok usaha": "&Business group",
    "Peserta tidak &terdaftar": "&Unregistered attendees",
    "(tidak ada)": "(none)",
    "bila tidak ada di daftar lembaga": "if not in the institution list",
    "Daftar hadir (orang terdaftar)": "Attendance list (registered persons)",
    "Undang anggota kelompok": "Invite the group's members",
    "Kehadiran sudah dicatat (sesudah kegiatan)": "Attendance recorded (after the activity)",
    "Centang semua hadir": "Tick everyone present",
    "Keluarkan dari daftar": "Remove from the list",
    "Kegiatan belum berlangsung. Pilih orang yang diundang, lalu cetak daftar hadir untuk "
    "ditandatangani. Kehadiran dicatat sesudah kegiatan.":
        "The activity has not taken place yet. Choose who is invited, then print the "
        "attendance sheet for signatures. Attendance is recorded after the activity.",
    "Pilih orang yang diundang dari data penduduk. Sesudah kegiatan, nyalakan \u201cKehadiran "
    "sudah dicatat\u201d dan centang yang hadir sesuai daftar yang ditandatangani.":
        "Choose who is invited from the register. After the activity, switch on "
        "\u201cAttendance recorded\u201d and tick who came, as on the signed sheet.",
    "{invited} diundang, {present} hadir": "{invited} invited, {present} present",
    "{invited} diundang, kehadiran belum dicatat": "{invited} invited, attendance not recorded",
    "Tulis jumlah dengan angka, contoh 12.": "Write the number in digits, e.g. 12.",
    # ui.activity_exports
    "Berkas tersimpan": "File saved",
    "{what} disimpan di:\n{path}": "{what} saved to:\n{path}",
    "Buka berkas": "Open file",
    "Berkas tidak dapat dibuat": "The file could not be made",
    "Berkas tidak dapat ditulis. Bila berkas itu sedang dibuka, tutup dulu lalu coba lagi.\n"
    "({error})": "The file could not be written. If it is open in another program, close it "
                 "and try again.\n({error})",
    "Simpan daftar hadir sebagai PDF": "Save attendance sheet as PDF",
    "Simpan laporan kehadiran sebagai PDF": "Save attendance report as PDF",
    "Simpan laporan kehadiran sebagai Excel": "Save attendance report as Excel",
    "Daftar hadir": "Attendance sheet",
    "Laporan kehadiran": "Attendance report",
}
