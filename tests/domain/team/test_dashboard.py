"""The dashboard through Datasette's own in-process client: the login, and each figure
equal to the values worked out by hand for the fixture team (``team_helpers``)."""

from __future__ import annotations

import re
import urllib.parse
from datetime import datetime

import pytest

from tests.team_helpers import build_manager, make_bundle, public_key
from workbench.assessment.policies import standard_premium
from workbench.core.config import GoalsConfig
from workbench.team import dashboard, merge, schema, serve

NOW = datetime(2026, 11, 27, 10, 0)
PASSWORD = "channel-pass-1"


@pytest.fixture(scope="module")
def team_db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("team")
    path = tmp / "team.db"
    db = schema.open_team(path)
    try:
        for n in (1, 2, 3):
            build_manager(tmp / f"m{n}.db", n)
            merge.add_manager(db, f"经理{n}", public_key(tmp / f"k{n}"), NOW)
            bundle = tmp / f"b{n}.zip"
            bundle.write_bytes(make_bundle(tmp / f"m{n}.db", n, tmp / f"k{n}"))
            merge.merge(db, bundle, NOW)
    finally:
        db.close()
    serve.set_password(path, PASSWORD)
    return path


@pytest.fixture
async def ds(team_db):
    instance = serve.build(team_db)
    await instance.invoke_startup()
    return instance


def logged_in(ds) -> dict:
    return {"ds_actor": ds.sign({"a": {"id": serve.USER}}, "actor")}


async def rows(ds, query: str, **params) -> list[dict]:
    qs = urllib.parse.urlencode({"_shape": "array", **params})
    response = await ds.client.get(f"/team/{query}.json?{qs}", cookies=logged_in(ds))
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("path", ["/", "/team", "/team/coverage.json", "/team/outlets",
                                  "/-/dashboards/team", "/team.json?sql=select+1"])
async def test_nothing_without_the_login(ds, path):
    response = await ds.client.get(path)
    assert response.status_code == 403


async def test_the_login_form_with_the_password(ds):
    page = await ds.client.get("/-/login")
    token = re.search(r'name="csrftoken" value="([^"]+)"', page.text)[1]
    csrf = {"ds_csrftoken": page.cookies.get("ds_csrftoken")}
    wrong = await ds.client.post("/-/login", data={"username": serve.USER, "password": "nope",
                                                   "csrftoken": token}, cookies=csrf)
    assert "ds_actor" not in wrong.cookies
    right = await ds.client.post("/-/login", data={"username": serve.USER,
                                                   "password": PASSWORD, "csrftoken": token},
                                 cookies=csrf)
    assert right.status_code == 302 and right.cookies.get("ds_actor")
    home = await ds.client.get("/-/dashboards/team",
                               cookies={"ds_actor": right.cookies.get("ds_actor")})
    assert home.status_code == 200 and "团队看板 · Team dashboard" in home.text


async def test_coverage_by_tier(ds):
    got = [(r["manager"], r["tier"], r["outlets"], r["due"], r["visited"], r["coverage"])
           for r in await rows(ds, "coverage")]
    assert got == [("经理1", "A", 1, 1, 1, 1.0), ("经理1", "C", 1, 1, 1, 1.0),
                   ("经理2", "A", 1, 1, 0, 0.0), ("经理2", "C", 1, 1, 0, 0.0),
                   ("经理3", "A", 1, 1, 1, 1.0), ("经理3", "C", 1, 1, 0, 0.0),
                   ("经理3", "D", 1, 0, 0, None)]


async def test_checkins_that_do_not_count(ds):
    got = [(r["manager"], r["outlet"], r["started_at"], r["reasons_en"])
           for r in await rows(ds, "checkins")]
    assert got == [("经理1", "网点X2", "2026-11-17 07:00:00",
                    "outside working hours 08:00–20:00; shorter than 60 min; no log note")]


async def test_outlets_past_their_cadence(ds):
    got = [(r["manager"], r["code"], r["due_on"], r["days_over"])
           for r in await rows(ds, "late_outlets")]
    assert got == [("经理3", "X2", "2026-10-31", 22)]


