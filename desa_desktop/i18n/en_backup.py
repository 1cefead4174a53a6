"""English strings for backups and restores: the messages of ``services.backup``,
``services.backup_check`` and ``services.restore``, and the "Cadangan data"
dialog. Indonesian source -> English.
"""

STRINGS: dict[str, str] = {
    # -- services/backup.py ------------------------------------------------------------------
    "Salinan cadangan tidak lolos pemeriksaan, jadi tidak disimpan. Database tetap utuh; "
    "coba lagi atau pilih tempat lain.":
        "The backup copy failed its check, so it was not kept. The database is intact; try "
        "again or choose another place.",
    "Pencadangan dibatalkan.": "The backup was cancelled.",
    "Ruang penyimpanan penuh: cadangan sebesar {size} tidak muat di {folder}. Kosongkan "
    "sebagian ruang atau pilih tempat lain, lalu coba lagi.":
        "The storage is full: a backup of {size} does not fit in {folder}. Free some space "
        "or choose another place, then try again.",
    "Folder tujuan tidak dapat ditulisi: {folder}. Pilih folder lain; flashdisk yang "
    "dikunci (write-protect) juga tidak dapat dipakai.":
        "The destination folder cannot be written to: {folder}. Choose another folder; a "
        "locked (write-protected) USB stick cannot be used either.",
    "Folder tujuan tidak ditemukan: {folder}. Bila memakai flashdisk, pastikan flashdisk "
    "masih terpasang, lalu coba lagi.":
        "The destination folder was not found: {folder}. If you use a USB stick, make sure "
        "it is still plugged in, then try again.",
    "Database tidak dapat dibaca untuk dicadangkan ({error}). Jangan hapus cadangan lama; "
    "hubungi admin.":
        "The database cannot be read for the backup ({error}). Do not delete old backups; "
        "contact the admin.",
    "Cadangan gagal ditulis ke {folder} ({error}). Coba lagi.":
        "The backup could not be written to {folder} ({error}). Try again.",
    "Cadangan otomatis tidak dapat dibuat: {error}":
        "The automatic backup could not be made: {error}",
    "Database rusak dan tidak ada cadangan yang baik. Jangan hapus berkas apa pun; hubungi "
    "admin atau pendamping teknis.":
        "The database is damaged and there is no good backup. Do not delete any file; "
        "contact the admin or technical support.",
    "Database rusak. Admin dapat memulihkan data dari cadangan baik yang terbaru ({when}) "
    "melalui menu Cadangan data.":
        "The database is damaged. The admin can restore the data from the newest good "
        "backup ({when}) through the Backups menu.",
    # -- services/backup_check.py ------------------------------------------------------------
    "Berkas cadangan tidak ditemukan.": "The backup file was not found.",
    "Berkas ini tidak terenkripsi, jadi bukan cadangan dari aplikasi ini.":
        "This file is not encrypted, so it is not a backup made by this app.",
    "Berkas cadangan tidak dapat dibuka.": "The backup file cannot be opened.",
    "Cadangan ini milik database lain (kuncinya berbeda).":
        "This backup belongs to another database (its key is different).",
    "Cadangan ini tidak dapat dibuka: berkasnya rusak, atau dibuat untuk database lain.":
        "This backup cannot be opened: the file is damaged, or it was made for another "
        "database.",
    "Cadangan ini rusak: sebagian isinya tidak dapat dibaca. Pilih cadangan lain.":
        "This backup is damaged: part of it cannot be read. Choose another backup.",
    "Berkas ini bukan cadangan database desa.": "This file is not a backup of a village "
                                                "database.",
    "Cadangan ini dibuat oleh versi aplikasi yang lebih baru. Perbarui aplikasi dulu, lalu "
    "coba lagi.":
        "This backup was made by a newer version of the app. Update the app first, then try "
        "again.",
    # -- services/restore.py -----------------------------------------------------------------
    "Hanya admin yang dapat memulihkan data dari cadangan.":
        "Only an admin can restore data from a backup.",
    "Cadangan rusak saat disalin ke laptop ini ({error}); database tidak diubah.":
        "The backup was damaged while being copied to this laptop ({error}); the database "
        "was not changed.",
    "Pemulihan dibatalkan; database tidak diubah.":
        "The restore was cancelled; the database was not changed.",
    "Cadangan tidak dapat disalin ({error}); database tidak diubah.":
        "The backup cannot be copied ({error}); the database was not changed.",
    "Cadangan tidak dapat dibuka setelah dipulihkan, jadi database semula dikembalikan. "
    "({error})":
        "The backup cannot be opened after the restore, so the previous database was put "
        "back. ({error})",
    "Database masih dipakai atau tidak dapat dipindahkan, jadi tidak ada yang diubah. Tutup "
    "jendela lain aplikasi ini, lalu coba lagi. ({error})":
        "The database is still in use or cannot be moved, so nothing was changed. Close the "
        "app's other windows, then try again. ({error})",
    # -- ui/backup_dialog.py -----------------------------------------------------------------
    "Cadangan data": "Backups",
    "Cadangan adalah salinan seluruh data, terkunci seperti databasenya: hanya dapat dibuka "
    "dengan kata sandi akun atau kunci pemulihan. Aplikasi membuat cadangan otomatis setiap "
    "kali ditutup dan sekali sehari ({keep} yang terbaru disimpan). Simpan juga cadangan ke "
    "flashdisk secara berkala, dan simpan flashdisk itu di tempat lain.":
        "A backup is a copy of all the data, locked like the database: it opens only with "
        "an account password or the recovery key. The app makes a backup automatically "
        "every time it closes and once a day (the newest {keep} are kept). Also back up to "
        "a USB stick regularly, and keep that stick somewhere else.",
    "Folder cadangan: {folder}": "Backup folder: {folder}",
    "Jenis": "Type",
    "Ukuran": "Size",
    "Keluar aplikasi": "On closing",
    "Harian": "Daily",
    "Manual": "Manual",
    "USB / folder lain": "USB / other folder",
    "Membuat cadangan": "Make a backup",
    "Cadangkan sekarang": "Back up now",
    "Simpan salinan data sekarang di folder cadangan laptop ini":
        "Save a copy of the data now in this laptop's backup folder",
    "Cadangkan ke USB / folder lain…": "Back up to USB / another folder…",
    "Simpan salinan data di flashdisk atau folder yang Anda pilih":
        "Save a copy of the data on a USB stick or in a folder you choose",
    "Memulihkan data": "Restore data",
    "Memulihkan mengganti data saat ini dengan isi cadangan. Data saat ini tidak dihapus: "
    "disimpan di samping database sebagai berkas \u201csebelum-pulih\u201d.":
        "Restoring replaces the current data with the backup's. The current data is not "
        "deleted: it is kept beside the database as a \u201csebelum-pulih\u201d file.",
    "Pulihkan dari cadangan terpilih…": "Restore from the selected backup…",
    "Pulihkan dari berkas lain…": "Restore from another file…",
    "Pilih berkas cadangan, misalnya dari flashdisk":
        "Choose a backup file, for example from a USB stick",
    "Memuat daftar cadangan…": "Loading the backups…",
    "Daftar cadangan tidak dapat dibaca: {error}": "The list of backups cannot be read: {error}",
    "Belum ada cadangan di laptop ini.": "There are no backups on this laptop yet.",
    "Cadangan: {n}. Terakhir: {when}.": "Backups: {n}. Latest: {when}.",
    "Pilih dulu cadangan di daftar.": "First choose a backup in the list.",
    "Ganti data saat ini dengan isi cadangan ini":
        "Replace the current data with this backup's",
    "Pilih flashdisk atau folder tujuan": "Choose the USB stick or destination folder",
    "Membuat cadangan…": "Making the backup…",
    "Cadangan dibuat: {name}": "Backup made: {name}",
    "Cadangan disimpan di {path}": "Backup saved in {path}",
    "Cadangan tersimpan": "Backup saved",
    "Cadangan disimpan di:\n{path}\n\nBerkas kuncinya ({keys}) ikut disimpan di sampingnya: "
    "salin dan simpan keduanya bersama. Cadangan ini dapat dibuka dengan kata sandi akun "
    "yang berlaku sekarang atau dengan kunci pemulihan.":
        "The backup was saved to:\n{path}\n\nIts key file ({keys}) was saved beside it: copy "
        "and keep both together. This backup opens with the account passwords valid now or "
        "with the recovery key.",
    "Cadangan gagal dibuat": "The backup failed",
    "Pilih berkas cadangan": "Choose a backup file",
    "Cadangan database (*.sqlite3);;Semua berkas (*)":
        "Database backups (*.sqlite3);;All files (*)",
    "Memeriksa cadangan…": "Checking the backup…",
    "Cadangan tidak dapat dipulihkan": "The backup cannot be restored",
    "Pulihkan data dari cadangan?": "Restore the data from the backup?",
    "Data saat ini akan diganti dengan isi cadangan {name}: {persons} orang dan {households} "
    "keluarga.\n\nPerubahan yang dibuat sesudah cadangan itu tidak ada di data yang "
    "dipulihkan. Data saat ini tidak dihapus, tetapi disimpan di samping database.":
        "The current data will be replaced by the backup {name}: {persons} persons and "
        "{households} households.\n\nChanges made after that backup are not in the restored "
        "data. The current data is not deleted but kept beside the database.",
    "Pulihkan": "Restore",
    "Memulihkan data…": "Restoring the data…",
    "Data dipulihkan": "Data restored",
    "Data dipulihkan dari cadangan. Database sebelumnya disimpan sebagai:\n{aside}":
        "The data was restored from the backup. The previous database was kept as:\n{aside}",
}
