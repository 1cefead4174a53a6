"""English strings for the domain layer: Indonesian source -> English."""

STRINGS: dict[str, str] = {
    # nik.py
    'Hanya angka yang boleh diketik, tetapi ada "{char}". '
    "Spasi, titik atau tanda hubung di antara kelompok angka boleh.":
        'Only digits may be typed, but there is "{char}". '
        "Spaces, dots or dashes between groups of digits are allowed.",
    "Nomor tidak boleh diawali atau diakhiri titik atau tanda hubung.":
        "The number must not start or end with a dot or a dash.",
    'NIK hanya boleh berisi angka, tetapi ada "{char}". '
    "Spasi, titik atau tanda hubung di antara kelompok angka boleh.":
        'The NIK may contain only digits, but there is "{char}". '
        "Spaces, dots or dashes between groups of digits are allowed.",
    "NIK hanya boleh berisi angka (spasi, titik atau tanda hubung "
    "di antara kelompok angka boleh).":
        "The NIK may contain only digits (spaces, dots or dashes between groups "
        "of digits are allowed).",
    "NIK belum diisi.": "The NIK has not been filled in.",
    "NIK harus 16 angka; yang diketik {count} angka.":
        "The NIK must have 16 digits; {count} digits were typed.",
    "Kode provinsi {code} pada NIK tidak dikenal.":
        "Province code {code} in the NIK is unknown.",
    "Kode kabupaten/kota pada NIK (digit 3-4) tidak boleh 00.":
        "The regency/city code in the NIK (digits 3-4) cannot be 00.",
    "Kode kecamatan pada NIK (digit 5-6) tidak boleh 00.":
        "The district code in the NIK (digits 5-6) cannot be 00.",
    "Tanggal lahir pada NIK (digit 7-8) tidak benar: {day}. "
    "Untuk laki-laki 01-31, untuk perempuan 41-71 (tanggal lahir + 40).":
        "The day of birth in the NIK (digits 7-8) is wrong: {day}. "
        "For men it is 01-31, for women 41-71 (day of birth + 40).",
    "Bulan lahir pada NIK (digit 9-10) tidak benar: {month}. Harus 01 sampai 12.":
        "The month of birth in the NIK (digits 9-10) is wrong: {month}. "
        "It must be 01 to 12.",
    "Tanggal lahir pada NIK (digit 7-12) bukan tanggal yang benar: {date}.":
        "The date of birth in the NIK (digits 7-12) is not a real date: {date}.",
    "Nomor urut NIK (4 angka terakhir) tidak boleh 0000.":
        "The serial number of the NIK (last 4 digits) cannot be 0000.",
    'Nomor KK hanya boleh berisi angka, tetapi ada "{char}". '
    "Spasi, titik atau tanda hubung di antara kelompok angka boleh.":
        'The family card number (KK) may contain only digits, but there is "{char}". '
        "Spaces, dots or dashes between groups of digits are allowed.",
    "Nomor KK hanya boleh berisi angka (spasi, titik atau tanda hubung "
    "di antara kelompok angka boleh).":
        "The family card number (KK) may contain only digits (spaces, dots or dashes "
        "between groups of digits are allowed).",
    "Nomor KK belum diisi.": "The family card number (KK) has not been filled in.",
    "Nomor KK harus 16 angka; yang diketik {count} angka.":
        "The family card number (KK) must have 16 digits; {count} digits were typed.",
    "Kode provinsi {code} pada Nomor KK tidak dikenal.":
        "Province code {code} in the family card number (KK) is unknown.",
    "Kode kabupaten/kota pada Nomor KK (digit 3-4) tidak boleh 00.":
        "The regency/city code in the family card number (KK) (digits 3-4) cannot be 00.",
    "Kode kecamatan pada Nomor KK (digit 5-6) tidak boleh 00.":
        "The district code in the family card number (KK) (digits 5-6) cannot be 00.",
    "Tanggal pada Nomor KK (digit 7-12) bukan tanggal yang benar: {date}.":
        "The date in the family card number (KK) (digits 7-12) is not a real date: {date}.",
    "Nomor urut pada Nomor KK (4 angka terakhir) tidak boleh 0000.":
        "The serial number of the family card number (KK) (last 4 digits) cannot be 0000.",
    "Jenis kelamin yang diketik (Laki-laki) berbeda dengan NIK (Perempuan). "
    "Periksa kembali KTP.":
        "The sex typed (male) differs from the NIK (female). Check the ID card (KTP) again.",
    "Jenis kelamin yang diketik (Perempuan) berbeda dengan NIK (Laki-laki). "
    "Periksa kembali KTP.":
        "The sex typed (female) differs from the NIK (male). Check the ID card (KTP) again.",
    "Tanggal lahir yang diketik ({typed}) berbeda dengan tanggal lahir pada NIK "
    "({nik}). Periksa kembali KTP.":
        "The date of birth typed ({typed}) differs from the date of birth in the NIK "
        "({nik}). Check the ID card (KTP) again.",
}
