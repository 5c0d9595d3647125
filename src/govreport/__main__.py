"""``python -m govreport`` — the same command line as ``govreport``."""

from __future__ import annotations

from .app.cli import main

if __name__ == "__main__":
    main()
