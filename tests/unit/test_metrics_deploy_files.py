"""The dashboard and the alert rules in deploy/ only name metrics that Sammen exports."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ui.metrics.instruments import REGISTRY

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
NAME = re.compile(r"\bsammen_[a-z_]+")


def _exported() -> set[str]:
    names = set()
    for family in REGISTRY.collect():
        names |= {sample.name for sample in family.samples} | {family.name}
    return names | {f"{n}_bucket" for n in names} | {f"{n}_count" for n in names} | {f"{n}_sum" for n in names}


def test_every_metric_the_dashboard_plots_is_exported() -> None:
    dashboard = json.loads((DEPLOY / "grafana-dashboard.json").read_text(encoding="utf-8"))
    exprs = [t["expr"] for panel in dashboard["panels"] for t in panel["targets"]]
    named = {n for e in exprs for n in NAME.findall(e)}
    assert len(named) >= 7 and named <= _exported(), named - _exported()


def test_every_metric_an_alert_watches_is_exported() -> None:
    rules = (DEPLOY / "prometheus-alerts.yml").read_text(encoding="utf-8")
    exprs = re.findall(r"expr: (.+)", rules)
    named = {n for e in exprs for n in NAME.findall(e)}
    assert "sammen_loop_lag_longest_seconds" in named
    assert named <= _exported(), named - _exported()
