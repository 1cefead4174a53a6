"""English for the bundle archive (``bundle/archive.py``): why a ZIP inside a bundle is refused."""

STRINGS: dict[str, str] = {
    "Berkas ini bukan arsip bundel (ZIP).": "This file is not a bundle archive (ZIP).",
    "Arsip bundel terpotong; salin ulang bundel dari sumbernya.":
        "The bundle archive is cut short; copy the bundle again from its source.",
    "Ada data asing di belakang arsip bundel; arsip ini telah diubah atau rusak.":
        "There is foreign data after the bundle archive; the archive has been altered or "
        "damaged.",
    "Arsip bundel rusak atau telah diubah; minta salinan bundel yang utuh.":
        "The bundle archive is damaged or has been altered; ask for an intact copy of the "
        "bundle.",
    'Berkas "{name}" di dalam arsip bundel rusak atau telah diubah; '
    "minta salinan bundel yang utuh.":
        'The file "{name}" inside the bundle archive is damaged or has been altered; ask for '
        "an intact copy of the bundle.",
    'Isi berkas "{name}" di dalam arsip tidak cocok dengan kode pemeriksanya (CRC); '
    "bundel rusak.":
        'The content of the file "{name}" inside the archive does not match its check code '
        "(CRC); the bundle is damaged.",
    'Ukuran berkas "{name}" di dalam arsip tidak sesuai dengan yang tercatat; '
    "bundel rusak atau telah diubah.":
        'The size of the file "{name}" inside the archive does not match the recorded size; '
        "the bundle is damaged or has been altered.",
    "Arsip bundel memakai fitur ZIP yang tidak dipakai bundel desa (ZIP64, arsip "
    "terbagi, nama tambahan, atau sejenisnya); bundel ditolak.":
        "The bundle archive uses a ZIP feature that village bundles never use (ZIP64, split "
        "archives, extra names or the like); the bundle is refused.",
    'Berkas "{name}" di dalam arsip dikunci dengan sandi ZIP; bundel desa tidak '
    "pernah memakai sandi ZIP.":
        'The file "{name}" inside the archive is locked with a ZIP password; village bundles '
        "never use ZIP passwords.",
    'Berkas "{name}" di dalam arsip memakai cara pemampatan yang tidak didukung.':
        'The file "{name}" inside the archive uses an unsupported compression method.',
    'Nama berkas "{name}" di dalam arsip mengarah ke luar folder (..); bundel ditolak.':
        'The file name "{name}" inside the archive points outside its folder (..); the bundle '
        "is refused.",
    'Nama berkas "{name}" di dalam arsip berupa jalur mutlak; bundel ditolak.':
        'The file name "{name}" inside the archive is an absolute path; the bundle is refused.',
    'Nama berkas "{name}" di dalam arsip memakai garis miring terbalik; bundel ditolak.':
        'The file name "{name}" inside the archive uses a backslash; the bundle is refused.',
    'Nama berkas "{name}" di dalam arsip memiliki bagian kosong atau "."; bundel ditolak.':
        'The file name "{name}" inside the archive has an empty or "." part; the bundle is '
        "refused.",
    'Nama berkas "{name}" di dalam arsip mengandung karakter kendali; bundel ditolak.':
        'The file name "{name}" inside the archive contains control characters; the bundle '
        "is refused.",
    'Arsip bundel berisi folder "{name}"; bundel desa hanya berisi berkas biasa.':
        'The bundle archive contains a folder "{name}"; village bundles contain only plain '
        "files.",
    'Berkas "{name}" di dalam arsip bukan berkas biasa (misalnya tautan simbolik); '
    "bundel ditolak.":
        'The entry "{name}" inside the archive is not a plain file (a symbolic link, for '
        "example); the bundle is refused.",
    'Berkas "{name}" ada lebih dari sekali di dalam arsip; bundel ditolak.':
        'The file "{name}" appears more than once inside the archive; the bundle is refused.',
    'Nama berkas "{name}" dan "{other}" di dalam arsip hanya berbeda huruf '
    "besar/kecil atau cara penulisan hurufnya; bundel ditolak.":
        'The file names "{name}" and "{other}" inside the archive differ only in upper/lower '
        "case or in how their letters are encoded; the bundle is refused.",
    'Berkas "{name}" tidak termasuk isi bundel desa; bundel ditolak.':
        'The file "{name}" does not belong in a village bundle; the bundle is refused.',
    "Arsip bundel berisi {count} berkas, lebih dari batas {limit}; bundel ditolak.":
        "The bundle archive contains {count} files, more than the limit of {limit}; the bundle "
        "is refused.",
    'Berkas "{name}" di dalam arsip terlalu besar ({size}, batas {limit}); bundel ditolak.':
        'The file "{name}" inside the archive is too large ({size}, limit {limit}); the bundle '
        "is refused.",
    "Isi arsip bundel terlalu besar ({size}, batas {limit}); bundel ditolak.":
        "The content of the bundle archive is too large ({size}, limit {limit}); the bundle is "
        "refused.",
    'Berkas "{name}" di dalam arsip dimampatkan secara tidak wajar (lebih dari {limit} '
    "kali); bundel ditolak sebagai bom ZIP.":
        'The file "{name}" inside the archive is compressed implausibly (more than {limit} '
        "times); the bundle is refused as a ZIP bomb.",
}
