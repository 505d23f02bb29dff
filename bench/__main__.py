"""``python -m bench``: every figure, as a ratio against a baseline of the same run.

    python -m bench [--scale 1.0] [--runs 15] [--only terminal,interactions,import]

Prints the table and writes it to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from . import copies, generate
from .stats import markdown

PARTS = ("terminal", "interactions", "import")
# Parts run only when named in --only (slow to prepare): see bench/team.py.
OPTIONAL_PARTS = ("team",)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=15, help="runs per figure (>= 15)")
    parser.add_argument("--only", default=",".join(PARTS),
                        help=f"comma-separated parts: {', '.join(PARTS + OPTIONAL_PARTS)}")
    parser.add_argument("--no-write", action="store_true", help="do not write RESULTS.md")
    parser.add_argument("--team-managers", type=int, default=3,
                        help="managers merged by the team part (the issue's figure: 50)")
    args = parser.parse_args(argv)
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    started = time.perf_counter()
    heavy = generate.cached(args.scale)
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        folder = Path(tmp)
        # The register's witnesses of this run's copies live and die with the run.
        os.environ["XDG_STATE_HOME"] = str(folder / "state")
        if "terminal" in parts:
            from . import paint

            log("terminal: first paint, data on screen, memory")
            rows += paint.run(copies.working_copy(args.scale, folder), args.runs, log=log)
        if "interactions" in parts:
            from . import interactions

            log("interactions (Pilot)")
            rows += interactions.run(args.scale, folder, args.runs, log=log)
        if "import" in parts and not importlib.util.find_spec("workbench.roster.importer"):
            log("bulk import: skipped (the importer is not in this checkout)")
        elif "import" in parts:
            from . import bulk_import

            log("bulk import")
            rows += bulk_import.run(args.scale, folder, args.runs, log=log)
        if "team" in parts:
            from . import team

            log(f"team: {args.team_managers} managers' bundles, merge, dashboard queries")
            rows += team.run(args.scale, folder, args.runs, args.team_managers, log=log)
    table = markdown(rows)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    header = (f"Command: `python -m bench --scale {args.scale:g} --runs {args.runs}"
              f"{'' if args.only == ','.join(PARTS) else ' --only ' + args.only}`  \n"
              f"When: {stamp} · Python {platform.python_version()} · "
              f"{platform.machine()} · heavy database `{heavy.name}` · "
              f"took {time.perf_counter() - started:.0f} s\n")
    print(header)
    print(table)
    if not args.no_write:
        out = Path(__file__).resolve().parent / "RESULTS.md"
        write_results(out, args.scale, f"{header}\n{table}\n")
        log(f"wrote {out}")
    return 0


def write_results(out: Path, scale: float, body: str) -> None:
    """RESULTS.md keeps one section per scale: this run replaces its own scale's only."""
    sections: dict[str, str] = {}
    if out.exists():
        current = None
        for line in out.read_text(encoding="utf-8").splitlines(keepends=True):
            if line.startswith("## Scale "):
                current = line.removeprefix("## Scale ").strip()
                sections[current] = ""
            elif current is not None:
                sections[current] += line
    sections[f"{scale:g}"] = f"\n{body}\n"
    text = ("# Latest benchmark results\n\n"
            "One section per scale (`--scale`), each from its own run.\n\n")
    for name in sorted(sections, key=float):
        text += f"## Scale {name}\n{sections[name].rstrip()}\n\n"
    out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
