"""English for printing letters (preview and direct print through Qt).

The letter PDF itself stays Indonesian: it is an official Indonesian document.
"""

STRINGS: dict[str, str] = {
    "Pratinjau dan cetak langsung tidak tersedia di komputer ini. Buka berkas PDF surat, "
    "lalu cetak dari pembaca PDF.":
        "Print preview and direct printing are not available on this computer. Open the "
        "letter's PDF file and print it from a PDF reader.",
    "Berkas PDF surat tidak dapat dibaca.": "The letter's PDF file cannot be read.",
    "Printer tidak dapat dipakai. Periksa apakah printer menyala dan terhubung.":
        "The printer cannot be used. Check that it is switched on and connected.",
    "Pratinjau cetak surat": "Letter print preview",
}
