"""Serial numbers of controlled stationery (application forms): ranges and their overlap.

A delivery line of a serial-numbered kind carries one range, ``A2026000101-A2026000150``.
This module parses what the manager types into a ``SerialRange`` and finds an issued line
whose range overlaps a new one: the same numbered form may never be at two counters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workbench.core.errors import ValidationError
from workbench.register.schema import NOT_VOIDED

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_SERIAL_DIGITS = 15
# The fewest digits a short range's end keeps (A2026002151-2200, not -200): a count of
# forms reads more easily from four digits.
SHORT_TAIL = 4


@dataclass(frozen=True)
class SerialRange:
    prefix: str
    start: int
    end: int
    width: int

    @property
    def count(self) -> int:
        return self.end - self.start + 1

    def label(self, n: int) -> str:
        return f"{self.prefix}{n:0{self.width}d}"

    def __str__(self) -> str:
        if self.start == self.end:
            return self.label(self.start)
        return f"{self.label(self.start)}-{self.label(self.end)}"

    def short(self) -> str:
        """The range as a narrow column shows it: the end keeps only its last digits
        from the first that differs from the start (at least ``SHORT_TAIL``), the form
        ``parse_serial_range`` reads back (``A2026002151-2200``)."""
        if self.start == self.end:
            return self.label(self.start)
        first, last = f"{self.start:0{self.width}d}", f"{self.end:0{self.width}d}"
        same = next((i for i, (a, b) in enumerate(zip(first, last, strict=False)) if a != b),
                    min(len(first), len(last)))
        # Widths differ when the end has more digits than the start's width.
        keep = max(len(last) - same, SHORT_TAIL) if len(first) == len(last) else len(last)
        return f"{self.label(self.start)}-{last[-keep:]}"


_SEPARATORS = r"\s*(?:-|~|～|–|—|至|到|\.\.)\s*"
_PART = re.compile(r"^([A-Za-z]*[A-Za-z0-9]*?[A-Za-z]|)(\d+)$")


def _split(part: str, field: str) -> tuple[str, str]:
    m = _PART.match(part)
    if not m:
        raise ValidationError(field, "deliveries.error.bad_serial", value=part[:30])
    return m[1], m[2]


def parse_serial_range(text: Any, field: str = "serials") -> SerialRange:
    """Parse ``A2026000101-A2026000150`` (or ``…0101-0150``, ``…0101~150``, one serial).

    A serial is an optional letter-led prefix and a run of digits. The end may omit the
    prefix; its digits are then right-aligned onto the start's (``000101-150`` ends at
    ``000150``). A reversed range, a different prefix, or more than 15 digits is refused.
    """
    s = "" if text is None else str(text).strip().upper().replace(" ", "")
    if not s:
        raise ValidationError(field, "error.required")
    parts = re.split(_SEPARATORS, s)
    if len(parts) == 1:
        parts = parts * 2
    if len(parts) != 2 or not parts[0] or not parts[1]:
        raise ValidationError(field, "deliveries.error.bad_serial", value=s[:30])
    prefix, first = _split(parts[0], field)
    end_prefix, last = _split(parts[1], field)
    if len(first) > MAX_SERIAL_DIGITS or len(last) > MAX_SERIAL_DIGITS:
        raise ValidationError(field, "deliveries.error.serial_too_long", max=MAX_SERIAL_DIGITS)
    if end_prefix and end_prefix != prefix:
        raise ValidationError(field, "deliveries.error.serial_prefix", start=prefix,
                              end=end_prefix)
    if not end_prefix and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    start, end = int(first), int(last)
    if end < start:
        raise ValidationError(field, "deliveries.error.serial_reversed", start=parts[0],
                              end=parts[1])
    return SerialRange(prefix=prefix, start=start, end=end, width=len(first))


def issued_overlap(db: Database, kind: str, rng: SerialRange) -> tuple[int, str] | None:
    """An issued, not voided line of ``kind`` whose range overlaps ``rng`` (id, outlet code
    and its range)."""
    r = db.execute(
        f"""SELECT d.id, o.code, d.serial_from, d.serial_to, d.serial_width
           FROM deliveries d JOIN outlets o ON o.id = d.outlet_id
           WHERE d.kind = ? AND d.serial_prefix = ? AND d.serial_from <= ? AND d.serial_to >= ?
             AND {NOT_VOIDED}
           ORDER BY d.serial_from LIMIT 1""",
        [kind, rng.prefix, rng.end, rng.start]).fetchone()
    if r is None:
        return None
    other = SerialRange(rng.prefix, r[2], r[3], r[4])
    return r[0], f"{r[1]} {other}"
