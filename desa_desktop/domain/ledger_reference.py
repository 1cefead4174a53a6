"""Reference lists of business groups, cash books and activities (issue 5).

Codes are stored in the database and travel to the district; labels are what
the officer and the treasurer read (English in ``desa_desktop.i18n``). The
categories follow the Buku Kas Umum a village group keeps by hand: what came
in (sales, a grant, members' savings, loan repayments and their service fee)
and what went out (raw materials, equipment, a loan to a member).
"""

from __future__ import annotations

#: Kinds of group (DOMAIN.md): a productive business group, a cooperative, a BUMDes unit.
GROUP_KIND = {
    "kup": "Kelompok Usaha Produktif",
    "koperasi": "Koperasi",
    "bumdes": "Unit BUMDes",
}

GROUP_STATUS = {
    "aktif": "Aktif",
    "vakum": "Tidak aktif sementara",
    "bubar": "Bubar",
}

#: A member's role in the group; the three officers (pengurus) are one each at a time.
MEMBER_ROLE = {
    "ketua": "Ketua",
    "sekretaris": "Sekretaris",
    "bendahara": "Bendahara",
    "anggota": "Anggota",
}
OFFICER_ROLES = ("ketua", "sekretaris", "bendahara")

#: Direction of a cash-book entry: money in (pemasukan) or out (pengeluaran).
DIRECTION = {"masuk": "Pemasukan", "keluar": "Pengeluaran"}

#: Cash-book categories: code -> label.
CATEGORY = {
    "penjualan": "Penjualan",
    "hibah": "Hibah / bantuan diterima",
    "simpanan_pokok": "Simpanan pokok",
    "simpanan_wajib": "Simpanan wajib",
    "simpanan_sukarela": "Simpanan sukarela",
    "angsuran_pinjaman": "Angsuran pokok pinjaman",
    "jasa_pinjaman": "Jasa pinjaman",
    "bahan_baku": "Bahan baku",
    "peralatan": "Peralatan",
    "pinjaman_keluar": "Pinjaman disalurkan",
    "lainnya": "Lainnya",
}

#: Directions a (non-reversing) entry of each category may take. Savings go both ways:
#: a deposit comes in, a withdrawal goes out, under the same kind of savings.
CATEGORY_DIRECTIONS: dict[str, frozenset[str]] = {
    "penjualan": frozenset({"masuk"}),
    "hibah": frozenset({"masuk"}),
    "simpanan_pokok": frozenset({"masuk", "keluar"}),
    "simpanan_wajib": frozenset({"masuk", "keluar"}),
    "simpanan_sukarela": frozenset({"masuk", "keluar"}),
    "angsuran_pinjaman": frozenset({"masuk"}),
    "jasa_pinjaman": frozenset({"masuk"}),
    "bahan_baku": frozenset({"keluar"}),
    "peralatan": frozenset({"keluar"}),
    "pinjaman_keluar": frozenset({"keluar"}),
    "lainnya": frozenset({"masuk", "keluar"}),
}

#: Savings kinds (simpanan) are the savings categories.
SAVINGS_KINDS = ("simpanan_pokok", "simpanan_wajib", "simpanan_sukarela")

#: Categories that concern one member (the entry must name the member).
MEMBER_CATEGORIES = frozenset({*SAVINGS_KINDS, "angsuran_pinjaman", "jasa_pinjaman",
                               "pinjaman_keluar"})

#: Categories posted only through a loan (disbursal, repayment), never by hand.
LOAN_CATEGORIES = frozenset({"angsuran_pinjaman", "jasa_pinjaman", "pinjaman_keluar"})

#: How a loan's service fee (jasa) is computed, as the group decides.
FEE_METHOD = {
    "flat": "Tetap (flat) dari pokok awal",
    "menurun": "Menurun dari sisa pokok",
}

#: A loan runs until its principal is repaid; a disbursal reversed (a mistake) cancels it.
LOAN_STATUS = {"berjalan": "Berjalan", "lunas": "Lunas", "batal": "Dibatalkan"}

#: Kinds of activity (pillars I and III of Desmigratif).
ACTIVITY_KIND = {
    "sosialisasi": "Sosialisasi migrasi aman",
    "pelatihan_kewirausahaan": "Pelatihan kewirausahaan",
    "pelatihan_pemasaran": "Pelatihan kemasan dan pemasaran",
    "pelatihan_keuangan": "Pelatihan literasi keuangan",
    "parenting": "Community parenting",
    "lainnya": "Kegiatan lainnya",
}

#: A registered person on an activity's list: present, absent, or not ticked yet.
PRESENCE = {True: "Hadir", False: "Tidak hadir", None: "Belum dicatat"}
