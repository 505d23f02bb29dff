"""Roster screens: the outlet list, the resource card, outlet/staff forms, check-in/out."""
