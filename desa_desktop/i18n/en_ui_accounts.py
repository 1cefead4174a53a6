"""English strings for accounts and sessions: the lock screen, switching officer,
the accounts page and its dialogs, the lock time setting and the recovery-key
sheet (setup wizard's last page, reprint from the main window).

"Buka PDF" and "Berkas PDF (*.pdf)" are also used by the personal-data printout;
they are repeated here (same English) so this module stands on its own.
"""

STRINGS: dict[str, str] = {
    # -- lock_screen.py --------------------------------------------------------------------
    "Layar terkunci": "Screen locked",
    "Desa {village}": "{village} Village",
    "Data warga disembunyikan selama laptop tidak dipakai. Masukkan kata sandi untuk "
    "melanjutkan.":
        "Residents' data is hidden while the laptop is not in use. Enter your password to "
        "continue.",
    "Petugas lain akan masuk. Isian formulir yang masih terbuka disimpan sebagai draf, lalu "
    "formulir ditutup.":
        "Another officer is logging in. What was typed in open forms is kept as a draft, then "
        "the forms are closed.",
    "Ganti petugas": "Switch officer",
    "Masuk dengan akun petugas lain": "Log in with another officer's account",
    "Buka kunci": "Unlock",
    # -- main_window.py --------------------------------------------------------------------
    "Akun petugas": "Officer accounts",
    "Kunci layar": "Lock screen",
    "Ganti petugas…": "Switch officer…",
    "Cetak ulang lembar pemulihan…": "Print the recovery sheet again…",
    "{name} ({role}) · {post}": "{name} ({role}) · {post}",
    "Petugas yang sedang masuk": "Officer logged in",
    "Lembar pemulihan tersimpan": "Recovery sheet saved",
    "Lembar pemulihan tidak dapat dibuat": "The recovery sheet cannot be made",
    "Buka PDF": "Open PDF",
    # -- settings_dialog.py ----------------------------------------------------------------
    "Kunci layar setelah": "Lock the screen after",
    " menit": " minutes",
    "Layar dikunci bila laptop tidak disentuh selama waktu ini, agar data warga tidak "
    "terbaca orang lain. Isian formulir tidak hilang.":
        "The screen locks when the laptop is not touched for this long, so that others "
        "cannot read residents' data. Nothing typed in forms is lost.",
    "Hanya admin yang dapat mengubah waktu kunci layar.":
        "Only an admin can change the screen lock time.",
    # -- accounts_page.py ------------------------------------------------------------------
    "Setiap petugas masuk dengan akunnya sendiri, agar tercatat siapa mengubah data. Akun "
    "yang dinonaktifkan tidak dapat dipakai masuk lagi, tetapi namanya tetap tercatat di "
    "riwayat perubahan.":
        "Every officer logs in with their own account, so it is recorded who changed what. "
        "A deactivated account can no longer log in, but its name stays in the change history.",
    "Hanya admin yang dapat menambah akun, mengubah peran atau menonaktifkan akun. Anda dapat "
    "mengganti kata sandi Anda sendiri.":
        "Only an admin can add accounts, change roles or deactivate accounts. You can change "
        "your own password.",
    "Peran": "Role",
    "Tambah akun…": "Add account…",
    "Ganti kata sandi…": "Change password…",
    "Ubah peran…": "Change role…",
    "Nonaktifkan akun…": "Deactivate account…",
    "Akun Anda sendiri hanya dapat diubah oleh admin lain.":
        "Your own account can only be changed by another admin.",
    "Ganti kata sandi saya…": "Change my password…",
    "Admin: mengatur akun, waktu kunci layar dan lembar pemulihan.\nPetugas: mencatat dan "
    "mengubah data warga.\nKepala desa: hanya melihat data.":
        "Admin: manages accounts, the screen lock time and the recovery sheet.\nOfficer: "
        "records and changes residents' data.\nVillage head: only views data.",
    "Daftar akun tidak dapat dibaca: {error}": "The list of accounts cannot be read: {error}",
    "{name} (Anda)": "{name} (you)",
    "Akun {username} ditambahkan.": "Account {username} added.",
    "Kata sandi {username} sudah diganti.": "The password of {username} has been changed.",
    "Peran {username} sekarang {role}.": "The role of {username} is now {role}.",
    "Nonaktifkan akun?": "Deactivate the account?",
    "Akun {name} ({username}) tidak akan dapat dipakai masuk lagi. Namanya tetap tercatat di "
    "riwayat perubahan.":
        "The account {name} ({username}) will no longer be able to log in. Its name stays in "
        "the change history.",
    "Nonaktifkan akun": "Deactivate account",
    "Akun {username} dinonaktifkan.": "Account {username} deactivated.",
    # -- account_dialogs.py ----------------------------------------------------------------
    "Tambah akun petugas": "Add an officer account",
    "Setiap petugas masuk dengan akunnya sendiri, agar tercatat siapa mengubah data. "
    "Sampaikan kata sandi secara langsung, jangan lewat pesan.":
        "Every officer logs in with their own account, so it is recorded who changed what. "
        "Tell the password in person, not in a message.",
    "Ganti kata sandi": "Change password",
    "Kata sandi baru": "New password",
    "Kata sandi baru untuk {name} ({username}). Kata sandi lama tidak berlaku lagi setelah "
    "disimpan.":
        "New password for {name} ({username}). The old password stops working once this is "
        "saved.",
    "Ubah peran": "Change role",
    "Peran akun {name} ({username}).": "Role of the account {name} ({username}).",
    "Simpan lembar pemulihan": "Save the recovery sheet",
    "Berkas PDF (*.pdf)": "PDF files (*.pdf)",
    "Lembar pemulihan disimpan di:\n{path}\n\nCetak lembar ini, simpan kertasnya di tempat "
    "aman, lalu hapus berkas PDF-nya dari laptop ini.":
        "The recovery sheet was saved to:\n{path}\n\nPrint it, keep the paper in a safe place, "
        "then delete the PDF file from this laptop.",
    # -- setup_wizard.py: the recovery sheet page ------------------------------------------
    "Lembar kunci pemulihan": "Recovery key sheet",
    "Data warga di laptop ini disimpan terkunci (dienkripsi). Sehari-hari data dibuka dengan "
    "kata sandi petugas. Bila semua kata sandi lupa, atau berkas kunci di laptop rusak, data "
    "hanya dapat dibuka lagi dengan kunci pemulihan yang tertulis di lembar ini. Tanpa lembar "
    "ini, data bisa hilang untuk selamanya.":
        "Residents' data on this laptop is stored locked (encrypted). Every day it is opened "
        "with an officer's password. If every password is forgotten, or the key file on the "
        "laptop is damaged, the data can only be opened with the recovery key written on this "
        "sheet. Without this sheet, the data may be lost for good.",
    "Simpan lembar sebagai PDF, lalu cetak.": "Save the sheet as a PDF, then print it.",
    "Minta kepala desa ikut menandatangani, lalu simpan kertasnya di brankas kantor desa atau "
    "dalam amplop tertutup.":
        "Ask the village head to sign it as well, then keep the paper in the village office "
        "safe or in a sealed envelope.",
    "Hapus berkas PDF-nya dari laptop ini. Jangan difoto dan jangan dikirim lewat WhatsApp: "
    "siapa pun yang memegang lembar ini dapat membuka semua data warga.":
        "Delete the PDF file from this laptop. Do not photograph it or send it over WhatsApp: "
        "whoever holds this sheet can open all residents' data.",
    "Simpan lembar pemulihan (PDF)…": "Save the recovery sheet (PDF)…",
    "Buka PDF untuk dicetak": "Open the PDF to print it",
    "Saya sudah mencetak lembar ini dan menyimpannya di tempat aman":
        "I have printed this sheet and put it in a safe place",
    "Simpan dan cetak lembar pemulihan dulu, lalu centang kotak ini.":
        "Save and print the recovery sheet first, then tick this box.",
    "Lembar pemulihan tidak dapat disimpan: {error}": "The recovery sheet cannot be saved: {error}",
    "Tutup tanpa lembar pemulihan?": "Close without the recovery sheet?",
    "Desa dan akun admin sudah tersimpan, tetapi lembar pemulihan belum dicetak. Tanpa lembar "
    "ini, data tidak dapat dibuka bila semua kata sandi lupa. Admin dapat mencetaknya nanti "
    "lewat menu Berkas.":
        "The village and the admin account are saved, but the recovery sheet is not printed "
        "yet. Without it, the data cannot be opened if every password is forgotten. The admin "
        "can print it later from the File menu.",
    "Tutup tanpa lembar": "Close without the sheet",
    "Kembali ke lembar pemulihan": "Back to the recovery sheet",
}
