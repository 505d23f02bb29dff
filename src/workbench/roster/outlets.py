"""Outlet resource cards (网点资源卡), the outlets' staff, and visits (check-in / check-out).

All SQL for these three tables lives here. Functions take a ``sqlite_utils.Database``
and explicit dates/times, return frozen dataclasses, and raise ``ValidationError`` on
bad input before anything is written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta

from workbench.core import validate as v
from workbench.core.clock import parse_stamp, stamp
from workbench.core.errors import ValidationError
from workbench.core.migrations import Migrations
from workbench.core.text import initials

if TYPE_CHECKING:
    from sqlite_utils import Database

migrations = Migrations("workbench.outlets")

VISIT_PURPOSES = ("stationed", "training", "relationship", "promotion", "delivery")
# Numeric card fields: (column, integer?)
NUMBER_FIELDS = (
    ("deposits_time", False), ("deposits_demand", False), ("plan_year", False),
    ("target", False), ("achieved", False), ("traffic_daily", True),
    ("traffic_monthly", True), ("customers_total", True), ("enquiries", True),
)
TEXT_FIELDS = ("bank", "address", "head", "history", "notes")


@migrations()
def m001_outlets_staff_visits(db: Database) -> None:
    db.execute("""
        CREATE TABLE outlets (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL CHECK (length(name) > 0),
            bank TEXT, tier TEXT NOT NULL DEFAULT 'C',
            address TEXT, phone TEXT, head TEXT,
            deposits_time REAL CHECK (deposits_time >= 0),
            deposits_demand REAL CHECK (deposits_demand >= 0),
            history TEXT,
            plan_year REAL CHECK (plan_year >= 0),
            target REAL CHECK (target >= 0),
            achieved REAL CHECK (achieved >= 0),
            traffic_daily INTEGER CHECK (traffic_daily >= 0),
            traffic_monthly INTEGER CHECK (traffic_monthly >= 0),
            customers_total INTEGER CHECK (customers_total >= 0),
            enquiries INTEGER CHECK (enquiries >= 0),
            notes TEXT,
            initials TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT""")
    db.execute("""
        CREATE TABLE staff (
            id INTEGER PRIMARY KEY,
            outlet_id INTEGER NOT NULL REFERENCES outlets(id),
            name TEXT NOT NULL CHECK (length(name) > 0),
            role TEXT NOT NULL,
            phone TEXT, birthday TEXT, notes TEXT,
            initials TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT""")
    db.execute("CREATE INDEX staff_outlet ON staff(outlet_id, active)")
    db.execute("""
        CREATE TABLE visits (
            id INTEGER PRIMARY KEY,
            outlet_id INTEGER NOT NULL REFERENCES outlets(id),
            started_at TEXT NOT NULL,
            ended_at TEXT CHECK (ended_at IS NULL OR ended_at >= started_at),
            purpose TEXT NOT NULL,
            notes TEXT
        ) STRICT""")
    db.execute("CREATE INDEX visits_outlet ON visits(outlet_id, started_at)")
    db.execute("CREATE INDEX visits_started ON visits(started_at)")


@migrations()
def m002_open_visit_index(db: Database) -> None:
    # open_visit() runs on every roster refresh; without this it walks every visit.
    db.execute("CREATE INDEX IF NOT EXISTS visits_open ON visits(started_at) "
               "WHERE ended_at IS NULL")


@migrations()
def m003_birthday_index(db: Database) -> None:
    # The plan looks birthdays up by month-day every morning. Files from before this
    # step got the same index from the plan's retired set, hence IF NOT EXISTS.
    db.execute("CREATE INDEX IF NOT EXISTS staff_birthday_md ON staff(substr(birthday, 6, 5))")


# --- dataclasses -------------------------------------------------------------------


@dataclass(frozen=True)
class Outlet:
    id: int
    code: str
    name: str
    bank: str | None
    tier: str
    address: str | None
    phone: str | None
    head: str | None
    deposits_time: float | None
    deposits_demand: float | None
    history: str | None
    plan_year: float | None
    target: float | None
    achieved: float | None
    traffic_daily: int | None
    traffic_monthly: int | None
    customers_total: int | None
    enquiries: int | None
    notes: str | None
    initials: str
    active: bool
    created_at: str
    updated_at: str

    @property
    def deposits_ratio(self) -> float | None:
        """Time deposits per unit of demand deposits (定期:活期); None when not computable."""
        if self.deposits_time is None or not self.deposits_demand:
            return None
        return self.deposits_time / self.deposits_demand

    @property
    def completion(self) -> float | None:
        """Share of this year's target achieved."""
        if self.achieved is None or not self.target:
            return None
        return self.achieved / self.target


@dataclass(frozen=True)
class RosterRow:
    id: int
    code: str
    name: str
    bank: str | None
    tier: str
    address: str | None
    active: bool
    last_visit: date | None
    next_due: date
    days_left: int
    staff_count: int
    target: float | None
    achieved: float | None


@dataclass(frozen=True)
class Staff:
    id: int
    outlet_id: int
    name: str
    role: str
    phone: str | None
    birthday: date | None
    notes: str | None
    active: bool


@dataclass(frozen=True)
class Visit:
    id: int
    outlet_id: int
    started_at: datetime
    ended_at: datetime | None
    purpose: str
    notes: str | None

    @property
    def hours(self) -> float | None:
        if self.ended_at is None:
            return None
        return (self.ended_at - self.started_at).total_seconds() / 3600


@dataclass(frozen=True)
class OutletDraft:
    """Raw values of an outlet as typed in a form or read from a file (all strings)."""

    code: Any = ""
    name: Any = ""
    bank: Any = ""
    tier: Any = "C"
    address: Any = ""
    phone: Any = ""
    head: Any = ""
    deposits_time: Any = ""
    deposits_demand: Any = ""
    history: Any = ""
    plan_year: Any = ""
    target: Any = ""
    achieved: Any = ""
    traffic_daily: Any = ""
    traffic_monthly: Any = ""
    customers_total: Any = ""
    enquiries: Any = ""
    notes: Any = ""

    @classmethod
    def from_outlet(cls, outlet: Outlet) -> OutletDraft:
        def show(value: Any) -> str:
            if value is None:
                return ""
            if isinstance(value, float) and value == int(value):
                return str(int(value))
            return str(value)

        return cls(**{f.name: show(getattr(outlet, f.name)) for f in fields(cls)})


@dataclass(frozen=True)
class StaffDraft:
    name: Any = ""
    role: Any = "teller"
    phone: Any = ""
    birthday: Any = ""
    notes: Any = ""


# --- outlets -----------------------------------------------------------------------


def clean_outlet(draft: OutletDraft, tiers: list[str] | tuple[str, ...]) -> dict[str, Any]:
    """Validate a draft; return the column values to store. Raises ValidationError."""
    row: dict[str, Any] = {
        "code": v.code("code", draft.code),
        "name": v.name("name", draft.name),
        "tier": v.choice("tier", str(draft.tier or "").strip().upper(), list(tiers)),
        "phone": v.phone("phone", draft.phone),
    }
    for col in TEXT_FIELDS:
        limit = v.MAX_NAME if col in ("bank", "head") else v.MAX_TEXT
        row[col] = v.text(col, getattr(draft, col), max_len=limit)
    for col, whole in NUMBER_FIELDS:
        check = v.integer if whole else v.number
        row[col] = check(col, getattr(draft, col))
    row["initials"] = initials(row["name"])
    return row


def _code_taken(db: Database, code: str, outlet_id: int | None) -> bool:
    found = db.execute("SELECT id FROM outlets WHERE code = ?", [code]).fetchone()
    return found is not None and found[0] != outlet_id


def add_outlet(db: Database, draft: OutletDraft, tiers: list[str], now: datetime) -> int:
    row = clean_outlet(draft, tiers)
    if _code_taken(db, row["code"], None):
        raise ValidationError("code", "error.duplicate_code", code=row["code"])
    row["created_at"] = row["updated_at"] = stamp(now)
    with db.atomic():
        return db.table("outlets").insert(row).last_pk


def update_outlet(db: Database, outlet_id: int, draft: OutletDraft, tiers: list[str],
                  now: datetime) -> None:
    row = clean_outlet(draft, tiers)
    if _code_taken(db, row["code"], outlet_id):
        raise ValidationError("code", "error.duplicate_code", code=row["code"])
    row["updated_at"] = stamp(now)
    with db.atomic():
        db.table("outlets").update(outlet_id, row)


def set_outlet_active(db: Database, outlet_id: int, active: bool, now: datetime) -> None:
    """Deactivate (hide) or reactivate an outlet; outlets are never deleted."""
    with db.atomic():
        db.table("outlets").update(outlet_id, {"active": int(active), "updated_at": stamp(now)})


def _outlet(row: Mapping[str, Any]) -> Outlet:
    data = {f.name: row[f.name] for f in fields(Outlet)}
    data["active"] = bool(data["active"])
    return Outlet(**data)


def get_outlet(db: Database, outlet_id: int) -> Outlet:
    row = db.execute("SELECT * FROM outlets WHERE id = ?", [outlet_id]).fetchone()
    if row is None:
        raise ValidationError("outlet", "error.no_such_outlet", value=outlet_id)
    cols = [d[0] for d in db.execute("SELECT * FROM outlets LIMIT 0").description]
    return _outlet(dict(zip(cols, row, strict=True)))


def chosen_outlet(db: Database, outlet_id: Any, field: str = "outlet") -> Outlet:
    """The outlet a form's ``field`` names by id; empty or unknown is a field error."""
    if outlet_id in (None, ""):
        raise ValidationError(field, "error.required")
    try:
        oid = int(outlet_id)
    except (TypeError, ValueError):
        raise ValidationError(field, "error.no_such_outlet", value=outlet_id) from None
    return get_outlet(db, oid)


def outlet_names(db: Database, ids: set[int]) -> dict[int, str]:
    """Names of the outlets ``ids``, in one query."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return dict(db.execute(f"SELECT id, name FROM outlets WHERE id IN ({marks})",
                           list(ids)).fetchall())


def outlet_by_code(db: Database, code: str) -> Outlet | None:
    row = db.execute("SELECT id FROM outlets WHERE code = ?", [code.strip()]).fetchone()
    return get_outlet(db, row[0]) if row else None


def next_due(last_visit: date | None, tier: str, cadence: Mapping[str, int], today: date) -> date:
    """When the next visit is due: the last completed visit plus the tier's cadence.

    An outlet never visited is due today; an unknown tier uses the longest cadence.
    """
    if last_visit is None:
        return today
    days = cadence.get(tier, max(cadence.values(), default=30))
    return last_visit + relativedelta(days=days)


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


ROSTER_SORTS = ("due", "code", "name", "tier", "last_visit", "staff", "achieved")


def roster(db: Database, today: date, cadence: Mapping[str, int], *, query: str = "",
           include_inactive: bool = False, sort: str = "due") -> list[RosterRow]:
    """The roster: every outlet (matching ``query``) with last visit and next-due date.

    ``query`` matches name, code, address, bank and pinyin initials (jsyh -> 建设银行).
    """
    where = [] if include_inactive else ["o.active = 1"]
    params: list[Any] = []
    q = query.strip()
    if q:
        where.append("(o.name LIKE :q ESCAPE '\\' OR o.code LIKE :q ESCAPE '\\'"
                     " OR o.address LIKE :q ESCAPE '\\' OR o.bank LIKE :q ESCAPE '\\'"
                     " OR o.initials LIKE :q ESCAPE '\\')")
    sql = f"""
        SELECT o.id, o.code, o.name, o.bank, o.tier, o.address, o.active, o.target, o.achieved,
          (SELECT max(v.started_at) FROM visits v
            WHERE v.outlet_id = o.id AND v.ended_at IS NOT NULL) AS last_visit,
          (SELECT count(*) FROM staff s WHERE s.outlet_id = o.id AND s.active = 1) AS staff_count
        FROM outlets o {"WHERE " + " AND ".join(where) if where else ""}
    """
    rows = []
    for r in db.execute(sql, {"q": _like(q.lower()) if q else None} if q else params).fetchall():
        last = date.fromisoformat(r[9][:10]) if r[9] else None
        due = next_due(last, r[4], cadence, today)
        rows.append(RosterRow(
            id=r[0], code=r[1], name=r[2], bank=r[3], tier=r[4], address=r[5],
            active=bool(r[6]), target=r[7], achieved=r[8], last_visit=last, next_due=due,
            days_left=(due - today).days, staff_count=r[10],
        ))
    keys = {
        "due": lambda r: (r.days_left, r.code),
        "code": lambda r: r.code,
        "name": lambda r: (initials(r.name), r.name),
        "tier": lambda r: (r.tier, r.days_left),
        "last_visit": lambda r: (r.last_visit or date.min, r.code),
        "staff": lambda r: (-r.staff_count, r.code),
        "achieved": lambda r: (-(r.achieved or 0), r.code),
    }
    rows.sort(key=keys.get(sort, keys["due"]))
    return rows


def find_outlets(db: Database, text: str, limit: int = 20) -> list[tuple[int, str, str]]:
    """(id, code, name) of active outlets matching name, code or pinyin initials."""
    q = _like(text.strip().lower())
    return [tuple(r) for r in db.execute(
        "SELECT id, code, name FROM outlets WHERE active = 1 AND (name LIKE ? ESCAPE '\\' "
        "OR code LIKE ? ESCAPE '\\' OR initials LIKE ? ESCAPE '\\') ORDER BY code LIMIT ?",
        [q, q, q, limit]).fetchall()]


def all_active_outlets(db: Database) -> list[tuple[int, str, str, str]]:
    """(id, code, name, initials) of every active outlet, for pickers and the palette."""
    return [tuple(r) for r in db.execute(
        "SELECT id, code, name, initials FROM outlets WHERE active = 1 ORDER BY code").fetchall()]


# --- staff -------------------------------------------------------------------------


def clean_staff(draft: StaffDraft, roles: list[str]) -> dict[str, Any]:
    birthday = v.iso_date("birthday", draft.birthday)
    row = {
        "name": v.name("name", draft.name),
        "role": v.choice("role", draft.role, roles),
        "phone": v.phone("phone", draft.phone),
        "birthday": birthday.isoformat() if birthday else None,
        "notes": v.text("notes", draft.notes),
    }
    row["initials"] = initials(row["name"])
    return row


def add_staff(db: Database, outlet_id: int, draft: StaffDraft, roles: list[str],
              now: datetime) -> int:
    row = clean_staff(draft, roles)
    get_outlet(db, outlet_id)
    row.update(outlet_id=outlet_id, created_at=stamp(now), updated_at=stamp(now))
    with db.atomic():
        return db.table("staff").insert(row).last_pk


def update_staff(db: Database, staff_id: int, draft: StaffDraft, roles: list[str],
                 now: datetime) -> None:
    row = clean_staff(draft, roles)
    row["updated_at"] = stamp(now)
    with db.atomic():
        db.table("staff").update(staff_id, row)


def set_staff_active(db: Database, staff_id: int, active: bool, now: datetime) -> None:
    with db.atomic():
        db.table("staff").update(staff_id, {"active": int(active), "updated_at": stamp(now)})


def _staff(r: sqlite3.Row | tuple) -> Staff:
    return Staff(id=r[0], outlet_id=r[1], name=r[2], role=r[3], phone=r[4],
                 birthday=date.fromisoformat(r[5]) if r[5] else None, notes=r[6],
                 active=bool(r[7]))


_STAFF_COLS = "id, outlet_id, name, role, phone, birthday, notes, active"


def list_staff(db: Database, outlet_id: int, include_inactive: bool = False) -> list[Staff]:
    cond = "" if include_inactive else " AND active = 1"
    return [_staff(r) for r in db.execute(
        f"SELECT {_STAFF_COLS} FROM staff WHERE outlet_id = ?{cond} ORDER BY active DESC, id",
        [outlet_id]).fetchall()]


def get_staff(db: Database, staff_id: int) -> Staff:
    r = db.execute(f"SELECT {_STAFF_COLS} FROM staff WHERE id = ?", [staff_id]).fetchone()
    if r is None:
        raise ValidationError("staff", "error.no_such_staff")
    return _staff(r)


# --- visits ------------------------------------------------------------------------


def _visit(r: tuple) -> Visit:
    return Visit(id=r[0], outlet_id=r[1], started_at=datetime.fromisoformat(r[2]),
                 ended_at=parse_stamp(r[3]), purpose=r[4], notes=r[5])


_VISIT_COLS = "id, outlet_id, started_at, ended_at, purpose, notes"


def open_visit(db: Database) -> Visit | None:
    """The visit the manager is checked in at right now, if any (one place at a time)."""
    r = db.execute(f"SELECT {_VISIT_COLS} FROM visits WHERE ended_at IS NULL "
                   "ORDER BY started_at DESC LIMIT 1").fetchone()
    return _visit(r) if r else None


def check_in(db: Database, outlet_id: int, at: datetime, purpose: str,
             notes: str = "") -> int:
    outlet = get_outlet(db, outlet_id)
    if not outlet.active:
        raise ValidationError("outlet", "error.outlet_inactive", name=outlet.name)
    purpose = v.choice("purpose", purpose, VISIT_PURPOSES)
    note = v.text("notes", notes)
    current = open_visit(db)
    if current is not None:
        raise ValidationError("outlet", "error.already_checked_in",
                              name=get_outlet(db, current.outlet_id).name)
    with db.atomic():
        return db.table("visits").insert({
            "outlet_id": outlet_id, "started_at": stamp(at), "ended_at": None,
            "purpose": purpose, "notes": note,
        }).last_pk


def check_out(db: Database, visit_id: int, at: datetime, notes: str | None = None) -> None:
    r = db.execute(f"SELECT {_VISIT_COLS} FROM visits WHERE id = ?", [visit_id]).fetchone()
    if r is None:
        raise ValidationError("visit", "error.no_such_visit")
    visit = _visit(r)
    if visit.ended_at is not None:
        raise ValidationError("visit", "error.already_checked_out")
    if at.replace(microsecond=0) < visit.started_at:
        raise ValidationError("ended_at", "error.checkout_before_checkin",
                              start=visit.started_at.strftime("%H:%M"))
    note = v.text("notes", notes) if notes is not None else visit.notes
    with db.atomic():
        db.table("visits").update(visit_id, {"ended_at": stamp(at), "notes": note})


def record_visit(db: Database, outlet_id: int, start: datetime, end: datetime, purpose: str,
                 notes: str = "") -> int:
    """A completed visit entered after the fact (back-fill and demo data)."""
    if end < start:
        raise ValidationError("ended_at", "error.checkout_before_checkin",
                              start=start.strftime("%H:%M"))
    get_outlet(db, outlet_id)
    purpose = v.choice("purpose", purpose, VISIT_PURPOSES)
    with db.atomic():
        return db.table("visits").insert({
            "outlet_id": outlet_id, "started_at": stamp(start), "ended_at": stamp(end),
            "purpose": purpose, "notes": v.text("notes", notes),
        }).last_pk


def visits_for(db: Database, outlet_id: int, limit: int = 50) -> list[Visit]:
    return [_visit(r) for r in db.execute(
        f"SELECT {_VISIT_COLS} FROM visits WHERE outlet_id = ? ORDER BY started_at DESC LIMIT ?",
        [outlet_id, limit]).fetchall()]


def visits_on(db: Database, day: date) -> list[Visit]:
    """Visits started on ``day`` (uses the started_at index)."""
    start = day.isoformat()
    end = (day + relativedelta(days=1)).isoformat()
    return [_visit(r) for r in db.execute(
        f"SELECT {_VISIT_COLS} FROM visits WHERE started_at >= ? AND started_at < ? "
        "ORDER BY started_at", [start, end]).fetchall()]


@dataclass(frozen=True)
class VisitStats:
    """A date range's visits against the contact plan (联系计划覆盖率)."""

    visits: int
    outlets_visited: int
    outlets_due: int
    due_visited: int
    hours: float

    @property
    def coverage(self) -> float | None:
        """Share of the outlets due in the range that were visited in it."""
        return self.due_visited / self.outlets_due if self.outlets_due else None


def visit_stats(db: Database, start: date, end: date, cadence: Mapping[str, int]) -> VisitStats:
    """Completed visits from ``start`` to ``end`` (inclusive) and the outlets due in them.

    An active outlet is due in the range when its next visit, counted from its last
    completed visit before ``start``, falls on or before ``end``.
    """
    lo, hi = start.isoformat(), (end + relativedelta(days=1)).isoformat()
    rows = db.execute(
        "SELECT outlet_id, started_at, ended_at FROM visits WHERE started_at >= ? "
        "AND started_at < ? AND ended_at IS NOT NULL", [lo, hi]).fetchall()
    visited = {r[0] for r in rows}
    hours = sum((datetime.fromisoformat(r[2]) - datetime.fromisoformat(r[1])).total_seconds()
                for r in rows) / 3600
    # One index seek per outlet (visits_outlet); a GROUP BY over visits reads them all.
    due = set()
    for outlet_id, tier, last in db.execute(
            "SELECT o.id, o.tier, (SELECT max(v.started_at) FROM visits v WHERE "
            "v.outlet_id = o.id AND v.started_at < ? AND v.ended_at IS NOT NULL) "
            "FROM outlets o WHERE o.active = 1", [lo]):
        last_day = date.fromisoformat(last[:10]) if last else None
        if next_due(last_day, tier, cadence, start) <= end:
            due.add(outlet_id)
    return VisitStats(visits=len(rows), outlets_visited=len(visited), outlets_due=len(due),
                      due_visited=len(due & visited), hours=round(hours, 2))
