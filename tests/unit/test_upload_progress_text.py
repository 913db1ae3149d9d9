"""Each file's progress line in an uploader is said the page's way, not Quasar's English "17.3KB / 100.00%"."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from ui.accessibility.parts import FILE_PROGRESS_JS, UPLOAD_LABELS_JS

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="needs node to run the page's script")


def _node(script: str) -> str:
    assert NODE is not None
    return subprocess.run([NODE, "-e", script], capture_output=True, text=True, check=True, timeout=30).stdout


def test_quasars_english_file_progress_is_said_in_danish_or_english() -> None:
    cases = [("17.3KB / 100.00%", True), ("17.3KB / 100.00%", False), ("2.5MB / 42.37%", True),
             ("512.0B / 0.00%", True), ("not quasar", True)]
    script = f"const f={FILE_PROGRESS_JS};console.log(JSON.stringify({json.dumps(cases)}.map(([s,d])=>f(s,d))));"
    assert json.loads(_node(script)) == ["17,3 kB · 100 %", "17.3 kB · 100%", "2,5 MB · 42 %", "512 B · 0 %",
                                         "not quasar"]


def test_the_uploaders_page_script_parses() -> None:
    assert _node(f"new Function({json.dumps(UPLOAD_LABELS_JS)});console.log('ok')").strip() == "ok"
