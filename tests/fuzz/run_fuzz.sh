#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang under AddressSanitizer and
# UndefinedBehaviorSanitizer, in a build dir of their own (the main build uses g++), and runs
# each on its seed corpus (tests/fuzz/corpus/<target>/) for a fixed time. Inputs that once
# crashed (tests/fuzz/regressions/<target>/) are replayed first. Fails on any crash, sanitizer
# report, leak or slow input; the input is kept in <build>/artifacts/.
#
# Usage: tests/fuzz/run_fuzz.sh [--build DIR] [--seconds N] [--build-only] [--no-build] [TARGET...]
#   --build DIR   the clang build dir (default: build/fuzz in the source tree)
#   --seconds N   fuzzing time per target (default 30)
#   TARGET        fuzz_decode_request, fuzz_decode_reply, fuzz_catalog, fuzz_hall_config,
#                 fuzz_http_input (default: all)
# Reproduce a crash: <build>/bin/<target> <artifact file>
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BUILD="$ROOT/build/fuzz"
FUZZ_SECONDS=30
DO_BUILD=1
DO_RUN=1
TARGETS=()
ALL_TARGETS=(fuzz_decode_request fuzz_decode_reply fuzz_catalog fuzz_hall_config fuzz_http_input)

while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD="$2"; shift 2 ;;
    --seconds) FUZZ_SECONDS="$2"; shift 2 ;;
    --build-only) DO_RUN=0; shift ;;
    --no-build) DO_BUILD=0; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    fuzz_*) TARGETS+=("$1"); shift ;;
    *) echo "run_fuzz.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=("${ALL_TARGETS[@]}")

say() { printf '[fuzz] %s\n' "$*" >&2; }

dict_of() {
  case "$1" in
    fuzz_hall_config) echo "$HERE/dict/toml.dict" ;;
    *) echo "$HERE/dict/json.dict" ;;
  esac
}

if [ "$DO_BUILD" = 1 ]; then
  if ! command -v clang++ >/dev/null 2>&1; then
    say "clang++ is missing: install clang and libclang-rt-14-dev (./hall setup does)"
    exit 1
  fi
  flags="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=all"
  say "configuring the clang build in $BUILD"
  CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD" -DHALL_FUZZ=ON -DHALL_WERROR=OFF \
    -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS_DEBUG="$flags" -DCMAKE_CXX_FLAGS_DEBUG="$flags" >/dev/null
  say "building ${TARGETS[*]}"
  cmake --build "$BUILD" -j "${HALL_JOBS:-$(nproc 2>/dev/null || echo 2)}" --target "${TARGETS[@]}" >"$BUILD/build.log" 2>&1 ||
    { tail -40 "$BUILD/build.log" >&2; say "build failed (log: $BUILD/build.log)"; exit 1; }
fi
[ "$DO_RUN" = 1 ] || exit 0

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
# Readable stacks need llvm-symbolizer (package llvm); fall back to clang 14's own copy.
if ! command -v llvm-symbolizer >/dev/null 2>&1 && [ -x /usr/lib/llvm-14/bin/llvm-symbolizer ]; then
  export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
fi
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
mkdir -p "$BUILD/artifacts" "$BUILD/logs"
failed=0
summary=()
for t in "${TARGETS[@]}"; do
  bin="$BUILD/bin/$t"
  [ -x "$bin" ] || { say "$t: $bin is not built"; failed=1; continue; }
  log="$BUILD/logs/$t.log"
  # 1. Every input that once crashed must now pass.
  regressions=()
  if [ -d "$HERE/regressions/$t" ]; then
    while IFS= read -r -d '' f; do regressions+=("$f"); done < <(find "$HERE/regressions/$t" -type f -print0 | sort -z)
  fi
  if [ ${#regressions[@]} -gt 0 ]; then
    if ! "$bin" -timeout=10 "${regressions[@]}" >"$BUILD/logs/$t.regressions.log" 2>&1; then
      tail -40 "$BUILD/logs/$t.regressions.log" >&2
      say "$t: a regression input fails again (log: $BUILD/logs/$t.regressions.log)"
      failed=1
      continue
    fi
  fi
  # 2. Fuzz from the seeds; new inputs go to the build dir's corpus, never to the source tree.
  work="$BUILD/corpus/$t"
  mkdir -p "$work"
  say "$t: fuzzing for ${FUZZ_SECONDS}s (seeds: tests/fuzz/corpus/$t, ${#regressions[@]} regression input(s) passed)"
  if "$bin" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -dict="$(dict_of "$t")" -artifact_prefix="$BUILD/artifacts/$t-" -print_final_stats=1 \
      "$work" "$HERE/corpus/$t" >"$log" 2>&1; then
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    corpus=$(find "$work" -type f | wc -l)
    summary+=("$t: $execs executions ($speed/s), 0 crashes, corpus $corpus inputs")
  else
    grep -E 'ERROR|SUMMARY|runtime error|Test unit written|deadly signal|==[0-9]+==' "$log" | head -20 >&2 || true
    tail -30 "$log" >&2
    say "$t: CRASH (log: $log; input in $BUILD/artifacts/; reproduce: $bin <input>)"
    summary+=("$t: CRASH")
    failed=1
  fi
done
for line in "${summary[@]}"; do say "$line"; done
exit $failed
