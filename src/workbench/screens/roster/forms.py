"""The outlet, staff and visit forms: field lists for FormScreen, nothing else."""

from __future__ import annotations

from workbench.core.i18n import t
from workbench.screens.common.form import Field

OUTLET_TEXT = ("code", "name", "bank", "address", "phone", "head")
OUTLET_NUMBERS = ("deposits_time", "deposits_demand", "plan_year",
                  "traffic_daily", "traffic_monthly", "customers_total", "enquiries")


def outlet_fields(tiers: list[str]) -> list[Field]:
    out = [Field(n, t(f"field.{n}"), required=n in ("code", "name")) for n in OUTLET_TEXT[:2]]
    out.append(Field("tier", t("field.tier"), "select", [(x, x) for x in tiers], required=True))
    out += [Field(n, t(f"field.{n}")) for n in OUTLET_TEXT[2:]]
    out += [Field(n, t(f"field.{n}"), "number", placeholder="0") for n in OUTLET_NUMBERS]
    out += [Field("history", t("field.history"), "area"), Field("notes", t("field.notes"), "area")]
    return out


def staff_fields(roles: list[str]) -> list[Field]:
    from workbench.roster.staff import role_label

    return [
        Field("name", t("field.person_name"), required=True),
        Field("role", t("field.role"), "select", [(role_label(r), r) for r in roles],
              required=True),
        Field("phone", t("field.phone"), placeholder="138 0000 0000"),
        Field("birthday", t("field.birthday"), "date", placeholder="1990-05-20"),
        Field("notes", t("field.notes"), "area"),
    ]


def checkin_fields(purposes: tuple[str, ...]) -> list[Field]:
    return [
        Field("purpose", t("field.purpose"), "select",
              [(t(f"purpose.{p}"), p) for p in purposes], required=True),
        Field("time", t("field.time"), placeholder="09:30", required=True),
        Field("notes", t("field.visit_notes"), "area"),
    ]


def checkout_fields() -> list[Field]:
    return [
        Field("time", t("field.time"), placeholder="11:00", required=True),
        Field("notes", t("field.visit_notes"), "area"),
    ]
