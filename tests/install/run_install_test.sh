#!/usr/bin/env bash
# `./hall install` into a staging folder (DESTDIR), never onto this machine: the files and units
# are where they belong, a role installs only its part, a dry run changes nothing; the installed
# queue_server checks the installed catalog, makes keys and serves until "ready" on 127.0.0.1;
# and systemd-analyze (when present) finds nothing to complain about in the units.
# Usage: run_install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
BUILD="$1"
SRC="$2"
TMP="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "-- $*"; }

# DESTDIR keeps the install (and `hall install` itself) away from the host, also as root.
install_to() {
  local stage="$1"; shift
  DESTDIR="$stage" HALL_BUILD_DIR="$BUILD" "$SRC/hall" install --no-build "$@"
}

step "install --role all into a staging folder"
STAGE="$TMP/stage"
install_to "$STAGE" --prefix /usr/local --role all > "$TMP/install.log" 2>&1 || { cat "$TMP/install.log"; fail "hall install failed"; }
P="$STAGE/usr/local"
for f in bin/queue_server bin/hallctl bin/kiosk bin/display bin/counter_client \
         share/hall/hall.example.toml share/hall/catalog/SCHEMA.md share/hall/session.env.example \
         share/hall/setup-host.sh libexec/hall/hall-session \
         lib/systemd/system/hall-server.service lib/systemd/system/hall-kiosk@.service \
         lib/systemd/system/hall-display@.service; do
  [ -e "$P/$f" ] || fail "missing $P/$f"
done
for f in bin/queue_server bin/kiosk share/hall/setup-host.sh libexec/hall/hall-session; do
  [ -x "$P/$f" ] || fail "$P/$f is not executable"
done
[ "$(ls "$P"/share/hall/catalog/*.json | wc -l)" -eq "$(ls "$SRC"/assets/catalog/*.json | wc -l)" ] \
  || fail "the installed catalog differs from assets/catalog"
grep -q "systemctl enable --now hall-server.service" "$TMP/install.log" || fail "no next steps printed"
[ ! -e "$STAGE/etc" ] || fail "a staged install wrote to etc/"

# The units' settings that matter; systemd-analyze below checks their syntax.
unit_has() {
  grep -qxF "$2" "$P/lib/systemd/system/$1" || fail "$1 lacks the line: $2"
}
step "unit settings"
unit_has hall-server.service "ExecStart=/usr/local/bin/queue_server serve --config /etc/hall/hall.toml --data /var/lib/hall"
for line in User=hall Restart=on-failure NoNewPrivileges=yes ProtectSystem=strict ReadWritePaths=/var/lib/hall \
            WantedBy=multi-user.target; do
  unit_has hall-server.service "$line"
done
for unit in hall-kiosk@.service hall-display@.service; do
  for line in User=hall Restart=always PAMName=login TTYPath=/dev/tty7 "ConditionPathExists=/etc/hall/keys/%i"; do
    unit_has "$unit" "$line"
  done
done
grep -q '^ExecStart=/usr/bin/xinit /usr/local/libexec/hall/hall-session /usr/local/bin/kiosk --fullscreen --config /etc/hall/hall.toml --keys /etc/hall/keys/%i ' \
  "$P/lib/systemd/system/hall-kiosk@.service" || fail "hall-kiosk@.service does not start the kiosk under xinit"
grep -q '^ExecStart=/usr/bin/xinit /usr/local/libexec/hall/hall-session /usr/local/bin/display --config /etc/hall/hall.toml --keys /etc/hall/keys/%i ' \
  "$P/lib/systemd/system/hall-display@.service" || fail "hall-display@.service does not start the display under xinit"
