"""English for accounts, encryption and recovery (services and the login screens)."""

STRINGS: dict[str, str] = {
    # services.accounts
    "Hanya admin yang dapat mengatur akun dan kunci.":
        "Only an admin can manage accounts and keys.",
    "Hanya admin yang dapat mengganti kata sandi akun lain.":
        "Only an admin can change another account's password.",
    "Pilih peran akun.": "Choose the account's role.",
    "Akun tidak ditemukan.": "Account not found.",
    "Harus ada paling sedikit satu admin.": "There must be at least one admin.",
    "Anda tidak dapat menonaktifkan akun Anda sendiri.":
        "You cannot deactivate your own account.",
    "Terlalu banyak percobaan yang salah. Coba lagi dalam {seconds} detik.":
        "Too many wrong attempts. Try again in {seconds} seconds.",
    # services.unlock
    "Database ini belum disiapkan.": "This database has not been set up yet.",
    "Berkas kunci database tidak ditemukan. Pakai kunci pemulihan dari lembar pemulihan "
    "untuk membuka data.":
        "The database key file is missing. Use the recovery key from the recovery sheet "
        "to open the data.",
    "Kunci pemulihan ini bukan milik database ini.":
        "This recovery key does not belong to this database.",
    "Akun admin ini tidak ada.": "There is no such admin account.",
    "Kunci pemulihan hanya dapat dipakai untuk akun admin.":
        "The recovery key can only be used for an admin account.",
    "Database ini belum dienkripsi.": "This database is not encrypted yet.",
    # domain.recovery_key
    "Kunci pemulihan terdiri dari {n} huruf/angka; periksa lagi lembar pemulihan.":
        "The recovery key has {n} letters/digits; check the recovery sheet again.",
    "Kunci pemulihan tidak cocok; mungkin ada huruf yang salah ketik.":
        "The recovery key does not check out; a character may be mistyped.",
    # ui.login_dialog, ui.recovery_dialog
    "Lupa kata sandi? Pakai kunci pemulihan…": "Forgot the password? Use the recovery key…",
    "Buka dengan kunci pemulihan": "Open with the recovery key",
    "Ketik kunci pemulihan dari lembar pemulihan (tanda hubung boleh dilewati), nama "
    "pengguna admin, dan kata sandi baru untuk akun itu.":
        "Type the recovery key from the recovery sheet (the dashes may be left out), the "
        "admin's user name and a new password for that account.",
    "Kunci pemulihan": "Recovery key",
    "Nama pengguna admin": "Admin user name",
    "Kata sandi baru": "New password",
    "Buka": "Open",
    "Batal": "Cancel",
    # ui.housekeeping
    "Cadangan harian tidak dibuat: {reason}": "The daily backup was not made: {reason}",
    "Database rusak": "The database is damaged",
    "Pemeriksaan menemukan kerusakan pada database ({detail}). Tidak ada cadangan yang "
    "baik. Jangan menambah data; hubungi admin atau dinas.":
        "The check found damage in the database ({detail}). There is no good backup. Do "
        "not add data; contact the admin or the district office.",
    "Pemeriksaan menemukan kerusakan pada database ({detail}). Pulihkan dari cadangan "
    "terbaru yang baik ({when})? Berkas yang rusak disimpan di samping, tidak dihapus.":
        "The check found damage in the database ({detail}). Restore the newest good backup "
        "({when})? The damaged file is kept beside it, not deleted.",
    "Pulihkan dari cadangan": "Restore from the backup",
    "Nanti saja": "Not now",
    "Memulihkan dari cadangan…": "Restoring from the backup…",
    "Cadangan data…": "Backups…",
}
