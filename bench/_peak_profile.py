"""py-spy on the servers during the largest level: where their time goes, sampled without pausing them."""

from __future__ import annotations

import asyncio
import shutil
import sys
from collections import Counter
from pathlib import Path

from bench._peak_deploy import Deployment

TOP = 25


def start_profiles(deployment: Deployment, workdir: Path, seconds: float) -> list[tuple[Path, asyncio.Task[int]]]:
    """One `py-spy record` per process for the peak's length (collapsed stacks, idle frames left out)."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    started = []
    for port, process in deployment.processes:
        out = workdir / f"profile-{port}.txt"
        command = [spy, "record", "--pid", str(process.pid), "--duration", str(int(seconds)), "--rate", "200",
                   "--nonblocking", "--format", "raw", "--output", str(out)]
        started.append((out, asyncio.create_task(_run(command))))
    return started


async def _run(command: list[str]) -> int:
    process = await asyncio.create_subprocess_exec(*command, stdout=asyncio.subprocess.DEVNULL,
                                                   stderr=asyncio.subprocess.DEVNULL)
    return await process.wait()


def _keep(out: Path, folder: Path) -> str:
    """Copy the raw stacks into the chosen folder; returns them."""
    folder.mkdir(parents=True, exist_ok=True)
    raw = out.read_text()
    (folder / out.name).write_text(raw)
    return raw


def summarise(raw: str) -> tuple[int, Counter[str], Counter[str]]:
    """Samples in all, and per function the samples where it is on the stack (inclusive) or on top (self)."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        frames = stack.split(";")
        total += int(count)
        own[frames[-1]] += int(count)
        for frame in set(frames):
            inclusive[frame] += int(count)
    return total, inclusive, own


async def finish_profiles(started: list[tuple[Path, asyncio.Task[int]]], folder: Path | None) -> None:
    """Wait for py-spy, keep the raw stacks in `folder` and print the busiest functions."""
    for out, task in started:
        await task
        if not out.exists() or folder is None:
            print(f"   py-spy wrote nothing for {out.name} (is py-spy installed? ptrace allowed?)")
            continue
        raw = _keep(out, folder)
        total, inclusive, own = summarise(raw)
        print(f"   {out.name}: {total} samples while busy; top functions by inclusive share (the trunk every "
              f"request shares left out), then by own share:")
        branches = [(frame, count) for frame, count in inclusive.most_common() if count < total / 2]
        for frame, count in branches[:TOP]:
            print(f"     {100 * count / max(total, 1):5.1f}%  {frame[:150]}")
        for frame, count in own.most_common(TOP // 2):
            print(f"     self {100 * count / max(total, 1):5.1f}%  {frame[:145]}")
