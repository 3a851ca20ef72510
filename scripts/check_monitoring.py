#!/usr/bin/env python3
"""Checks the monitoring files against the metrics the workers export.

- Every metric that the Grafana dashboards (deploy/grafana/dashboards/*.json) and the alert rules
  (deploy/prometheus/alerts.yml) name is one of the workers' metrics: the `inspection_*` names of
  Sources/WorkerRuntime/WorkerMetrics.swift (with `_bucket`, `_sum` and `_count` for its histograms), or
  `up`, which Prometheus records for every scrape. With --live URL..., also that each of them is in the
  /metrics text of at least one running worker (scripts/container-check.sh passes the four workers).
- The dashboards: valid JSON, a unique uid, every panel and template variable on the provisioned Prometheus
  data source (deploy/grafana/provisioning/datasources), and the dashboard provider reads the folder that
  docker-compose.yml mounts.
- deploy/kubernetes/monitoring/prometheusrule.yaml holds exactly the groups of alerts.yml
  (`--write` regenerates it), and the ServiceMonitor sets job = the worker's name for every worker Service.

Prints one line per check and `N passed, M failed` last; exits 1 on any failure.
Usage: scripts/check_monitoring.py [--write] [--live URL ...] [--root DIR]
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import re
import sys
import urllib.request

import yaml

ALERTS = "deploy/prometheus/alerts.yml"
RULE = "deploy/kubernetes/monitoring/prometheusrule.yaml"
SERVICE_MONITOR = "deploy/kubernetes/monitoring/servicemonitor.yaml"
DASHBOARDS = "deploy/grafana/dashboards"
DATASOURCES = "deploy/grafana/provisioning/datasources"
PROVIDERS = "deploy/grafana/provisioning/dashboards"
METRICS_SOURCE = "Sources/WorkerRuntime/WorkerMetrics.swift"
# Series that Prometheus itself records for every target.
SYNTHETIC = {"up"}

PROMQL_WORDS = {
    "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "offset", "bool",
    "inf", "nan", "atan2",
}
RULE_HEADER = """\
# Generated from deploy/prometheus/alerts.yml by `scripts/check_monitoring.py --write`: edit alerts.yml (and
# its tests, alerts.test.yml), then regenerate. scripts/check-monitoring.sh fails when the two differ.
# The alert rules for the Prometheus Operator. The expressions group by `job`, the worker's name, which the
# ServiceMonitor (servicemonitor.yaml) sets.
"""


class Checker:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def check(self, ok: bool, what: str, why: str = "") -> bool:
        if ok:
            self.passed += 1
            print(f"ok   {what}")
        else:
            self.failed += 1
            print(f"FAIL {what}" + (f": {why}" if why else ""))
        return ok


def read(root: str, path: str) -> str:
    with open(os.path.join(root, path), encoding="utf-8") as handle:
        return handle.read()


def exported_metrics(root: str) -> set[str]:
    """The series names the workers expose: WorkerMetrics.swift's names, histograms with their suffixes."""
    text = read(root, METRICS_SOURCE)
    names = set(re.findall(r'"(inspection_[a-z_]+)"', text))
    histograms = set(re.findall(r'make\w*Histogram\(\s*descriptor:\s*Self\.name\(\s*"(inspection_[a-z_]+)"', text))
    series = names - histograms
    for name in histograms:
        series |= {f"{name}_bucket", f"{name}_sum", f"{name}_count"}
    return series


def metric_names(expr: str) -> set[str]:
    """The metric names in a PromQL expression (functions, keywords, labels, strings and variables left out)."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'', '""', expr)   # string literals
    text = re.sub(r"\{[^}]*\}", " ", text)                                # label matchers
    text = re.sub(r"\[[^\]]*\]", " ", text)                               # range and subquery selectors
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", text)
    text = re.sub(r"\$\{?\w+\}?", " ", text)                              # dashboard variables
    names = set()
    for match in re.finditer(r"(?<![\w.])([A-Za-z_:][A-Za-z0-9_:]*)(\s*\()?", text):
        word, call = match.group(1), match.group(2)
        if call or word.lower() in PROMQL_WORDS or re.fullmatch(r"\d.*", word):
            continue
        names.add(word)
    return names


def dashboard_targets(dashboard: dict) -> list[tuple[str, dict, dict]]:
    """(panel title, panel, target) for every query of every panel, rows' nested panels included."""
    found = []

    def walk(panels: list) -> None:
        for panel in panels or []:
            for target in panel.get("targets") or []:
                found.append((panel.get("title", "?"), panel, target))
            walk(panel.get("panels"))

    walk(dashboard.get("panels"))
    return found


