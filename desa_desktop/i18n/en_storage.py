"""English for storage failures while saving (``db.storage_errors``): a full disk, a
read-only folder, a failing or removed disk."""

STRINGS: dict[str, str] = {
    "Disk penuh: isian yang baru saja dibuat BELUM tersimpan. Data yang tersimpan "
    "sebelumnya aman. Kosongkan ruang di disk tempat database berada ({folder}), "
    "misalnya dengan memindahkan atau menghapus berkas yang tidak diperlukan, lalu "
    "tekan Simpan lagi.":
        "The disk is full: what you just entered is NOT saved yet. Everything saved "
        "before is safe. Free some space on the disk that holds the database ({folder}), "
        "for example by moving or deleting files you do not need, then press Save again.",
    "Folder database tidak dapat ditulisi: isian yang baru saja dibuat BELUM "
    "tersimpan. Data yang tersimpan sebelumnya aman. Database di {folder} hanya dapat "
    "dibaca (folder atau berkas dikunci, atau flashdisk dalam mode write-protect). "
    "Pindahkan database ke folder yang dapat ditulisi, atau minta bantuan admin.":
        "The database folder cannot be written to: what you just entered is NOT saved "
        "yet. Everything saved before is safe. The database in {folder} can only be read "
        "(the folder or file is locked, or the USB stick is write-protected). Move the "
        "database to a folder that can be written to, or ask the admin for help.",
    "Berkas database tidak dapat dibuka: isian yang baru saja dibuat BELUM tersimpan. "
    "Data yang tersimpan sebelumnya aman. Pastikan disk atau flashdisk tempat database "
    "({folder}) masih terpasang dan folder itu dapat ditulisi, lalu coba lagi; bila "
    "tetap gagal, minta bantuan admin.":
        "The database file cannot be opened: what you just entered is NOT saved yet. "
        "Everything saved before is safe. Make sure the disk or USB stick that holds the "
        "database ({folder}) is still connected and the folder can be written to, then "
        "try again; if it still fails, ask the admin for help.",
    "Disk tidak dapat dibaca atau ditulis: isian yang baru saja dibuat BELUM tersimpan. "
    "Data yang tersimpan sebelumnya aman. Pastikan disk atau flashdisk tempat database "
    "({folder}) masih terpasang dan tidak penuh, tutup aplikasi lalu buka kembali; bila "
    "tetap gagal, minta bantuan admin.":
        "The disk cannot be read or written: what you just entered is NOT saved yet. "
        "Everything saved before is safe. Make sure the disk or USB stick that holds the "
        "database ({folder}) is still connected and not full, close the app and open it "
        "again; if it still fails, ask the admin for help.",
}
