#!/usr/bin/env bash
# ./hall demo: the whole hall on this machine.
#
# With a desktop ($DISPLAY set): a demo data dir (keys, an officer, a supervisor, the example
# hall open all day so the demo works at any hour), the server, and a kiosk, a waiting-room
# display and a counter desk in windows. Ctrl-C stops everything the demo started; the data dir
# is kept for the next run.
#
# Without a display (or with --headless): the same hall under Xvfb, with a scripted visit: a
# visitor takes a ticket at the kiosk, the officer logs in and calls it, the display announces
# it, the officer finishes, the visitor rates the service on the phone page. Screenshots of each
# step, the paper ticket, the announcement as WAV and the day's report go to demo-out/.
#
# Options: --headless, --data DIR (default demo-data/), --out DIR (default demo-out/),
#          --port-base N (request N, updates N+1, web N+2; default 5555, 5556, 8080).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${HALL_BUILD_DIR:-$ROOT/build}/bin"
DATA="$ROOT/demo-data"
OUT="$ROOT/demo-out"
HEADLESS=0
REQ_PORT=5555 PUB_PORT=5556 WEB_PORT=8080
OFFICER_ID="petugas1" OFFICER_PIN="123456"
SUPERVISOR_ID="supervisor" SUPERVISOR_PIN="654321"
SERVICE="disperindag-pasuruan.surat-keterangan-asal"
COUNTER="loket-1" COUNTER_NAME="Loket 1"

while [ $# -gt 0 ]; do
  case "$1" in
    --headless) HEADLESS=1 ;;
    --data) DATA="$(realpath -m "$2")"; shift ;;
    --out) OUT="$(realpath -m "$2")"; shift ;;
    --port-base) REQ_PORT="$2"; PUB_PORT=$(( $2 + 1 )); WEB_PORT=$(( $2 + 2 )); shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "demo: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ -n "${DISPLAY:-}" ] || HEADLESS=1

CONFIG="$DATA/hall.toml"
SERVER="127.0.0.1:$REQ_PORT"
WEB="http://127.0.0.1:$WEB_PORT"
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
die() { printf 'demo: %s\n' "$*" >&2; exit 1; }

pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for p in $REQ_PORT $PUB_PORT $WEB_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    die "port $p is in use (another demo or hall running?): stop it, or use --port-base N"
  fi
done

# --- The hall: the example config, open every day 00:00-23:59 without breaks or holidays, on
# the chosen ports, with tickets printed to files in the data dir and a daily backup.
mkdir -p "$DATA/kiosk"
awk -v catalog="$ROOT/assets/catalog" -v req="$REQ_PORT" -v pub="$PUB_PORT" -v web="$WEB_PORT" '
  /^\[\[hours\.break\]\]/ || /^\[\[holiday\]\]/ { skip = 1; next }
  /^\[/ { skip = 0 }
  skip { next }
  /^catalog *=/ { print "catalog = \"" catalog "\""; next }
  /^request_port *=/ { print "request_port = " req; next }
  /^publish_port *=/ { print "publish_port = " pub; next }
  /^http_port *=/ { print "http_port = " web; next }
  /^public_url *=/ { print "public_url = \"http://127.0.0.1:" web "\""; next }
  /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday) *=/ { sub(/=.*/, "= \"00:00-23:59\""); print; next }
  { print }
' "$ROOT/assets/hall.example.toml" > "$CONFIG"

if [ ! -f "$DATA/server.key" ]; then
  say "Membuat kunci, petugas dan supervisor demo / Creating demo keys, an officer and a supervisor"
  "$BIN/queue_server" keys init --config "$CONFIG" --data "$DATA"
  for role in kiosk counter display admin; do
    "$BIN/queue_server" keys add --role "$role" --name "$role-1" --config "$CONFIG" --data "$DATA" \
      --out "$DATA/keys/$role-1" >/dev/null
  done
  "$BIN/queue_server" officer add --config "$CONFIG" --data "$DATA" --id "$OFFICER_ID" \
    --name "Petugas Demo" --pin "$OFFICER_PIN"
fi
if [ ! -f "$DATA/.supervisor" ]; then
  "$BIN/queue_server" officer add --config "$CONFIG" --data "$DATA" --id "$SUPERVISOR_ID" \
    --name "Supervisor Demo" --pin "$SUPERVISOR_PIN" --role admin && touch "$DATA/.supervisor"
fi

say "Menjalankan server / Starting queue_server"
"$BIN/queue_server" serve --config "$CONFIG" --data "$DATA" > "$DATA/server.out" 2> "$DATA/server.log" &
pids+=($!)
for _ in $(seq 1 100); do
  grep -q '^ready' "$DATA/server.out" 2>/dev/null && break
  kill -0 "${pids[0]}" 2>/dev/null || { cat "$DATA/server.log" >&2; die "the server stopped; see $DATA/server.log"; }
  sleep 0.1
