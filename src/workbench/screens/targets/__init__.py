"""Screens of targets and campaigns (the campaign list and its form), and the profile
settings form; the palette's entries to them. No SQL: ``workbench.targets`` reads and
writes, ``core.config`` saves the profile."""
