"""Command line: start the app, or write demo databases, without Qt unless needed.

``desa-desktop`` starts the GUI on the village database (per-user data folder
or ``--db PATH``); ``--demo`` starts it on the demo village, created on first
use. ``desa-desktop demo-data --db PATH --persons N`` writes a demo database
of any size for trials and benchmarks. ``desa-desktop screenshots --out DIR``
renders every main screen to PNG at 1366x768.

Commands that open the (encrypted) village database ask for the officer's
user name and password at the terminal, or read them from the environment
variables ``DESA_DESKTOP_USER`` and ``DESA_DESKTOP_PASSWORD`` for scripts;
with ``--demo`` they use the demo village and its documented admin account.
``desa-desktop audit verify`` checks the audit log's hash chain.
``desa-desktop letter verify (--qr TEXT | --pdf FILE) [--key PUBFILE]`` tells
a genuine letter from an altered one (exit 0 genuine, 2 altered, 3 unknown
signer, 4 unreadable); with ``--key`` only it needs no village database.
``desa-desktop letter export-key --out FILE`` writes the post's public key.
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

    # --db/--demo may also come after the command; SUPPRESS keeps the top-level value.
    opens = argparse.ArgumentParser(add_help=False)
    opens.add_argument("--db", type=Path, default=argparse.SUPPRESS,
                       help="berkas database (bawaan: folder data pengguna)")
    opens.add_argument("--demo", action="store_true", default=argparse.SUPPRESS,
                       help="pakai desa contoh dan akun admin demo")
    audit = sub.add_parser("audit", help="periksa log audit")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    audit_sub.add_parser("verify", parents=[opens],
                         help="periksa rantai hash log audit; sebut baris pertama yang rusak")

    letter = sub.add_parser("letter", help="periksa keaslian surat / ekspor kunci publik")
    letter_sub = letter.add_subparsers(dest="letter_command", required=True)
    verify = letter_sub.add_parser("verify", parents=[opens],
                                   help="periksa kode QR atau PDF surat")
    source = verify.add_mutually_exclusive_group(required=True)
    source.add_argument("--qr", help="teks kode QR surat (DESA1....)")
    source.add_argument("--pdf", type=Path, help="berkas PDF surat")
    verify.add_argument("--key", type=Path, action="append", default=[],
                        help="berkas kunci publik desa (boleh lebih dari satu)")
    export = letter_sub.add_parser("export-key", parents=[opens],
                                   help="tulis kunci publik pos ini ke berkas")
    export.add_argument("--out", type=Path, required=True, help="berkas yang ditulis")

    from desa_desktop.cli_bundle import add_commands

    add_commands(sub, opens)
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


def _database_path(args: argparse.Namespace) -> Path:
    from desa_desktop import paths

    if args.db is not None:
        return Path(args.db)
    return paths.demo_db_path() if args.demo else paths.default_db_path()


def credentials(args: argparse.Namespace) -> tuple[str, str]:
    """The officer's user name and password: environment, demo account, or a prompt."""
    import getpass
    import os

    from desa_desktop.app import ENV_PASSWORD, ENV_USER

    user, password = os.environ.get(ENV_USER), os.environ.get(ENV_PASSWORD)
    if user and password:
        return user, password
    if args.demo:
        from desa_desktop.services.demo import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME

        return DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD
    if not sys.stdin.isatty():
        raise SystemExit(f"Isi {ENV_USER} dan {ENV_PASSWORD}, atau jalankan di terminal.")
    user = user or input("Nama pengguna: ")
    return user, getpass.getpass("Kata sandi: ")


