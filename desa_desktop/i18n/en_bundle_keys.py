"""English for bundle signatures (minisign), encryption (age) and the bundle keys."""

STRINGS: dict[str, str] = {
    # bundle/minisign.py
    'Tanda tangan tidak dapat dibaca: berkas .minisig rusak atau bukan tanda tangan.':
        'The signature cannot be read: the .minisig file is damaged or not a signature.',
    'Berkas ini ditandatangani kunci {key_id} yang tidak dikenal; periksa bahwa kunci publik '
    'pengirimnya sudah didaftarkan.':
        "This file was signed by an unknown key {key_id}; check that the sender's public key "
        'has been registered.',
    'Tanda tangan tidak cocok: berkas atau keterangannya telah diubah.':
        'The signature does not match: the file or its comment has been altered.',
    'Kunci publik minisign tidak dapat dibaca.': 'The minisign public key cannot be read.',
    # bundle/age_crypto.py
    'Berkas ini tidak dienkripsi untuk kunci ini; berkas ini mungkin untuk dinas lain atau '
    'dibuat sebelum kuncinya diganti.':
        'This file was not encrypted for this key; it may be meant for another office or '
        'made before the key was replaced.',
    'Berkas terenkripsi ini rusak atau terpotong; minta salinan yang utuh.':
        'This encrypted file is damaged or cut short; ask for an intact copy.',
    'Kunci publik age tidak sah (harus diawali age1...).':
        'Not a valid age public key (it must start with age1...).',
    'Kunci rahasia age tidak sah.': 'Not a valid age secret key.',
    # services/bundle_keys.py
    'Kunci dinas yang tersimpan ({old_name}, sidik jari {old}) berbeda dengan kunci di berkas '
    '({new_name}, sidik jari {new}). Ganti hanya bila dinas memastikan sidik jari yang baru.':
        'The stored district key ({old_name}, fingerprint {old}) differs from the key in the '
        'file ({new_name}, fingerprint {new}). Replace it only when the district office '
        'confirms the new fingerprint.',
    'Kunci dinas belum diimpor. Impor dulu berkas kunci dari dinas kabupaten/kota, lalu buat '
    'bundel.':
        "The district office's key has not been imported. Import the key file from the "
        'district office first, then make the bundle.',
    'Berkas {path} tidak dapat ditulis: {reason}': 'The file {path} cannot be written: {reason}',
    'Berkas kunci tidak dapat dibaca: {path}': 'The key file cannot be read: {path}',
    'Berkas ini bukan berkas kunci {kind}.': 'This file is not a {kind} key file.',
    'Berkas kunci ini dibuat versi aplikasi yang lebih baru; perbarui desa-desktop lalu coba '
    'lagi.':
        'This key file was made by a newer version of the app; update desa-desktop and try '
        'again.',
    'Berkas kunci tidak lengkap: isian {name} kosong atau salah.':
        'The key file is incomplete: the field {name} is empty or wrong.',
    'Kunci tanda tangan (minisign) di berkas kunci tidak sah.':
        'The signing key (minisign) in the key file is not valid.',
    'Kunci enkripsi (age) di berkas kunci tidak sah.':
        'The encryption key (age) in the key file is not valid.',
    'Sidik jari di berkas tidak cocok dengan kuncinya; berkas ini rusak atau telah diubah.':
        "The fingerprint in the file does not match its keys; the file is damaged or has "
        'been altered.',
    'Nomor kunci di berkas tidak cocok dengan kuncinya; berkas ini rusak atau telah diubah.':
        "The key id in the file does not match its key; the file is damaged or has been "
        'altered.',
    'Kode wilayah dinas di berkas kunci tidak sah: {code}':
        "The office's region code in the key file is not valid: {code}",
    'Kunci ini milik {name} ({code}), bukan dinas wilayah desa ini ({village}).':
        "This key belongs to {name} ({code}), not to the office of this village's region "
        '({village}).',
}
