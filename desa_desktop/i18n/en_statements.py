"""English for the group statements, passbook and overview (``services.statements``)."""

STRINGS: dict[str, str] = {
    "Bulan {month} belum dimulai; laporannya belum dapat dibuat.":
        "{month} has not started yet; its statement cannot be made.",
    "Kelompok baru berdiri {day}; belum ada buku kas pada bulan {month}.":
        "The group was only founded on {day}; there is no cash book for {month}.",
}
