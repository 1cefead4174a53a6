"""English for the main window's case, warning, letter and directory pages (navigation)."""

STRINGS: dict[str, str] = {
    "Kasus & pengaduan": "Cases & complaints",
    "Peringatan dini": "Early warnings",
    "Risiko keberangkatan": "Departure risks",
    "Surat keluar": "Outgoing letters",
    "Lembaga rujukan": "Referral institutions",
    "Kasus baru…": "New case…",
    "Catat pengaduan atau masalah orang ini sebagai kasus":
        "Record a complaint or problem of this person as a case",
    "{count} tindak lanjut jatuh tempo hari ini atau terlambat.":
        "{count} follow-ups are due today or overdue.",
}
