#!/usr/bin/env bash
# ./hall demo: a small hall on this machine. Makes a demo data dir (keys, an officer, the
# example hall open all day so the demo works at any hour), starts the server, and walks one
# visitor's ticket through its life with hallctl while `hallctl watch` shows the live updates.
# The data dir is kept for the next run; Ctrl-C stops everything the demo started.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${HALL_BUILD_DIR:-$ROOT/build}/bin"
DATA="${HALL_DEMO_DATA:-$ROOT/demo-data}"
CONFIG="$DATA/hall.toml"
OFFICER_ID="petugas1"
OFFICER_PIN="123456"

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

mkdir -p "$DATA"
# The example hall, open every day from 00:00 to 23:59 without breaks or holidays, so that a
# newcomer can try it at any hour. Everything else is assets/hall.example.toml as shipped.
awk -v catalog="$ROOT/assets/catalog" '
  /^\[\[hours\.break\]\]/ || /^\[\[holiday\]\]/ { skip = 1; next }
  /^\[/ { skip = 0 }
  skip { next }
  /^catalog *=/ { print "catalog = \"" catalog "\""; next }
  /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday) *=/ { sub(/=.*/, "= \"00:00-23:59\""); print; next }
  { print }
' "$ROOT/assets/hall.example.toml" > "$CONFIG"

if [ ! -f "$DATA/server.key" ]; then
  say "Membuat kunci dan petugas demo / Creating demo keys and an officer"
  "$BIN/queue_server" keys init --config "$CONFIG" --data "$DATA"
  for role in kiosk counter display admin; do
    "$BIN/queue_server" keys add --role "$role" --name "$role-1" --config "$CONFIG" --data "$DATA" --out "$DATA/keys/$role-1"
  done
  "$BIN/queue_server" officer add --config "$CONFIG" --data "$DATA" --id "$OFFICER_ID" --name "Petugas Demo" --pin "$OFFICER_PIN"
fi

say "Menjalankan server / Starting queue_server"
"$BIN/queue_server" serve --config "$CONFIG" --data "$DATA" > "$DATA/server.out" 2> "$DATA/server.log" &
pids+=($!)
for _ in $(seq 1 100); do
  grep -q '^ready' "$DATA/server.out" 2>/dev/null && break
  if ! kill -0 "${pids[0]}" 2>/dev/null; then cat "$DATA/server.log" >&2; exit 1; fi
  sleep 0.1
done
grep -q '^ready' "$DATA/server.out" || { echo "server did not start; see $DATA/server.log" >&2; exit 1; }
cat "$DATA/server.out"

ctl() { "$BIN/hallctl" --server 127.0.0.1:5555 --keys "$DATA/keys/$1" "${@:2}"; }

say "Pembaruan langsung / Live updates (hallctl watch)"
"$BIN/hallctl" --server 127.0.0.1:5555 --keys "$DATA/keys/display-1" watch &
pids+=($!)
sleep 1

say "Pengunjung mengambil nomor / A visitor takes a ticket"
ctl kiosk-1 issue disperindag-pasuruan.surat-keterangan-asal
ctl kiosk-1 issue disperindag-pasuruan.konsultasi --priority elderly
say "Petugas masuk dan memanggil / The officer logs in and calls"
ctl counter-1 login "$OFFICER_ID" "$OFFICER_PIN" loket-1
# A ticket left at the counter by an earlier run is finished first.
{ ctl counter-1 serve loket-1 && ctl counter-1 done loket-1; } >/dev/null 2>&1 || true
ctl counter-1 call-next loket-1
ctl counter-1 recall loket-1
ctl counter-1 serve loket-1
ctl counter-1 done loket-1
say "Antrian prioritas berikutnya / The priority ticket is next"
ctl counter-1 call-next loket-1
ctl counter-1 no-show loket-1
sleep 1
say "Keadaan mal / Hall status"
ctl admin-1 status | head -30

cat <<INFO

Selesai / Done. Data dir: $DATA (kept for the next run; server log: $DATA/server.log)
Officer login: $OFFICER_ID / PIN $OFFICER_PIN
Try it yourself while a server runs:
  $BIN/hallctl --server 127.0.0.1:5555 --keys $DATA/keys/admin-1 status
INFO
