"""Settings: frozen dataclasses, loaded from TOML (tomllib) and saved with tomli-w.

Search order: ``--config PATH``, ``$WORKBENCH_CONFIG``, then ``config.toml`` in the
platform user config dir; with none of them the built-in defaults apply. Every key
is checked: an unknown key or a wrong type raises ``ConfigError`` naming the key.
The repository's ``config.toml`` documents every key and equals these defaults.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import WorkbenchError

APP_NAME = "workbench"


class ConfigError(WorkbenchError):
    """A config file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class DatabaseConfig:
    # Empty means the platform user data dir (see db.default_db_path).
    path: str = ""


@dataclass(frozen=True)
class ManagerConfig:
    name: str = ""
    # Career grade, 1 (highest) .. 13, as in the standard-premium threshold table.
    grade: int = 10


@dataclass(frozen=True)
class VisitsConfig:
    # Days between visits per outlet tier; the next visit is due this long after the last one.
    cadence_days: dict[str, int] = field(
        default_factory=lambda: {"A": 7, "B": 14, "C": 30, "D": 60}
    )


@dataclass(frozen=True)
class StaffConfig:
    roles: list[str] = field(
        default_factory=lambda: [
            "head", "deputy", "wealth_manager", "key_teller", "teller", "other",
        ]
    )


@dataclass(frozen=True)
class BackupConfig:
    # Daily copies to keep; older ones are deleted on the next day's first open.
    keep: int = 14
    # Folder for backups; empty means "backups" beside the database file.
    folder: str = ""


@dataclass(frozen=True)
class ReviewConfig:
    # The day a review week starts on (monday ... sunday).
    first_weekday: str = "monday"
    # Folder the week screen writes reports to; empty means "reports" beside the database.
    reports_folder: str = ""


@dataclass(frozen=True)
class Config:
    language: str = "auto"
    database: DatabaseConfig = field(default_factory=DatabaseConfig)
    manager: ManagerConfig = field(default_factory=ManagerConfig)
    visits: VisitsConfig = field(default_factory=VisitsConfig)
    staff: StaffConfig = field(default_factory=StaffConfig)
    backup: BackupConfig = field(default_factory=BackupConfig)
    review: ReviewConfig = field(default_factory=ReviewConfig)
    # Binding id -> keys, e.g. {"mode_outlets" = "2,o"}; rebinding through App.set_keymap.
    keymap: dict[str, str] = field(default_factory=dict)


def _type_name(tp: Any) -> str:
    return getattr(tp, "__name__", str(tp))


def _check_value(value: Any, tp: Any, key: str, source: str) -> Any:
    """Return ``value`` converted to ``tp`` or raise ConfigError naming ``key``."""
    origin = typing.get_origin(tp)
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise ConfigError("config.not_table", file=source, key=key)
        return _build(tp, value, f"{key}.", source)
    if origin is list:
        (item_tp,) = typing.get_args(tp)
        if not isinstance(value, list):
            raise ConfigError("config.wrong_type", file=source, key=key, expected="list")
        return [_check_value(v, item_tp, f"{key}[{i}]", source) for i, v in enumerate(value)]
    if origin is dict:
        _, val_tp = typing.get_args(tp)
        if not isinstance(value, dict):
            raise ConfigError("config.wrong_type", file=source, key=key, expected="table")
        return {str(k): _check_value(v, val_tp, f"{key}.{k}", source) for k, v in value.items()}
    if origin in (typing.Union, types.UnionType):
        for option in typing.get_args(tp):
            try:
                return _check_value(value, option, key, source)
            except ConfigError:
                continue
        raise ConfigError("config.wrong_type", file=source, key=key, expected=str(tp))
    if tp is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    # bool is an int in Python; a TOML `true` must not pass for a number.
    if not isinstance(value, tp) or (tp in (int, float) and isinstance(value, bool)):
        raise ConfigError("config.wrong_type", file=source, key=key, expected=_type_name(tp))
    return value


def _build(cls: Any, data: dict[str, Any], prefix: str, source: str) -> Any:
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    for key in data:
        if key not in names:
            raise ConfigError("config.unknown_key", file=source, key=prefix + key)
    values = {k: _check_value(v, hints[k], prefix + k, source) for k, v in data.items()}
    # Keys not given keep their defaults; a dict-typed key that is given (cadence_days,
    # keymap) replaces its default whole, so a user can drop a tier.
    return cls(**values)


def from_dict(data: dict[str, Any], source: str = "config") -> Config:
    config = _build(Config, data, "", source)
    validate(config, source)
    return config


def validate(config: Config, source: str = "config") -> None:
    """Checks beyond types: allowed values that the loader cannot express."""
    if config.language not in ("auto", "zh", "en"):
        raise ConfigError("config.bad_value", file=source, key="language", value=config.language)
    if not 1 <= config.manager.grade <= 13:
        raise ConfigError("config.bad_value", file=source, key="manager.grade",
                          value=config.manager.grade)
    weekdays = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    if config.review.first_weekday not in weekdays:
        raise ConfigError("config.bad_value", file=source, key="review.first_weekday",
                          value=config.review.first_weekday)
    if config.backup.keep < 1:
        raise ConfigError("config.bad_value", file=source, key="backup.keep",
                          value=config.backup.keep)
    for tier, days in config.visits.cadence_days.items():
        if days <= 0:
            raise ConfigError("config.bad_value", file=source, key=f"visits.cadence_days.{tier}",
                              value=days)


def to_dict(config: Config) -> dict[str, Any]:
    return dataclasses.asdict(config)


def default_config_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME)) / "config.toml"


def find_config(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """The config file to read, by the search order; None means built-in defaults."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("WORKBENCH_CONFIG")
    if env:
        return Path(env)
    path = default_config_path()
    return path if path.exists() else None


def load(path: str | os.PathLike[str] | None = None) -> Config:
    """Load the config by the search order; an explicit path that is missing is an error."""
    found = find_config(path)
    if found is None:
        return Config()
    source = str(found)
    try:
        raw = found.read_bytes()
    except FileNotFoundError:
        raise ConfigError("config.missing", file=source) from None
    except OSError as exc:
        raise ConfigError("config.unreadable", file=source, error=exc.strerror or exc) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError("config.not_utf8", file=source) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("config.syntax", file=source, error=exc) from None
    return from_dict(data, source)


def save(config: Config, path: str | os.PathLike[str]) -> None:
    """Write ``config`` with tomli-w, atomically (temp file then rename), owner-only."""
    import tomli_w

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        tomli_w.dump(to_dict(config), fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)
