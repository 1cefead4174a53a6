"""English strings for the "protect the people in the data" screens: the change
history dialog, the personal-data printout button and the labels the
subject-access service hands to them: Indonesian source -> English.

The PDFs themselves stay Indonesian (letters and reports are Indonesian
documents); only what the officer reads on screen is translated.
"""

STRINGS: dict[str, str] = {
    # -- person_detail.py ------------------------------------------------------------------
    "Riwayat & data pribadi": "History & personal data",
    "Siapa mengubah data ini dan kapan; cetak seluruh data orang ini untuk yang bersangkutan":
        "Who changed this record and when; print all of this person's data for them",
    # -- history_dialog.py -----------------------------------------------------------------
    "Riwayat perubahan": "Change history",
    "Siapa mengubah data orang ini, kapan, dan apa yang diubah (terbaru di atas). Waktu "
    "menurut jam laptop ini.":
        "Who changed this person's data, when, and what was changed (newest first). "
        "Times follow this laptop's clock.",
    "Waktu": "Time",
    "Tindakan": "Action",
    "Perubahan": "Changes",
    "Cetak data pribadi (PDF)…": "Print personal data (PDF)…",
    "Seluruh data orang ini untuk diserahkan kepada yang bersangkutan (hak akses data "
    "pribadi)":
        "All of this person's data, to hand to them (right of access to personal data)",
    "Sumber: {method}": "Source: {method}",
    "Memuat riwayat…": "Loading the history…",
    "Riwayat tidak dapat dibaca: {error}": "The history cannot be read: {error}",
    "Belum ada riwayat perubahan yang tercatat.": "No changes have been recorded yet.",
    "{n} perubahan tercatat.": "{n} changes recorded.",
    "Simpan data pribadi sebagai PDF": "Save personal data as PDF",
    "Berkas PDF (*.pdf)": "PDF files (*.pdf)",
    "Menyiapkan PDF…": "Preparing the PDF…",
    "PDF tersimpan": "PDF saved",
    "Data pribadi disimpan di:\n{path}\n\nBerkas ini berisi data pribadi: serahkan hanya "
    "kepada yang bersangkutan dan hapus salinan yang tidak diperlukan.":
        "The personal data was saved to:\n{path}\n\nThis file holds personal data: give it "
        "only to the person concerned and delete copies that are not needed.",
    "Buka PDF": "Open PDF",
    "Berkas tidak dapat ditulis. Bila berkas itu sedang dibuka di penampil PDF, tutup dulu "
    "lalu coba lagi.\n({error})":
        "The file cannot be written. If it is open in a PDF viewer, close it first and try "
        "again.\n({error})",
    "PDF tidak dapat dibuat": "The PDF cannot be made",
    # -- services/subject_access.py: labels shown in the history -----------------------------
    "Data keluarga": "Household data",
    "dibuat": "created",
    "diubah": "changed",
    "dihapus": "deleted",
    "dipulihkan": "restored",
    "dicetak untuk yang bersangkutan": "printed for the person",
    "Negara terakhir": "Last country",
    "(kosong)": "(empty)",
    "(tidak diketahui)": "(unknown)",
    "Sistem (otomatis)": "System (automatic)",
    "Ya": "Yes",
    "Tidak": "No",
    "Masuk dengan akun petugas untuk melihat data pribadi.":
        "Log in with an officer account to see personal data.",
}
