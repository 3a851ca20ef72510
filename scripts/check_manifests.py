#!/usr/bin/env python3
"""Checks the deployment files against the code, the single source of truth.

Parses deploy/Dockerfile, docker-compose.yml (with the published ports of docker-compose.override.yml), every
YAML document in deploy/kubernetes, config/env/*.env and deploy/prometheus/*.yml, and checks them against what
the workers actually read and serve:

- setting names: `inspection settings --format names` (the binary given with --inspection); when that binary
  is missing or too old to have the command, the `Setting("NAME", ...)` entries of
  Sources/WorkerRuntime/WorkerSettings.swift (the array the command prints);
- defaults (SHUTDOWN_TIMEOUT_SECONDS, ...): `inspection settings --format markdown`, or the same source;
- default HTTP ports: `WorkerConfiguration.defaultPorts` in Sources/WorkerRuntime/WorkerConfiguration.swift;
- executables: the `.executable(name:)` products of Package.swift;
- the shutdown cancellation window: `maximumCancellationDuration` in Sources/WorkerRuntime/WorkerApp.swift;
- metric names: the string literals of Sources/WorkerRuntime/WorkerMetrics.swift;
- health paths: /health/live (liveness, image HEALTHCHECK) and /health/ready (readiness, compose healthcheck).

Prints one line per check and a final `N passed, M failed`; exits 1 on any failure.
Usage: scripts/check_manifests.py [--inspection PATH/TO/inspection] [--root DIR]
"""
from __future__ import annotations

import argparse
import glob
import os
import re
import shlex
import subprocess
import sys

import yaml

LIVE = "/health/live"
READY = "/health/ready"
APP_CONFIG = "/app/config"

# Environment variables that are not worker settings but may appear, with the reason. Only these.
NON_SETTING_VARIABLES = {
    "PATH": "Dockerfile: executable search path of the image (/app/bin first)",
    "SWIFT_BACKTRACE": "Dockerfile: Swift runtime crash-backtrace options, read by the Swift runtime, not the workers",
}


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

    def note(self, text: str) -> None:
        print(f"note {text}")


# ----------------------------------------------------------------------------------------------------------
# The sources of truth


def read(root: str, path: str) -> str:
    with open(os.path.join(root, path), encoding="utf-8") as handle:
        return handle.read()


def source_settings(root: str) -> dict[str, str | None]:
    text = read(root, "Sources/WorkerRuntime/WorkerSettings.swift")
    found: dict[str, str | None] = {}
    for name, default in re.findall(r'Setting\(\s*"([A-Z][A-Z0-9_]*)",\s*default:\s*(nil|"[^"]*")', text):
        found[name] = None if default == "nil" else default[1:-1]
    return found


