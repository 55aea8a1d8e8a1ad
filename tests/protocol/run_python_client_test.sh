#!/usr/bin/env bash
# Runs tests/protocol/python_client.py (a client written from common/protocol/PROTOCOL.md
# alone) against a real queue_server: a temporary data dir and config (the fixture catalog,
# every day open all day so the result never depends on the clock), keys for each role, one
# officer, ephemeral ports on 127.0.0.1. The server is always stopped at the end.
#
# Usage: run_python_client_test.sh BIN_DIR SOURCE_DIR
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 BIN_DIR SOURCE_DIR" >&2
  exit 2
fi
BIN="$(cd "$1" && pwd)"
SRC="$(cd "$2" && pwd)"
QS="$BIN/queue_server"
[ -x "$QS" ] || { echo "FAIL: $QS is not built" >&2; exit 1; }

# Debian's python3-zmq lives in /usr/bin/python3; another python3 earlier on PATH may lack it.
PY=""
for candidate in /usr/bin/python3 python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import zmq' >/dev/null 2>&1; then
    PY="$candidate"
    break
  fi
done
if [ -z "$PY" ]; then
  echo "FAIL: no python3 with the zmq module: install python3-zmq (./hall setup)" >&2
  exit 1
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/hall-protocol-test.XXXXXX")"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

CONFIG="$WORK/hall.toml"
DATA="$WORK/data"
KEYS="$WORK/keys"
SERVICE="contoh-dinas.layanan-satu"
COUNTER="loket-1"
OFFICER="budi"
PIN="246810"

# The fixture hall (tests/server/test_hall.hpp) with every day open all day. "24:00" as the
# end keeps the last minute of the day open too ("23:59" would close it for that minute).
cat >"$CONFIG" <<EOF
[hall]
name = "Mal Uji Protokol"
utc_offset = "+07:00"
catalog = "$SRC/tests/fixtures/catalog"

[server]
bind = "127.0.0.1"
request_port = 0
publish_port = 0
http_port = 0
server_host = "127.0.0.1"

[hours]
monday = "00:00-24:00"
tuesday = "00:00-24:00"
wednesday = "00:00-24:00"
thursday = "00:00-24:00"
friday = "00:00-24:00"
saturday = "00:00-24:00"
sunday = "00:00-24:00"

[priority]
mode = "interleave"
regular_per_priority = 1

[[agency]]
id = "contoh-dinas"
prefix = "A"

[[agency.service]]
id = "contoh-dinas.layanan-tiga"
prefix = "C"
daily_quota = 1000

[[counter]]
id = "loket-1"
name = "Loket 1"
services = ["contoh-dinas.*"]

[[counter]]
id = "loket-2"
name = "Loket 2"
services = ["contoh-dinas.layanan-dua"]
EOF

"$QS" keys init --config "$CONFIG" --data "$DATA" >/dev/null
for role in kiosk counter display admin; do
  "$QS" keys add --role "$role" --name "$role-1" --config "$CONFIG" --data "$DATA" --out "$KEYS/$role" >/dev/null
done
"$QS" officer add --config "$CONFIG" --data "$DATA" --id "$OFFICER" --name "Budi Santoso" --pin "$PIN" >/dev/null

"$QS" serve --config "$CONFIG" --data "$DATA" >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!

READY=""
for _ in $(seq 1 100); do
  READY="$(grep -m1 '^ready ' "$WORK/server.out" 2>/dev/null || true)"
  [ -n "$READY" ] && break
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "FAIL: queue_server exited before it was ready:" >&2
    cat "$WORK/server.err" >&2
    exit 1
  fi
  sleep 0.1
done
if [ -z "$READY" ]; then
  echo "FAIL: queue_server printed no ready line within 10 s:" >&2
  cat "$WORK/server.err" >&2
  exit 1
fi
REQUEST_PORT="$(sed -n 's/^ready request_port=\([0-9]*\) .*/\1/p' <<<"$READY")"
echo "server: $READY"

set +e
"$PY" "$SRC/tests/protocol/python_client.py" --host 127.0.0.1 --port "$REQUEST_PORT" --keys "$KEYS" \
  --service "$SERVICE" --counter "$COUNTER" --officer "$OFFICER" --pin "$PIN"
RC=$?
set -e
if [ "$RC" -ne 0 ]; then
  echo "--- server log ---"
  cat "$WORK/server.err"
fi
exit "$RC"
