"""Write a deterministic heavy-user database through Workbench's own write paths.

    python -m bench.generate PATH [--scale 1.0]

At scale 1.0: 500 outlets, 5k staff and every landed capability's share of a heavy
user's data (see ``bench/steps``). ``cached(scale)`` keeps one file per scale and
generator version under ``bench/.cache`` so repeated bench runs do not regenerate.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"


def available_steps() -> list[tuple[str, object]]:
    from .steps import STEPS

    return [(name, fn) for name, module, fn in STEPS if importlib.util.find_spec(module)]


def cache_key(scale: float) -> str:
    """Changes when the generator, the list of runnable steps or the schema changes."""
    from workbench.storage import migration_sets

    digest = hashlib.sha256()
    for path in sorted([HERE / "generate.py", *(HERE / "steps").glob("*.py")]):
        digest.update(path.read_bytes())
    digest.update(repr([name for name, _ in available_steps()]).encode())
    digest.update(repr([m.name for s in migration_sets() for m in s._migrations]).encode())
    return f"heavy-{scale:g}-{digest.hexdigest()[:12]}"


def generate(path: Path, scale: float = 1.0, *, verbose: bool = True) -> dict[str, float]:
    """Create ``path`` (which must not exist) and fill it; returns seconds per step."""
    from workbench.core.config import Config
    from workbench.storage import open_db

    from .steps.context import Context

    if path.exists():
        raise SystemExit(f"bench.generate: {path} exists; remove it first")
    db = open_db(path)
    # The data goes through the domain functions; only durability is relaxed while
    # writing a throw-away file (a power cut here costs nothing).
    db.execute("PRAGMA synchronous=OFF")
    ctx = Context(db=db, config=Config(), scale=scale)
    took: dict[str, float] = {}
    try:
        for name, step in available_steps():
            start = time.perf_counter()
            step(ctx)
            took[name] = time.perf_counter() - start
            if verbose:
                print(f"  {name:<12} {took[name]:7.1f} s", file=sys.stderr, flush=True)
        from workbench.register import witness

        witness.start(db)  # steps written in larger transactions witnessed no head of their own
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("ANALYZE")
    finally:
        db.close()
    return took


def cached(scale: float = 1.0, *, verbose: bool = True) -> Path:
    """The heavy database for ``scale``, generated once and reused."""
    CACHE.mkdir(exist_ok=True)
    target = CACHE / f"{cache_key(scale)}.db"
    if target.exists():
        return target
    for old in CACHE.glob(f"heavy-{scale:g}-*"):
        old.unlink()
    if verbose:
        print(f"generating {target.name} (once) ...", file=sys.stderr, flush=True)
    partial = target.with_suffix(".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    generate(partial, scale, verbose=verbose)
    os.replace(partial, target)
    return target

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    generate(args.path, args.scale)
    print(f"wrote {args.path} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
