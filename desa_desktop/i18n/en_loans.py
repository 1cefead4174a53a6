"""English strings of loans to members (domain/loan_schedule.py, services/loans.py)."""

STRINGS: dict[str, str] = {
    # domain/loan_schedule.py
    "Pilih cara menghitung jasa pinjaman.": "Choose how the loan's service fee is computed.",
    "Jasa pinjaman harus antara 0 dan {max} % sebulan.":
        "The service fee must be between 0 and {max} % a month.",
    "Jangka waktu pinjaman harus 1 sampai {max} bulan.":
        "The loan term must be 1 to {max} months.",
    "Pembayaran {amount} melebihi sisa pinjaman ({left}).":
        "The payment of {amount} is more than what is left of the loan ({left}).",
    # services/loans.py
    "Pilih anggota yang meminjam.": "Choose the member who borrows.",
    "Peminjam bukan anggota kelompok ini.": "The borrower is not a member of this group.",
    "Anggota ini sudah keluar dari kelompok pada {day}; pinjaman hanya untuk anggota aktif.":
        "This member left the group on {day}; loans are for active members only.",
    "Angsuran pertama harus jatuh tempo sesudah tanggal pinjaman diberikan.":
        "The first instalment must fall due after the day the loan is given.",
    "Pinjaman no. {no} sudah lunas.": "Loan no. {no} is already repaid.",
    "Pinjaman no. {no} sudah dibatalkan.": "Loan no. {no} has already been cancelled.",
    "Tanggal pembayaran tidak boleh sebelum pinjaman diberikan ({day}).":
        "The payment date cannot be before the loan was given ({day}).",
    # services/loans.py SCHEDULE_STATE
    "Dibayar sebagian": "Partly paid",
    "Terlambat": "Overdue",
    "Belum dibayar": "Not paid yet",
}
