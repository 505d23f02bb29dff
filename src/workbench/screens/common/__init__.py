"""Shared by every screen: the form modal, key binding translation, pickers, and how a
failed action is told to the user (``failures``)."""
