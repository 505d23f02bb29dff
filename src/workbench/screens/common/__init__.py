"""Shared by every screen: the form modal, key binding translation, pickers."""
