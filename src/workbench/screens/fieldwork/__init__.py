"""Screens of the field work: the training / 早会 form, the display checklist, the day's route."""
