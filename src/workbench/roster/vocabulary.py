"""What a bank branch's own lists say, read as the app's values: dates, amounts, roles,
customer sources and banks. The one vocabulary of every importer (outlets, staff,
customers, on the command line and in the app); the column headers are ``headers``'.

- dates: 2026-12-08, 2026/12/8, 2026.12.8, 2026年12月8日, 20261208 (a time after them is
  read past), an Excel date serial of five digits (46364; a shorter number is a year or a
  count, refused) and a date cell of an .xlsx (``sheets`` writes it as 2026-12-08);
- amounts: 50, 1,000,000, ¥50,000, 50万, 50万元, 5000元; the unit is the cell's own, else
  the header's (到期金额(万元), 金额（元）), else 元; a range (5万-20万) by its lower end;
- roles and sources: kept as written, filed under the kind they are (``ROLE_WORDS``,
  ``SOURCE_WORDS``); text naming no kind is ``other``, its words kept and shown;
- banks: the bank an outlet's name begins with (建设银行合肥芜湖路支行, 建行…) as the app
  writes it everywhere (中国建设银行), so one bank is one name in lists and filters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from workbench.core import validate as v
from workbench.core.errors import ValidationError

EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel counts 1900-02-29 too)
# A serial a list holds has five digits (10000 is 1927-05-18): a shorter number is a
# year alone (a birthday written 1990) or a count, never read as a day.
FIRST_SERIAL_READ = 10_000
LAST_SERIAL = (v.LAST_DAY - EXCEL_EPOCH).days
UNITS = {"元": 1, "万元": 10_000, "万": 10_000}

_TIME = r"(?:[ T]?\d{1,2}:\d{2}(?::\d{2})?)?"  # a time after the day is read past
_DATE_FORMS = (
    re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]?" + _TIME),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)


def plain(text: Any) -> str:
    """Text as compared: full-width forms as half-width (（元） -> (元)), no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text if text is not None
                                                                   else "")))


def sheet_date(field: str, value: Any, *, required: bool = False) -> date | None:
    """A day as a branch's sheet writes it (see the module docstring); ValidationError
    with the value quoted for anything else."""
    # Spaces between the day and its time separate them; elsewhere they are dropped.
    written = " ".join(unicodedata.normalize("NFKC", str(value if value is not None
                                                         else "")).split())
    text = re.sub(r" (?=\d{1,2}:)", "T", written).replace(" ", "")
    if not text:
        return v.iso_date(field, "", required=required)
    for form in _DATE_FORMS:
        m = form.fullmatch(text)
        if m:
            try:
                day = date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                raise ValidationError(field, "error.no_such_date",
                                      value=written[:20]) from None
            return v.day_in_range(field, day)
    serial = re.fullmatch(r"(\d{5})(?:\.0+)?", text)
    if serial and FIRST_SERIAL_READ <= int(serial[1]) <= LAST_SERIAL:
        return EXCEL_EPOCH + timedelta(days=int(serial[1]))
    raise ValidationError(field, "import.bad_date", value=written[:20])


def header_unit(header: str) -> str | None:
    """The unit a header gives its amounts: 到期金额(万元) -> 万元, 金额/元 -> 元."""
    m = re.search(r"(万元|万|元)\)?$", plain(header))
    if m is None:
        return None
    return "元" if m[1] == "元" else "万元"


