"""``python -m generator``: see cli.py."""

from .cli import main

raise SystemExit(main())
