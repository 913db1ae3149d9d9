"""Where Sammen keeps its files (attachments, photos, import uploads, the widget key): one folder, set at start."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass
class _DataDir:
    """The process's data folder, handed in by the composition root (main.py) from its Settings."""

    path: Path = DEFAULT_DATA_DIR


_data = _DataDir()


def use_data_dir(path: Path) -> None:
    """Keep files under `path` from now on (main.py calls this once; a test may point it at its own folder)."""
    _data.path = Path(path)


def data_dir() -> Path:
    """The data folder."""
    return _data.path


def folder(name: str) -> Path:
    """A named folder under the data folder ("photos", "attachments", "imports"), not created here."""
    return _data.path / name


def write_atomic(target: Path, data: bytes, prefix: str = ".upload-") -> None:
    """Write to a temp file beside the target, then rename it: a reader sees the old file or the whole new one."""
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=prefix)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
