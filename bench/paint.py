"""First paint, data on screen and peak memory, in a real pseudo-terminal.

One interleaved series of runs gives all three: Workbench on the heavy database
(time to the first frame's sentinel, time to the first data row, peak RSS), the
minimal Textual app (time to its sentinel, peak RSS), and two harness floors:
``python -c pass`` (until it exits) and a bare python printing a sentinel.

Every program starts from compiled bytecode, as an installed copy does from its second
start on (pip compiles a wheel's modules; an editable checkout writes them on first
use). The harness passes ``PYTHONDONTWRITEBYTECODE`` so runs leave the tree alone, so
the checkout is compiled once here first; without it every run would compile every
module from source and time that instead.
"""

from __future__ import annotations

import compileall
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from . import minimal_app, widgets_app
from .screens import sentinels
from .stats import Row, secs, summary
from .steps.context import TODAY
from .terminal import Program, environment, interleaved

FLOOR_TEXT = "BENCH-FLOOR"


def programs(db_path: Path) -> tuple[list[Program], str, str, str]:
    screen, paint_text, data_text = sentinels(db_path)
    py = sys.executable
    app = Program("app", [py, "-m", "workbench", "--db", str(db_path), "--lang", "en",
                          "--today", TODAY.isoformat()], [paint_text, data_text])
    # The first open of a day also writes the daily backup before the data shows.
    first_db = db_path.parent / "first-open" / db_path.name
    first_db.parent.mkdir(exist_ok=True)
    shutil.copyfile(db_path, first_db)
    first = Program("first-open", [*app.argv[:4], str(first_db), *app.argv[5:]],
                    [paint_text, data_text],
                    before=lambda: shutil.rmtree(first_db.with_name("backups"), ignore_errors=True))
    minimal = Program("minimal", [py, "-m", "bench.minimal_app"], [minimal_app.SENTINEL])
    widgets = Program("widgets", [py, "-m", "bench.widgets_app"], [widgets_app.SENTINEL])
    floor = Program("floor", [py, "-c", f"print({FLOOR_TEXT!r})"], [FLOOR_TEXT])
    passing = Program("pass", [py, "-c", "pass"], until_exit=True)
    return [app, first, minimal, widgets, floor, passing], screen, paint_text, data_text


def compile_checkout() -> None:
    """Bytecode for the product and the bench's own small apps, as a second start has."""
    import workbench

    for folder in (Path(workbench.__file__).parent, Path(__file__).resolve().parent):
        compileall.compile_dir(folder, quiet=1)


def run(db_path: Path, rounds: int, settle: float = 0.5, log=print) -> list[Row]:
    compile_checkout()
    progs, screen, paint_text, data_text = programs(db_path)
    with tempfile.TemporaryDirectory(prefix="bench-home-") as home:
        results = interleaved(
            progs, rounds, environment(Path(home)), settle=settle,
            cwd=str(Path(__file__).resolve().parent.parent),
            progress=lambda i, n: log(f"  terminal round {i}/{n}"))
    app_paint = [r[paint_text] for r in results["app"]]
    app_data = [r[data_text] for r in results["app"]]
    base = [r[minimal_app.SENTINEL] for r in results["minimal"]]
    floor = [r[FLOOR_TEXT] for r in results["floor"]]
    widgets = [r[widgets_app.SENTINEL] for r in results["widgets"]]
    passing = [r["exit"] for r in results["pass"]]
    first_data = [r[data_text] for r in results["first-open"]]
    app_rss = [r["rss_kib"] / 1024 for r in results["app"] if "rss_kib" in r]
    base_rss = [r["rss_kib"] / 1024 for r in results["minimal"] if "rss_kib" in r]

    def ratio_note(values: list[float]) -> str:
        return f"ratio of minima {summary(values)[0] / summary(base)[0]:.2f}x"

    med_base = statistics.median(base)
    return [
        Row("terminal", "harness floor: python -c pass (to exit)", secs(passing), "—", None,
            None),
        Row("terminal", "harness floor: python prints a sentinel", secs(floor), "—", None, None),
        Row("terminal", "minimal Textual app: first frame", secs(base), "—", None, None),
        Row("terminal", "the roster's Textual widgets alone: first frame", secs(widgets),
            "minimal app", statistics.median(widgets) / med_base, None,
            note="context: Header, Input, DataTable, Footer with 13 keys; no Workbench code"),
        Row("terminal", f"first paint ({screen}: '{paint_text}')", secs(app_paint),
            "minimal app", statistics.median(app_paint) / med_base, 1.3,
            note=ratio_note(app_paint)),
        Row("terminal", f"data on screen ({screen}: '{data_text}')", secs(app_data),
            "minimal app", statistics.median(app_data) / med_base, 1.6,
            note=ratio_note(app_data)),
        Row("terminal", "data on screen, first open of the day (daily backup first)",
            secs(first_data), "minimal app", statistics.median(first_data) / med_base, 1.6,
            note=ratio_note(first_data)),
        Row("memory", f"peak RSS ({screen} filled + {settle:g} s)",
            f"app med {statistics.median(app_rss):.1f} MiB · minimal med "
            f"{statistics.median(base_rss):.1f} MiB", "minimal app",
            statistics.median(app_rss) / statistics.median(base_rss), 1.5),
    ]
