"""English for the group books: groups, members, cash book, closings, savings (issue 5).

Covers the messages of ``services.groups``, ``services.cashbook``,
``services.loan_state``, ``services.month_closing``, ``services.savings``,
``domain.money`` and ``domain.months``, and the labels of
``domain.ledger_reference``. Cooperative terms follow common English usage
in Indonesian cooperative reports: simpanan pokok = principal savings (paid
once on joining), simpanan wajib = mandatory savings, simpanan sukarela =
voluntary savings, jasa pinjaman = loan service fee.
"""

from __future__ import annotations

STRINGS: dict[str, str] = {
    # --- domain.ledger_reference: labels -------------------------------------------------
    "Kelompok Usaha Produktif": "Productive business group",
    "Koperasi": "Cooperative",
    "Unit BUMDes": "BUMDes unit",
    "Aktif": "Active",
    "Tidak aktif sementara": "Temporarily inactive",
    "Bubar": "Dissolved",
    "Ketua": "Chair",
    "Sekretaris": "Secretary",
    "Bendahara": "Treasurer",
    "Anggota": "Member",
    "Pemasukan": "Income",
    "Pengeluaran": "Expense",
    "Penjualan": "Sales",
    "Hibah / bantuan diterima": "Grant / aid received",
    "Simpanan pokok": "Principal savings",
    "Simpanan wajib": "Mandatory savings",
    "Simpanan sukarela": "Voluntary savings",
    "Angsuran pokok pinjaman": "Loan principal repayment",
    "Jasa pinjaman": "Loan service fee",
    "Bahan baku": "Raw materials",
    "Peralatan": "Equipment",
    "Pinjaman disalurkan": "Loan disbursed",
    # "Lainnya" (Other) and "Dibatalkan" (Voided) are already in the catalogue.
    "Tetap (flat) dari pokok awal": "Flat, on the original principal",
    "Menurun dari sisa pokok": "Declining, on the remaining principal",
    "Berjalan": "Running",
    "Lunas": "Paid off",
    "Sosialisasi migrasi aman": "Safe-migration information session",
    "Pelatihan kewirausahaan": "Entrepreneurship training",
    "Pelatihan kemasan dan pemasaran": "Packaging and marketing training",
    "Pelatihan literasi keuangan": "Financial literacy training",
    "Community parenting": "Community parenting",
    "Kegiatan lainnya": "Other activity",
    # services.month_closing.CLOSING_STATUS ("Ditutup" is already in the catalogue).
    "Dibuka kembali": "Reopened",
    # --- domain.money -------------------------------------------------------------------
    "Jumlah uang harus bilangan Rupiah bulat, tanpa sen.":
        "The amount must be whole Rupiah, without cents.",
    "Jumlah uang harus lebih dari nol.": "The amount must be more than zero.",
    "Jumlah {amount} terlalu besar; periksa lagi angka nolnya (paling banyak {limit}).":
        "The amount {amount} is too large; check the zeros again (at most {limit}).",
    "Isi jumlah uangnya.": "Enter the amount.",
    "Jumlah uang tidak boleh negatif; untuk membetulkan entri, buat entri pembalik.":
        "The amount cannot be negative; to correct an entry, post a reversing entry.",
    "Jumlah uang harus Rupiah bulat tanpa sen (contoh: 1.250.000).":
        "The amount must be whole Rupiah without cents (for example: 1.250.000).",
    "Jumlah uang hanya boleh berisi angka (contoh: 1.250.000).":
        "The amount may contain digits only (for example: 1.250.000).",
    # --- domain.months ------------------------------------------------------------------
    "Bulan {month} tidak dikenal (contoh: 2026-11).":
        "Unknown month {month} (for example: 2026-11).",
    # --- services.groups ----------------------------------------------------------------
    "Isi nama kelompok.": "Enter the group's name.",
    "Pilih jenis kelompok.": "Choose the kind of group.",
    "Pilih status kelompok.": "Choose the group's status.",
    "Tanggal berdiri tidak boleh di masa depan.": "The founding date cannot be in the future.",
    "Buku kas kelompok sudah berisi entri sejak {day}; tanggal berdiri tidak boleh "
    "sesudahnya.":
        "The group's cash book has entries since {day}; the founding date cannot be later.",
    "Pilih peran anggota.": "Choose the member's role.",
    "{role} kelompok ini masih {name}; ubah dulu peran {name} menjadi anggota.":
        "The {role} of this group is still {name}; first change {name}'s role to member.",
    "Tanggal masuk tidak boleh di masa depan.": "The joining date cannot be in the future.",
    "Tanggal masuk tidak boleh sebelum kelompok berdiri ({day}).":
        "The joining date cannot be before the group was founded ({day}).",
    "{name} sudah menjadi anggota kelompok ini.": "{name} is already a member of this group.",
    "Anggota ini sudah keluar dari kelompok.": "This member has already left the group.",
    "Tanggal keluar tidak boleh sebelum tanggal masuk ({day}).":
        "The leaving date cannot be before the joining date ({day}).",
    "Tanggal keluar tidak boleh di masa depan.": "The leaving date cannot be in the future.",
    "Anggota masih mempunyai pinjaman berjalan; lunasi dulu pinjamannya.":
        "The member still has a running loan; have it paid off first.",
    "Simpanan anggota masih {amount}; catat dulu pengembalian simpanannya.":
        "The member's savings are still {amount}; record the payout of the savings first.",
    # --- services.cashbook --------------------------------------------------------------
    "Tanggal entri tidak boleh di masa depan.": "The entry date cannot be in the future.",
    "Tanggal entri tidak boleh sebelum kelompok berdiri ({day}).":
        "The entry date cannot be before the group was founded ({day}).",
    "Bulan {month} sudah ditutup; entri tidak dapat dicatat pada bulan itu. Catat dengan "
    "tanggal bulan yang masih terbuka.":
        "{month} is already closed; no entry can be recorded in that month. Use a date in a "
        "month that is still open.",
    "Buku kas sudah ditutup sampai bulan {month}; entri tidak dapat dicatat sebelum bulan "
    "itu.":
        "The cash book is closed up to {month}; no entry can be recorded before that month.",
    "Kas kelompok hanya {held}; tidak cukup untuk mengeluarkan {amount}.":
        "The group's cash is only {held}; not enough to pay out {amount}.",
    "Pilih anggota untuk {category}.": "Choose the member for {category}.",
    "Anggota tidak ditemukan di kelompok ini.": "The member was not found in this group.",
    "Pada {day} orang ini bukan anggota kelompok.":
        "On {day} this person was not a member of the group.",
    "Pilih pemasukan atau pengeluaran.": "Choose income or expense.",
    "Pilih kategori entri.": "Choose the entry's category.",
    "{category} tidak dapat dicatat sebagai {direction}.":
        "{category} cannot be recorded as {direction}.",
    "Penarikan {amount} melebihi {category} anggota ini ({held}).":
        "The withdrawal of {amount} exceeds this member's {category} ({held}).",
    "Pinjaman dan angsurannya dicatat di halaman Pinjaman.":
        "Loans and their repayments are recorded on the Loans page.",
    "Tulis alasan pembatalan entri.": "Write the reason for cancelling the entry.",
    "Entri ini adalah entri pembalik dan tidak dapat dibalik lagi; catat entri yang benar.":
        "This entry is a reversing entry and cannot be reversed again; post the correct entry.",
    "Entri no. {no} sudah dibatalkan oleh entri no. {by}.":
        "Entry no. {no} was already cancelled by entry no. {by}.",
    "Tanggal pembalikan tidak boleh sebelum tanggal entri yang dibatalkan ({day}).":
        "The reversal date cannot be before the date of the cancelled entry ({day}).",
    "Simpanan ini sebagian sudah ditarik; sisa {category} anggota hanya {held}.":
        "Part of these savings was already withdrawn; the member's {category} left is only "
        "{held}.",
    # --- services.loan_state ------------------------------------------------------------
    "Pinjaman ini sudah ada angsurannya; batalkan dulu angsuran-angsurannya.":
        "This loan already has repayments; cancel the repayments first.",
    # --- services.month_closing ---------------------------------------------------------
    "Bulan {month} belum berakhir; bulan ini dapat ditutup mulai {day}.":
        "{month} has not ended yet; it can be closed from {day}.",
    "Kelompok baru berdiri pada {day}; bulan {month} tidak ada di bukunya.":
        "The group was founded on {day}; {month} is not in its books.",
    "Bulan {month} sudah ditutup.": "{month} is already closed.",
    "Tutup dulu bulan {month}; bulan-bulan buku kas ditutup berurutan.":
        "Close {month} first; the months of the cash book are closed in order.",
    "Hanya admin yang dapat membuka kembali bulan yang sudah ditutup.":
        "Only the admin can reopen a closed month.",
    "Tulis alasan membuka kembali bulan ini.": "Write the reason for reopening this month.",
    "Bulan {month} belum ditutup.": "{month} is not closed.",
    "Buka dulu bulan {month}; hanya bulan terakhir yang ditutup dapat dibuka kembali.":
        "Reopen {month} first; only the latest closed month can be reopened.",
    "Isi buku kas bulan {month} tidak sama lagi dengan saat ditutup pada {day}: ada entri "
    "yang diubah, ditambah atau dihapus di luar aplikasi.":
        "The cash book of {month} no longer matches what it was when closed on {day}: an "
        "entry was changed, added or deleted outside the app.",
    "Jumlah entri bulan {month} saat ditutup {then}, sekarang {now}.":
        "Number of entries in {month}: {then} when closed, {now} now.",
    "Saldo awal bulan {month} saat ditutup {then}, sekarang {now}.":
        "Opening balance of {month}: {then} when closed, {now} now.",
    "Pemasukan bulan {month} saat ditutup {then}, sekarang {now}.":
        "Income of {month}: {then} when closed, {now} now.",
    "Pengeluaran bulan {month} saat ditutup {then}, sekarang {now}.":
        "Expenses of {month}: {then} when closed, {now} now.",
    "Saldo akhir bulan {month} saat ditutup {then}, sekarang {now}.":
        "Closing balance of {month}: {then} when closed, {now} now.",
    # --- services.savings ---------------------------------------------------------------
    "Pilih jenis simpanan.": "Choose the kind of savings.",
    # services.groups (lead, after review)
    "Anggota pertama masuk pada {day}; tanggal berdiri tidak boleh sesudahnya.":
        "The first member joined on {day}; the founding date cannot be after it.",
    "Buku kas mencatat anggota ini sampai {day}; tanggal keluar tidak boleh sebelumnya.":
        "The cash book records this member until {day}; the leaving date cannot be before it.",
}