def open_for_command(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """Open the database as the officer named by ``credentials``; exit 2 with the reason."""
    from desa_desktop.domain.errors import DomainError
    from desa_desktop.services import unlock

    path = _database_path(args)
    if args.demo and args.db is None:
        from desa_desktop.services.demo import ensure_demo_database

        ensure_demo_database(path)
    if not path.exists():
        raise SystemExit(f"Database {path} tidak ada.")
    user, password = credentials(args)
    try:
        return unlock.open_with_password(path, user, password)
    except DomainError as err:  # wrong password, read-only folder...: say it plainly
        raise SystemExit(str(err)) from None


CHAIN_REASONS = {
    "gap": "baris ini hilang (dihapus)",
    "prev_hash": "baris ini tidak menyambung ke baris sebelumnya (disisipkan atau diganti)",
    "hash": "isi baris ini diubah setelah ditulis",
}


def _audit(args: argparse.Namespace) -> int:
    from desa_desktop.services import audit

    opened = open_for_command(args)
    try:
        report = audit.verify_chain(opened.db)
    finally:
        opened.db.close()
    if report.ok:
        print(f"Log audit utuh: {report.rows} baris, kepala rantai #{report.head_seq} "
              f"{report.head_hash}")
        return 0
    why = CHAIN_REASONS.get(report.reason or "", report.reason)
    print(f"Log audit RUSAK mulai baris #{report.broken_seq}: {why}", file=sys.stderr)
    return 1


#: Exit codes of ``letter verify`` by verdict.
VERIFY_EXIT = {"genuine": 0, "altered": 2, "unknown_signer": 3, "unreadable": 4}


def _letter_context(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The officer's context on the database named by ``--db`` / ``--demo``."""
    from desa_desktop.services import accounts
    from desa_desktop.services.context import ServiceContext

    opened = open_for_command(args)
    village = accounts.get_village(opened.db)
    return ServiceContext(opened.db, village.code if village else "", opened.officer)


def _letter_verify(args: argparse.Namespace) -> int:
    from desa_desktop.domain.errors import DomainError
    from desa_desktop.services import signing

    trusted: dict[str, bytes] = {}
    for path in args.key:
        try:
            key = signing.read_public_key(path)
        except DomainError as err:
            print(f"{path}: {err}", file=sys.stderr)
            return VERIFY_EXIT["unreadable"]
        trusted[key.key_id] = key.public_key
    if not args.key or args.db is not None or args.demo:
        ctx = _letter_context(args)
        try:
            trusted.update(signing.trusted_keys(ctx))
        finally:
            ctx.db.close()
    if args.pdf is not None:
        result = signing.verify_pdf(args.pdf, trusted)
    else:
        result = signing.verify_qr(args.qr, trusted)
    print(signing.describe(result))
    labels = (("no", "Nomor"), ("tgl", "Tanggal"), ("kpd", "Kepada"), ("hal", "Perihal"),
              ("nama", "Nama"), ("vil", "Kode desa"), ("kid", "Kunci"))
    for key_name, label in labels:
        value = result.fields.get(key_name)
        if value:
            print(f"  {label}: {', '.join(value) if isinstance(value, list) else value}")
    print(f"hasil: {result.verdict.replace('_', ' ')}")
    return VERIFY_EXIT[result.verdict]


def _letter_export_key(args: argparse.Namespace) -> int:
    from desa_desktop.services import signing

    ctx = _letter_context(args)
    try:
        path = signing.export_public_key(ctx, args.out)
    except OSError as err:
        print(f"Berkas {args.out} tidak dapat ditulis: {err.strerror}", file=sys.stderr)
        return 2
    finally:
        ctx.db.close()
    print(f"Kunci publik ditulis ke {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "demo-data":
        return _demo_data(args)
    if args.command == "audit":
        return _audit(args)
    if args.command == "letter":
        if args.letter_command == "verify":
            return _letter_verify(args)
        return _letter_export_key(args)
    if args.command in ("export", "keys"):
        from desa_desktop import cli_bundle

        return cli_bundle.run_export(args) if args.command == "export" else \
            cli_bundle.run_keys(args)
    if args.command == "screenshots":
        from desa_desktop.ui.screenshots import render_all

        for path in render_all(args.out, lang=args.shot_lang):
            print(path)
        return 0
    from desa_desktop.app import run_gui

    return run_gui(db_path=args.db, demo=args.demo, lang=args.lang)


if __name__ == "__main__":
    sys.exit(main())
