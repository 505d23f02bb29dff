"""Outlet resource cards (网点资源卡): drafts, cleaning, writes, look-ups and the roster.

Owns every write to the ``outlets`` table (one card from a form, many from an import)
and the next-visit cadence rule. Functions take a ``sqlite_utils.Database`` and
explicit dates/times, return frozen dataclasses, and raise ``ValidationError`` on bad
input before anything is written. The table itself is created in ``roster.schema``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from workbench.core import validate as v
from workbench.core.clock import stamp
from workbench.core.errors import ValidationError
from workbench.core.matching import found
from workbench.core.text import search_keys
from workbench.roster import bulk
from workbench.roster.vocabulary import BANK_ALIASES, bank_of, plain

if TYPE_CHECKING:
    from sqlite_utils import Database

# Numeric card fields: (column, integer?). The card's old 任务 and 完成 (``target``,
# ``achieved``) are no longer typed: targets live in ``workbench.targets`` and what is
# achieved is computed from the policies; the columns stay readable in old files.
NUMBER_FIELDS = (
    ("deposits_time", False), ("deposits_demand", False), ("plan_year", False),
    ("traffic_daily", True),
    ("traffic_monthly", True), ("customers_total", True), ("enquiries", True),
)
TEXT_FIELDS = ("bank", "address", "head", "history", "notes")


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
    initials: str = ""  # stored pinyin (core.text.search_keys): sorting loads no dictionary


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
    # The validators' own range (validate.MAX_NUMBER): a count or amount that passes is
    # stored exactly as typed (up to 2**63 a float would round a 19-digit count).
    for col, whole in NUMBER_FIELDS:
        check = v.integer if whole else v.number
        row[col] = check(col, getattr(draft, col))
    # 建行 is 中国建设银行 however it is written; with no bank given, the bank the name
    # begins with (建设银行合肥芜湖路支行): one bank is one name in lists and filters.
    row["bank"] = bank_of(row["bank"] or "") or row["bank"] or bank_of(row["name"])
    row["initials"] = search_keys(row["name"])
    return row


def _code_taken(db: Database, code: str, outlet_id: int | None) -> bool:
    taken = db.execute("SELECT id FROM outlets WHERE code = ?", [code]).fetchone()
    return taken is not None and taken[0] != outlet_id


def tiers_by_code(db: Database) -> dict[str, str]:
    """code -> tier of every outlet, inactive ones included (an import matches on code)."""
    return dict(db.execute("SELECT code, tier FROM outlets").fetchall())


def ids_by_code(db: Database) -> dict[str, int]:
    """code -> id of every outlet, inactive ones included."""
    return dict(db.execute("SELECT code, id FROM outlets").fetchall())


def outlet_finder(db: Database) -> Callable[[Any], int | None]:
    """A function from an outlet as a branch's list names it to its id (None: none):
    its code, or its name written whole, the bank long or short (建行合肥三孝口分理处 is
    中国建设银行合肥三孝口分理处). A name two outlets share names neither."""
    by_code = ids_by_code(db)
    by_name: dict[str, int | None] = {}
    for oid, name in db.execute("SELECT id, name FROM outlets ORDER BY id").fetchall():
        for key in {plain(name), _bank_long(name)}:
            by_name[key] = None if key in by_name and by_name[key] != oid else oid

    def find(text: Any) -> int | None:
        written = str(text if text is not None else "").strip()
        if written in by_code:
            return by_code[written]
        return by_name.get(plain(written)) or by_name.get(_bank_long(written))

    return find


def _bank_long(name: str) -> str:
    """A name with the bank it begins with written as the app writes banks."""
    text = plain(name)
    bank = bank_of(text)
    if bank is None:
        return text
    short = next(a for a, b in BANK_ALIASES if b == bank and text.startswith(a))
    return bank + text[len(short):]


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


def upsert_outlets(db: Database, rows: Sequence[Mapping[str, Any]],
                   now: datetime) -> bulk.Written:
    """Write many cleaned cards at once, matched on code: new codes are added, known
    ones updated (only the columns each row has), in one transaction.

    Every row must come from ``clean_outlet`` (possibly narrowed to some columns but
    keeping ``code``); this is the import's path, set-based so that a large sheet
    stays fast.
    """
    with db.atomic():
        present = set(tiers_by_code(db))
        new = [r for r in rows if r["code"] not in present]
        old = [r for r in rows if r["code"] in present]
        return bulk.write(db, "outlets", new, old, ("code",), stamp(now))


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
    return last_visit + timedelta(days=days)


ROSTER_SORTS = ("due", "code", "name", "tier", "last_visit", "staff", "achieved")


def roster(db: Database, today: date, cadence: Mapping[str, int], *, query: str = "",
           include_inactive: bool = False, sort: str = "due") -> list[RosterRow]:
    """The roster: every outlet (matching ``query``) with last visit and next-due date.

    ``query`` finds name, code, address, bank and pinyin initials through the one
    matcher of core.matching (``jtyhdx`` -> 交通银行北京大兴支行), as the pickers do.
    """
    where = [] if include_inactive else ["o.active = 1"]
    sql = f"""
        SELECT o.id, o.code, o.name, o.bank, o.tier, o.address, o.active, o.target, o.achieved,
          (SELECT max(v.started_at) FROM visits v
            WHERE v.outlet_id = o.id AND v.ended_at IS NOT NULL
              AND v.clears_due = 1) AS last_visit,
          (SELECT count(*) FROM staff s WHERE s.outlet_id = o.id AND s.active = 1) AS staff_count,
          o.initials
        FROM outlets o {"WHERE " + " AND ".join(where) if where else ""}
    """
    rows = []
    for r in found(query, db.execute(sql).fetchall(),
                   lambda r: ((r[2], r[1], r[5], r[3]), (r[11],))):
        last = date.fromisoformat(r[9][:10]) if r[9] else None
        due = next_due(last, r[4], cadence, today)
        rows.append(RosterRow(
            id=r[0], code=r[1], name=r[2], bank=r[3], tier=r[4], address=r[5],
            active=bool(r[6]), target=r[7], achieved=r[8], last_visit=last, next_due=due,
            days_left=(due - today).days, staff_count=r[10], initials=r[11],
        ))
    keys = {
        "due": lambda r: (r.days_left, r.code),
        "code": lambda r: r.code,
        "name": lambda r: (r.initials, r.name),
        "tier": lambda r: (r.tier, r.days_left),
        "last_visit": lambda r: (r.last_visit or date.min, r.code),
        "staff": lambda r: (-r.staff_count, r.code),
        "achieved": lambda r: (-(r.achieved or 0), r.code),
    }
    rows.sort(key=keys.get(sort, keys["due"]))
    return rows


def find_outlets(db: Database, text: str, limit: int = 20) -> list[tuple[int, str, str]]:
    """(id, code, name) of active outlets matching name, code or pinyin initials."""
    return [(i, code, name) for i, code, name, _keys in
            found(text, all_active_outlets(db), lambda o: ((o[2], o[1]), (o[3],)))][:limit]


def count_outlets(db: Database) -> int:
    """How many outlets the file holds, active or not (0: a first morning)."""
    return db.execute("SELECT count(*) FROM outlets").fetchone()[0]


def all_active_outlets(db: Database) -> list[tuple[int, str, str, str]]:
    """(id, code, name, initials) of every active outlet, for pickers and the palette."""
    return [tuple(r) for r in db.execute(
        "SELECT id, code, name, initials FROM outlets WHERE active = 1 ORDER BY code").fetchall()]

