"""Screens: one per capability (no SQL here), plus shared widgets and the form modal."""
