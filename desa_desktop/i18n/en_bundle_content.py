"""English for the bundle's content: periods, data files and register names
(``services.bundle_content``, ``bundle.records``, ``bundle.registers``)."""

STRINGS: dict[str, str] = {
    # Periods
    "Bulan harus antara 1 dan 12.": "The month must be between 1 and 12.",
    "Triwulan harus antara 1 dan 4.": "The quarter must be between 1 and 4.",
    "Tanggal awal periode ({start}) sesudah tanggal akhirnya ({end}).":
        "The period starts ({start}) after it ends ({end}).",
    "Tanggal pada periode {text} tidak ada di kalender.":
        "A date of the period {text} is not in the calendar.",
    "Periode {text} tidak dikenali. Tulis bulan (2026-11), triwulan (2026-Q4) atau rentang "
    "tanggal (2026-10-01..2026-11-15).":
        "The period {text} is not understood. Write a month (2026-11), a quarter (2026-Q4) "
        "or a range of dates (2026-10-01..2026-11-15).",
    "Periode {label} belum dimulai; bundelnya belum dapat dibuat.":
        "The period {label} has not started yet; its bundle cannot be made.",
    "Tahun {year} di luar rentang yang dapat dipilih.":
        "The year {year} is outside the range that can be chosen.",
    # Data files
    "Baris {line} data bundel kosong.": "Line {line} of the bundle data is empty.",
    "Baris {line} data bundel bukan teks UTF-8.":
        "Line {line} of the bundle data is not UTF-8 text.",
    "Baris {line} data bundel bukan JSON yang sah: {reason}":
        "Line {line} of the bundle data is not valid JSON: {reason}",
    "Baris {line} data bundel bukan satu objek JSON.":
        "Line {line} of the bundle data is not one JSON object.",
    # Register names (export screen); the others are in the catalogue already
    "Orang dalam kasus": "Persons in cases",
    "Tindakan kasus": "Case actions",
    "Lampiran kasus": "Case attachments",
    "Laporan dini": "Early warnings",
    "Orang dalam laporan dini": "Persons in early warnings",
    "Tutup buku": "Month closings",
    "Peserta kegiatan": "Activity attendees",
}
