"""``python -m workbench`` runs the same command as ``workbench``."""

import sys

from .cli import main

sys.exit(main())
