#!/usr/bin/env bash
# The headless demo, as a newcomer without a display runs it: every step's screenshot, the
# paper ticket with a readable QR code, the spoken call as a WAV, the survey in the report.
set -euo pipefail
SRC="$1"
BUILD_BIN="$2"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Three consecutive free ports on 127.0.0.1.
base=""
for _ in $(seq 1 50); do
  b=$(( 20000 + RANDOM % 9000 ))
  busy=0
  for p in $b $((b + 1)) $((b + 2)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && busy=1
  done
  [ "$busy" = 0 ] && { base=$b; break; }
done
[ -n "$base" ] || fail "no free ports"

env -u DISPLAY HALL_BUILD_DIR="$(dirname "$BUILD_BIN")" \
  bash "$SRC/tools/demo.sh" --headless --data "$WORK/data" --out "$WORK/out" --port-base "$base" > "$WORK/demo.txt" 2>&1 \
  || { cat "$WORK/demo.txt"; fail "the demo failed"; }
OUT="$WORK/out"

for shot in 1-kiosk-requirements 2-kiosk-ticket 3-counter-called 4-display-call 5-counter-done 6-phone-rated ticket; do
  [ -s "$OUT/$shot.png" ] || fail "$shot.png is missing"
  # A real picture, not an empty surface: PNGs of these screens are tens of kilobytes.
  [ "$(stat -c %s "$OUT/$shot.png")" -gt 10000 ] || fail "$shot.png is suspiciously small"
done
url="$(zbarimg -q --raw "$OUT/ticket.png" 2>/dev/null | head -1)"
[[ "$url" =~ ^http://127\.0\.0\.1:$((base + 2))/t/[0-9a-f]{32}$ ]] || fail "ticket QR decodes to '$url'"
number="$(grep -o 'Nomor / number: [A-Z]*-[0-9]*' "$WORK/demo.txt" | awk '{print $4}')"
[ -n "$number" ] || fail "no ticket number in the summary"
grep -q "announcing ticket $number" "$OUT/display.log" || fail "the running display did not announce $number"
seconds="$(sox "$OUT/announcement.wav" -n stat 2>&1 | awk '/Length/ {print $3}')"
awk -v s="$seconds" 'BEGIN { exit !(s > 1.0) }' || fail "announcement.wav is ${seconds}s long"
grep -q '"ok":true' "$OUT/survey-reply.json" || fail "the survey was not accepted"
# The visitor's rating is in the day's report: one respondent, IKM 94,44 (34 of 36 points).
grep -q "94,44" "$OUT/report.html" || fail "the report does not show the survey's IKM 94,44"
# The demo stopped everything it started.
sleep 1
! pgrep -f -- "--data $WORK/data" >/dev/null || fail "a demo process is still running"
echo "headless demo: $number, QR $url, announcement ${seconds}s, all outputs present"
