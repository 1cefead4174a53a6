"""English for the business-group screens (issue 5): the groups page, a group's tabs
(overview, members, cash book, savings, loans) and their dialogs.

Terms follow ``en_ledger_books``: simpanan = savings, jasa = service fee,
tutup buku = closing the month, entri pembalik = reversing entry.
"""

from __future__ import annotations

STRINGS: dict[str, str] = {
    # -- groups_page.py / group_detail.py / group_dialog.py --------------------------------
    "Kelompok usaha": "Business groups",
    "Kelompok": "Group",
    "Saldo kas": "Cash balance",
    "Saring nama atau usaha kelompok…": "Filter by group name or business…",
    "&Kelompok baru…": "New &group…",
    "Daftarkan kelompok usaha, koperasi atau unit BUMDes (Ctrl+Shift+G)":
        "Register a business group, cooperative or BUMDes unit (Ctrl+Shift+G)",
    "Belum ada kelompok usaha. Klik \"Kelompok baru…\" untuk mendaftarkan kelompok usaha "
    "produktif, koperasi atau unit BUMDes yang bukunya dipegang pos.":
        "No business groups yet. Click \"New group…\" to register a productive business "
        "group, cooperative or BUMDes unit whose books the post keeps.",
    "Pilih kelompok di sebelah kiri.": "Choose a group on the left.",
    "{n} kelompok": "{n} groups",
    "{n} pinjaman berjalan": "{n} running loans",
    "entri terakhir {day}": "last entry {day}",
    "Anggota kelompok": "Members",
    "{n} anggota aktif": "{n} active members",
    "Buku kas": "Cash book",
    "Simpanan": "Savings",
    "Pinjaman": "Loans",
    "&Ubah data kelompok…": "Ed&it group details…",
    "berdiri {day}": "founded {day}",
    "Ubah data kelompok": "Edit group details",
    "Kelompok baru": "New group",
    "&Nama kelompok": "&Group name",
    "&Usaha": "&Business",
    "contoh: keripik singkong, abon ikan, tenun ikat":
        "e.g. cassava chips, fish floss, ikat weaving",
    "&Tanggal berdiri": "&Founded on",
    "&Status": "&Status",
    "&Alamat / tempat usaha": "&Address / workplace",
    "Isi tanggal berdiri kelompok.": "Enter the date the group was founded.",
    # -- overview_tab.py -------------------------------------------------------------------
    "Anggota aktif": "Active members",
    "Simpanan anggota": "Members' savings",
    "Pinjaman berjalan": "Running loans",
    "Sisa pokok pinjaman": "Loan principal outstanding",
    "Tunggakan": "Arrears",
    "Entri terakhir": "Last entry",
    "Kegiatan terakhir": "Last activity",
    "Pemasukan dan pengeluaran 12 bulan terakhir": "Income and expense, last 12 months",
    "{amount} ({n} pinjaman)": "{amount} ({n} loans)",
    "Tidak ada": "None",
    "{month}: masuk {total_in}, keluar {total_out}": "{month}: in {total_in}, out {total_out}",
    "{n} jt": "{n} M",
    "{n} rb": "{n} K",
    "Buku kerja Excel (*.xlsx)": "Excel workbook (*.xlsx)",
    "Disimpan: {path}": "Saved: {path}",
    "Berkas disimpan": "File saved",
    "Berkas disimpan di {path}. Buka sekarang?": "The file was saved as {path}. Open it now?",
    "Simpan laporan bulanan {month}": "Save the monthly statement for {month}",
    "Simpan buku anggota {name}": "Save the passbook of {name}",
    # -- member_dialog.py ------------------------------------------------------------------
    "No.": "No.",
    "Tgl. masuk": "Joined",
    "Tgl. keluar": "Left",
    "&Orang": "&Person",
    "&Tanggal masuk": "Date &joined",
    "&Peran": "&Role",
    "Isi tanggal masuk.": "Enter the date the member joined.",
    "Pilih orang dari data penduduk.": "Choose a person from the registry.",
    "Anggota dipilih dari data penduduk. Bila orangnya belum terdaftar, daftarkan dulu di "
    "halaman Penduduk.":
        "Members are chosen from the registry. If the person is not registered yet, "
        "register them first on the Residents page.",
    "&Tambahkan": "&Add",
    "Peran {name}": "Role of {name}",
    "Ketua, sekretaris dan bendahara masing-masing dipegang satu orang pada satu waktu.":
        "The chair, the secretary and the treasurer are one person each at a time.",
    "&Tanggal keluar": "Date &left",
    "Isi tanggal keluar.": "Enter the date the member left.",
    "{name} keluar dari kelompok": "{name} leaves the group",
    "Simpanan anggota harus sudah dikembalikan dan pinjamannya lunas. Riwayatnya tetap ada "
    "di buku kas.":
        "The member's savings must have been paid back and their loans settled. Their "
        "history stays in the cash book.",
    "Catat &keluar": "Record &leaving",
    "Tampilkan yang sudah kelua&r": "Show members who &left",
    "&Tambah anggota…": "&Add a member…",
    "Ubah &peran…": "Change &role…",
    "Keluar dari kelompok…": "Leaves the group…",
    "{n} anggota aktif, {left} sudah keluar": "{n} active members, {left} left",
    # -- cashbook_tab.py / entry_dialog.py -------------------------------------------------
    "Kategori": "Category",
    "Uraian": "Description",
    "Bukti": "Receipt",
    "Masuk (Rp)": "In (Rp)",
    "Keluar (Rp)": "Out (Rp)",
    "Saldo (Rp)": "Balance (Rp)",
    "&Bulan": "&Month",
    "&Entri baru…": "New &entry…",
    "Catat pemasukan atau pengeluaran (Ctrl+E)": "Record income or an expense (Ctrl+E)",
    "Bat&alkan entri…": "Cancel en&try…",
    "Entri tidak dapat diubah; pembatalan mencatat entri pembalik":
        "Entries cannot be edited; cancelling posts a reversing entry",
    "Hanya admin; alasan dicatat": "Admin only; the reason is recorded",
    "&Riwayat tutup buku…": "Closing &history…",
    "&Laporan bulanan": "Monthly &statement",
    "Simpan sebagai &PDF…": "Save as &PDF…",
    "Simpan sebagai &XLSX (Excel)…": "Save as &XLSX (Excel)…",
    "Saldo awal {opening} · Pemasukan {total_in} · Pengeluaran {total_out} · Saldo akhir "
    "{closing} · {n} entri":
        "Opening balance {opening} · Income {total_in} · Expense {total_out} · Closing "
        "balance {closing} · {n} entries",
    "Membatalkan entri no. {no}": "Cancels entry no. {no}",
    "Dibatalkan oleh entri no. {no}": "Cancelled by entry no. {no}",
    "Ditutup {day} oleh {name}": "Closed on {day} by {name}",
    "Bulan ini masih terbuka": "This month is still open",
    "&Tutup buku {month}…": "&Close {month}…",
    "&Tutup buku…": "&Close the month…",
    "Tidak ada bulan yang dapat ditutup: bulan berjalan baru dapat ditutup setelah berakhir.":
        "No month can be closed: the current month can be closed once it has ended.",
    "Buka kembal&i {month}…": "Re&open {month}…",
    "Buka kembal&i…": "Re&open…",
    "Pinjaman no. {no}": "Loan no. {no}",
    "No. {no}, {day}, {category}, {amount}": "No. {no}, {day}, {category}, {amount}",
    "Entri buku kas baru": "New cash-book entry",
    "&Kategori": "&Category",
    "J&umlah (Rp)": "A&mount (Rp)",
    "&Anggota": "&Member",
    "No. &bukti / kuitansi": "&Receipt no.",
    "&Uraian": "&Description",
    "&Catat": "&Record",
    "(bukan untuk anggota)": "(not for a member)",
    "Kas kelompok saat ini: {amount}": "Cash held by the group now: {amount}",
    "Isi tanggal entri.": "Enter the date of the entry.",
    "Batalkan entri no. {no}": "Cancel entry no. {no}",
    "Entri yang sudah dicatat tidak diubah atau dihapus. Pembatalan mencatat entri pembalik "
    "dengan jumlah yang sama dan arah sebaliknya; keduanya tetap terlihat di buku kas.":
        "A posted entry is never edited or deleted. Cancelling posts a reversing entry with "
        "the same amount in the opposite direction; both stay visible in the cash book.",
    "&Tanggal pembatalan": "&Date of cancellation",
    "&Alasan (wajib)": "&Reason (required)",
    "Isi tanggal pembatalan.": "Enter the date of the cancellation.",
    "Catat &pembatalan": "Record the &cancellation",
    # -- closing_dialog.py -----------------------------------------------------------------
    "Bulan": "Month",
    "Saldo awal": "Opening balance",
    "Saldo akhir": "Closing balance",
    "Entri": "Entries",
    "Sidik entri": "Entries fingerprint",
    "Saldo awal: {opening}\nPemasukan: {total_in}\nPengeluaran: {total_out}\n"
    "Saldo akhir: {closing}\nJumlah entri: {n}":
        "Opening balance: {opening}\nIncome: {total_in}\nExpense: {total_out}\n"
        "Closing balance: {closing}\nNumber of entries: {n}",
    "Tutup buku {month}": "Close {month}",
    "Setelah bulan ditutup, tidak ada entri yang dapat dicatat dengan tanggal bulan itu. "
    "Saldo dan sidik (hash) entri bulan itu disimpan, sehingga perubahan di kemudian hari "
    "dapat diketahui. Hanya admin yang dapat membuka kembali bulan yang sudah ditutup.":
        "Once the month is closed, no entry can be dated in it. The balances and a "
        "fingerprint (hash) of the month's entries are stored, so a later change can be "
        "detected. Only the admin can reopen a closed month.",
    "&Tutup buku": "&Close the month",
    "Buka kembali {month}": "Reopen {month}",
    "Membuka kembali bulan yang sudah ditutup dicatat dengan nama Anda, waktunya dan "
    "alasannya. Setelah diperbaiki, tutup lagi bulan itu.":
        "Reopening a closed month is recorded with your name, the time and the reason. "
        "After the correction, close the month again.",
    "&Buka kembali": "Re&open",
    "Riwayat tutup buku": "Closing history",
    "&Periksa keutuhan buku": "&Check the books",
    "Hitung ulang setiap bulan yang ditutup dan bandingkan dengan yang disimpan saat ditutup":
        "Recompute every closed month and compare it with what was stored when it closed",
    "Memeriksa…": "Checking…",
    "{status} {day} oleh {name}: {reason}": "{status} on {day} by {name}: {reason}",
    "Semua bulan yang ditutup masih sama dengan saat ditutup.":
        "Every closed month still matches what was stored when it closed.",
    # -- savings_tab.py --------------------------------------------------------------------
    "Total": "Total",
    "Setor": "Deposit",
    "Tarik": "Withdrawal",
    "Saldo jenis ini": "Kind balance",
    "&Jenis simpanan": "Savings &kind",
    "Dicatat sebagai entri buku kas kelompok.": "Recorded as an entry in the group's cash book.",
    "{kind} anggota ini sekarang: {amount}": "{kind} of this member now: {amount}",
    "&Setor simpanan…": "&Deposit savings…",
    "&Tarik simpanan…": "&Withdraw savings…",
    "&Buku anggota (PDF)…": "&Passbook (PDF)…",
    "Jumlah simpanan {total} (pokok {pokok}, wajib {wajib}, sukarela {sukarela})":
        "Savings {total} (principal {pokok}, mandatory {wajib}, voluntary {sukarela})",
    "Tarik simpanan": "Withdraw savings",
    "Setor simpanan": "Deposit savings",
    "Pilih anggota.": "Choose a member.",
    "Simpanan {name}": "Savings of {name}",
    "Pilih anggota untuk melihat rincian simpanannya.":
        "Choose a member to see their savings in detail.",
    "Sudah keluar dari kelompok": "Has left the group",
    # -- loans_tab.py / loan_dialog.py -----------------------------------------------------
    "Pokok": "Principal",
    "Jasa/bulan": "Fee/month",
    "Lama": "Term",
    "Diberikan": "Disbursed",
    "Sisa pokok": "Principal left",
    "Hari telat": "Days late",
    "Ke": "No.",
    "Jasa": "Fee",
    "Angsuran": "Instalment",
    "Dibayar": "Paid",
    "Keadaan": "State",
    "Tampilkan yang lu&nas dan batal": "Show &settled and cancelled loans",
    "&Pinjaman baru…": "New &loan…",
    "Catat &angsuran…": "Record a &repayment…",
    "Pe&lunasan…": "Pay &off…",
    "{n} pinjaman berjalan, sisa pokok {left}; {late} menunggak sejumlah {overdue}":
        "{n} running loans, principal left {left}; {late} in arrears for {overdue}",
    "Jadwal angsuran pinjaman no. {no} ({name})": "Repayment schedule of loan no. {no} ({name})",
    "Pilih pinjaman untuk melihat jadwal angsurannya.": "Choose a loan to see its schedule.",
    "{n} bln": "{n} mo",
    "flat": "flat",
    "menurun": "declining",
    "Pinjaman baru": "New loan",
    "&Pokok pinjaman (Rp)": "&Principal (Rp)",
    "&Cara hitung jasa": "Service &fee method",
    "&Jasa per bulan (%)": "Fee per &month (%)",
    "&Lama (bulan)": "&Term (months)",
    "&Tanggal diberikan": "&Disbursed on",
    "Angsuran &pertama": "&First instalment due",
    "&Keperluan": "P&urpose",
    "&Berikan pinjaman": "&Lend",
    "Catat pinjaman dan pengeluarannya di buku kas (Ctrl+S)":
        "Record the loan and its payment out in the cash book (Ctrl+S)",
    "otomatis": "automatic",
    "Kosongkan: sebulan sesudah pinjaman diberikan":
        "Leave empty: one month after the loan is disbursed",
    "Jadwal angsuran": "Repayment schedule",
    "Pokok {principal} + jasa {fees} = {total} dalam {n} angsuran":
        "Principal {principal} + fees {fees} = {total} in {n} instalments",
    "Jadwal belum dapat dihitung: {reason}": "The schedule cannot be computed yet: {reason}",
    "Isi tanggal pinjaman diberikan.": "Enter the date the loan is disbursed.",
    "Tulis lamanya dalam bulan, contoh 10.": "Write the term in months, e.g. 10.",
    "Tulis jasa per bulan dalam persen, contoh 1,5.":
        "Write the monthly fee in percent, e.g. 1.5.",
    "Angsuran pinjaman no. {no}": "Repayment of loan no. {no}",
    "{name}: sisa pokok {left}.": "{name}: principal left {left}.",
    "Tunggakan {amount} ({days} hari).": "Arrears {amount} ({days} days).",
    "Pembayaran dipakai untuk jasa lalu pokok setiap angsuran, berurutan.":
        "A payment covers each instalment's fee, then its principal, in order.",
    "J&umlah dibayar (Rp)": "A&mount paid (Rp)",
    "&Tanggal bayar": "&Paid on",
    "Isi tanggal bayar.": "Enter the date of payment.",
    "&Catat angsuran": "&Record the repayment",
    "Pelunasan pinjaman no. {no}": "Paying off loan no. {no}",
    "{name} melunasi seluruh sisa pinjaman. Jasa angsuran yang belum jatuh tempo tidak "
    "ditagih.":
        "{name} pays off the whole loan. Fees of instalments not yet due are waived.",
    "&Tanggal pelunasan": "&Payoff date",
    "Isi tanggal pelunasan.": "Enter the payoff date.",
    "Pokok {principal} + jasa {fee} = {total}": "Principal {principal} + fee {fee} = {total}",
    "&Lunasi": "&Pay off",
}
