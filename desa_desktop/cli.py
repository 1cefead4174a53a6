"""Command line: start the app, or write demo databases, without Qt unless needed.

``desa-desktop`` starts the GUI on the village database (per-user data folder
or ``--db PATH``); ``--demo`` starts it on the demo village, created on first
use. ``desa-desktop demo-data --db PATH --persons N`` writes a demo database
of any size for trials and benchmarks. ``desa-desktop screenshots --out DIR``
renders every main screen to PNG at 1366x768.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desa_desktop import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desa-desktop",
        description="Aplikasi pos layanan migrasi desa (Desmigratif).",
    )
    parser.add_argument("--version", action="version", version=f"desa-desktop {__version__}")
    parser.add_argument("--db", type=Path, help="berkas database (bawaan: folder data pengguna)")
    parser.add_argument("--demo", action="store_true",
                        help="buka desa contoh (dibuat saat pertama kali)")
    parser.add_argument("--lang", choices=["id", "en"], help="bahasa tampilan")
    sub = parser.add_subparsers(dest="command")

    demo = sub.add_parser("demo-data", help="tulis database desa contoh")
    demo.add_argument("--db", type=Path, required=True, dest="demo_db",
                      help="berkas database yang dibuat")
    demo.add_argument("--persons", type=int, default=2000, help="jumlah orang (bawaan 2000)")
    demo.add_argument("--seed", type=int, default=2016, help="benih acak (hasil dapat diulang)")
    demo.add_argument("--force", action="store_true", help="timpa berkas yang sudah ada")

    shots = sub.add_parser("screenshots", help="simpan gambar setiap layar (1366x768)")
    shots.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    shots.add_argument("--lang", choices=["id", "en"], default="id", dest="shot_lang")
    return parser


def _demo_data(args: argparse.Namespace) -> int:
    from desa_desktop.services.demo import write_demo_database

    path: Path = args.demo_db
    if path.exists() and not args.force:
        print(f"Berkas {path} sudah ada; pakai --force untuk menimpanya.", file=sys.stderr)
        return 2
    if args.persons < 1:
        print("Jumlah orang minimal 1.", file=sys.stderr)
        return 2
    if path.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    def progress(done: int, total: int) -> None:
        print(f"\r{done}/{total} orang", end="", file=sys.stderr, flush=True)

    summary = write_demo_database(path, persons=args.persons, seed=args.seed, progress=progress)
    print(file=sys.stderr)
    print(summary)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "demo-data":
        return _demo_data(args)
    if args.command == "screenshots":
        from desa_desktop.ui.screenshots import render_all

        for path in render_all(args.out, lang=args.shot_lang):
            print(path)
        return 0
    from desa_desktop.app import run_gui

    return run_gui(db_path=args.db, demo=args.demo, lang=args.lang)


if __name__ == "__main__":
    sys.exit(main())
