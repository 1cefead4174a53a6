"""English strings for the start-up screens (setup wizard, login), the bin page
and the settings dialog: Indonesian source -> English.

A few short words ("Simpan", "Tutup", "Batal") are also used elsewhere; they
are repeated here with the same English so these screens never depend on
another module's catalogue.
"""

STRINGS: dict[str, str] = {
    # shared words
    "Simpan": "Save",
    "Tutup": "Close",
    "Batal": "Cancel",
    "Nama pengguna": "User name",
    "Kata sandi": "Password",
    "Tampilkan": "Show",
    "Sembunyikan": "Hide",
    "Gagal menyimpan: {error}": "Could not save: {error}",
    # setup_wizard.py
    "Persiapan aplikasi": "Setting up the app",
    "< Kembali": "< Back",
    "Lanjut >": "Next >",
    "Selesai": "Finish",
    "Bantuan": "Help",
    "Identitas desa": "Village identity",
    "Isi sesuai data resmi. Kode wilayah adalah kode Kemendagri, ditulis dengan "
    "titik, misalnya 32.07.12.2001 untuk desa. Kode ini ada di daftar kode wilayah "
    "Kemendagri; jika ragu, tanyakan ke kantor kecamatan.":
        "Fill in the official data. Region codes are the Ministry of Home Affairs "
        "(Kemendagri) codes, written with dots, for example 32.07.12.2001 for a village. "
        "They are in the Kemendagri list of region codes; if unsure, ask the district "
        "(kecamatan) office.",
    "Nama": "Name",
    "Kode Kemendagri": "Kemendagri code",
    "Provinsi": "Province",
    "Kabupaten/Kota": "Regency/City",
    "Kecamatan": "District (kecamatan)",
    "Desa": "Village",
    "contoh {example}": "e.g. {example}",
    "Nama pos layanan": "Service post name",
    "contoh: Pos Layanan Desmigratif Karyamukti":
        "e.g. Pos Layanan Desmigratif Karyamukti",
    "Alamat untuk kop surat": "Address for the letterhead",
    "boleh dikosongkan": "may be left empty",
    "Akun petugas pertama": "First officer account",
    "Akun ini dipakai untuk masuk ke aplikasi dan dapat menambah akun petugas lain. "
    "Simpan kata sandi di tempat aman: kata sandi tidak dapat dilihat lagi.":
        "This account is used to log in to the app and can add other officers' accounts. "
        "Keep the password somewhere safe: it cannot be looked up later.",
    "Nama lengkap": "Full name",
    "huruf kecil tanpa spasi, contoh: budi": "lower-case letters, no spaces, e.g. budi",
    "minimal {n} karakter": "at least {n} characters",
    "Ulangi kata sandi": "Repeat password",
    "Tampilkan kata sandi": "Show password",
    "Tutup persiapan?": "Close the setup?",
    "Isian belum disimpan. Jika ditutup sekarang, semua isian hilang dan "
    "aplikasi belum dapat dipakai.":
        "Nothing has been saved yet. If you close now, everything typed is lost and "
        "the app cannot be used yet.",
    "Kembali mengisi": "Go back to the form",
    "Buang isian dan tutup": "Discard and close",
    # login_dialog.py
    "Masuk": "Log in",
    "Masuk dengan akun petugas.": "Log in with your officer account.",
    "Tampilkan atau sembunyikan kata sandi": "Show or hide the password",
    "Keluar": "Quit",
    "Sedang membuka data desa, mohon tunggu...": "Opening the village data, please wait...",
    "Isi nama pengguna dan kata sandi.": "Fill in the user name and the password.",
    # bin_page.py
    "Tempat sampah": "Bin",
    "Data yang dihapus tidak hilang: data itu disimpan di sini dan dapat dipulihkan. "
    "Pilih satu baris, lalu tekan Pulihkan (atau Ctrl+R, atau klik dua kali).":
        "Deleted data is not lost: it is kept here and can be restored. "
        "Select a row, then press Restore (or Ctrl+R, or double-click).",
    "Jenis": "Type",
    "NIK / No. KK": "NIK / KK number",
    "Dihapus pada": "Deleted on",
    "Dihapus oleh": "Deleted by",
    "Orang": "Person",
    "Keluarga": "Household",
    "Pulihkan": "Restore",
    "Pulihkan data yang dipilih (Ctrl+R)": "Restore the selected record (Ctrl+R)",
    "Memuat...": "Loading...",
    "Tempat sampah kosong.": "The bin is empty.",
    "Pilih dulu data yang ingin dipulihkan.": "First select the record to restore.",
    "{name} sudah dipulihkan.": "{name} has been restored.",
    "Gagal memuat tempat sampah: {error}": "Could not load the bin: {error}",
    "Data di tempat sampah tidak dapat dipulihkan selama NIK atau nomor KK-nya "
    "dipakai data lain.":
        "A record in the bin cannot be restored while its NIK or KK number is used by "
        "another record.",
    "Gagal memulihkan: {error}": "Could not restore: {error}",
    # settings_dialog.py
    "Pengaturan": "Settings",
    "Bahasa": "Language",
    "Perubahan bahasa langsung berlaku tanpa membuka ulang aplikasi.":
        "A language change applies at once, without restarting the app.",
}
