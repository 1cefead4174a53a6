"""English for the messages of the activity services (the kinds of activity, being
``domain.ledger_reference`` labels, are in ``en_ledger_books``)."""

STRINGS = {
    # services.activity_checks
    "Isi topik kegiatan.": "Enter the topic of the activity.",
    "Topik kegiatan terlalu panjang (paling banyak 300 huruf).":
        "The topic is too long (at most 300 characters).",
    "Nama fasilitator terlalu panjang (paling banyak 200 huruf).":
        "The facilitator's name is too long (at most 200 characters).",
    "Nama mitra terlalu panjang (paling banyak 200 huruf).":
        "The partner's name is too long (at most 200 characters).",
    "Nama tempat terlalu panjang (paling banyak 200 huruf).":
        "The place name is too long (at most 200 characters).",
    "Pilih jenis kegiatan.": "Choose the kind of activity.",
    "Isi tanggal kegiatan.": "Enter the date of the activity.",
    "Tanggal kegiatan terlalu jauh di masa lalu; periksa tahunnya.":
        "The date of the activity is too far in the past; check the year.",
    "Tanggal kegiatan paling jauh satu tahun dari hari ini; periksa tahunnya.":
        "An activity can be planned at most one year ahead; check the year.",
    "Jam mulai ditulis jj:mm, contoh 09:00.": "Write the start time as hh:mm, e.g. 09:00.",
    "Jumlah peserta tidak terdaftar harus bilangan bulat.":
        "The number of unregistered attendees must be a whole number.",
    "Jumlah peserta tidak terdaftar tidak boleh negatif.":
        "The number of unregistered attendees cannot be negative.",
    "Jumlah peserta tidak terdaftar terlalu besar (paling banyak {most}).":
        "The number of unregistered attendees is too large (at most {most}).",
    "Kegiatan belum berlangsung; jumlah peserta tidak terdaftar diisi sesudah kegiatan.":
        "The activity has not taken place yet; enter the number of unregistered attendees "
        "after it.",
    "Lembaga mitra tidak ditemukan; pilih dari daftar lembaga.":
        "Partner institution not found; choose one from the institution list.",
    "Kelompok usaha tidak ditemukan; pilih dari daftar kelompok.":
        "Business group not found; choose one from the group list.",
    "Kehadiran sudah dicatat; tanggal kegiatan tidak dapat dipindah ke masa depan.":
        "Attendance has been recorded; the activity cannot be moved to a future date.",
    "Ada orang di daftar hadir yang tidak ada lagi di data penduduk (mungkin sudah dihapus); "
    "keluarkan dari daftar.":
        "Someone on the attendance list is no longer in the register (perhaps deleted); "
        "remove them from the list.",
    "{name} tercantum dua kali di daftar hadir.": "{name} is on the attendance list twice.",
    "Kegiatan belum berlangsung; kehadiran baru dapat dicatat pada hari kegiatan atau "
    "sesudahnya.":
        "The activity has not taken place yet; attendance can be recorded on the day of the "
        "activity or later.",
    "Kegiatan dengan topik, tanggal dan jam yang sama sudah tercatat.":
        "An activity with the same topic, date and time is already recorded.",
    # services.activity_reports
    "Jumlah baris kosong antara 0 dan {most}.": "The number of empty rows is between 0 and {most}.",
    "Tanggal awal periode tidak boleh sesudah tanggal akhir.":
        "The start of the period cannot be after its end.",
}
