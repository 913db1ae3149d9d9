"""Run main.py on Sammen's clock set to the instant the test suite passes: `python -m tests.clocked_main ISO ARGS…`.

The end-to-end tests start the app through this, so the server agrees with the test about "now"; main.py itself has
no way to set its clock.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from domain import clock


def main(argv: list[str]) -> None:
    """Set the clock from argv[0], then run main.py with the rest as its own arguments."""
    clock.set_now(clock.parse_instant(argv[0]))
    root = Path(__file__).resolve().parents[1]
    sys.argv = [str(root / "main.py"), *argv[1:]]
    runpy.run_path(str(root / "main.py"), run_name="__main__")


if __name__ == "__main__":
    main(sys.argv[1:])
