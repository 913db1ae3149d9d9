"""`main.py import` on the demo municipality: add and update by default; a full import that would deactivate the
municipality is refused in one line until its number is typed."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
from pathlib import Path

from tests.clocks import main_command
from tests.provisioning_files import register


def _run(*args: str, database: Path, data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite://{database}", "SAMMEN_DATA_DIR": str(data)}
    return subprocess.run(main_command("import", *args), capture_output=True, text=True, env=env, timeout=120)


def _active(database: Path) -> tuple[int, int]:
    with sqlite3.connect(database) as con:
        people = con.execute("select count(*) from person where active").fetchone()[0]
        institutions = con.execute("select count(*) from institution where active").fetchone()[0]
    return int(people), int(institutions)


def test_a_ten_person_file_set_never_deactivates_the_demo_without_its_number(demo_copy: Path,
                                                                             tmp_path: Path) -> None:
    folder, data = tmp_path / "eksport", tmp_path / "data"
    folder.mkdir()
    for file in register(institutions=1, families=3, staff=1, number_base=712600).files():
        (folder / file.name).write_bytes(file.data)
    people, institutions = _active(demo_copy)

    added = _run(str(folder), database=demo_copy, data=data)
    assert added.returncode == 0, added.stderr
    assert "delvis" in added.stdout and "UTF-8, semikolon (;)" in added.stdout, added.stdout[-3000:]
    assert _active(demo_copy) == (people + 10, institutions + 1)  # added, nobody deactivated

    refused = _run(str(folder), "--full", database=demo_copy, data=data)
    assert refused.returncode == 2 and "Traceback" not in refused.stdout + refused.stderr
    [line] = refused.stderr.splitlines()
    number = re.search(r"--confirm-deactivate (\d+)", line)
    assert line.startswith("Sammen: Importen vil deaktivere ") and number, line
    assert f"og {institutions} institutioner" in line
    assert _active(demo_copy) == (people + 10, institutions + 1)
    assert not any((data / "imports").iterdir())  # the refused run's files (CPR numbers) are not kept

    wrong = _run(str(folder), "--full", "--confirm-deactivate", str(int(number[1]) - 1), database=demo_copy, data=data)
    assert wrong.returncode == 2 and _active(demo_copy) == (people + 10, institutions + 1)
    alone = _run(str(folder), "--confirm-deactivate", number[1], database=demo_copy, data=data)
    assert alone.returncode == 2 and "kun sammen med --full" in alone.stderr

    confirmed = _run(str(folder), "--full", "--confirm-deactivate", number[1], database=demo_copy, data=data)
    assert confirmed.returncode == 0, confirmed.stderr
    assert _active(demo_copy)[1] == 1 and _active(demo_copy)[0] < people / 2
