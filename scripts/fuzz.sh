#!/usr/bin/env bash
# Coverage-guided fuzzing of the event decoders (libFuzzer through `swiftc -sanitize=fuzzer`).
#
#   scripts/fuzz.sh [RUNS]          RUNS inputs (default 1000000); `scripts/fuzz.sh 20000` is the CI form
#   scripts/fuzz.sh --asan [RUNS]   the same with AddressSanitizer (scratch path .build-fuzz-asan)
#
# Builds Tests/Fuzz (DecoderFuzzer, release, scratch path .build-fuzz — never .build), copies the seed corpus
# Tests/Fuzz/corpus to a temporary folder and runs libFuzzer on it with the dictionary Tests/Fuzz/decoder.dict,
# inputs up to 1,100,000 bytes (over the 1 MiB event limit), a 2 GiB RSS limit and a 10 s per-input timeout.
# Prints the figures (inputs executed, exec/s, coverage, time, peak RSS) and exits non-zero on a crash, an
# oracle failure, a hang or an out-of-memory; the offending input is then copied to Tests/Fuzz/crashes/ and
# the command that replays it is printed.
#
# Environment: FUZZ_SCRATCH (build folder), FUZZ_SANITIZE (default `fuzzer`; `fuzzer,address` adds ASan),
# FUZZ_ARGS (more libFuzzer flags, e.g. `-seed=1`), FUZZ_KEEP=1 keeps the temporary folder (grown corpus, log).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
asan=false
if [[ "${1:-}" == "--asan" ]]; then asan=true; shift; fi
runs="${1:-1000000}"
[[ "$runs" =~ ^[0-9]+$ ]] || { echo "usage: scripts/fuzz.sh [--asan] [RUNS]" >&2; exit 2; }
if $asan; then
  scratch="${FUZZ_SCRATCH:-$root/.build-fuzz-asan}"
  sanitize="${FUZZ_SANITIZE:-fuzzer,address}"
else
  scratch="${FUZZ_SCRATCH:-$root/.build-fuzz}"
  sanitize="${FUZZ_SANITIZE:-fuzzer}"
fi
package="$root/Tests/Fuzz"

build=(swift build -c release --package-path "$package" --scratch-path "$scratch" --product DecoderFuzzer
       -Xswiftc "-sanitize=$sanitize")
echo "fuzz: building DecoderFuzzer (release, -sanitize=$sanitize, scratch $scratch)"
mkdir -p "$scratch"
# SwiftPM does not notice a source file added to a path dependency (the main package) once it has planned the
# build, and then fails with "cannot find ... in scope". Dropping the build manifest makes it plan again (seconds).
rm -f "$scratch/release.yaml"
started=$SECONDS
if ! "${build[@]}" >"$scratch/fuzz-build.log" 2>&1; then
  grep -E 'error' "$scratch/fuzz-build.log" | head -n 40 >&2 || tail -n 40 "$scratch/fuzz-build.log" >&2
  echo "fuzz: FAIL build (full log: $scratch/fuzz-build.log)" >&2
  exit 1
fi
echo "fuzz: built in $((SECONDS - started)) s"
bin="$("${build[@]}" --show-bin-path)/DecoderFuzzer"

work="$(mktemp -d "${TMPDIR:-/tmp}/decoder-fuzz.XXXXXX")"
if [[ "${FUZZ_KEEP:-0}" == 1 ]]; then echo "fuzz: keeping $work"; else trap 'rm -rf "$work"' EXIT; fi
cp -R "$package/corpus" "$work/corpus"
mkdir -p "$work/artifacts"

echo "fuzz: running $runs inputs on a copy of $(ls "$work/corpus" | wc -l) seeds"
started=$SECONDS
set +e
# SWIFT_BACKTRACE=enable=no: let libFuzzer's signal handler, not Swift's backtracer, handle a trap and save the input.
# shellcheck disable=SC2086
SWIFT_BACKTRACE=enable=no FUZZ_CONFIG_DIR="$root/config" "$bin" \
  -runs="$runs" -max_len=1100000 -rss_limit_mb=2048 -timeout=10 \
  -entropic_scale_per_exec_time=1 -dict="$package/decoder.dict" -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
  ${FUZZ_ARGS:-} "$work/corpus" >"$work/fuzz.log" 2>&1
status=$?
set -e
elapsed=$((SECONDS - started))

last="$(grep -E '^#[0-9]+[[:space:]]' "$work/fuzz.log" | tail -n 1 || true)"
stat() { sed -n "s/^stat::$1: *//p" "$work/fuzz.log" | tail -n 1; }
executed="$(stat number_of_executed_units)"
[[ -n "$executed" ]] || executed="$(sed -n 's/^#\([0-9]*\) .*/\1/p' <<<"$last")"
cov="$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")"
ft="$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")"
corp="$(sed -n 's/.* corp: \([^ ]*\).*/\1/p' <<<"$last")"
rate="$(stat average_exec_per_sec)"
rss="$(stat peak_rss_mb)"
seed="$(sed -n 's/^INFO: Seed: *//p' "$work/fuzz.log" | head -n 1)"
[[ -n "$rss" ]] || rss="$(sed -n 's/.* rss: \([0-9]*\)Mb.*/\1/p' <<<"$last")"
echo "fuzz: executed ${executed:-?} inputs in ${elapsed} s (${rate:-?} exec/s), coverage cov=${cov:-?} ft=${ft:-?}, corpus ${corp:-?} units/bytes, peak RSS ${rss:-?} MB, seed ${seed:-?} (FUZZ_ARGS=-seed=${seed:-N} to repeat)"

if [[ $status -ne 0 ]]; then
  grep -E 'DecoderFuzzer oracle|Fatal error|ERROR: libFuzzer|SUMMARY|deadly signal|timeout|out-of-memory' "$work/fuzz.log" | head -n 10 >&2 || true
  mkdir -p "$package/crashes"
  for artifact in "$work"/artifacts/*; do
    [[ -e "$artifact" ]] || continue
    cp "$artifact" "$package/crashes/"
    echo "fuzz: saved Tests/Fuzz/crashes/$(basename "$artifact"); replay: SWIFT_BACKTRACE=enable=no $bin Tests/Fuzz/crashes/$(basename "$artifact")" >&2
  done
  tail -n 40 "$work/fuzz.log" | cut -c1-300 >&2
  echo "fuzz: FAIL (libFuzzer exit status $status)" >&2
  exit 1
fi
echo "fuzz: PASS no crash, hang or out-of-memory in ${executed:-?} inputs"
