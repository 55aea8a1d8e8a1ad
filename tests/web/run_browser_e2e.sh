#!/usr/bin/env bash
# The web pages end to end in headless Chromium (Debian's /usr/bin/chromium, driven over the
# DevTools protocol by browser_e2e.py with Debian's python3-websocket). Starts a real
# queue_server on 127.0.0.1 with ephemeral ports (a temporary data dir, the fixture catalog,
# every day open all day), an officer and an admin, and the browser with a throw-away profile;
# both are always stopped at the end. Screenshots land in OUT_DIR.
#
# Usage: run_browser_e2e.sh BIN_DIR SOURCE_DIR OUT_DIR
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 BIN_DIR SOURCE_DIR OUT_DIR" >&2
  exit 2
fi
BIN="$(cd "$1" && pwd)"
SRC="$(cd "$2" && pwd)"
OUT="$3"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
QS="$BIN/queue_server"
HALLCTL="$BIN/hallctl"
CHROMIUM="${HALL_CHROMIUM:-/usr/bin/chromium}"
for f in "$QS" "$HALLCTL"; do
  [ -x "$f" ] || { echo "FAIL: $f is not built" >&2; exit 1; }
done
[ -x "$CHROMIUM" ] || { echo "FAIL: $CHROMIUM is missing: install chromium (./hall setup)" >&2; exit 1; }
# Debian's python3-websocket lives in /usr/bin/python3; another python3 earlier on PATH may lack it.
PY=""
for candidate in /usr/bin/python3 python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import websocket' >/dev/null 2>&1; then
    PY="$candidate"
    break
  fi
done
[ -n "$PY" ] || { echo "FAIL: no python3 with the websocket module: install python3-websocket (./hall setup)" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/hall-web-e2e.XXXXXX")"
SERVER_PID=""
BROWSER_PID=""
stop_pid() {
  local pid="$1"
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop_pid "$BROWSER_PID"
  stop_pid "$SERVER_PID"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

CONFIG="$WORK/hall.toml"
DATA="$WORK/data"
KEYS="$WORK/keys"
SERVICE="contoh-dinas.layanan-satu"
cat >"$CONFIG" <<TOML
[hall]
name = "Mal Pelayanan Publik Uji"
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

[[agency]]
id = "contoh-dinas"
prefix = "A"

[[counter]]
id = "loket-1"
name = "Loket 1"
services = ["contoh-dinas.*"]

[[counter]]
id = "loket-2"
name = "Loket 2"
services = ["contoh-dinas.layanan-dua"]
TOML

"$QS" keys init --config "$CONFIG" --data "$DATA" >/dev/null
for role in kiosk counter admin; do
  "$QS" keys add --role "$role" --name "$role-1" --config "$CONFIG" --data "$DATA" --out "$KEYS/$role" >/dev/null
done
"$QS" officer add --config "$CONFIG" --data "$DATA" --id budi --name "Budi Santoso" --pin 246810 >/dev/null
"$QS" officer add --config "$CONFIG" --data "$DATA" --id siti --name "Siti Aminah" --pin 482913 --role admin >/dev/null

"$QS" serve --config "$CONFIG" --data "$DATA" >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
READY=""
for _ in $(seq 1 100); do
  READY="$(grep -m1 '^ready ' "$WORK/server.out" 2>/dev/null || true)"
  [ -n "$READY" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "FAIL: queue_server exited:" >&2; cat "$WORK/server.err" >&2; exit 1; }
  sleep 0.1
done
[ -n "$READY" ] || { echo "FAIL: queue_server printed no ready line within 10 s" >&2; cat "$WORK/server.err" >&2; exit 1; }
REQUEST_PORT="$(sed -n 's/^ready request_port=\([0-9]*\) .*/\1/p' <<<"$READY")"
HTTP_PORT="$(sed -n 's/.* http_port=\([0-9]*\).*/\1/p' <<<"$READY")"
echo "server: $READY"

# A throw-away profile; no background traffic to anywhere (only 127.0.0.1 is ever opened).
"$CHROMIUM" --headless=new --no-sandbox --disable-gpu --no-first-run --no-default-browser-check \
  --disable-extensions --disable-background-networking --disable-component-update --disable-sync \
  --disable-default-apps --disable-domain-reliability --no-pings --metrics-recording-only --mute-audio \
  --disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication \
  --user-data-dir="$WORK/profile" --remote-debugging-address=127.0.0.1 --remote-debugging-port=0 \
  about:blank >"$WORK/browser.out" 2>"$WORK/browser.err" &
BROWSER_PID=$!
DEVTOOLS_PORT=""
for _ in $(seq 1 300); do
  if [ -s "$WORK/profile/DevToolsActivePort" ]; then
    DEVTOOLS_PORT="$(head -1 "$WORK/profile/DevToolsActivePort")"
    [ -n "$DEVTOOLS_PORT" ] && break
  fi
  kill -0 "$BROWSER_PID" 2>/dev/null || { echo "FAIL: chromium exited:" >&2; tail -20 "$WORK/browser.err" >&2; exit 1; }
  sleep 0.1
done
[ -n "$DEVTOOLS_PORT" ] || { echo "FAIL: chromium did not open its DevTools port within 30 s" >&2; tail -20 "$WORK/browser.err" >&2; exit 1; }
echo "chromium: DevTools on 127.0.0.1:$DEVTOOLS_PORT"

set +e
"$PY" "$SRC/tests/web/browser_e2e.py" --devtools-port "$DEVTOOLS_PORT" --http-port "$HTTP_PORT" \
  --request-port "$REQUEST_PORT" --hallctl "$HALLCTL" --keys "$KEYS" --service "$SERVICE" --out "$OUT"
RC=$?
set -e
if [ "$RC" -ne 0 ]; then
  echo "--- server log (last 40 lines) ---"
  tail -40 "$WORK/server.err"
fi
exit "$RC"
