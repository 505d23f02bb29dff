"""The outlets' staff (网点人员): drafts, cleaning, writes and look-ups.

Owns every write to the ``staff`` table (one person from a form, many from an
import). A person belongs to one outlet and is deactivated, never deleted. A role is
stored as the kind it is (``role``: head, teller, other …) and, when the bank's list
named it otherwise, as written (``title``: 综合柜员, 网点主任, 客户经理), which is what
the app shows (``role_shown``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from workbench.core import validate as v
from workbench.core.clock import stamp
from workbench.core.errors import ValidationError
from workbench.core.i18n import catalogue, t
from workbench.core.text import search_keys
from workbench.roster import bulk
from workbench.roster.outlets import get_outlet
from workbench.roster.vocabulary import sheet_date

if TYPE_CHECKING:
    from sqlite_utils import Database

# A person added without a role (an import's empty cell) is a teller, the most common.
DEFAULT_ROLE = "teller"


def role_label(role: str, title: str | None = None) -> str:
    """A role as the user reads it: the bank's own words for it when kept (``title``),
    else its catalogue name, or the id as configured (a role added in the config, e.g.
    客户经理, is its own name)."""
    if title:
        return title
    return t(f"role.{role}") if f"role.{role}" in catalogue() else role


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
    initials: str = ""  # stored pinyin (core.text.search_keys): matching loads no dictionary
    title: str | None = None  # the role as the bank wrote it, when not the kind's name

    @property
    def role_shown(self) -> str:
        return role_label(self.role, self.title)


@dataclass(frozen=True)
class StaffDraft:
    """Raw values of a person as typed in a form or read from a file."""

    name: Any = ""
    role: Any = DEFAULT_ROLE
    phone: Any = ""
    birthday: Any = ""
    notes: Any = ""
    title: Any = None  # None: a form's draft, which keeps the stored title (see update)


def clean_staff(draft: StaffDraft, roles: list[str] | tuple[str, ...]) -> dict[str, Any]:
    """Validate a draft; return the column values to store. Raises ValidationError."""
    birthday = sheet_date("birthday", draft.birthday)
    row = {
        "name": v.name("name", draft.name),
        "role": _role(draft.role, roles),
        "phone": v.phone("phone", draft.phone),
        "birthday": birthday.isoformat() if birthday else None,
        "notes": v.text("notes", draft.notes),
    }
    if draft.title is not None:
        row["title"] = v.name("role", draft.title, required=False)
    row["initials"] = search_keys(row["name"])
    return row


def _role(value: Any, roles: Sequence[str]) -> str:
    """One of the configured roles; the message lists them by name, never by id."""
    text = str(value or "").strip()
    if text not in roles:
        raise ValidationError("role", "error.bad_choice",
                              options=t("list.sep").join(role_label(r) for r in roles))
    return text


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
    if "title" not in row and get_staff(db, staff_id).role != row["role"]:
        row["title"] = None  # a role chosen anew in the form: the bank's words no longer fit
    row["updated_at"] = stamp(now)
    with db.atomic():
        db.table("staff").update(staff_id, row)


def upsert_staff(db: Database, rows: Sequence[Mapping[str, Any]], now: datetime) -> bulk.Written:
    """Write many cleaned people at once, matched on (outlet_id, name), in one transaction.

    Every row comes from ``clean_staff`` plus its ``outlet_id`` (possibly narrowed to
    some columns); a new person without a role is a ``DEFAULT_ROLE``, a known one keeps
    theirs. This is the import's path, set-based so that a large sheet stays fast.
    """
    with db.atomic():
        present = {(r[0], r[1]) for r in db.execute("SELECT outlet_id, name FROM staff")}
        new = [{**r, "role": r.get("role", DEFAULT_ROLE)} for r in rows
               if (r["outlet_id"], r["name"]) not in present]
        old = [r for r in rows if (r["outlet_id"], r["name"]) in present]
        return bulk.write(db, "staff", new, old, ("outlet_id", "name"), stamp(now))


def set_staff_active(db: Database, staff_id: int, active: bool, now: datetime) -> None:
    with db.atomic():
        db.table("staff").update(staff_id, {"active": int(active), "updated_at": stamp(now)})


def _staff(r: sqlite3.Row | tuple) -> Staff:
    return Staff(id=r[0], outlet_id=r[1], name=r[2], role=r[3], phone=r[4],
                 birthday=date.fromisoformat(r[5]) if r[5] else None, notes=r[6],
                 active=bool(r[7]), initials=r[8], title=r[9])


_STAFF_COLS = "id, outlet_id, name, role, phone, birthday, notes, active, initials, title"


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
