"""Import a customer list from inside the app (``u`` on the customers screen): the
outlets' import screen (all or nothing, the valid rows only as a second step) with the
customers' importer (``customers.sheet``)."""

from __future__ import annotations

from typing import Any

from workbench.screens.onboarding.import_outlets import ImportOutletsScreen


class ImportCustomersScreen(ImportOutletsScreen):
    TITLE_KEY = "customers.import_title"
    HELP_KEY = "customers.import_help"
    TABLES = ("customers", "deposits")

    def check_headers(self, rows: list[dict[str, str]]) -> None:
        from workbench.customers.sheet import match_customer_headers

        match_customer_headers(rows)

    def import_rows(self, db: Any, rows: list[dict[str, str]], app: Any, progress: Any,
                    skip_invalid: bool) -> Any:
        from workbench.customers.sheet import import_customers

        return import_customers(db, rows, app.config, skip_invalid=skip_invalid,
                                now=app.now(),
                                progress=progress)
