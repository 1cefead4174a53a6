"""English strings for exporting bundles: the messages of ``bundle.manifest``,
``services.bundle_export``, ``services.bundle_copy`` and ``services.bundle_pack``
(errors, progress steps, results). Indonesian source -> English.
"""

STRINGS: dict[str, str] = {
    # -- bundle/manifest.py ------------------------------------------------------------------
    "Keterangan tanda tangan bundel tidak dikenali.":
        "The bundle signature's comment is not recognised.",
    "Keterangan tanda tangan tidak cocok dengan isi bundel (desa, nomor, periode atau sidik); "
    "bundel ini telah ditukar atau diubah.":
        "The signature's comment does not match the bundle's contents (village, number, "
        "period or hash); this bundle has been swapped or changed.",
    "Manifes bundel tidak dapat dibaca (bukan JSON yang utuh).":
        "The bundle manifest cannot be read (it is not complete JSON).",
    "Manifes bundel tidak sah: isian {name} hilang atau salah.":
        "The bundle manifest is not valid: the field {name} is missing or wrong.",
    "Berkas ini bukan manifes bundel desa-desktop.":
        "This file is not a desa-desktop bundle manifest.",
    "Bundel ini dibuat dengan format versi {version} dari aplikasi yang lebih baru. "
    "Perbarui aplikasi dulu, lalu coba lagi.":
        "This bundle was made in format version {version} by a newer version of the app. "
        "Update the app first, then try again.",
    "Manifes bundel tidak sah: jumlah baris tidak cocok dengan berkas data.":
        "The bundle manifest is not valid: the row counts do not match the data files.",
    "Bundel tidak lengkap: berkas {path} hilang.":
        "The bundle is incomplete: the file {path} is missing.",
    "Bundel berisi berkas yang tidak tercatat di manifes: {path}.":
        "The bundle contains a file that is not listed in the manifest: {path}.",
    "Berkas {path} di dalam bundel telah diubah (sidik SHA-256 tidak cocok).":
        "The file {path} inside the bundle has been changed (its SHA-256 does not match).",
    # -- services/bundle_copy.py -------------------------------------------------------------
    "Bundel tidak dapat disimpan di laptop ({folder}): {error}. Kosongkan sebagian ruang "
    "disk, lalu ekspor lagi.":
        "The bundle cannot be saved on the laptop ({folder}): {error}. Free some disk "
        "space, then export again.",
    "Flashdisk tidak dapat ditulisi: {folder}. Flashdisk mungkin dikunci (write-protect); "
    "buka kuncinya atau pakai flashdisk lain.":
        "The USB stick cannot be written to: {folder}. It may be locked (write-protected); "
        "unlock it or use another stick.",
    "Flashdisk tidak ditemukan atau tercabut: {folder}. Pasang lagi flashdisk, lalu coba "
    "lagi.":
        "The USB stick was not found or was removed: {folder}. Plug the stick in again, "
        "then try again.",
    "Flashdisk penuh: bundel tidak muat di {folder}. Bundel nomor {sequence} tetap tersimpan "
    "di laptop; kosongkan sebagian ruang atau pakai flashdisk lain, lalu pilih Salin ulang "
    "ke flashdisk.":
        "The USB stick is full: the bundle does not fit in {folder}. Bundle number "
        "{sequence} is still saved on the laptop; free some space or use another stick, "
        "then choose Copy to USB stick again.",
    "Flashdisk tidak dapat ditulisi: {folder}. Flashdisk mungkin dikunci (write-protect). "
    "Bundel nomor {sequence} tetap tersimpan di laptop; buka kuncinya atau pakai flashdisk "
    "lain, lalu pilih Salin ulang ke flashdisk.":
        "The USB stick cannot be written to: {folder}. It may be locked (write-protected). "
        "Bundle number {sequence} is still saved on the laptop; unlock it or use another "
        "stick, then choose Copy to USB stick again.",
    "Flashdisk tidak ditemukan atau tercabut saat menulis: {folder}. Bundel nomor "
    "{sequence} tetap tersimpan di laptop; pasang lagi flashdisk, lalu pilih Salin ulang "
    "ke flashdisk.":
        "The USB stick was not found or was removed while writing: {folder}. Bundle number "
        "{sequence} is still saved on the laptop; plug the stick in again, then choose "
        "Copy to USB stick again.",
    "Bundel yang dibaca ulang dari flashdisk tidak sama dengan aslinya ({folder}); "
    "flashdisk mungkin rusak. Bundel nomor {sequence} tetap tersimpan di laptop; pakai "
    "flashdisk lain, lalu pilih Salin ulang ke flashdisk.":
        "The bundle read back from the USB stick is not the same as the original "
        "({folder}); the stick may be faulty. Bundle number {sequence} is still saved on "
        "the laptop; use another stick, then choose Copy to USB stick again.",
    "Bundel gagal ditulis ke {folder} ({error}). Bundel nomor {sequence} tetap tersimpan "
    "di laptop; coba lagi dengan Salin ulang ke flashdisk.":
        "The bundle could not be written to {folder} ({error}). Bundle number {sequence} "
        "is still saved on the laptop; try again with Copy to USB stick again.",
    "Bundel nomor {sequence} tertulis di flashdisk ({folder}) dan sudah diperiksa. "
    "Flashdisk boleh dicabut.":
        "Bundle number {sequence} was written to the USB stick ({folder}) and checked. "
        "You may remove the stick.",
    "Bundel nomor {sequence} tidak ada.": "Bundle number {sequence} does not exist.",
    "Bundel nomor {sequence} tidak ada lagi (atau rusak) di laptop, jadi tidak dapat "
    "disalin. Buat bundel baru.":
        "Bundle number {sequence} is no longer on the laptop (or is damaged), so it cannot "
        "be copied. Make a new bundle.",
    # -- services/bundle_export.py -----------------------------------------------------------
    "Ekspor bundel dibatalkan. Tidak ada berkas yang disimpan.":
        "The bundle export was cancelled. No file was kept.",
    "Identitas desa belum diisi; selesaikan penyiapan aplikasi dulu.":
        "The village identity has not been filled in; finish setting up the app first.",
    "Kunci publik kecamatan belum diimpor. Minta berkas kunci dari kantor kecamatan dan "
    "impor di menu Kunci bundel, lalu ekspor lagi.":
        "The district's public key has not been imported. Ask the district office for its "
        "key file and import it in the Bundle keys menu, then export again.",
    "Bundel nomor {sequence} ({name}) tersimpan di laptop.":
        "Bundle number {sequence} ({name}) is saved on the laptop.",
    "Ada ekspor lain yang selesai lebih dulu. Ulangi ekspor.":
        "Another export finished first. Export again.",
    "Berkas bundel tidak dapat dibaca: {path}.": "The bundle file cannot be read: {path}.",
    "Bundel ini dibuat oleh desa lain ({code}).":
        "This bundle was made by another village ({code}).",
    # -- progress steps ----------------------------------------------------------------------
    "Menyiapkan data": "Preparing the data",
    "Menyusun buku kerja Excel": "Building the Excel workbook",
    "Menyusun laporan ringkas PDF": "Building the PDF summary",
    "Menandatangani dan mengemas bundel": "Signing and packing the bundle",
    "Mengenkripsi bundel": "Encrypting the bundle",
    "Menyimpan bundel di laptop": "Saving the bundle on the laptop",
    "Menulis ke flashdisk. Jangan cabut flashdisk!":
        "Writing to the USB stick. Do not remove the stick!",
    "Selesai. Bundel tersimpan di laptop.": "Done. The bundle is saved on the laptop.",
    "Selesai. Flashdisk boleh dicabut.": "Done. You may remove the USB stick.",
}
