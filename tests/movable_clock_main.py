"""Run main.py on a clock a test can move while the server runs: `python -m tests.movable_clock_main ISO FILE ARGS…`.

Like tests/clocked_main.py, the clock starts at ISO; then, whenever FILE holds a new ISO instant, Sammen's clock jumps
there (a daemon thread reads it every 50 ms). Only end-to-end tests that must pass an idle limit or an expiry use it.
"""

from __future__ import annotations

import runpy
import sys
import threading
import time
from pathlib import Path

from domain import clock


def _follow(file: Path) -> None:
    seen = ""
    while True:
        try:
            text = file.read_text().strip()
        except OSError:
            text = ""
        if text and text != seen:
            seen = text
            clock.set_now(clock.parse_instant(text))
        time.sleep(0.05)


def main(argv: list[str]) -> None:
    """Set the clock from argv[0], follow argv[1], then run main.py with the rest as its own arguments."""
    clock.set_now(clock.parse_instant(argv[0]))
    threading.Thread(target=_follow, args=(Path(argv[1]),), daemon=True, name="movable-clock").start()
    root = Path(__file__).resolve().parents[1]
    sys.argv = [str(root / "main.py"), *argv[2:]]
    runpy.run_path(str(root / "main.py"), run_name="__main__")


if __name__ == "__main__":
    main(sys.argv[1:])
