"""The ``workbench`` command line's parsers, one module per group of commands.

``cli.build_parser`` adds each group in turn (the order ``--help`` lists the commands);
``base`` holds what every group shares: the parser that raises ``UsageError`` instead of
exiting, and the options every command takes (``--db``, ``--config``, ``--lang``,
``--today``). The work of a command stays in ``cli`` or ``commands/``: these modules
import argparse only, so ``workbench`` with no command loads nothing more.
"""
