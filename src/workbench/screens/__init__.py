"""Screens: one per capability (no SQL here), plus shared widgets and the form modal."""

from ..lazy import defer_domain_modules

# Domain modules load on first use (in the database worker), not on the first paint.
defer_domain_modules()
