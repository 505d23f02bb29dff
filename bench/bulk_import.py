"""Bulk import: 200k staff rows through ``importer.import_rows`` against raw executemany.

Both sides start from the same copy of a database holding the heavy user's 500
outlets and write the same 200k people in one transaction: the importer with its
header matching, validation, pinyin initials and duplicate checks; the baseline as
one ``sqlite3.executemany`` of the final column values. Runs alternate, each on a
fresh copy (the copy is not timed).
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import statistics
import time
from datetime import datetime
from pathlib import Path

from .stats import Row, secs, summary
from .steps.context import TODAY

ROWS = 200_000
HEADERS = ("网点代码", "姓名", "岗位", "电话", "生日", "备注")
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
            "于蒋蔡余杜叶程")
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英婷晓东思远雨萱子涵浩然欣怡梓轩宇航佳琪"
         "俊杰诗雨文博嘉怡一诺若曦梦瑶天佑志强建华秀兰玉珍海燕春梅国庆红霞丹丹")


def outlets_only(folder: Path, scale: float) -> Path:
    """A database with the heavy user's outlets and nothing else."""
    from workbench.core.config import Config
    from workbench.storage import open_db

    from .steps.context import Context
    from .steps.outlets import write_outlets

    path = folder / "import-base.db"
    db = open_db(path)
    try:
        write_outlets(Context(db=db, config=Config(), scale=scale))
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    return path


def file_rows(codes: list[str], count: int) -> list[dict[str, str]]:
    """What ``read_rows`` gives for a staff sheet: header -> cell text."""
    rng = random.Random(7)
    roles = ("head", "deputy", "wealth_manager", "key_teller", "teller", "teller")
    rows = []
    taken: set[tuple[str, str]] = set()
    for i in range(count):
        code = codes[i % len(codes)]
        while True:  # real names (surname + one or two characters), unique per outlet
            name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2, 2))))
            if (code, name) not in taken:
                taken.add((code, name))
                break
        rows.append(dict(zip(HEADERS, (
            code, name,
            rng.choice(roles), f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
            f"{rng.randint(1970, 2001)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            rng.choice(("", "业务骨干", "新入职"))), strict=True)))
    return rows


def raw_rows(db_path: Path, rows: list[dict[str, str]], stamp: str) -> list[tuple]:
    """The same people as final column values (outlet ids resolved, the pinyin a name
    is searched by computed: initials and full readings, as the import stores them)."""
    from workbench.core.text import search_keys

    conn = sqlite3.connect(db_path)
    ids = dict(conn.execute("SELECT code, id FROM outlets"))
    conn.close()
    return [(ids[r["网点代码"]], r["姓名"], r["岗位"], r["电话"], r["生日"], r["备注"] or None,
             search_keys(r["姓名"]), stamp, stamp) for r in rows]


def import_once(path: Path, rows, now: datetime) -> float:
    from workbench.core.config import Config
    from workbench.roster import importer
    from workbench.storage import open_db

    db = open_db(path)
    try:
        start = time.perf_counter()
        summary_ = importer.import_rows(db, "staff", rows, Config(), skip_invalid=False, now=now)
        took = time.perf_counter() - start
    finally:
        db.close()
    assert summary_.added == len(rows) and not summary_.errors, summary_
    return took


def raw_once(path: Path, values: list[tuple]) -> float:
    from workbench.core.db import BUSY_TIMEOUT_MS

    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    # The same durability as the app's connection.
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    try:
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO staff (outlet_id, name, role, phone, birthday, notes, initials, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
        conn.execute("COMMIT")
        took = time.perf_counter() - start
    finally:
        conn.close()
    return took


def run(scale: float, folder: Path, runs: int, log=print) -> list[Row]:
    count = max(1000, round(ROWS * scale))
    base = outlets_only(folder, scale)
    codes = [c for (c,) in sqlite3.connect(base).execute("SELECT code FROM outlets")]
    rows = file_rows(codes, count)
    now = datetime.combine(TODAY, datetime.min.time()).replace(hour=9)
    values = raw_rows(base, rows, now.isoformat(sep=" "))
    work = folder / "import-run.db"
    app_times, raw_times = [], []
    for r in range(runs + 1):  # round 0 warms the page cache and is not kept
        order = [("app", import_once), ("raw", raw_once)]
        if r % 2:
            order.reverse()
        for name, fn in order:
            for suffix in ("-wal", "-shm"):
                Path(f"{work}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(base, work)
            took = fn(work, rows, now) if name == "app" else fn(work, values)
            if r:
                (app_times if name == "app" else raw_times).append(took)
        log(f"  import round {r + 1}/{runs + 1}")
    ratio = statistics.median(app_times) / statistics.median(raw_times)
    return [
        Row("import", f"raw executemany of {count:,} staff rows (one transaction)",
            secs(raw_times), "—", None, None),
        Row("import", f"import_rows of the same {count:,} rows", secs(app_times),
            "raw executemany", ratio, 5.0,
            note=f"ratio of minima {summary(app_times)[0] / summary(raw_times)[0]:.2f}x"),
    ]