done
grep -q '^ready' "$DATA/server.out" || die "the server did not start; see $DATA/server.log"
cat "$DATA/server.out"

ctl() { "$BIN/hallctl" --server "$SERVER" --keys "$DATA/keys/$1" "${@:2}"; }
keys() { echo "--config $CONFIG --keys $DATA/keys/$1"; }

info() {
  cat <<INFO

  Petugas / officer login:       $OFFICER_ID, PIN $OFFICER_PIN, $COUNTER_NAME
  Supervisor:                    $WEB/admin  ($SUPERVISOR_ID, PIN $SUPERVISOR_PIN)
  Halaman tiket / ticket page:   the QR code on each ticket, e.g. $WEB/t/<token>
  Keadaan / status:              $BIN/hallctl --server $SERVER --keys $DATA/keys/admin-1 status
  Data:                          $DATA (kept for the next run; server log: $DATA/server.log)
INFO
}

# --- With a desktop: the three programs in windows until Ctrl-C.
if [ "$HEADLESS" = 0 ]; then
  say "Membuka kios, layar dan meja loket / Opening the kiosk, the display and the counter desk"
  (cd "$DATA/kiosk" && exec "$BIN/kiosk" $(keys kiosk-1) --data "$DATA/kiosk" --windowed --size 600x1066) \
    2> "$DATA/kiosk.log" & pids+=($!)
  "$BIN/display" $(keys display-1) --windowed --size 1280x720 2> "$DATA/display.log" & pids+=($!)
  "$BIN/counter_client" $(keys counter-1) --counter "$COUNTER" --windowed 2> "$DATA/counter.log" & pids+=($!)
  info
  echo
  echo "  Tiket tercetak / printed tickets: $DATA/kiosk/tickets/"
  echo "  Tekan Ctrl-C untuk berhenti / press Ctrl-C to stop everything the demo started."
  wait "${pids[0]}"
  exit 0
fi

# --- Without a display: the scripted visit under Xvfb.
command -v Xvfb >/dev/null || die "Xvfb is missing: ./hall setup installs it"
rm -rf "$OUT"
mkdir -p "$OUT"
# A display number of our own (tests and the bench start Xvfb servers too, from other numbers).
n=$(( 1000 + $$ % 1000 ))
while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$(( n + 1 )); done
XDISPLAY=":$n"
Xvfb "$XDISPLAY" -screen 0 1920x1080x24 -nolisten tcp > "$DATA/xvfb.log" 2>&1 & pids+=($!)
for _ in $(seq 1 100); do [ -e "/tmp/.X11-unix/X${XDISPLAY#:}" ] && break; sleep 0.1; done
[ -e "/tmp/.X11-unix/X${XDISPLAY#:}" ] || die "Xvfb did not start on $XDISPLAY; see $DATA/xvfb.log"
export SDL_AUDIODRIVER="${SDL_AUDIODRIVER:-dummy}"  # no sound card here; the WAV below is the voice

say "Kios, layar dan meja loket berjalan di Xvfb $XDISPLAY / kiosk, display and desk run under Xvfb"
(cd "$DATA/kiosk" && DISPLAY=$XDISPLAY exec "$BIN/kiosk" $(keys kiosk-1) --data "$DATA/kiosk" --windowed) \
  2> "$OUT/kiosk.log" & pids+=($!)
DISPLAY=$XDISPLAY "$BIN/display" $(keys display-1) --windowed 2> "$OUT/display.log" & pids+=($!)
DISPLAY=$XDISPLAY "$BIN/counter_client" $(keys counter-1) --counter "$COUNTER" --windowed 2> "$OUT/counter.log" & pids+=($!)
# The display announces calls it hears after its first snapshot: wait until it is connected.
for _ in $(seq 1 600); do grep -q "connected to the server" "$OUT/display.log" && break; sleep 0.1; done
grep -q "connected to the server" "$OUT/display.log" || die "the display did not connect; see $OUT/display.log"

# A counter left busy by an earlier run is freed first, so the demo's ticket is the one called.
ctl counter-1 login "$OFFICER_ID" "$OFFICER_PIN" "$COUNTER" >/dev/null 2>&1 || true
{ ctl counter-1 serve "$COUNTER" && ctl counter-1 done "$COUNTER"; } >/dev/null 2>&1 || true
ctl counter-1 done "$COUNTER" >/dev/null 2>&1 || true
ctl counter-1 logout "$COUNTER" >/dev/null 2>&1 || true