def live_metrics(urls: list[str]) -> tuple[set[str], list[str]]:
    names: set[str] = set()
    errors = []
    for url in urls:
        try:
            text = urllib.request.urlopen(url, timeout=5).read().decode()
        except OSError as error:
            errors.append(f"{url}: {error}")
            continue
        for line in text.splitlines():
            if line and not line.startswith("#"):
                names.add(re.split(r"[{\s]", line, maxsplit=1)[0])
    return names, errors


class LiteralDumper(yaml.SafeDumper):
    """Block strings for multi-line values, and sequences indented under their key (as yamllint wants)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


LiteralDumper.add_representer(str, _str)


def rule_document(alerts: dict) -> dict:
    return {
        "apiVersion": "monitoring.coreos.com/v1",
        "kind": "PrometheusRule",
        "metadata": {
            "name": "inspection-pipeline",
            "namespace": "inspection-pipeline",
            "labels": {"app.kubernetes.io/part-of": "inspection-pipeline"},
        },
        "spec": {"groups": alerts["groups"]},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help=f"regenerate {RULE} from {ALERTS}")
    parser.add_argument("--live", nargs="+", metavar="URL", help="/metrics URLs of running workers")
    parser.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    options = parser.parse_args()
    root = options.root
    c = Checker()

    alerts = yaml.safe_load(read(root, ALERTS))
    if options.write:
        text = RULE_HEADER + yaml.dump(rule_document(alerts), Dumper=LiteralDumper, sort_keys=False, width=1 << 16,
                                       allow_unicode=True, indent=2)
        with open(os.path.join(root, RULE), "w", encoding="utf-8") as handle:
            handle.write(text)
        print(f"wrote {RULE}")

    exported = exported_metrics(root)
    c.check(bool(exported), f"metric names found in {METRICS_SOURCE}", "none")
    known = exported | SYNTHETIC
    used: dict[str, set[str]] = {}   # metric -> where

    # --- alerts ---------------------------------------------------------------------------------------
    for group in alerts.get("groups", []):
        for rule in group.get("rules", []):
            name = rule.get("alert") or rule.get("record") or "?"
            names = metric_names(str(rule.get("expr", "")))
            for metric in names:
                used.setdefault(metric, set()).add(f"alert {name}")
            c.check(bool(names) and names <= known, f"alert {name}: every metric it names is exported",
                    f"unknown {sorted(names - known)}" if names else "no metric found")

    # --- dashboards -----------------------------------------------------------------------------------
    sources = {}
    for path in sorted(glob.glob(os.path.join(root, DATASOURCES, "*.y*ml"))):
        for source in (yaml.safe_load(open(path, encoding="utf-8")) or {}).get("datasources", []):
            sources[source.get("uid")] = source
    c.check(any(s.get("type") == "prometheus" for s in sources.values()), f"{DATASOURCES}: a Prometheus data source with a uid")
    providers = []
    for path in sorted(glob.glob(os.path.join(root, PROVIDERS, "*.y*ml"))):
        providers += (yaml.safe_load(open(path, encoding="utf-8")) or {}).get("providers", [])
    compose = yaml.safe_load(read(root, "docker-compose.yml"))
    grafana_mounts = {str(v).split(":")[1]: str(v).split(":")[0] for v in compose["services"].get("grafana", {}).get("volumes", [])}
    for provider in providers:
        path = (provider.get("options") or {}).get("path")
        c.check(grafana_mounts.get(path) == "./" + DASHBOARDS, f"dashboard provider {provider.get('name')}: reads {path}, where compose mounts {DASHBOARDS}",
                str(grafana_mounts))
    files = sorted(glob.glob(os.path.join(root, DASHBOARDS, "*.json")))
    c.check(bool(files), f"{DASHBOARDS}: at least one dashboard")
    uids = set()
    for path in files:
        relative = os.path.relpath(path, root)
        try:
            dashboard = json.load(open(path, encoding="utf-8"))
        except ValueError as error:
            c.check(False, f"{relative} is JSON", str(error))
            continue
        uid = dashboard.get("uid")
        c.check(bool(uid) and uid not in uids and bool(dashboard.get("title")), f"{relative}: a title and a unique uid")
        uids.add(uid)
        targets = dashboard_targets(dashboard)
        c.check(bool(targets), f"{relative}: has queries")
        for title, panel, target in targets:
            expr = target.get("expr", "")
            source = (target.get("datasource") or panel.get("datasource") or {}).get("uid")
            names = metric_names(expr)
            for metric in names:
                used.setdefault(metric, set()).add(f"panel {title!r}")
            c.check(source in sources, f"{relative} {title!r} {target.get('refId')}: on a provisioned data source", str(source))
            c.check(bool(names) and names <= known, f"{relative} {title!r} {target.get('refId')}: every metric it names is exported",
                    f"unknown {sorted(names - known)}" if names else f"no metric in {expr!r}")
        for variable in (dashboard.get("templating") or {}).get("list", []):
            if variable.get("type") != "query":
                continue
            query = variable.get("query")
            query = query.get("query", "") if isinstance(query, dict) else str(query or "")
            inner = re.match(r"label_values\((.*),\s*\w+\)$", query.strip())
            names = metric_names(inner.group(1)) if inner else set()
            c.check((variable.get("datasource") or {}).get("uid") in sources and bool(names) and names <= known,
                    f"{relative} variable {variable.get('name')}: on a provisioned data source, from an exported metric", query)
        wanted = {"inspection_events_consumed_total", "inspection_consumer_lag", "inspection_events_dead_lettered_total",
                  "inspection_processing_seconds_bucket"}
        exprs = " ".join(t.get("expr", "") for _, _, t in targets)
        c.check(wanted <= set().union(*(metric_names(t.get("expr", "")) for _, _, t in targets)),
                f"{relative}: events per second, lag, dead letters and processing time", f"missing {sorted(wanted - metric_names(exprs))}")
        lag = [t.get("expr", "") for _, _, t in targets if "inspection_consumer_lag" in t.get("expr", "")]
        c.check(any("partition" in e for e in lag), f"{relative}: lag per partition")
        dead = [t.get("expr", "") for _, _, t in targets if "dead_lettered" in t.get("expr", "")]
        c.check(any("code" in e for e in dead), f"{relative}: dead letters per code")
        quantiles = set(re.findall(r"histogram_quantile\(\s*([0-9.]+)", exprs))
        c.check(len(quantiles) >= 2, f"{relative}: processing-time quantiles", str(sorted(quantiles)))

    # --- live ------------------------------------------------------------------------------------------
    if options.live:
        live, errors = live_metrics(options.live)
        c.check(not errors, f"read /metrics of {len(options.live)} running worker(s)", "; ".join(errors))
        for metric in sorted(used):
            if metric in SYNTHETIC:
                continue
            c.check(metric in live, f"live: {metric} is exported (used by {', '.join(sorted(used[metric])[:3])})")

    # --- Prometheus Operator objects -------------------------------------------------------------------
    try:
        rule = yaml.safe_load(read(root, RULE))
    except (OSError, yaml.YAMLError) as error:
        rule = None
        c.check(False, f"{RULE} parses", str(error))
    if rule is not None:
        c.check(rule.get("kind") == "PrometheusRule" and rule.get("spec", {}).get("groups") == alerts.get("groups"),
                f"{RULE}: the groups of {ALERTS}", "differs: run scripts/check_monitoring.py --write")
    monitor = yaml.safe_load(read(root, SERVICE_MONITOR))
    selector = (monitor.get("spec", {}).get("selector") or {}).get("matchLabels") or {}
    endpoints = monitor.get("spec", {}).get("endpoints") or []
    job_label = monitor.get("spec", {}).get("jobLabel")
    services = []
    for path in sorted(glob.glob(os.path.join(root, "deploy/kubernetes/*.y*ml"))):
        for doc in yaml.safe_load_all(open(path, encoding="utf-8")):
            if doc and doc.get("kind") == "Service":
                services.append(doc)
    ports = re.search(r"defaultPorts:\s*\[String:\s*Int\]\s*=\s*\[(.*?)\]", read(root, "Sources/WorkerRuntime/WorkerConfiguration.swift"), re.S)
    workers = set(re.findall(r'"([a-z-]+)":\s*\d+', ports.group(1))) if ports else set()
    selected = set()
    for service in services:
        labels = service["metadata"].get("labels") or {}
        if selector and all(labels.get(k) == v for k, v in selector.items()):
            selected.add(service["metadata"]["name"])
            ports = {p.get("name") for p in service["spec"].get("ports", [])}
            c.check(all(e.get("port") in ports for e in endpoints) and bool(endpoints),
                    f"ServiceMonitor: scrapes the named port of Service {service['metadata']['name']}")
            job = labels.get(job_label) if job_label else service["metadata"]["name"]
            c.check(job == service["metadata"]["name"] and job in workers,
                    f"ServiceMonitor: job label of Service {service['metadata']['name']} is the worker's name", str(job))
    c.check(selected == workers, "ServiceMonitor: selects every worker Service and nothing else", f"selects {sorted(selected)}")
    c.check(all(e.get("path", "/metrics") == "/metrics" for e in endpoints), "ServiceMonitor: path /metrics")

    print(f"{c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
