"""The parsers of the company's and the manager's own lists: ``targets import`` (the
per-outlet tasks, ``commands/targets.py``) and ``customers import|export`` (#19)."""

from __future__ import annotations

from workbench.cli_parsers.base import Commands, add_common


def add_parsers(sub: Commands) -> None:
    targets_cmd = sub.add_parser("targets", help="import the company's outlet targets "
                                                 "(CSV or .xlsx: code, period, starts, premium)")
    targets_cmd.add_argument("what", choices=("import",))
    targets_cmd.add_argument("file", metavar="FILE")
    add_common(targets_cmd, suppress=True)
    # Import a list from CSV/.xlsx, export it (masked unless --unmasked).
    customers = sub.add_parser("customers", help="import or export customers (CSV or .xlsx)")
    customers.add_argument("action", choices=("import", "export"))
    customers.add_argument("file", metavar="FILE")
    customers.add_argument("--skip-invalid", action="store_true",
                           help="import: the valid rows, skipping the invalid ones")
    customers.add_argument("--unmasked", action="store_true",
                           help="export: names and phones in full")
    customers.add_argument("--force", action="store_true", help="export: replace FILE")
    add_common(customers, suppress=True)
