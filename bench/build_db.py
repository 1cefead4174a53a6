"""Build the benchmark village with ``write_demo_database`` and report time and memory.

Run by ``run.py`` in its own process, so the memory the generator needs does
not inflate the search loop's peak RSS. The file is written under a temporary
name and moved into place only when complete.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import datetime
from pathlib import Path

from _common import emit, peak_rss_mb

from desa_desktop.services.demo import write_demo_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args()

    partial = args.db.with_name(args.db.name + ".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        print(f"\r  {done}/{total} orang", end="", file=sys.stderr, flush=True)

    summary = write_demo_database(partial, persons=args.persons, seed=args.seed,
                                  progress=progress)
    print(file=sys.stderr)
    seconds = time.perf_counter() - started
    os.replace(partial, args.db)
    result = {
        "seconds": seconds,
        "peak_rss_mb": peak_rss_mb(),
        "summary": summary.replace(str(partial), str(args.db)),
        "built_at": datetime.now().isoformat(timespec="seconds"),
        "size_mb": args.db.stat().st_size / (1024 * 1024),
    }
    args.db.with_suffix(".json").write_text(json.dumps(result, indent=2))
    emit(result)


if __name__ == "__main__":
    main()
