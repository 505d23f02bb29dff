"""A long plan section shows its first rows and a line counting the rest."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import NOW, TODAY
from tests.register_helpers import outlet
from workbench.plan import agenda as plan
from workbench.plan import view
from workbench.plan.view import SECTION_ROWS, Item, Section


def section(count: int, tail: int = 0) -> Section:
    items = tuple(Item(f"visit:{n}", (f"O-{n}", "网点")) for n in range(count))
    return Section("visits", "到期拜访", items,
                   tail=tuple(Item(f"task:add{n}", ("+", "add")) for n in range(tail)))


@given(st.integers(0, 40), st.integers(0, 1))
def test_a_cut_section_shows_its_first_rows_then_counts_the_rest(count, tail):
    lines = section(count, tail).cut(SECTION_ROWS).lines()
    ids = [i for i, _ in lines]
    if count <= SECTION_ROWS + 1:  # a "1 more" line would take the row it saves
        assert ids == [f"visit:{n}" for n in range(count)] + [f"task:add{n}"
                                                              for n in range(tail)]
    else:
        assert ids == ([f"visit:{n}" for n in range(SECTION_ROWS)] + ["more:visits"]
                       + [f"task:add{n}" for n in range(tail)])
        more = dict(lines)["more:visits"]
        assert str(count - SECTION_ROWS) in more


def test_a_section_opened_whole_offers_to_cut_it_again():
    whole = section(SECTION_ROWS + 5).cut(None)
    ids = [i for i, _ in whole.lines()]
    assert ids[:-1] == [f"visit:{n}" for n in range(SECTION_ROWS + 5)]
    assert ids[-1] == "fewer:visits"
    short = [i for i, _ in section(SECTION_ROWS).cut(None).lines()]
    assert short[-1] == f"visit:{SECTION_ROWS - 1}"


def test_the_counting_line_does_not_widen_the_columns():
    lines = dict(section(SECTION_ROWS + 5).cut(SECTION_ROWS).lines())
    assert lines["visit:0"] == "O-0  网点"


def test_visits_due_are_cut_on_screen_and_in_print_unless_all(db, config):
    for n in range(SECTION_ROWS + 3):
        outlet(db, f"CCB-{n:03d}", f"建行{n}号", NOW - timedelta(days=400))
    agenda = plan.build_agenda(db, TODAY, config)
    visits = next(s for s in view.sections(agenda) if s.key == "visits")
    assert len(visits.items) == SECTION_ROWS and visits.hidden == 3
    assert "13" in visits.title  # the title counts every visit due, not the rows shown
    text = view.plain_text(agenda)
    assert "3 more (workbench today --all" in text and "CCB-012" not in text
    whole = view.plain_text(agenda, whole=True)
    assert "CCB-012" in whole and "more (" not in whole and "Fewer" not in whole


def test_a_task_title_with_a_number_in_it_gives_way_so_its_row_fits(db, config):
    """A title is typed prose: 下午 3 点… holds a figure but is cut like any text, so the
    row fits the screen and its state stays whole (the title was kept whole, and the
    row ran past the edge, where the state was lost)."""
    from dataclasses import replace

    from rich.cells import cell_len

    from workbench.plan.tasks import Task

    late = Task(id=1, title="下午 3 点去工行送单证并带回已签的投保单和回执", due=TODAY,
                outlet_id=None, outlet_name="工行合肥金寨路支行", rule=None, done_on=None,
                days_late=2)
    section = view.tasks_section(replace(plan.build_agenda(db, TODAY, config), tasks=(late,)))
    (ref, line), *_ = section.lines(width=50)
    assert ref == "task:1" and cell_len(line) <= 50, line
    assert section.items[0].cells[2] in line  # 逾期 2 天, whole
