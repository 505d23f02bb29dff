"""Import a staff list from inside the app (``U`` on the roster): the outlets' import
screen (the same path field, progress bar, error list, all or nothing, the valid rows
only as a second step) with the roster's staff importer, as ``workbench import staff``."""

from __future__ import annotations

from workbench.screens.onboarding.import_outlets import ImportOutletsScreen


class ImportStaffScreen(ImportOutletsScreen):
    TITLE_KEY = "roster.import_staff_title"
    HELP_KEY = "roster.import_staff_help"
    TABLES = ("staff",)
    KIND = "staff"
