"""``workbench team serve`` and ``team password``: Datasette over the team database.

Bound to 127.0.0.1 unless told otherwise; everything is behind a login (one
channel-manager account, datasette-auth-passwords, its PBKDF2 hash kept 0600 beside the
team database, never in it). Datasette only reads the database (a merge may run beside
it); titles and labels carry both languages, since one page serves every reader; charts
come from the dashboards plugin's own static files, so the page works offline.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from workbench.core.errors import WorkbenchError
from workbench.team import dashboard

USER = "channel"
MIN_PASSWORD = 8


def password_path(team_path: Path) -> Path:
    return team_path.with_name(team_path.name + ".login")


def set_password(team_path: Path, password: str) -> None:
    from datasette_auth_passwords.utils import hash_password

    if len(password) < MIN_PASSWORD:
        raise WorkbenchError("team.password_short")
    target = password_path(team_path)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = target.with_name(target.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(hash_password(password))  # no newline: Datasette reads it whole ($file)
    os.replace(tmp, target)


def has_password(team_path: Path) -> bool:
    path = password_path(team_path)
    return path.exists() and bool(path.read_text().strip())


def build(team_path: Path) -> Any:
    """The Datasette instance (the tests drive it through ``ds.client``). The password's
    hash is read from its file (``$file``), so Datasette never shows it in its metadata."""
    from datasette.app import Datasette

    secret = {"$file": str(password_path(team_path).absolute())}
    return Datasette([str(team_path)], metadata=dashboard.metadata(secret, USER),
                     settings={"default_allow_sql": True, "max_returned_rows": 5000},
                     cors=False)


def run(team_path: Path, host: str, port: int) -> None:
    import uvicorn

    uvicorn.run(build(team_path).app(), host=host, port=port, log_level="warning")