async def test_documents(ds):
    got = [(r["manager"], r["awaiting_signature"], r["receipts_overdue"],
            r["callbacks_overdue"]) for r in await rows(ds, "documents")]
    assert got == [("经理1", 1, 0, 0), ("经理2", 0, 0, 0), ("经理3", 0, 0, 0)]


async def test_premium_against_each_grade(ds):
    goals = GoalsConfig()
    p1 = standard_premium(100000, 10, goals.standard_factors) / goals.unit
    got = [(r["manager"], r["grade"], r["achieved"], r["maintain"], r["promote"])
           for r in await rows(ds, "premium")]
    assert got == [("经理1", 10, round(p1, 4), 16.0, 20.0), ("经理2", 5, 0, 32.0, 40.0),
                   ("经理3", 8, 0, 21.0, 26.5)]


async def test_broke_zero_and_issuing_rate(ds):
    got = [(r["manager"], r["outlets_broke_zero"], r["issuing_rate"])
           for r in await rows(ds, "broke_zero")]
    assert got == [("经理1", 1, 0.5), ("经理2", 0, 0), ("经理3", 0, 0)]


async def test_mood_only_where_shared(ds):
    assert [(r["manager"], r["mood_average"]) for r in await rows(ds, "mood")] == [
        ("经理1", 70.0)]


async def test_stock_query_runs(ds):
    assert await rows(ds, "stock") == []


async def test_a_week_chosen_and_csv_export(ds):
    assert await rows(ds, "coverage", week="2026-W40") == []
    assert len(await rows(ds, "coverage", week="2026-W47")) == 7
    response = await ds.client.get("/team/documents.csv", cookies=logged_in(ds))
    assert response.status_code == 200
    assert response.text.splitlines()[0] == ("manager,week,awaiting_signature,"
                                              "receipts_overdue,callbacks_overdue")


async def test_each_chart_reads_what_its_canned_query_reads(ds):
    from datasette_dashboards import replace_opts_in_query

    config = dashboard.dashboard()
    assert set(config["charts"]) == set(dashboard.QUERIES)
    for name, chart in config["charts"].items():
        for options in ({}, {"week": "2026-W47"}):
            sql = replace_opts_in_query(chart["query"], options)
            qs = urllib.parse.urlencode({"sql": sql, "_shape": "array", **options})
            response = await ds.client.get(f"/team.json?{qs}", cookies=logged_in(ds))
            assert response.status_code == 200, (name, response.text)
            assert response.json() == await rows(ds, name, **options), name


async def test_the_page_loads_nothing_from_the_internet(ds):
    page = await ds.client.get("/-/dashboards/team", cookies=logged_in(ds))
    loaded = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', page.text)
    assert loaded and all(not u.startswith(("http:", "https:", "//")) for u in loaded)
    for script in ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js"):
        found = next(u for u in loaded if u.endswith(script))
        assert (await ds.client.get(found)).status_code == 200


def test_no_query_reads_a_growing_table_whole(team_db):
    db = schema.open_team(team_db)
    try:
        for name, (*_, sql) in dashboard.QUERIES.items():
            assert dashboard.full_scans(db, sql.format(week=dashboard.CANNED_WEEK)) == [], name
    finally:
        db.close()


async def test_tables_carry_zh_and_en_titles_and_labels(ds):
    page = await ds.client.get("/team/policies", cookies=logged_in(ds))
    assert "保单 · Policies" in page.text and "客户姓名(已脱敏) customer name (masked)" in page.text
    page = await ds.client.get("/team/team_coverage", cookies=logged_in(ds))
    assert "拜访覆盖 · Visit coverage" in page.text and "覆盖率 coverage" in page.text
    page = await ds.client.get("/team/coverage", cookies=logged_in(ds))
    assert "拜访覆盖(按网点等级) · Visit coverage by outlet tier" in page.text


async def test_the_password_hash_is_not_shown_even_after_login(ds, team_db):
    secret = serve.password_path(team_db).read_text()
    for path in ("/-/metadata.json", "/-/plugins.json", "/-/settings.json"):
        page = await ds.client.get(path, cookies=logged_in(ds))
        assert page.status_code == 200 and secret not in page.text
