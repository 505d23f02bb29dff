"""DataChanged: how a write tells the screens which tables it changed.

A flow that wrote (a form saved, a line signed, a habit ticked) calls
``announce(app, *tables)``; the app forwards one ``DataChanged`` to every screen of
every mode, and each screen that shows one of those tables refreshes (or, when not
in view, refreshes on its return). No screen reaches into another to reload it.

The table names are those of the schema; the groups below are the tables each
capability's screens show, and a test keeps their union equal to the schema's tables.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App
from textual.message import Message

ROSTER = frozenset({"outlets", "staff", "visits"})
REGISTER = frozenset({"deliveries", "voids", "signoffs", "signoff_lines", "policy_events",
                      "stock_counts", "applications", "handovers", "ledger", "ledger_file"})
JOURNAL = frozenset({"moods", "habits", "setbacks", "five_q"})
GOALS = frozenset({"policies", "career_goals"})
PLAN = frozenset({"tasks", "contacts"})
REVIEW = frozenset({"reviews"})
FIELDWORK = frozenset({"trainings", "training_attendees", "display_checks", "route_stops"})
TABLES = ROSTER | REGISTER | JOURNAL | GOALS | PLAN | REVIEW
TABLES |= FIELDWORK
TARGETS = frozenset({"outlet_targets", "campaigns", "campaign_outlets"})
TABLES |= TARGETS
CUSTOMERS = frozenset({"customers", "deposits", "followups", "customer_policies"})
TABLES |= CUSTOMERS


class DataChanged(Message, bubble=False):
    """Rows of ``tables`` were written (and committed).

    It does not bubble: the app hands a copy to each screen itself, and a copy that
    bubbled back to the app would be forwarded again.
    """

    def __init__(self, tables: Iterable[str]) -> None:
        super().__init__()
        self.tables: frozenset[str] = frozenset(tables)
        unknown = self.tables - TABLES
        if unknown or not self.tables:
            # A misspelt table would silently refresh nothing: fail where it is written.
            raise ValueError(f"not tables of the schema: {sorted(unknown) or 'none given'}")


def announce(app: App, *tables: str) -> None:
    """After a write that committed: tell every screen that ``tables`` changed.

    The screens of the current stack hear of it at once: a form that saved is about to
    close and uncover one of them, which then redraws only what the write changed.
    """
    message = DataChanged(tables)
    for screen in app.screen_stack:
        expect = getattr(screen, "expect_changes", None)  # a DataScreen (imports this module)
        if expect is not None:
            expect(message.tables)
    app.post_message(message)