if grep -q "@HALL_" "$P"/lib/systemd/system/*; then fail "a unit still holds a template variable"; fi

step "install --role server takes only the server's part"
install_to "$TMP/server" --prefix /opt/hall --role server > "$TMP/server.log" 2>&1 || { cat "$TMP/server.log"; fail "server install failed"; }
[ -x "$TMP/server/opt/hall/bin/queue_server" ] || fail "--role server did not install queue_server"
[ -x "$TMP/server/opt/hall/bin/hallctl" ] || fail "--role server did not install hallctl"
[ ! -e "$TMP/server/opt/hall/bin/kiosk" ] || fail "--role server installed the kiosk"
[ ! -e "$TMP/server/opt/hall/lib/systemd/system/hall-kiosk@.service" ] || fail "--role server installed the kiosk unit"
grep -qxF "ExecStart=/opt/hall/bin/queue_server serve --config /etc/hall/hall.toml --data /var/lib/hall" \
  "$TMP/server/opt/hall/lib/systemd/system/hall-server.service" || fail "the unit does not follow --prefix"

step "--dry-run changes nothing; a wrong role is refused"
install_to "$TMP/dry" --role kiosk --dry-run > "$TMP/dry.log" 2>&1 || { cat "$TMP/dry.log"; fail "dry run failed"; }
[ ! -e "$TMP/dry" ] || fail "--dry-run wrote files"
grep -q "cmake --install .* --component kiosk" "$TMP/dry.log" || fail "--dry-run does not show the install step"
set +e
install_to "$TMP/bad" --role printer > "$TMP/bad.log" 2>&1
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "--role printer exited with $rc, not 2"
grep -q "role must be" "$TMP/bad.log" || fail "no clear message for a wrong role"

step "setup-host.sh on a staging root"
ROOTFS="$TMP/root"
"$P/share/hall/setup-host.sh" --share "$P/share/hall" --root "$ROOTFS" > "$TMP/setup.log"
ETC="$ROOTFS/etc/hall"
for f in hall.toml catalog session.env keys; do [ -e "$ETC/$f" ] || fail "setup-host did not make $ETC/$f"; done
echo "# edited" >> "$ETC/hall.toml"
"$P/share/hall/setup-host.sh" --share "$P/share/hall" --root "$ROOTFS" > /dev/null
grep -q "^# edited" "$ETC/hall.toml" || fail "setup-host overwrote an edited hall.toml"

step "the installed queue_server: catalog check, keys, serve until ready"
QS="$P/bin/queue_server"
"$QS" catalog check "$ETC/catalog" > "$TMP/catalog.log" 2>&1 || { cat "$TMP/catalog.log"; fail "catalog check of the installed catalog"; }
# Any free ports on 127.0.0.1 (the example already binds 127.0.0.1 only).
sed -i -E 's/^(request_port|publish_port|http_port) = [0-9]+/\1 = 0/' "$ETC/hall.toml"
grep -q '^bind = "127.0.0.1"' "$ETC/hall.toml" || fail "the example config does not bind 127.0.0.1"
DATA="$ROOTFS/var/lib/hall"
"$QS" keys init --config "$ETC/hall.toml" --data "$DATA" > "$TMP/keys.log" 2>&1 || { cat "$TMP/keys.log"; fail "keys init"; }
"$QS" keys add --role kiosk --name kiosk-1 --config "$ETC/hall.toml" --data "$DATA" --out "$ETC/keys/kiosk-1" \
  >> "$TMP/keys.log" 2>&1 || { cat "$TMP/keys.log"; fail "keys add"; }
[ -n "$(ls -A "$ETC/keys/kiosk-1")" ] || fail "keys add wrote an empty key folder"
"$QS" serve --config "$ETC/hall.toml" --data "$DATA" > "$TMP/serve.out" 2> "$TMP/serve.err" &
server_pid=$!
for _ in $(seq 1 300); do
  grep -q '^ready' "$TMP/serve.out" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
grep -q '^ready' "$TMP/serve.out" || { cat "$TMP/serve.err"; fail "the installed server never said ready"; }
kill -TERM "$server_pid"
set +e
wait "$server_pid"
rc=$?
set -e
server_pid=""
[ "$rc" -eq 0 ] || { cat "$TMP/serve.err"; fail "the server exited with $rc on SIGTERM"; }

# The session script under a virtual X server, as the units run it under :0: it becomes the
# program, so the session (and xinit) ends when the program does.
if [ -x /usr/bin/xinit ] && [ -x /usr/bin/Xvfb ]; then
  step "xinit hall-session PROGRAM ends with the program"
  n=$(( 300 + $$ % 500 ))
  while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
  timeout 60 xinit "$P/libexec/hall/hall-session" /bin/sh -c 'echo "$DISPLAY" > "$0"' "$TMP/session.ran" \
    -- /usr/bin/Xvfb ":$n" -nolisten tcp > "$TMP/xinit.log" 2>&1 || { cat "$TMP/xinit.log"; fail "xinit with hall-session failed"; }
  [ "$(cat "$TMP/session.ran" 2>/dev/null)" = ":$n" ] || { cat "$TMP/xinit.log"; fail "hall-session did not run the program on :$n"; }
else
  step "xinit or Xvfb is not installed: the session script was not run"
fi

if command -v systemd-analyze >/dev/null 2>&1; then
  step "systemd-analyze verify"
  # Copies whose program paths point into the staging folder, so verify finds the programs;
  # the templates are checked as an instance.
  mkdir -p "$TMP/units"
  sed "s#/usr/local/#$P/#g" "$P/lib/systemd/system/hall-server.service" > "$TMP/units/hall-server.service"
  sed "s#/usr/local/#$P/#g" "$P/lib/systemd/system/hall-kiosk@.service" > "$TMP/units/hall-kiosk@kiosk-1.service"
  sed "s#/usr/local/#$P/#g" "$P/lib/systemd/system/hall-display@.service" > "$TMP/units/hall-display@display-1.service"
  for unit in "$TMP"/units/*.service; do
    out="$(cd "$TMP/units" && SYSTEMD_LOG_COLOR=0 systemd-analyze verify "$unit" 2>&1)" || true
    # Without an X server installed (a server-only machine), xinit's absence is expected.
    if [ ! -x /usr/bin/xinit ]; then out="$(printf '%s\n' "$out" | grep -v '/usr/bin/xinit' || true)"; fi
    [ -z "$out" ] || fail "systemd-analyze verify $(basename "$unit"): $out"
  done
else
  step "systemd-analyze is not installed: the unit settings above were checked by reading them"
fi
echo "install test passed"
