"""English strings for the referral, letter and institution-directory screens
(referrals_panel, referral_dialog, letter_dialog, letters_page, institutions_page,
letterhead_dialog): Indonesian source -> English.
"""

STRINGS: dict[str, str] = {
    # -- referrals_panel.py / referral_dialog.py -----------------------------------------
    "Lembaga": "Institution",
    "Batas jawaban": "Answer due",
    "&Rujuk ke lembaga…": "&Refer to an institution…",
    "Ubah &status…": "Change &status…",
    "Catat jawaban lembaga: diterima, ditindaklanjuti atau tidak ada tanggapan":
        "Record the institution's answer: received, acted on or no response",
    "&Terbitkan surat rujukan…": "&Issue the referral letter…",
    "&Lihat surat": "&View letter",
    "Kasus ini belum dirujuk ke lembaga mana pun.":
        "This case has not been referred to any institution yet.",
    "{n} rujukan belum dijawab melewati batas waktu.":
        "{n} referral(s) unanswered past the due date.",
    "{n} rujukan": "{n} referral(s)",
    "Lembaga belum menjawab sampai batas waktu.":
        "The institution has not answered by the due date.",
    "Rujuk kasus {number}": "Refer case {number}",
    "&Lembaga tujuan": "&Institution",
    "&Tanggal rujukan": "Referral &date",
    "&Alasan / permintaan": "&Reason / request",
    "&Batas jawaban": "Answer &due by",
    "Alasan tanpa &persetujuan": "Reason without &consent",
    "Kasus ini belum mencatat persetujuan (rujukan dan berbagi data) dari yang "
    "bersangkutan atau keluarganya. Rujukan tanpa persetujuan hanya untuk keadaan "
    "mendesak; tuliskan alasannya. Alasan ini disimpan bersama rujukan.":
        "This case has no recorded consent (to refer and to share data) from the person "
        "concerned or their family. Referring without consent is for urgent situations "
        "only; write down why. The reason is kept with the referral.",
    "Isi tanggal rujukan.": "Enter the referral date.",
    "Tuliskan alasan merujuk tanpa persetujuan.": "Write why the case is referred without consent.",
    "Status rujukan": "Referral status",
    "&Status baru": "New &status",
    "&Tanggal": "&Date",
    "&Catatan": "&Notes",
    "Isi tanggal.": "Enter the date.",
    # -- letter_dialog.py ------------------------------------------------------------------
    "{kind} (konsep)": "{kind} (draft)",
    "{kind} {number}": "{kind} {number}",
    "&Kepada Yth.": "&To (Kepada Yth.)",
    "Alamat &tujuan": "Addressee's addr&ess",
    "&Perihal": "&Subject",
    "&Isi surat": "Letter &body",
    "La&mpiran (satu per baris)": "Attach&ments (one per line)",
    "&Jabatan penanda tangan": "Signer's &title",
    "&Nama penanda tangan": "Signer's &name",
    "&Kertas": "&Paper",
    "A4": "A4",
    "F4 (Folio)": "F4 (Folio)",
    "(diberikan saat surat diterbitkan)": "(given when the letter is issued)",
    "&Terbitkan": "&Issue",
    "Beri nomor, tandatangani secara digital dan catat di buku agenda (Ctrl+S)":
        "Number it, sign it digitally and enter it in the register (Ctrl+S)",
    "P&ratinjau…": "P&review…",
    "Lihat konsep surat di kop surat sebelum terbit":
        "See the draft on the letterhead before issuing it",
    "&Cetak…": "&Print…",
    "Simpan &PDF…": "Save as &PDF…",
    "Terbitkan surat": "Issue the letter",
    "Surat yang sudah terbit mendapat nomor, ditandatangani secara digital dan dicatat di "
    "buku agenda. Setelah itu isinya tidak dapat diubah lagi; bila ada kesalahan, surat "
    "harus dibatalkan dan diterbitkan ulang dengan nomor baru.":
        "An issued letter gets a number, is signed digitally and is entered in the register. "
        "After that its contents cannot be changed; if there is a mistake the letter must be "
        "voided and reissued under a new number.",
    "Terbitkan": "Issue",
    "Kembali memeriksa": "Go back and check",
    "Surat {number} telah terbit dan tercatat di buku agenda.":
        "Letter {number} has been issued and entered in the register.",
    "Surat ini dibatalkan: {reason}": "This letter was voided: {reason}",
    "Surat disimpan: {path}": "Letter saved: {path}",
    "Simpan surat sebagai PDF": "Save the letter as PDF",
    "Tidak dapat mencetak": "Cannot print",
    # -- letters_page.py -------------------------------------------------------------------
    "Kepada": "To",
    "Perihal": "Subject",
    "Kasus/Orang": "Case/Person",
    "&Tahun": "&Year",
    "Semua tahun": "All years",
    "&Batalkan surat…": "&Void letter…",
    "Terbitkan &ulang…": "Re&issue…",
    "Terbitkan pengganti surat yang dibatalkan, dengan nomor baru":
        "Issue a replacement for the voided letter, under a new number",
    "Surat pe&ngantar CPMI…": "CPMI i&ntroduction letter…",
    "Kop &surat…": "Letter&head…",
    "{n} surat, {voided} dibatalkan": "{n} letter(s), {voided} voided",
    "Dibatalkan {day}: {reason}": "Voided {day}: {reason}",
    "Pengganti surat {number}": "Replaces letter {number}",
    "Batalkan surat {number}": "Void letter {number}",
    "&Alasan pembatalan (wajib; dicatat di buku agenda). Nomornya tidak dipakai lagi dan "
    "surat tetap tercatat sebagai dibatalkan.":
        "&Reason for voiding (required; entered in the register). The number is not used "
        "again and the letter stays in the register as voided.",
    "Batalkan surat": "Void the letter",
    "Kembali": "Back",
    "Surat pengantar CPMI": "CPMI introduction letter",
    "Cari nama, NIK atau No. KK…": "Find a name, NIK or KK number…",
    "Hanya CPMI": "CPMI only",
    "&Jenis surat": "Letter &kind",
    "&Buat konsep surat": "&Draft the letter",
    # -- institutions_page.py --------------------------------------------------------------
    "Email": "Email",
    "Kontak": "Contact",
    "&Nama lembaga": "&Name of the institution",
    "&Jenis": "&Type",
    "&Alamat": "&Address",
    "&Telepon": "&Telephone",
    "&Email": "&Email",
    "&Kontak (nama petugas)": "&Contact (name of the officer)",
    "Ubah data lembaga": "Edit institution",
    "Lembaga baru": "New institution",
    "Saring nama, jenis atau alamat lembaga…": "Filter by name, type or address…",
    "&Tambah lembaga": "&Add institution",
    "{n} lembaga": "{n} institution(s)",
    "Hapus lembaga": "Delete institution",
    "Hapus {name} dari daftar lembaga? Rujukan yang sudah ada tetap menyimpan nama lembaga "
    "ini.": "Delete {name} from the directory? Existing referrals keep this institution's "
            "name.",
    # -- letterhead_dialog.py --------------------------------------------------------------
    "Kop surat dan penanda tangan": "Letterhead and signer",
    "Baris &1 (kabupaten)": "Line &1 (regency)",
    "Baris &2 (kecamatan)": "Line &2 (district)",
    "Baris &3 (desa)": "Line &3 (village)",
    "Lo&go": "Lo&go",
    "&Tempat surat dibuat": "&Place of writing",
    "&Kode unit di nomor surat": "&Unit code in letter numbers",
    "Pilih &logo…": "Choose &logo…",
    "Tanpa logo": "No logo",
    "Pakai logo bawaan": "Use the default logo",
    "Logo bawaan (bila ada)": "Built-in logo (if any)",
    "Pilih berkas logo": "Choose a logo file",
    "Gambar (*.png *.jpg *.jpeg)": "Images (*.png *.jpg *.jpeg)",
    "Berkas tidak dapat dibaca": "File cannot be read",
    "Perubahan hanya berlaku untuk surat yang diterbitkan sesudahnya; surat yang sudah "
    "terbit tidak berubah. Contoh nomor surat: 045/SR/DESMIG/XI/2026 (DESMIG = kode unit).":
        "Changes apply only to letters issued afterwards; issued letters do not change. "
        "Example letter number: 045/SR/DESMIG/XI/2026 (DESMIG = unit code).",
}
