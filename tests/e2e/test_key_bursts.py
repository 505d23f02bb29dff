"""Keys written to the terminal in one burst land as typed, in the installed program.

A fast typist, a paste or a barcode scanner hands the app many keys in one read. Here the
installed ``workbench`` runs in a real pseudo-terminal on a demo file (an empty HOME,
``--lang zh``, ``--today 2026-11-27``); over the roster one ``os.write`` carries ``a``
(the outlet form opens), a random mix for the code (letters, Backspace, ←, →), Tab, a
random mix for the name (Chinese and ASCII) and ctrl+s. After quitting, the file must
hold each outlet as a model of those keys says an Input leaves them. One app process
serves every example; waits are on the screen's text, never a sleep.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess

from hypothesis import HealthCheck, Phase, assume, example, given, settings
from hypothesis import strategies as st

from tests.e2e.terminal import Terminal

TODAY = "2026-11-27"
BACKSPACE, LEFT, RIGHT = "\x7f", "\x1b[D", "\x1b[C"
EDITS = [BACKSPACE, LEFT, RIGHT]
CODE_CHARS = "ABCXYZabcxyz0123456789-_."
NAME_CHARS = "工行建设三年期支分理处网点明天ABxy12"
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-.]{0,31}$")  # core.validate's outlet code


def keys(chars: str) -> st.SearchStrategy[list[str]]:
    """A field's keys: characters, and Backspace and arrows among them (one in four)."""
    return st.lists(st.sampled_from([*chars, *chars, *chars, *EDITS]), min_size=1,
                    max_size=24)


def typed(field_keys: list[str]) -> str:
    """What an empty text field holds after ``field_keys``: characters go in at the
    cursor, Backspace deletes the one before it, the arrows move it one place."""
    value, cursor = "", 0
    for key in field_keys:
        if key == BACKSPACE:
            if cursor:
                value, cursor = value[:cursor - 1] + value[cursor:], cursor - 1
        elif key == LEFT:
            cursor = max(0, cursor - 1)
        elif key == RIGHT:
            cursor = min(len(value), cursor + 1)
        else:
            value, cursor = value[:cursor] + key + value[cursor:], cursor + 1
    return value


def stored_outlets(path) -> dict[str, str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return dict(db.execute("SELECT code, name FROM outlets").fetchall())


def test_outlets_typed_in_one_burst_are_stored_as_typed(workbench_bin, fresh_home, tmp_path):
    path = tmp_path / "demo.db"
    made = subprocess.run([str(workbench_bin), "demo", str(path), "--today", TODAY,
                           "--lang", "zh"], env=fresh_home, capture_output=True, text=True,
                          timeout=120)
    assert made.returncode == 0, made.stderr
    before = stored_outlets(path)
    taken = {code.lower() for code in before}
    sent: list[tuple[str, str, str]] = []  # (burst, code, name) as the model has them

    with Terminal([str(workbench_bin), "--db", str(path), "--lang", "zh", "--today", TODAY],
                  fresh_home) as term:
        term.expect("每日必做三件事")
        term.send("2")
        listed = len(before)  # the demo's outlets are all active
        term.expect(f"共 {listed} 个网点")

        @settings(max_examples=8, deadline=None, database=None,
                  phases=(Phase.explicit, Phase.generate),
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
        @given(code=keys(CODE_CHARS), name=keys(NAME_CHARS))
        @example(code=[*"AB1", BACKSPACE, "x", LEFT, "y"], name=[*"工行三年期"])
        @example(code=[*"50", BACKSPACE, "2"], name=[*"明天", LEFT, LEFT, "x", RIGHT, "y"])
        def one_burst(code: list[str], name: list[str]) -> None:
            want_code, want_name = typed(code), typed(name)
            assume(CODE.match(want_code) and want_name)  # what the form takes
            if want_code.lower() in taken:
                return  # the demo's code, or a case hypothesis has tried already
            burst = "a" + "".join(code) + "\t" + "".join(name) + "\x13"
            term.send(burst)  # one write: the form opens, is filled and saved
            taken.add(want_code.lower())
            sent.append((burst, want_code, want_name))
            term.expect(f"共 {listed + len(sent)} 个网点", deadline=20)

        one_burst()
        term.send("q")
        assert term.wait_exit() == 0

    stored = stored_outlets(path)
    wrong = [(burst, (code, name), stored.get(code)) for burst, code, name in sent
             if stored.get(code) != name]
    assert len(stored) == len(before) + len(sent)
    assert wrong == []
