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

from workbench.core import config_ranges
from workbench.core.config_fieldwork import FieldworkConfig
from workbench.core.errors import ConfigError
from workbench.core.keymap import BINDING_IDS

APP_NAME = "workbench"


@dataclass(frozen=True)
class DatabaseConfig:
    # Empty means the platform user data dir (see db.default_db_path).
    path: str = ""


@dataclass(frozen=True)
class ManagerConfig:
    name: str = ""
    # Career grade, one of GRADES: 1 (highest) .. 13, as in the threshold table.
    grade: int = 10
    # The channel manager's dashboard shows the morning mood only when this is on.
    share_mood: bool = False


@dataclass(frozen=True)
class VisitsConfig:
    # Days between visits per outlet tier; the next visit is due this long after the last one.
    cadence_days: dict[str, int] = field(
        default_factory=lambda: {"A": 7, "B": 14, "C": 30, "D": 60}
    )
    # A completed visit shorter than this many minutes is kept but does not clear
    # "visit due" (a check-in and out by mistake, a drop-in of a minute).
    min_minutes: int = 15


@dataclass(frozen=True)
class StaffConfig:
    roles: list[str] = field(
        default_factory=lambda: [
            "head", "deputy", "president", "vice_president", "lobby_manager",
            "wealth_manager", "key_teller", "teller", "other",
        ]
    )


HABITS_DEFAULT = ["one_hour", "one_book", "one_problem", "one_why", "one_summary"]
MAINTAIN_DEFAULT = [56.0, 49.0, 42.5, 37.0, 32.0, 28.0, 24.5, 21.0, 18.5, 16.0, 12.0, 12.0, 10.5]
PROMOTE_DEFAULT = [70.0, 61.0, 53.0, 46.0, 40.0, 35.0, 30.5, 26.5, 23.0, 20.0, 17.5, 15.0, 13.0]
GRADES = range(1, len(MAINTAIN_DEFAULT) + 1)
"""The career grades, 1 .. 13: grade 1 is the highest. Grade ``g`` has its lines at index
``g - 1`` of the threshold table, which has one line per grade; the one grade range that
the config, the goals and the forms check against."""
PERIODS = ("quarter", "half", "year")
# The seed's ladder: 见习客户经理 → 客户经理 → 高级客户经理 (each with sub-grades). Which
# grades carry which title is the company's: [goals] grade_titles, one per grade.
GRADE_TITLES = ("trainee", "manager", "senior")
GRADE_TITLES_DEFAULT = ["senior"] * 4 + ["manager"] * 5 + ["trainee"] * 4


@dataclass(frozen=True)
class AssessmentConfig:
    # Daily habits ticked on the plan and the self-assessment screen (ids; each needs a
    # translation habit.<id>, unknown ones show as typed).
    habits: list[str] = field(default_factory=lambda: list(HABITS_DEFAULT))


@dataclass(frozen=True)
class GoalsConfig:
    # Assessment period for the grade thresholds: quarter, half or year.
    period: str = "quarter"
    # Yuan per threshold unit (the thresholds are in 10,000 CNY).
    unit: int = 10000
    # Standard-premium lines per grade 1 (highest) .. 13, in threshold units.
    maintain: list[float] = field(default_factory=lambda: list(MAINTAIN_DEFAULT))
    promote: list[float] = field(default_factory=lambda: list(PROMOTE_DEFAULT))
    # Standard premium = premium x factor of the payment term (years; 1 = single premium).
    # A term not listed uses the factor of the longest listed term below it.
    standard_factors: dict[str, float] = field(
        default_factory=lambda: {"1": 0.1, "3": 0.3, "5": 0.5, "10": 1.0}
    )
    # Target share of active outlets that issue at least one policy in the period.
    issuing_rate_target: float = 0.6
    # Working days, ISO numbers (1 = Monday .. 7 = Sunday), for the daily pace.
    working_days: list[int] = field(default_factory=lambda: [1, 2, 3, 4, 5])
    # The issuing-rate target of a grade ("10" = 0.7); a grade not listed uses the one above.
    issuing_rate_by_grade: dict[str, float] = field(default_factory=dict)
    # Title of each grade 1 (highest) .. 13: "senior", "manager" or "trainee".
    grade_titles: list[str] = field(default_factory=lambda: list(GRADE_TITLES_DEFAULT))


@dataclass(frozen=True)
class BackupConfig:
    # Daily copies to keep; older ones are deleted on the next day's first open.
    keep: int = 14
    # Folder for backups; empty means "backups" beside the database file.
    folder: str = ""


@dataclass(frozen=True)
class PlanConfig:
    # Activity rules: a check-in counts only inside working hours ("HH:MM")...
    work_start: str = "08:00"
    work_end: str = "20:00"
    # ...when it lasts at least this many minutes...
    min_visit_minutes: int = 60
    # ...and at most this many distinct outlets count per half day (split at midday).
    max_outlets_per_half_day: int = 2
    midday: str = "12:00"
    # An outlet is flagged when no staff contact was logged there for this many days.
    staff_contact_days: int = 14
    # Staff birthdays shown from today up to this many days ahead.
    birthday_days: int = 7


