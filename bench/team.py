"""The team roll-up at scale: N managers' bundles made and merged, the dashboard's queries.

    python -m bench --only team [--scale 0.05] [--team-managers 50]

Not among the default parts (it generates one heavy file per manager). Each manager's
file is the generator's heavy user at ``--scale`` with a seed of its own (three years
of data); each gets a key, makes a bundle of the week of the bench's day (so the whole
history goes), and the bundles are merged one after the other into a fresh team
database. Figures: bundle and merge time per manager, the team database's size, and
each dashboard query's time over the merged team with its ``EXPLAIN QUERY PLAN``
(a full scan of any table but ``team_managers`` is named).
"""

from __future__ import annotations

import shutil
import time
from datetime import datetime
from pathlib import Path

from .stats import Row, summary


def _manager_file(scale: float, index: int, folder: Path, log) -> Path:
    from . import generate
    from .steps import context

    cached = generate.CACHE / f"team-{generate.cache_key(scale)}-{index}.db"
    if not cached.exists():
        generate.CACHE.mkdir(exist_ok=True)
        saved = context.SEED
        context.SEED = f"{saved}-manager-{index}"  # the same generator, another seed
        try:
            partial = cached.with_suffix(".partial")
            for suffix in ("", "-wal", "-shm"):
                Path(f"{partial}{suffix}").unlink(missing_ok=True)
            log(f"  generating manager {index} (once) ...")
            generate.generate(partial, scale, verbose=False)
            partial.rename(cached)
        finally:
            context.SEED = saved
    target = folder / f"manager-{index}.db"
    shutil.copy(cached, target)
    return target


def run(scale: float, folder: Path, runs: int, managers: int = 3, log=print) -> list[Row]:
    from workbench.core.config import Config, ManagerConfig
    from workbench.review.week import week_of
    from workbench.team import bundle, dashboard, keys, merge, schema

    from .steps.context import TODAY

    week = week_of(TODAY)
    made = datetime.combine(TODAY, datetime.min.time()).replace(hour=18)
    team = schema.open_team(folder / "team.db")
    bundle_s, merge_s, sizes = [], [], []
    try:
        for i in range(managers):
            path = _manager_file(scale, i, folder, log)
            key_dir = folder / f"keys-{i}"
            config = Config(manager=ManagerConfig(name=f"manager {i:02d}"))
            merge.add_manager(team, config.manager.name,
                              keys.public_hex(keys.load_or_create(key_dir)[0]), made)
            start = time.perf_counter()
            data, _, _ = bundle.make_bundle(path, week, config, key_dir, made)
            bundle_s.append(time.perf_counter() - start)
            sizes.append(len(data))
            target = folder / f"bundle-{i}.zip"
            target.write_bytes(data)
            start = time.perf_counter()
            merge.merge(team, target, made)
            merge_s.append(time.perf_counter() - start)
            log(f"  manager {i}: bundle {bundle_s[-1]:.2f} s, merge {merge_s[-1]:.2f} s")
        team.execute("ANALYZE")
        team.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the size is the file's, not its WAL's
        rows = [
            _seconds("make a bundle (per manager)", bundle_s,
                     f"{sum(sizes) / len(sizes) / 1e6:.1f} MB per bundle"),
            _seconds("merge a bundle (per manager)", merge_s, f"{managers} managers"),
            Row("team", "team database size", f"{(folder / 'team.db').stat().st_size / 1e6:.2f}"
                f" MB for {managers} managers", "—", None, None),
        ]
        for name, (*_, sql) in dashboard.QUERIES.items():
            canned = sql.format(week=dashboard.CANNED_WEEK)
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                team.execute(canned, {"week": ""}).fetchall()
                times.append(time.perf_counter() - start)
            scans = dashboard.full_scans(team, canned)
            lo, med = summary(times)
            rows.append(Row("team", f"query: {name}", f"min {lo * 1e3:.2f} ms · med "
                            f"{med * 1e3:.2f} ms", "—", None, None,
                            note=("full scans: " + "; ".join(scans)) if scans else ""))
    finally:
        team.close()
    return rows


def _seconds(figure: str, values: list[float], note: str) -> Row:
    lo, med = summary(values)
    return Row("team", figure, f"min {lo:.2f} s · med {med:.2f} s", "—", None, None, note=note)
