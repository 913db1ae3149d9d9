"""Benchmark: what the security review's new work costs: a rate-limit hit, and cleaning a phone photo's metadata.

(1) One rate-limit hit (the login callback's, the wall screen's, a message send's), counted in this process and in
Redis (as a cluster counts), 5,000 times each. (2) Removing EXIF/GPS from a 12-megapixel photo with a camera's noise
(done in a worker thread on upload, so the event loop does not wait for it).
"""

from __future__ import annotations

import asyncio
import io
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._figures import p95  # noqa: E402
from domain.clock import utcnow  # noqa: E402
from domain.limits import Limit, Limiter  # noqa: E402
from tests.services import reachable  # noqa: E402

CALLS = 5_000
LIMIT = Limit("bench", 1_000_000, timedelta(minutes=1))


async def limiter_figures(label: str, limiter: Limiter) -> None:
    """Time one hit per call, on keys spread like client addresses."""
    times: list[float] = []
    for i in range(CALLS):
        started = time.perf_counter()
        await limiter.hit(LIMIT, f"10.0.{i % 250}.{i % 7}", now=utcnow())
        times.append((time.perf_counter() - started) * 1e6)
    print(f"rate-limit hit, {label}: median {statistics.median(times):.0f} µs, p95 {p95(times):.0f} µs "
          f"over {CALLS} hits")


def photo_figures() -> None:
    """Time stripping the metadata of a 4000x3000 JPEG carrying EXIF with a GPS position."""
    from PIL import Image

    from domain.images import strip_metadata

    noise = Image.effect_noise((4000, 3000), 40)  # a flat colour would compress to nothing; a photo does not
    image = Image.merge("RGB", (noise, noise.rotate(180), noise.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))
    exif = Image.Exif()
    exif[0x010F] = "Bench Phone"  # Make
    exif[0x8825] = {1: "N", 2: (55.0, 40.0, 36.0), 3: "E", 4: (12.0, 34.0, 12.0)}  # GPS IFD
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif)
    data = buffer.getvalue()
    times = []
    for _ in range(5):
        started = time.perf_counter()
        cleaned = strip_metadata(data)
        times.append((time.perf_counter() - started) * 1000)
    print(f"EXIF/GPS removed from a 12-megapixel JPEG ({len(data) / 1e6:.1f} MB -> {len(cleaned) / 1e6:.1f} MB): "
          f"median {statistics.median(times):.0f} ms (in a worker thread, off the event loop)")


async def main() -> None:
    """Print every figure."""
    await limiter_figures("in this process", Limiter())
    if reachable("127.0.0.1", 6379):
        clustered = Limiter()
        clustered.use_redis("redis://127.0.0.1:6379/0", "sammen:bench:limits:")
        try:
            await limiter_figures("in Redis (a cluster)", clustered)
        finally:
            await clustered.close()
    else:
        print("Redis is not running here: only the in-process limiter was measured")
    photo_figures()


if __name__ == "__main__":
    asyncio.run(main())