@dataclass(frozen=True)
class ReviewConfig:
    # The day a review week starts on (monday ... sunday).
    first_weekday: str = "monday"
    # Folder the week screen writes reports to; empty means "reports" beside the database.
    reports_folder: str = ""
    # Reports carry the morning mood and the habits only when this is on (or --with-self).
    share_self: bool = False


@dataclass(frozen=True)
class DeliveriesConfig:
    # Kinds of documents delivered to outlets, in the order forms offer them. Each needs a
    # translation (kind.<name>) to show nicely; unknown ones show as typed.
    kinds: list[str] = field(default_factory=lambda: [
        "application_form", "brochure", "poster", "original_policy", "summary_sheet", "other"])
    # Kinds that are controlled stationery with serial numbers (a serial range per line).
    serial_kinds: list[str] = field(default_factory=lambda: ["application_form"])
    # The kind that is an original policy (one line per policy number, receipts, callbacks).
    policy_kind: str = "original_policy"
    # Kinds whose stock at each outlet is counted and forecast.
    stock_kinds: list[str] = field(default_factory=lambda: [
        "application_form", "brochure", "poster", "summary_sheet"])
    # Days after the counter sign-off by which the policy receipt (回执) must be back.
    receipt_days: int = 10
    # Cooling-off period (犹豫期) in days from the customer's receipt of the policy.
    cooling_off_days: int = 15
    # The company's callback (回访) is due this many days after the customer's receipt.
    callback_days: int = 10
    # Stock lasting fewer days than this is flagged "about to run out".
    stock_warn_days: int = 7
    # A suggested delivery covers this many days of consumption.
    stock_cover_days: int = 30
    # Consumption rate is measured over stock counts of this many past days.
    stock_lookback_days: int = 90
    # Suggested quantities are rounded up to a multiple of this (a pack).
    stock_round_to: int = 10
    # Initial review (初审) checklist for collected application forms. Each item needs a
    # translation (check.<name>); unknown ones show as typed.
    review_checklist: list[str] = field(default_factory=lambda: [
        "signatures", "id_document", "bank_account", "risk_assessment", "dual_recording",
        "beneficiary"])


@dataclass(frozen=True)
class CalendarConfig:
    # Time zone of the exported calendar (an IANA name, e.g. "Asia/Shanghai"): its
    # VTIMEZONE goes into the .ics file.
    timezone: str = "Asia/Shanghai"
    # Each event's alarm rings at this time ("HH:MM") on the event's day.
    alarm: str = "08:30"


@dataclass(frozen=True)
class Config:
    language: str = "auto"
    database: DatabaseConfig = field(default_factory=DatabaseConfig)
    manager: ManagerConfig = field(default_factory=ManagerConfig)
    visits: VisitsConfig = field(default_factory=VisitsConfig)
    staff: StaffConfig = field(default_factory=StaffConfig)
    backup: BackupConfig = field(default_factory=BackupConfig)
    plan: PlanConfig = field(default_factory=PlanConfig)
    review: ReviewConfig = field(default_factory=ReviewConfig)
    deliveries: DeliveriesConfig = field(default_factory=DeliveriesConfig)
    assessment: AssessmentConfig = field(default_factory=AssessmentConfig)
    goals: GoalsConfig = field(default_factory=GoalsConfig)
    # Binding id -> keys, e.g. {"mode_outlets" = "2,o"}; rebinding through App.set_keymap.
    # Ids are those of core.keymap.BINDING_IDS.
    keymap: dict[str, str] = field(default_factory=dict)
    calendar: CalendarConfig = field(default_factory=CalendarConfig)
    fieldwork: FieldworkConfig = field(default_factory=FieldworkConfig)


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
    if config.manager.grade not in GRADES:
        raise ConfigError("config.bad_value", file=source, key="manager.grade",
                          value=config.manager.grade)
    weekdays = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    if config.review.first_weekday not in weekdays:
        raise ConfigError("config.bad_value", file=source, key="review.first_weekday",
                          value=config.review.first_weekday)
    _validate_plan(config.plan, source)
    _validate_deliveries(config.deliveries, source)
    _validate_goals(config, source)
    _validate_keymap(config.keymap, source)
    _validate_profile(config.goals, source)
    config_ranges.check(config, source)


def _validate_profile(goals: GoalsConfig, source: str) -> None:
    """The grade titles (one per grade, each a known title) and the per-grade rates."""
    titles = goals.grade_titles
    if len(titles) != len(GRADES) or any(x not in GRADE_TITLES for x in titles):
        raise ConfigError("config.bad_value", file=source, key="goals.grade_titles",
                          value=titles)
    for grade, rate in goals.issuing_rate_by_grade.items():
        if not grade.isdecimal() or int(grade) not in GRADES or not 0 <= rate <= 1:
            raise ConfigError("config.bad_value", file=source,
                              key=f"goals.issuing_rate_by_grade.{grade}", value=rate)