def binary_settings(binary: str | None) -> tuple[dict[str, str | None] | None, str]:
    if not binary or not os.access(binary, os.X_OK):
        return None, f"no executable at {binary}" if binary else "no inspection binary given"
    try:
        names = subprocess.run([binary, "settings", "--format", "names"], capture_output=True, text=True, timeout=30)
        markdown = subprocess.run([binary, "settings", "--format", "markdown"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return None, f"{binary} failed: {error}"
    if names.returncode != 0 or markdown.returncode != 0:
        return None, f"{binary} has no working `settings` command (built before it was added?)"
    settings: dict[str, str | None] = {name.strip(): None for name in names.stdout.splitlines() if name.strip()}
    for name, default in re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \| (`[^`]*`|–) \|", markdown.stdout, re.M):
        if name in settings:
            settings[name] = None if default == "–" else default.strip("`")
    return settings, binary


def default_ports(root: str) -> dict[str, int]:
    text = read(root, "Sources/WorkerRuntime/WorkerConfiguration.swift")
    block = re.search(r"defaultPorts:\s*\[String:\s*Int\]\s*=\s*\[(.*?)\]", text, re.S)
    return {name: int(port) for name, port in re.findall(r'"([a-z-]+)":\s*(\d+)', block.group(1))} if block else {}


def products(root: str) -> set[str]:
    return set(re.findall(r'\.executable\(\s*name:\s*"([^"]+)"', read(root, "Package.swift")))


def cancellation_seconds(root: str) -> int:
    match = re.search(r"maximumCancellationDuration\s*=\s*Duration\.seconds\((\d+)\)",
                      read(root, "Sources/WorkerRuntime/WorkerApp.swift"))
    return int(match.group(1)) if match else 0


def metric_names(root: str) -> set[str]:
    return set(re.findall(r'"(inspection_[a-z_]+)"', read(root, "Sources/WorkerRuntime/WorkerMetrics.swift")))


# ----------------------------------------------------------------------------------------------------------
# Helpers


def interpolate(value: str) -> str:
    """Compose-style ${VAR:-default} / ${VAR} with the defaults (the environment is ignored on purpose)."""
    return re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}", lambda m: m.group(2) or "", value)


def image_product(image: str) -> str:
    """registry/path/name:tag@digest -> name."""
    name = image.split("@")[0].rsplit("/", 1)[-1]
    return name.split(":")[0]


def parse_env_file(path: str) -> tuple[dict[str, str], list[str], list[str]]:
    """KEY=VALUE lines -> (values, commented-out names, malformed lines)."""
    values: dict[str, str] = {}
    commented: list[str] = []
    bad: list[str] = []
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.strip()
            if not line:
                continue
            if line.startswith("#"):
                match = re.match(r"#\s*([A-Z][A-Z0-9_]*)=\S*$", line)
                if match:
                    commented.append(match.group(1))
                continue
            match = re.match(r"([A-Za-z_][A-Za-z0-9_]*)=(.*)$", line)
            if not match:
                bad.append(f"{number}: {line}")
                continue
            values[match.group(1)] = match.group(2)
    return values, commented, bad


def duration_seconds(text: str | int | None) -> float | None:
    if text is None:
        return None
    if isinstance(text, (int, float)):
        return float(text)
    total = 0.0
    parts = re.findall(r"(\d+(?:\.\d+)?)(h|ms|m|s|us)", str(text))
    if not parts:
        return None
    for number, unit in parts:
        total += float(number) * {"h": 3600, "m": 60, "s": 1, "ms": 0.001, "us": 0.000001}[unit]
    return total


def compose_environment(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        result = {}
        for item in env:
            key, _, value = str(item).partition("=")
            result[key] = value
        return result
    return {str(k): "" if v is None else str(v) for k, v in env.items()}


# ----------------------------------------------------------------------------------------------------------
# The checks


def check_dockerfile(c: Checker, root: str, ctx: dict) -> None:
    path = os.path.join(root, "deploy/Dockerfile")
    if not c.check(os.path.isfile(path), "deploy/Dockerfile exists"):
        return
    text = re.sub(r"\\\n", " ", read(root, "deploy/Dockerfile"))
    stages: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        match = re.match(r"\s*FROM\s+\S+\s+AS\s+(\S+)", line, re.I)
        if match:
            current = match.group(1)
            stages[current] = []
        elif current:
            stages[current].append(line.strip())
    for product in sorted(ctx["products"]):
        body = stages.get(product)
        if not c.check(body is not None, f"Dockerfile: a stage (image target) named {product}", "missing"):
            continue
        entry = [l for l in body if l.upper().startswith("ENTRYPOINT")]
        c.check(bool(entry) and f'"/app/bin/{product}"' in entry[0],
                f"Dockerfile {product}: ENTRYPOINT /app/bin/{product}", f"got {entry}")
        c.check(any(l.upper().startswith("COPY") and f"/out/bin/{product}" in l for l in body),
                f"Dockerfile {product}: copies its executable from the build stage")
        port = ctx["ports"].get(product)
        if port is None:
            c.check(any(l.upper() == "HEALTHCHECK NONE" for l in body), f"Dockerfile {product}: no HEALTHCHECK (one-shot tool)")
            continue
        exposed = [int(p) for l in body if l.upper().startswith("EXPOSE") for p in re.findall(r"\d+", l)]
        c.check(exposed == [port], f"Dockerfile {product}: EXPOSE {port} (its default HTTP_PORT)", f"got {exposed}")
        health = " ".join(l for l in body if l.upper().startswith("HEALTHCHECK"))
        c.check(LIVE in health and f"HTTP_PORT:-{port}" in health,
                f"Dockerfile {product}: HEALTHCHECK on {LIVE}, port ${{HTTP_PORT:-{port}}}", health or "no HEALTHCHECK")
    loop = re.search(r"for product in ([^;]+);", text)
    built = set(loop.group(1).split()) if loop else set()
    c.check(built == ctx["products"], "Dockerfile: the build stage installs every executable product of Package.swift",
            f"builds {sorted(built)}, products {sorted(ctx['products'])}")
    env_names = set()
    for line in text.splitlines():
        if line.strip().upper().startswith("ENV "):
            env_names |= set(re.findall(r"(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=", line.strip()[4:]))
    unknown = sorted(n for n in env_names if n not in ctx["settings"] and n not in NON_SETTING_VARIABLES)
    c.check(not unknown, "Dockerfile: every ENV is a worker setting or a documented non-setting variable", f"unknown {unknown}")
    c.check(bool(re.search(r"COPY\s+(--\S+\s+)*config/?\s+/app/config/?", text)),
            f"Dockerfile: config/ is copied to {APP_CONFIG}")
    c.check("librdkafka1" in text and "ge 2.2" in text, "Dockerfile: runtime installs librdkafka1 and enforces >= 2.2")
    c.check(bool(re.search(r"^USER\s+\d+(:\d+)?\s*$", text, re.M)), "Dockerfile: runs as a numeric non-root USER")
    c.check(not re.search(r"^#\s*syntax\s*=", text, re.M | re.I), "Dockerfile: no `# syntax=` line (the engine's own frontend; no registry needed)")
    froms = re.findall(r"^FROM\s+(\S+)", text, re.M | re.I)
    args = dict(re.findall(r"^ARG\s+([A-Z_]+)=(\S+)", text, re.M))
    external = [f for f in froms if f not in stages and f != "scratch"]
    c.check(bool(external) and all(re.fullmatch(r"\$\{?[A-Z_]+\}?", f) for f in external),
            "Dockerfile: every base image is a build argument", str(external))
    c.check(args.get("RUNTIME_IMAGE", "").startswith("debian:") and "slim" in args.get("RUNTIME_IMAGE", ""),
            "Dockerfile: the runtime base is a slim Debian", args.get("RUNTIME_IMAGE", "none"))


def check_compose(c: Checker, root: str, ctx: dict) -> None:
    path = os.path.join(root, "docker-compose.yml")
    try:
        with open(path, encoding="utf-8") as handle:
            compose = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as error:
        c.check(False, "docker-compose.yml parses", str(error))
        return
    c.check(True, "docker-compose.yml parses")
    c.check("version" not in compose, "docker-compose.yml: no obsolete `version:` key")
    services: dict = compose.get("services", {})
    c.check(all(not s.get("ports") for s in services.values()),
            "docker-compose.yml: publishes no ports itself (docker-compose.override.yml does, so that a host-network run can leave them out)")
    override_path = os.path.join(root, "docker-compose.override.yml")
    if c.check(os.path.isfile(override_path), "docker-compose.override.yml exists (the published ports)"):
        with open(override_path, encoding="utf-8") as handle:
            override = yaml.safe_load(handle) or {}
        for name, extra in (override.get("services") or {}).items():
            c.check(set(extra) == {"ports"} and name in services, f"docker-compose.override.yml {name}: only ports, of a service of docker-compose.yml")
            services.setdefault(name, {})["ports"] = extra.get("ports") or []
    for name, service in services.items():
        for mapping in service.get("ports") or []:
            text = str(mapping.get("host_ip", "")) if isinstance(mapping, dict) else str(mapping)
            c.check(text.startswith("127.0.0.1"), f"compose {name}: port {mapping} published on 127.0.0.1 only")
        c.check(bool(service.get("cpus")) and bool(service.get("mem_limit")), f"compose {name}: cpus and mem_limit set")
    secrets: dict = compose.get("secrets", {}) or {}
    shutdown_default = int(ctx["settings"].get("SHUTDOWN_TIMEOUT_SECONDS") or 20)
    workers_seen = set()
    for name, service in services.items():
        target = (service.get("build") or {}).get("target") if isinstance(service.get("build"), dict) else None
        image = interpolate(str(service.get("image", "")))
        product = target or (image_product(image) if image_product(image) in ctx["products"] else None)
        if not product:
            continue
        c.check(product in ctx["products"], f"compose {name}: runs the executable product {product}")
        if image:
            c.check(image_product(image) == product, f"compose {name}: image name matches its build target", image)
        env = {}
        env_files = service.get("env_file") or []
        for env_file in [env_files] if isinstance(env_files, str) else env_files:
            file_path = os.path.join(root, env_file)
            if c.check(os.path.isfile(file_path), f"compose {name}: env_file {env_file} exists"):
                env.update(parse_env_file(file_path)[0])
        env.update(compose_environment(service))
        unknown = sorted(k for k in env if k not in ctx["settings"])
        c.check(not unknown, f"compose {name}: every environment name is a worker setting", f"unknown {unknown}")
        for key, value in env.items():
            if key.endswith("_FILE") and value:
                secret = value.removeprefix("/run/secrets/")
                attached = [s if isinstance(s, str) else s.get("source") for s in service.get("secrets", [])]
                ok = value.startswith("/run/secrets/") and secret in attached and secret in secrets
                if ok:
                    file = (secrets[secret] or {}).get("file", "")
                    ok = bool(file) and os.path.isfile(os.path.join(root, file))
                c.check(ok, f"compose {name}: {key} is a declared, attached secret file that exists", value)
        deps = service.get("depends_on") or {}
        c.check(service.get("read_only") is True and service.get("cap_drop") == ["ALL"]
                and "no-new-privileges:true" in (service.get("security_opt") or []),
                f"compose {name}: read-only root filesystem, no capabilities, no-new-privileges")
        if product == "inspection":
            command = service.get("command") or []
            command = shlex.split(command) if isinstance(command, str) else [str(x) for x in command]
            c.check(command[:2] == ["topics", "create"], f"compose {name}: runs `inspection topics create`", str(command))
            if "--file" in command:
                file = command[command.index("--file") + 1]
                local = os.path.join(root, "config", os.path.relpath(file, APP_CONFIG)) if file.startswith(APP_CONFIG + "/") else None
                c.check(bool(local) and os.path.isfile(local), f"compose {name}: --file {file} is in config/ (baked in at {APP_CONFIG})")
            c.check(isinstance(deps, dict) and (deps.get("kafka") or {}).get("condition") == "service_healthy",
                    f"compose {name}: waits for a healthy kafka")
            continue
        workers_seen.add(product)
        default_port = ctx["ports"].get(product)
        port = int(env.get("HTTP_PORT") or default_port or 0)
        c.check(default_port is not None, f"compose {name}: {product} has a default HTTP port in WorkerConfiguration.defaultPorts")
        container_ports = []
        for mapping in service.get("ports", []):
            text = str(mapping.get("target")) if isinstance(mapping, dict) else str(mapping)
            container_ports.append(int(text.split(":")[-1].split("/")[0]))
        c.check(container_ports == [port], f"compose {name}: publishes its HTTP_PORT {port}", f"got {container_ports}")
        test = service.get("healthcheck", {}).get("test", [])
        test = " ".join(test) if isinstance(test, list) else str(test)
        c.check(READY in test and f":{port}{READY}" in test, f"compose {name}: healthcheck on {READY} at port {port}", test)
        shutdown = int(env.get("SHUTDOWN_TIMEOUT_SECONDS") or shutdown_default)
        grace = duration_seconds(service.get("stop_grace_period"))
        need = shutdown + ctx["cancellation"]
        c.check(grace is not None and grace >= need,
                f"compose {name}: stop_grace_period {service.get('stop_grace_period')} >= SHUTDOWN_TIMEOUT_SECONDS {shutdown} + {ctx['cancellation']} s",
                "too short or missing")
        conditions = {k: (v or {}).get("condition") for k, v in deps.items()} if isinstance(deps, dict) else {}
        c.check(conditions.get("kafka") == "service_healthy", f"compose {name}: depends_on kafka service_healthy", str(conditions))
        provisioners = [s for s, v in services.items() if isinstance(v.get("build"), dict) and v["build"].get("target") == "inspection"]
        c.check(any(conditions.get(p) == "service_completed_successfully" for p in provisioners),
                f"compose {name}: depends_on the topics service service_completed_successfully", str(conditions))
        c.check(service.get("restart") in ("unless-stopped", "always", "on-failure"), f"compose {name}: has a restart policy")
        if product == "aggregate-reporter":
            c.check((service.get("deploy") or {}).get("replicas", 1) == 1 and service.get("scale", 1) == 1,
                    f"compose {name}: a single replica")
    c.check(workers_seen == set(ctx["ports"]), "compose: runs every worker", f"got {sorted(workers_seen)}")
    kafka = services.get("kafka", {})
    test = kafka.get("healthcheck", {}).get("test", [])
    test = " ".join(test) if isinstance(test, list) else str(test)
    c.check("kafka-broker-api-versions.sh" in test or "kafka-topics.sh" in test, "compose kafka: healthcheck with the bundled Kafka tools")
    c.check(bool(compose_environment(kafka).get("CLUSTER_ID")), "compose kafka: CLUSTER_ID set")
    prometheus = services.get("prometheus")
    if c.check(prometheus is not None, "compose: a prometheus service"):
        mounts = [str(v) for v in prometheus.get("volumes", [])]
        c.check(any(m.startswith("./deploy/prometheus:") for m in mounts), "compose prometheus: mounts deploy/prometheus")
        test = prometheus.get("healthcheck", {}).get("test", [])
        test = " ".join(test) if isinstance(test, list) else str(test)
        c.check("/-/ready" in test or "/-/healthy" in test, "compose prometheus: a healthcheck on /-/ready", test)
        c.check(not any("enable-lifecycle" in str(a) for a in prometheus.get("command") or []),
                "compose prometheus: no --web.enable-lifecycle (no reload or shutdown over HTTP)")
    grafana = services.get("grafana")
    if c.check(grafana is not None, "compose: a grafana service"):
        mounts = [str(v) for v in grafana.get("volumes", [])]
        c.check(any(m.startswith("./deploy/grafana/provisioning:") for m in mounts) and any(m.startswith("./deploy/grafana/dashboards:") for m in mounts),
                "compose grafana: provisions deploy/grafana (data source and dashboards)")


def load_kubernetes(c: Checker, root: str) -> list[tuple[str, dict]]:
    documents = []
    for path in sorted(glob.glob(os.path.join(root, "deploy/kubernetes/*.y*ml"))):
        relative = os.path.relpath(path, root)
        try:
            with open(path, encoding="utf-8") as handle:
                docs = [d for d in yaml.safe_load_all(handle) if d is not None]
        except yaml.YAMLError as error:
            c.check(False, f"{relative} parses", str(error))
            continue
        ok = all(isinstance(d, dict) and d.get("apiVersion") and d.get("kind") for d in docs) and bool(docs)
        ok = ok and all(d.get("kind") == "Kustomization" or (d.get("metadata") or {}).get("name") for d in docs)
        c.check(ok, f"{relative} parses ({len(docs)} document(s) with apiVersion, kind and name)")
        documents += [(relative, d) for d in docs]
    return documents


def check_kubernetes(c: Checker, root: str, ctx: dict) -> None:
    documents = load_kubernetes(c, root)
    by_kind: dict[str, list[tuple[str, dict]]] = {}
    for file, doc in documents:
        by_kind.setdefault(doc["kind"], []).append((file, doc))

    kustomizations = by_kind.get("Kustomization", [])
    if c.check(len(kustomizations) == 1, "kubernetes: one kustomization.yaml"):
        listed = set(kustomizations[0][1].get("resources", []))
        present = {os.path.basename(f) for f in glob.glob(os.path.join(root, "deploy/kubernetes/*.y*ml"))}
        expected = {f for f in present if f != "kustomization.yaml" and ".example." not in f}
        c.check(listed == expected, "kustomization: lists every manifest (and no *.example.yaml)",
                f"missing {sorted(expected - listed)}, extra {sorted(listed - expected)}")
    c.check(bool(by_kind.get("Namespace")), "kubernetes: a Namespace")

    configmaps = {d["metadata"]["name"]: d.get("data") or {} for _, d in by_kind.get("ConfigMap", [])}
    for name, data in configmaps.items():
        unknown = sorted(k for k in data if k not in ctx["settings"])
        c.check(not unknown, f"ConfigMap {name}: every key is a worker setting", f"unknown {unknown}")
    secret_keys: dict[str, set[str]] = {}
    for file, doc in by_kind.get("Secret", []):
        c.check(".example." in file, f"Secret {doc['metadata']['name']}: only in an *.example.yaml file", file)
        secret_keys[doc["metadata"]["name"]] = set((doc.get("stringData") or {}) | (doc.get("data") or {}))
        values = " ".join(str(v) for v in (doc.get("stringData") or {}).values())
        c.check("CHANGE-ME" in values, f"Secret {doc['metadata']['name']}: placeholder values clearly marked CHANGE-ME")

    shutdown_default = int(ctx["settings"].get("SHUTDOWN_TIMEOUT_SECONDS") or 20)
    deployments = by_kind.get("Deployment", [])
    seen_workers = set()
    pod_labels: dict[str, dict] = {}

    def check_pod(kind: str, name: str, pod: dict, product_expected: set[str]) -> None:
        spec = pod.get("spec") or {}
        containers = spec.get("containers") or []
        c.check(len(containers) == 1, f"{kind} {name}: one container")
        pod_security = spec.get("securityContext") or {}
        volumes = {v["name"]: v for v in spec.get("volumes") or []}
        for container in containers:
            product = image_product(container.get("image", ""))
            c.check(product in product_expected, f"{kind} {name}: image runs the product {product}",
                    f"expected one of {sorted(product_expected)}")
            env = {}
            for source in container.get("envFrom") or []:
                ref = (source.get("configMapRef") or {}).get("name")
                if c.check(ref in configmaps, f"{kind} {name}: envFrom ConfigMap {ref} exists"):
                    env.update({k: str(v) for k, v in configmaps[ref].items()})
                c.check("secretRef" not in source, f"{kind} {name}: no secrets as environment (files only)")
            own = {e["name"]: e for e in container.get("env") or []}
            unknown = sorted(k for k in own if k not in ctx["settings"])
            c.check(not unknown, f"{kind} {name}: every env name is a worker setting", f"unknown {unknown}")
            env.update({k: str(e.get("value", "")) for k, e in own.items()})
            mounts = {m["mountPath"].rstrip("/"): m for m in container.get("volumeMounts") or []}
            for mount in mounts.values():
                c.check(mount["name"] in volumes, f"{kind} {name}: volume {mount['name']} is defined")
            for key, value in env.items():
                if not (key.endswith("_FILE") or key.endswith("_LOCATION")) or not value:
                    continue
                directory, file = os.path.dirname(value), os.path.basename(value)
                mount = mounts.get(directory)
                ok = mount is not None
                if ok:
                    secret = (volumes.get(mount["name"]) or {}).get("secret") or {}
                    items = secret.get("items")
                    paths = {i["path"]: i["key"] for i in items} if items else {k: k for k in secret_keys.get(secret.get("secretName"), set())}
                    ok = file in paths and paths[file] in secret_keys.get(secret.get("secretName"), set())
                c.check(ok, f"{kind} {name}: {key} ({value}) is a file of a mounted Secret volume")
            args = [str(a) for a in (container.get("command") or []) + (container.get("args") or [])]
            for ref in re.findall(r"\$\(([A-Z0-9_]+)\)", " ".join(args)):
                c.check(ref in env and ref in ctx["settings"], f"{kind} {name}: argument $({ref}) is a setting it is given")
            security = container.get("securityContext") or {}
            c.check(security.get("runAsNonRoot", pod_security.get("runAsNonRoot")) is True, f"{kind} {name}: runAsNonRoot")
            c.check(security.get("readOnlyRootFilesystem") is True, f"{kind} {name}: readOnlyRootFilesystem")
            c.check(security.get("allowPrivilegeEscalation") is False, f"{kind} {name}: allowPrivilegeEscalation false")
            resources = container.get("resources") or {}
            c.check(all((resources.get(part) or {}).get(r) for part in ("requests", "limits") for r in ("cpu", "memory")),
                    f"{kind} {name}: cpu and memory requests and limits")
            if product == "inspection":
                c.check(args[:2] == ["topics", "create"], f"{kind} {name}: runs `inspection topics create`", str(args))
                if "--file" in args:
                    file = args[args.index("--file") + 1]
                    local = os.path.join(root, "config", os.path.relpath(file, APP_CONFIG)) if file.startswith(APP_CONFIG + "/") else None
                    c.check(bool(local) and os.path.isfile(local), f"{kind} {name}: --file {file} is in config/ (baked in at {APP_CONFIG})")
                continue
            default_port = ctx["ports"][product]
            port = int(env.get("HTTP_PORT") or default_port)
            http = [p for p in container.get("ports") or [] if p.get("name") == "http"]
            c.check(len(http) == 1 and http[0].get("containerPort") == port,
                    f"{kind} {name}: containerPort 'http' is its HTTP_PORT {port}", f"got {http}")
            for probe, path in (("livenessProbe", LIVE), ("readinessProbe", READY)):
                get = (container.get(probe) or {}).get("httpGet") or {}
                c.check(get.get("path") == path and get.get("port") in ("http", port),
                        f"{kind} {name}: {probe} GET {path} on the http port", f"got {get}")
            shutdown = int(env.get("SHUTDOWN_TIMEOUT_SECONDS") or shutdown_default)
            grace = spec.get("terminationGracePeriodSeconds", 30)
            c.check(grace > shutdown + ctx["cancellation"],
                    f"{kind} {name}: terminationGracePeriodSeconds {grace} > SHUTDOWN_TIMEOUT_SECONDS {shutdown} + {ctx['cancellation']} s cancellation window")

    for file, deployment in deployments:
        name = deployment["metadata"]["name"]
        template = deployment["spec"]["template"]
        images = {image_product(ct.get("image", "")) for ct in template["spec"].get("containers", [])}
        product = next(iter(images)) if len(images) == 1 else None
        seen_workers |= images
        selector = deployment["spec"].get("selector", {}).get("matchLabels", {})
        labels = template.get("metadata", {}).get("labels", {})
        c.check(bool(selector) and all(labels.get(k) == v for k, v in selector.items()),
                f"Deployment {name}: selector matches its pod labels")
        pod_labels[name] = labels
        check_pod("Deployment", name, template, set(ctx["ports"]))
        replicas = deployment["spec"].get("replicas", 1)
        if product == "aggregate-reporter":
            c.check(replicas == 1, "Deployment aggregate-reporter: exactly one replica (a period spans every partition)")
            c.check(deployment["spec"].get("strategy", {}).get("type") == "Recreate",
                    "Deployment aggregate-reporter: strategy Recreate (never two at once)")
        else:
            partitions = min(int(d.get("TOPIC_PARTITIONS") or 6) for d in configmaps.values()) if configmaps else 6
            c.check(replicas <= partitions, f"Deployment {name}: replicas {replicas} <= partitions {partitions}")
    c.check(seen_workers == set(ctx["ports"]), "kubernetes: a Deployment per worker", f"got {sorted(seen_workers)}")

    for kind in ("Service", "PodDisruptionBudget"):
        covered = set()
        for _, doc in by_kind.get(kind, []):
            selector = doc["spec"].get("selector", {})
            selector = selector.get("matchLabels", selector) if kind == "PodDisruptionBudget" else selector
            matches = [n for n, labels in pod_labels.items() if selector and all(labels.get(k) == v for k, v in selector.items())]
            c.check(len(matches) == 1, f"{kind} {doc['metadata']['name']}: selects exactly one Deployment", f"selects {matches}")
            covered |= set(matches)
            if kind == "Service" and len(matches) == 1:
                ports = doc["spec"].get("ports", [])
                c.check(any(p.get("targetPort") == "http" for p in ports), f"Service {doc['metadata']['name']}: targets the http port")
        c.check(covered == set(pod_labels), f"kubernetes: a {kind} per worker Deployment", f"missing {sorted(set(pod_labels) - covered)}")

    policies = by_kind.get("NetworkPolicy", [])
    for worker, labels in pod_labels.items():
        selecting = [d for _, d in policies
                     if all(labels.get(k) == v for k, v in ((d["spec"].get("podSelector") or {}).get("matchLabels") or {}).items())
                     and (d["spec"].get("podSelector") or {}).get("matchLabels")]
        if not c.check(len(selecting) == 1, f"NetworkPolicy: exactly one selects the pods of {worker}", f"{len(selecting)}"):
            continue
        spec = selecting[0]["spec"]
        c.check(set(spec.get("policyTypes") or []) == {"Ingress", "Egress"}, f"NetworkPolicy {worker}: restricts ingress and egress")
        ingress_ports = {p.get("port") for rule in spec.get("ingress") or [] for p in rule.get("ports") or []}
        sources = [f for rule in spec.get("ingress") or [] for f in rule.get("from") or []]
        c.check(ingress_ports == {"http"} and bool(sources) and all("namespaceSelector" in f for f in sources),
                f"NetworkPolicy {worker}: ingress only on the http port, only from the monitoring namespace", f"ports {ingress_ports}")
        egress_ports = {(p.get("protocol", "TCP"), p.get("port")) for rule in spec.get("egress") or [] for p in rule.get("ports") or []}
        c.check(("UDP", 53) in egress_ports and len(egress_ports) >= 3 and all(rule.get("ports") for rule in spec.get("egress") or []),
                f"NetworkPolicy {worker}: egress only to given ports (the brokers and DNS)", str(sorted(egress_ports, key=str)))

    jobs = by_kind.get("Job", [])
    c.check(bool(jobs), "kubernetes: a topic provisioning Job")
    for _, job in jobs:
        check_pod("Job", job["metadata"]["name"], job["spec"]["template"], {"inspection"})


def check_env_files(c: Checker, root: str, ctx: dict) -> None:
    files = sorted(glob.glob(os.path.join(root, "config/env/*.env")))
    names = {os.path.basename(f) for f in files}
    c.check({"local.env", "staging.env", "production.env"} <= names, "config/env: local, staging and production examples", str(sorted(names)))
    for path in files:
        relative = os.path.relpath(path, root)
        values, commented, bad = parse_env_file(path)
        c.check(not bad, f"{relative}: only KEY=VALUE lines and comments", str(bad))
        unknown = sorted(k for k in list(values) + commented if k not in ctx["settings"])
        c.check(not unknown, f"{relative}: every name is a worker setting", f"unknown {unknown}")
        quoted = sorted(k for k, v in values.items() if v[:1] in "\"'")
        c.check(not quoted, f"{relative}: values unquoted (compose env_file keeps quotes)", str(quoted))
        inline = sorted(k for k in ("KAFKA_SASL_PASSWORD", "PSEUDONYM_KEY", "KAFKA_SSL_KEY_PASSWORD") if values.get(k))
        c.check(not inline, f"{relative}: no secret values inline (use the *_FILE settings)", str(inline))


def check_prometheus(c: Checker, root: str, ctx: dict) -> None:
    try:
        with open(os.path.join(root, "deploy/prometheus/alerts.yml"), encoding="utf-8") as handle:
            alerts = yaml.safe_load(handle)
        with open(os.path.join(root, "deploy/prometheus/prometheus.yml"), encoding="utf-8") as handle:
            config = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as error:
        c.check(False, "deploy/prometheus/alerts.yml and prometheus.yml parse", str(error))
        return
    c.check(True, "deploy/prometheus/alerts.yml and prometheus.yml parse")
    rules = [r for group in alerts.get("groups", []) for r in group.get("rules", [])]
    known = ctx["metrics"]
    docs = read(root, "docs/operations.md") if os.path.isfile(os.path.join(root, "docs/operations.md")) else ""
    for rule in rules:
        name = rule.get("alert", "?")
        c.check(bool(rule.get("expr")) and (rule.get("labels") or {}).get("severity") in ("critical", "warning", "info")
                and {"summary", "description"} <= set(rule.get("annotations") or {}),
                f"alert {name}: expr, severity, summary and description")
        used = {re.sub(r"_(bucket|sum|count)$", "", m) for m in re.findall(r"\b(inspection_[a-z_]+)", rule.get("expr", ""))}
        c.check(used <= known, f"alert {name}: metrics exist in WorkerMetrics.swift", f"unknown {sorted(used - known)}")
        jobs = set()
        for match in re.findall(r'job=~?"([^"]+)"', rule.get("expr", "")):
            jobs |= set(match.split("|"))
        c.check(jobs <= set(ctx["ports"]), f"alert {name}: job names are workers", f"unknown {sorted(jobs - set(ctx['ports']))}")
        c.check(name in docs, f"alert {name}: explained in docs/operations.md")
    wanted = {"InspectionConsumerLagGrowing", "InspectionDeadLetters", "InspectionWorkerNotReady", "InspectionWorkerDown"}
    c.check(wanted <= {r.get("alert") for r in rules}, "alerts: lag growing, dead letters, not ready, worker down")
    for metric in sorted(known):
        c.check(metric in docs, f"metric {metric}: explained in docs/operations.md")
    jobs = {j["job_name"]: j for j in config.get("scrape_configs", [])}
    c.check(set(jobs) == set(ctx["ports"]), "prometheus.yml: a scrape job per worker, named after it", str(sorted(jobs)))
    for worker, port in ctx["ports"].items():
        targets = [t for sc in (jobs.get(worker) or {}).get("static_configs", []) for t in sc.get("targets", [])]
        c.check(targets == [f"{worker}:{port}"], f"prometheus.yml {worker}: target {worker}:{port}", str(targets))
    for file in config.get("rule_files", []):
        c.check(os.path.isfile(os.path.join(root, "deploy/prometheus", file)), f"prometheus.yml: rule file {file} exists")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inspection", help="the built `inspection` executable")
    parser.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    options = parser.parse_args()
    root = options.root
    c = Checker()

    from_source = source_settings(root)
    from_binary, origin = binary_settings(options.inspection)
    if from_binary is None:
        c.note(f"setting names from Sources/WorkerRuntime/WorkerSettings.swift ({origin})")
        settings = from_source
    else:
        c.note(f"setting names from `{origin} settings --format names`")
        settings = from_binary
        if set(from_binary) != set(from_source):
            c.note(f"{origin} is older than the sources (settings differ: {sorted(set(from_binary) ^ set(from_source))}); rebuild it")
    c.check(bool(settings), "the settings are known", "no settings found")
    ctx = {
        "settings": settings,
        "ports": default_ports(root),
        "products": products(root),
        "cancellation": cancellation_seconds(root),
        "metrics": metric_names(root),
    }
    c.check(bool(ctx["ports"]) and set(ctx["ports"]) <= ctx["products"],
            "WorkerConfiguration.defaultPorts names executable products", str(ctx["ports"]))
    c.check(bool(ctx["metrics"]), "metric names found in WorkerMetrics.swift")

    check_dockerfile(c, root, ctx)
    check_compose(c, root, ctx)
    check_kubernetes(c, root, ctx)
    check_env_files(c, root, ctx)
    check_prometheus(c, root, ctx)

    print(f"{c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
