"""A local push endpoint for bench/notifications.py, in its own process: answers 201 to every POST and counts them.

It prints its port on the first line; GET /count gives how many pushes it took.
"""

from __future__ import annotations

import asyncio

from aiohttp import web


async def main() -> None:
    taken = 0

    async def push(request: web.Request) -> web.Response:
        nonlocal taken
        await request.read()
        taken += 1
        return web.Response(status=201)

    async def count(_request: web.Request) -> web.Response:
        return web.Response(text=str(taken))

    app = web.Application()
    app.router.add_post("/push/{device}", push)
    app.router.add_get("/count", count)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    print(site._server.sockets[0].getsockname()[1], flush=True)  # type: ignore[union-attr]
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
