"""Command-line commands that are more than argument parsing: ``check`` and ``import``.

They open the database through ``workbench.storage`` and print to the terminal.

May import: ``workbench.storage`` and every capability. Never screens or the app.
"""