def grade_title(goals: GoalsConfig, grade: int) -> str:
    """The title id of ``grade`` (trainee, manager, senior)."""
    return goals.grade_titles[grade - 1]


def grade_label(goals: GoalsConfig, grade: int) -> str:
    """10级 见习客户经理: the grade with its title, wherever the grade is shown."""
    from workbench.core.i18n import t

    return t("grade.label", grade=grade, title=t(f"grade.title.{grade_title(goals, grade)}"))


def issuing_target(goals: GoalsConfig, grade: int) -> float:
    """The issuing-rate target of ``grade``: its own when set, else the common one."""
    return goals.issuing_rate_by_grade.get(str(grade), goals.issuing_rate_target)


def _validate_keymap(keymap: dict[str, str], source: str) -> None:
    """Every id must be a binding the app declares, with at least one key to press.

    Keys are comma-separated Textual key names, none empty and none with spaces: Textual
    would bind "a, b" to " b", a key that never arrives, and skip "" altogether.
    """
    for binding_id, keys in keymap.items():
        if binding_id not in BINDING_IDS:
            raise ConfigError("config.unknown_key", file=source, key=f"keymap.{binding_id}")
        # "".split() is [] and " b".split() is ["b"]: only a real key name splits to itself.
        if any(key.split() != [key] for key in keys.split(",")):
            raise ConfigError("config.bad_value", file=source, key=f"keymap.{binding_id}",
                              value=f'"{keys}"')


def _validate_deliveries(d: DeliveriesConfig, source: str) -> None:
    if not d.kinds or len(set(d.kinds)) != len(d.kinds):
        raise ConfigError("config.bad_value", file=source, key="deliveries.kinds", value=d.kinds)
    for key in ("serial_kinds", "stock_kinds"):
        for kind in getattr(d, key):
            if kind not in d.kinds:
                raise ConfigError("config.bad_value", file=source, key=f"deliveries.{key}",
                                  value=kind)
    if d.policy_kind not in d.kinds or d.policy_kind in d.serial_kinds:
        raise ConfigError("config.bad_value", file=source, key="deliveries.policy_kind",
                          value=d.policy_kind)


def _validate_goals(config: Config, source: str) -> None:
    """The assessment and goals sections: habits, period, thresholds, factors, days."""
    habits = config.assessment.habits
    if not habits or len(set(habits)) != len(habits) or not all(h.strip() for h in habits):
        raise ConfigError("config.bad_value", file=source, key="assessment.habits", value=habits)
    goals = config.goals
    if goals.period not in PERIODS:
        raise ConfigError("config.bad_value", file=source, key="goals.period", value=goals.period)
    for key in ("maintain", "promote"):
        lines = getattr(goals, key)
        if len(lines) != len(GRADES) or any(x <= 0 for x in lines):
            raise ConfigError("config.bad_value", file=source, key=f"goals.{key}", value=lines)
    for grade, (keep, up) in enumerate(zip(goals.maintain, goals.promote, strict=True), 1):
        if up < keep:
            raise ConfigError("config.bad_value", file=source, key=f"goals.promote[{grade - 1}]",
                              value=up)
    if not goals.standard_factors:
        raise ConfigError("config.bad_value", file=source, key="goals.standard_factors",
                          value="{}")
    for term, factor in goals.standard_factors.items():
        if not term.isdigit() or int(term) < 1 or factor < 0:
            raise ConfigError("config.bad_value", file=source,
                              key=f"goals.standard_factors.{term}", value=factor)
    if not 0 <= goals.issuing_rate_target <= 1:
        raise ConfigError("config.bad_value", file=source, key="goals.issuing_rate_target",
                          value=goals.issuing_rate_target)
    days = goals.working_days
    if not days or len(set(days)) != len(days) or any(not 1 <= d <= 7 for d in days):
        raise ConfigError("config.bad_value", file=source, key="goals.working_days", value=days)


def _clock(value: str) -> tuple[int, int] | None:
    parts = value.split(":")
    if len(parts) != 2 or not all(p.isdigit() and len(p) == 2 for p in parts):
        return None
    hour, minute = int(parts[0]), int(parts[1])
    return (hour, minute) if hour < 24 and minute < 60 else None


def _validate_plan(plan: PlanConfig, source: str) -> None:
    for key in ("work_start", "work_end", "midday"):
        if _clock(getattr(plan, key)) is None:
            raise ConfigError("config.bad_value", file=source, key=f"plan.{key}",
                              value=getattr(plan, key))
    if _clock(plan.work_end) <= _clock(plan.work_start):
        raise ConfigError("config.bad_value", file=source, key="plan.work_end",
                          value=plan.work_end)


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
