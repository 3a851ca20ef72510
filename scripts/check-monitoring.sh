#!/usr/bin/env bash
# Checks the monitoring files: every metric the Grafana dashboards and the alert rules name is one the
# workers export (Sources/WorkerRuntime/WorkerMetrics.swift), the dashboards are on the provisioned data
# source, and the Prometheus Operator objects (deploy/kubernetes/monitoring) match alerts.yml and the worker
# Services. See scripts/check_monitoring.py; scripts/container-check.sh runs it against live /metrics too.
# Prints `N passed, M failed` last; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .local/venv/bin/python3 ] && .local/venv/bin/python3 -c 'import yaml' 2>/dev/null || scripts/install-tools.sh >/dev/null
exec .local/venv/bin/python3 scripts/check_monitoring.py "$@"
