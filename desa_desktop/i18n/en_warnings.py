"""English for early-warning reports, the at-risk list and the placement risk signals."""

STRINGS: dict[str, str] = {
    # domain.reference.VISA_TYPE ("Visa kerja" and "Lainnya" are translated elsewhere)
    "Visa turis": "Tourist visa",
    "Visa kunjungan": "Visit visa",
    # domain.risk.RISK_SIGNALS
    "Tanpa agensi P3MI": "No P3MI agency",
    "Agensi tidak berizin": "Unlicensed agency",
    "Visa turis/kunjungan": "Tourist/visit visa",
    "Direkrut lewat calo/sponsor": "Recruited through a calo/sponsor",
    "Belum berumur 18 tahun": "Not yet 18 years old",
    "Belum ada surat izin keluarga": "No family permission letter yet",
    "Berutang kepada perekrut": "In debt to the recruiter",
    "Keluarga tidak tahu tanggal berangkat": "Family does not know the departure date",
    # services.placements
    "Nama perekrut paling banyak {max} huruf.":
        "The recruiter's name may have at most {max} characters.",
    # services.warnings
    "Tanggal laporan tidak boleh di masa depan.": "The report date cannot be in the future.",
    "Pilih jenis laporan.": "Choose the kind of report.",
    "Tuliskan apa yang dilihat atau didengar.": "Write down what was seen or heard.",
    "Nomor telepon perekrut tidak dikenali; ketik nomor HP (0812 3456 7890) atau nomor "
    "luar negeri dengan kode negaranya (+60...).":
        "The recruiter's phone number is not recognised; type a mobile number "
        "(0812 3456 7890) or a foreign number with its country code (+60...).",
    "Tindakan tidak dikenal: {actions}.": "Unknown action: {actions}.",
    "Warga yang disebut tidak ditemukan; mungkin sudah dihapus.":
        "A resident named in the report was not found; they may have been deleted.",
    "Laporan ini sudah dijadikan kasus {number}.":
        "This report has already been made into case {number}.",
    "Sebutkan dulu warga yang bersangkutan di laporan ini sebelum dijadikan kasus.":
        "Name the residents concerned in this report before making it into a case.",
    # ui.placement_form
    "Tanda risiko": "Risk signs",
    "Jenis visa": "Visa type",
    "P3MI berizin?": "Licensed P3MI?",
    "Lewat calo/sponsor?": "Through a calo/sponsor?",
    "Nama perekrut/calo": "Recruiter/calo name",
    "Berutang ke perekrut?": "In debt to the recruiter?",
    "Keluarga tahu tanggal berangkat?": "Does the family know the departure date?",
    "Ditemukan: {signals}.": "Found: {signals}.",
    "Belum ada tanda risiko.": "No risk signs so far.",
    "Orang yang mengajak berangkat, bila ada": "The person who offered the departure, if any",
}