say "1. Pengunjung membaca persyaratan dan mengambil nomor / A visitor reads the requirements and takes a number"
"$BIN/kiosk" $(keys kiosk-1) --screenshot "$OUT/1-kiosk-requirements.png" --screen service --service "$SERVICE" \
  2>> "$OUT/steps.log"
"$BIN/kiosk" $(keys kiosk-1) --data "$DATA/kiosk" --screenshot "$OUT/2-kiosk-ticket.png" --screen ticket --visit \
  --service "$SERVICE" 2>> "$OUT/steps.log"
NUMBER="$(grep -o 'visitor took [A-Z]*-[0-9]*' "$OUT/steps.log" | tail -1 | awk '{print $3}')"
[ -n "$NUMBER" ] || die "the kiosk issued no number; see $OUT/steps.log"
"$BIN/kiosk" $(keys kiosk-1) --ticket-png "$OUT/ticket.png" --ticket "$NUMBER" 2>> "$OUT/steps.log"
URL="$(zbarimg -q --raw "$OUT/ticket.png" 2>/dev/null | head -1 || true)"
[ -n "$URL" ] || die "the ticket's QR code could not be read"
TOKEN="${URL##*/}"
echo "   Nomor / number: $NUMBER   QR: $URL"

say "2. Petugas masuk dan memanggil / The officer logs in and calls it"
ctl counter-1 login "$OFFICER_ID" "$OFFICER_PIN" "$COUNTER"
ctl counter-1 call "$NUMBER" "$COUNTER"
"$BIN/counter_client" $(keys counter-1) --counter "$COUNTER" --screenshot "$OUT/3-counter-called.png" --screen main \
  2>> "$OUT/steps.log"

say "3. Layar memanggil nomor / The display announces it"
for _ in $(seq 1 600); do grep -q "announcing ticket $NUMBER" "$OUT/display.log" && break; sleep 0.1; done
grep -q "announcing ticket $NUMBER" "$OUT/display.log" || die "the display did not announce $NUMBER; see $OUT/display.log"
grep "announcing ticket $NUMBER" "$OUT/display.log" | tail -1 | sed 's/.*: /   /'
"$BIN/display" $(keys display-1) --screenshot "$OUT/4-display-call.png" 2>> "$OUT/steps.log"
"$BIN/display" --config "$CONFIG" --say "$NUMBER" "$COUNTER_NAME" --wav "$OUT/announcement.wav" >> "$OUT/steps.log" 2>&1

say "4. Petugas melayani dan selesai / The officer serves and finishes"
ctl counter-1 serve "$COUNTER"
ctl counter-1 done "$COUNTER"
"$BIN/counter_client" $(keys counter-1) --counter "$COUNTER" --screenshot "$OUT/5-counter-done.png" --screen main \
  2>> "$OUT/steps.log"

say "5. Pengunjung menilai layanan di ponselnya / The visitor rates the service on their phone"
curl -fsS -X POST -H 'Content-Type: application/json' \
  -d '{"answers":[4,4,3,4,4,4,4,3,4],"suggestion":"Pelayanan cepat dan ramah."}' \
  "$WEB/api/t/$TOKEN/survey" > "$OUT/survey-reply.json" || die "the survey was not accepted; see $DATA/server.log"
if command -v chromium >/dev/null; then
  timeout 60 chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --hide-scrollbars --window-size=390,844 --virtual-time-budget=4000 --screenshot="$OUT/6-phone-rated.png" \
    "$WEB/t/$TOKEN" > "$OUT/chromium.log" 2>&1 || echo "   (chromium could not take the phone screenshot; see $OUT/chromium.log)"
else
  echo "   (chromium is not installed: no phone screenshot)"
fi
TODAY="$(ctl admin-1 --json status | python3 -c 'import json,sys; print(json.load(sys.stdin)["date"])')"
"$BIN/queue_server" report --config "$CONFIG" --data "$DATA" --from "$TODAY" --to "$TODAY" --format html \
  --out "$OUT/report.html" >/dev/null

WAV_SECONDS="$(sox "$OUT/announcement.wav" -n stat 2>&1 | awk '/Length/ {print $3}')"
say "Ringkasan / Summary"
cat <<SUMMARY
  Tiket / ticket:        $NUMBER ($SERVICE), QR $URL
  Dipanggil / called:    $COUNTER_NAME; announced by the display; announcement.wav ${WAV_SECONDS}s
  Survei / survey:       $(cat "$OUT/survey-reply.json")
  Berkas / files in $OUT:
$(cd "$OUT" && ls -1 *.png *.wav *.html | sed 's/^/    /')
SUMMARY
info
