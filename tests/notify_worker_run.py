"""A delivery worker in its own process, for the restart and cluster tests: `python -m tests.notify_worker_run`.

Arguments: database URL, the folder holding the VAPID key, the instant (ISO) its clock stands at, batch size, pushes
in flight. It delivers pass after pass until nothing is due, printing one line per pass.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import datetime
from pathlib import Path

from domain import clock
from domain.notifications import vapid
from domain.notifications.delivery import new_worker_id, run_once
from domain.notifications.push import PushSender
from persistence import db


async def main(url: str, key_dir: str, instant: str, limit: int, parallel: int) -> None:
    clock.set_now(datetime.fromisoformat(instant), ticking=False)
    await db.open_database(url)
    sender = PushSender(vapid.load_or_create(Path(key_dir)), "mailto:drift@sammen.localhost", timeout=5.0)
    me = new_worker_id()
    print(f"worker {me}", flush=True)
    try:
        while claimed := await run_once({"push": sender}, clock.utcnow(), worker_id=me, limit=limit,
                                        parallel=parallel):
            print(f"pass {claimed}", flush=True)
    finally:
        await sender.close()
        await db.close_database()
    print("done", flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])))
