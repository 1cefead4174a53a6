"""English for the case-file services: workflow, cases, timeline, attachments, follow-ups."""

STRINGS: dict[str, str] = {
    # domain/case_workflow.py
    "Status kasus tidak dapat diubah dari \u201c{old}\u201d menjadi \u201c{new}\u201d.":
        "The case status cannot change from \u201c{old}\u201d to \u201c{new}\u201d.",
    "Status kasus tidak dikenal: {status}.": "Unknown case status: {status}.",
    # services/cases.py
    "Pilih minimal satu jenis kasus.": "Choose at least one case type.",
    "Jenis kasus tidak dikenal: {codes}.": "Unknown case type: {codes}.",
    "Pilih minimal satu orang yang bersangkutan.": "Choose at least one person concerned.",
    "Orang yang sama dipilih lebih dari sekali.": "The same person was chosen more than once.",
    "Orang yang dipilih tidak ditemukan; mungkin sudah dihapus.":
        "The chosen person was not found; they may have been deleted.",
    "Penempatan yang dipilih bukan milik {name}.":
        "The chosen placement does not belong to {name}.",
    "Tanggal laporan tidak boleh di masa depan.": "The report date cannot be in the future.",
    "Negara tidak dikenal: {code}.": "Unknown country: {code}.",
    "Pilih petugas atau admin yang masih aktif.": "Choose an active officer or admin.",
    "Isi hasil penanganan sebelum kasus dinyatakan selesai.":
        "Enter the outcome before marking the case resolved.",
    "Isi alasan kasus ditutup.": "Enter why the case is closed.",
    "Kasus berstatus \u201c{status}\u201d tidak perlu dibuka kembali; hanya kasus yang "
    "selesai atau ditutup.":
        "A case with status \u201c{status}\u201d need not be reopened; only resolved or "
        "closed cases can be.",
    "Isi alasan kasus dibuka kembali.": "Enter why the case is reopened.",
    "Isi nama orang yang memberi persetujuan.": "Enter the name of the person giving consent.",
    "Tanggal persetujuan tidak boleh di masa depan.":
        "The consent date cannot be in the future.",
    # services/case_timeline.py
    "Isi ringkasan tindakan.": "Enter a summary of the action.",
    "Tanggal tindakan tidak boleh di masa depan.": "The action date cannot be in the future.",
    "Berkas {name} terlalu besar ({size} MB); batasnya {max} MB.":
        "The file {name} is too large ({size} MB); the limit is {max} MB.",
    "Berkas {name} tidak dapat dibaca. Periksa apakah berkas masih ada dan tidak sedang "
    "dibuka program lain.":
        "The file {name} cannot be read. Check that it still exists and is not open in "
        "another program.",
    "Berkas {name} kosong.": "The file {name} is empty.",
    "Lampiran {name} rusak: isinya tidak sama lagi dengan saat disimpan. Pulihkan dari "
    "cadangan atau lampirkan berkas aslinya lagi.":
        "The attachment {name} is damaged: its content no longer matches what was saved. "
        "Restore it from a backup or attach the original file again.",
    "Lampiran tidak dapat disimpan ke {path}. Periksa apakah folder itu ada dan boleh "
    "ditulisi.":
        "The attachment cannot be saved to {path}. Check that the folder exists and can be "
        "written to.",
    # services/follow_ups.py
    "Tindak lanjut harus untuk satu kasus atau satu laporan peringatan dini.":
        "A follow-up must belong to one case or one early-warning report.",
    "Isi apa yang harus ditindaklanjuti.": "Enter what must be followed up.",
    "Tanggal tindak lanjut tidak boleh sebelum hari ini.":
        "The follow-up date cannot be before today.",
    "Tanggal selesai tidak boleh di masa depan.": "The completion date cannot be in the future.",
}