def amount_yuan(field: str, value: Any, unit: str | None = None) -> float | None:
    """An amount in yuan from a cell (its own unit first, then ``unit``, then 元)."""
    text = plain(value).lstrip("¥￥")
    if not text:
        return None
    # A comma only groups thousands (1,234,567): 1,2,3 is no amount.
    m = re.fullmatch(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(万元|万|元)?", text)
    if not m:
        raise ValidationError(field, "import.bad_amount", value=str(value).strip()[:20])
    factor = UNITS[m[2] or unit or "元"]
    return v.number(field, round(float(m[1].replace(",", "")) * factor, 2))


def lowest_yuan(field: str, value: Any, unit: str | None = None) -> float | None:
    """An amount in yuan (``amount_yuan``), or the lower end of a range as branches write
    one (5万-20万, 5至20万元, 50,000~200,000): a deposit is kept as a band, and the
    band of the lower end never claims more than the list does. A bare lower end takes
    the upper end's unit (5-20万 is 5万 to 20万)."""
    parts = re.split(r"[-‐-―−~至到]", plain(value))
    if len(parts) != 2 or not all(parts):
        return amount_yuan(field, value, unit)
    low, high = parts
    written = re.search(r"(万元|万|元)$", high)
    if written and not re.search(r"(万元|万|元)$", low):
        low += written[1]
    try:
        return amount_yuan(field, low, unit)
    except ValidationError:
        raise ValidationError(field, "import.bad_amount", value=str(value).strip()[:20]) from None


# Role id -> what bank lists call it, besides the id and its catalogue labels. Absent on
# purpose: 客户经理 (the bank's own account manager: not a wealth manager, it is ``other``
# and shown as written).
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "head": ("网点主任", "网点负责人", "负责人", "支行负责人", "支行长"),
    "deputy": ("网点副主任", "副经理"),
    "president": ("支行行长",),
    "vice_president": ("支行副行长", "副支行长"),
    "lobby_manager": ("大堂", "大堂主管", "大堂助理"),
    "wealth_manager": ("理财", "理财师", "个人理财经理"),
    "key_teller": ("主办柜员", "柜员主管"),
    "teller": ("一般柜员", "综合柜员", "非综合柜员", "普通柜员", "临柜柜员", "柜台"),
}
# Source id -> what a branch's customer list calls it.
SOURCE_WORDS: dict[str, tuple[str, ...]] = {
    "referral": ("柜员推荐", "推荐", "员工推荐", "网点推荐", "转介绍", "老客户转介绍",
                 "客户转介绍", "客户推荐", "介绍"),
    "walk_in": ("自然到访", "到访", "临柜", "进店", "网点到访"),
    "event": ("活动", "产说会", "社区活动", "社区咨询", "沙龙", "讲座", "理财沙龙"),
    "existing_policy": ("已有保单", "老客户", "存量客户", "续期客户"),
}
OTHER = "other"


def kind_lookup(words: dict[str, tuple[str, ...]], ids: Sequence[str],
                labels: dict[str, tuple[str, ...]]):
    """A function from text as written to (kind id, the words to keep or None).

    The words are kept when they are not the kind's own name (综合柜员 is a teller and
    shows as 综合柜员; 柜员 shows as the catalogue's 柜员); text naming no kind is
    ``other`` (when ``ids`` has it) with its words kept, else comes back as written for
    the field's rule to refuse.
    """
    found: dict[str, str] = {}
    own: set[str] = set()
    for ident in ids:
        names = (ident, *labels.get(ident, ()))
        own.update(plain(n).lower() for n in names)
        for name in (*names, *words.get(ident, ())):
            found.setdefault(plain(name).lower(), ident)

    def lookup(text: Any) -> tuple[str, str | None]:
        written = str(text if text is not None else "").strip()
        key = plain(written).lower()
        if not key:
            return "", None
        if key in found:
            return found[key], None if key in own else written
        return (OTHER, written) if OTHER in ids else (written, None)

    return lookup


_BANKS: dict[str, tuple[str, ...]] = {
    "中国建设银行": ("建设银行", "建行"),
    "中国工商银行": ("工商银行", "工行"),
    "中国农业银行": ("农业银行", "农行"),
    "中国银行": ("中行",),
    "交通银行": ("交行",),
    "中国邮政储蓄银行": ("邮政储蓄银行", "邮储银行", "邮储"),
    "招商银行": ("招行",),
    "中信银行": (),
    "中国光大银行": ("光大银行",),
    "中国民生银行": ("民生银行",),
    "兴业银行": (),
    "上海浦东发展银行": ("浦发银行",),
    "华夏银行": (),
    "广发银行": (),
    "平安银行": (),
}
# (how a name may begin, the bank as the app writes it), the longest first
BANK_ALIASES = sorted(((alias, bank) for bank, aliases in _BANKS.items()
                   for alias in (bank, *aliases)), key=lambda p: -len(p[0]))


def bank_of(text: Any) -> str | None:
    """The bank a name or a bank cell begins with, as the app writes it; None if none."""
    s = plain(text)
    return next((bank for alias, bank in BANK_ALIASES if s.startswith(alias)), None)
