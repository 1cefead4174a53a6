"""Command-line bundle commands of the village post (issue 6), for scripts and tests.

    desa-desktop export --period 2026-11 --to /media/usb      # make, sign, encrypt, copy
    desa-desktop keys export-post --out DIR                    # the post's public keys
    desa-desktop keys import-district FILE [--confirm]         # the district's public key

Kept apart from ``cli`` so each file stays short. Exit codes: 0 done, 1 the
bundle was made but not copied (it stays in the outbox), 2 refused (bad period,
no district key, wrong password...), 130 cancelled.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_commands(sub: Any, opens: argparse.ArgumentParser) -> None:
    """Register ``export`` and ``keys`` on the main parser's subcommands."""
    export = sub.add_parser("export", parents=[opens],
                            help="buat bundel data untuk kabupaten (ditandatangani, "
                                 "dienkripsi)")
    export.add_argument("--period", required=True,
                        help="periode: 2026-11 (bulan), 2026-Q4 (triwulan) atau "
                             "2026-10-01..2026-11-15")
    export.add_argument("--to", type=Path, default=None, dest="target",
                        help="folder atau flashdisk tujuan (tanpa ini: hanya ke kotak keluar)")
    keys = sub.add_parser("keys", help="kunci publik pos dan kunci kabupaten")
    keys_sub = keys.add_subparsers(dest="keys_command", required=True)
    post = keys_sub.add_parser("export-post", parents=[opens],
                               help="tulis kunci publik pos (untuk kabupaten) ke folder")
    post.add_argument("--out", type=Path, required=True, help="folder tujuan")
    district = keys_sub.add_parser("import-district", parents=[opens],
                                   help="simpan kunci publik kabupaten dari berkasnya")
    district.add_argument("file", type=Path, help="berkas kunci kabupaten (.json)")
    district.add_argument("--confirm", action="store_true",
                          help="ganti kunci kabupaten yang sudah tersimpan")


def _context(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from desa_desktop.cli import open_for_command
    from desa_desktop.services import accounts
    from desa_desktop.services.context import ServiceContext

    opened = open_for_command(args)
    village = accounts.get_village(opened.db)
    return ServiceContext(opened.db, village.code if village else "", opened.officer)


def _progress(done: int, total: int, label: str) -> None:
    print(f"[{done}/{total}] {label}", file=sys.stderr, flush=True)


def run_export(args: argparse.Namespace) -> int:
    from desa_desktop.domain.errors import DomainError
    from desa_desktop.services import bundle_export
    from desa_desktop.services.bundle_content import period_of

    ctx = _context(args)
    try:
        period = period_of(ctx, args.period)
        result = bundle_export.export_bundle(ctx, period, args.target, progress=_progress)
    except bundle_export.BundleNotCopied as err:
        print(str(err), file=sys.stderr)
        print(f"Bundel no. {err.result.sequence} ada di kotak keluar: {err.result.outbox_path}",
              file=sys.stderr)
        return 1
    except bundle_export.ExportCancelled:
        print("Ekspor dibatalkan.", file=sys.stderr)
        return 130
    except DomainError as err:
        print(str(err), file=sys.stderr)
        return 2
    finally:
        ctx.db.close()
    print(f"Bundel no. {result.sequence} periode {period.label}: {result.path}")
    print(f"Tanda tangan: {result.signature_path}")
    print(f"SHA-256: {result.sha256}")
    for table, count in result.counts.items():
        print(f"  {table}: {count}")
    return 0


def run_keys(args: argparse.Namespace) -> int:
    from desa_desktop.domain.errors import DomainError
    from desa_desktop.services import bundle_keys

    ctx = _context(args)
    try:
        if args.keys_command == "export-post":
            args.out.mkdir(parents=True, exist_ok=True)
            json_path = bundle_keys.export_post_public_key(ctx, args.out)
            pub_path = bundle_keys.export_minisign_pub(ctx, args.out)
            keys = bundle_keys.ensure_post_keys(ctx)
            print(f"Kunci publik pos: {json_path}")
            print(f"Kunci minisign:   {pub_path}")
            print(f"Sidik jari:       {keys.fingerprint}")
            return 0
        view = bundle_keys.import_district_key(ctx, args.file, confirm=args.confirm)
        print(f"Kunci kabupaten {view.district_name} ({view.district_code}) disimpan.")
        print(f"Sidik jari: {view.fingerprint}")
        return 0
    except bundle_keys.KeyChangeNeedsConfirmation as err:
        print(str(err), file=sys.stderr)
        print("Jalankan lagi dengan --confirm bila penggantian ini benar.", file=sys.stderr)
        return 2
    except (DomainError, OSError) as err:
        print(str(err), file=sys.stderr)
        return 2
    finally:
        ctx.db.close()
