"""English for institutions, referrals, letters, the letterhead and letter signing."""

STRINGS: dict[str, str] = {
    # letters
    'Hanya surat yang sudah dibatalkan yang dapat diterbitkan ulang.':
        'Only a voided letter can be reissued.',
    'Isi jabatan penanda tangan.': "Enter the signer's title.",
    'Isi nama penanda tangan surat.': "Enter the name of the letter's signer.",
    'Isi surat tidak boleh kosong.': 'The letter body must not be empty.',
    'Isi tujuan surat (Kepada Yth.).': 'Enter the addressee (Kepada Yth.).',
    'Isi perihal surat.': "Enter the letter's subject.",
    'Pilih jenis surat.': 'Choose the kind of letter.',
    'Pilih ukuran kertas A4 atau F4.': 'Choose A4 or F4 paper.',
    'Rujukan ini bukan milik kasus tersebut.': 'This referral does not belong to that case.',
    'Surat {number} belum dibatalkan; batalkan dulu sebelum menerbitkan penggantinya.':
        'Letter {number} has not been voided; void it before issuing its replacement.',
    'Surat {number} sudah dibatalkan pada {day}.': 'Letter {number} was already voided on {day}.',
    'Surat {number} sudah diganti dengan surat {new}.':
        'Letter {number} has already been replaced by letter {new}.',
    'Tanggal surat tidak boleh di masa depan.': "The letter's date cannot be in the future.",
    'Teks terlalu panjang (paling banyak {n} huruf).': 'Text too long (at most {n} characters).',
    'Tulis alasan pembatalan surat.': 'Write why the letter is voided.',
    'Pilih jenis surat: pengantar atau keterangan.':
        'Choose the kind of letter: introduction or statement.',
    'Surat pengantar dan surat keterangan ke Disnaker hanya untuk CPMI; {name} tercatat '
    'sebagai {status}.':
        'Introduction and statement letters to Disnaker are for CPMI only; {name} is '
        'registered as {status}.',
    # referrals
    'Rujukan memerlukan persetujuan rujukan dan persetujuan berbagi data dari yang '
    'bersangkutan. Catat persetujuannya di berkas kasus, atau tulis alasan merujuk tanpa '
    'persetujuan.':
        'A referral needs the consent to refer and the consent to share data of the person '
        'concerned. Record the consents in the case file, or write why the case is referred '
        'without them.',
    'Batas jawaban tidak boleh sebelum tanggal rujukan.':
        'The answer deadline cannot be before the referral date.',
    'Kasus berstatus {status} tidak dapat dirujuk; buka kembali kasusnya dulu.':
        'A case with status {status} cannot be referred; reopen the case first.',
    'Pilih lembaga tujuan rujukan.': 'Choose the institution to refer to.',
    'Pilih status rujukan.': 'Choose the referral status.',
    'Status rujukan tidak dapat berubah dari {old} ke {new}.':
        'The referral status cannot change from {old} to {new}.',
    'Tanggal rujukan tidak boleh di masa depan.': 'The referral date cannot be in the future.',
    'Tanggal tidak boleh di masa depan.': 'The date cannot be in the future.',
    'Tanggal tidak boleh sebelum tanggal rujukan.': 'The date cannot be before the referral date.',
    'Tulis alasan rujukan.': 'Write the reason for the referral.',
    # institutions
    'Alamat email tidak valid.': 'The email address is not valid.',
    'Isi nama lembaga.': "Enter the institution's name.",
    'Lembaga dengan nama ini sudah ada di daftar.':
        'An institution with this name is already in the directory.',
    'Nama lembaga terlalu panjang (paling banyak 200 huruf).':
        "The institution's name is too long (at most 200 characters).",
    'Nomor telepon lembaga hanya berisi angka, +, ( ), -.':
        "The institution's phone number may contain only digits, +, ( ), -.",
    'Pilih jenis lembaga.': 'Choose the kind of institution.',
    # letterhead
    'Baris kop surat tidak boleh kosong.': 'The letterhead lines must not be empty.',
    'Berkas logo tidak ditemukan.': 'The logo file was not found.',
    'Isi tempat surat dibuat (nama desa).': 'Enter where letters are made (the village name).',
    'Kode unit hanya huruf besar, angka, titik atau strip (contoh: DESMIG).':
        'The unit code may contain only capital letters, digits, dots or dashes '
        '(example: DESMIG).',
    # signing and letter verify
    'Berkas ini bukan kunci publik desa-desktop yang utuh.':
        'This file is not a complete desa-desktop public key.',
    'Berkas kunci publik tidak dapat dibaca.': 'The public key file cannot be read.',
    'ASLI: surat {number} dari desa {village} tidak diubah.':
        'GENUINE: letter {number} from village {village} has not been changed.',
    'DIUBAH: surat {number} tidak sama dengan yang ditandatangani desa {village}; jangan '
    'dipercaya.':
        'ALTERED: letter {number} differs from what village {village} signed; do not trust '
        'it.',
    'PENANDA TANGAN TIDAK DIKENAL: surat {number} (desa {village}) ditandatangani kunci '
    '{kid} yang tidak ada di daftar kunci tepercaya.':
        'UNKNOWN SIGNER: letter {number} (village {village}) was signed with key {kid}, '
        'which is not among the trusted keys.',
    'TIDAK TERBACA: kode QR surat ini tidak dapat dibaca.':
        "UNREADABLE: this letter's QR code cannot be read.",
}
