#!/bin/sh
# Prepares a machine of the hall for the installed programs, and never overwrites what the
# technician has changed: the `hall` system user, /etc/hall with the example config, its catalog
# and session.env, /etc/hall/keys for enrolled key folders, and /var/lib/hall.
# Run as root by `./hall install` and by the .deb; idempotent.
# Usage: setup-host.sh [--share DIR] [--root DIR]
#   --share DIR  the installed share/hall folder (default: this script's folder)
#   --root DIR   prepare DIR/etc/hall and DIR/var/lib/hall instead (a staging tree: no user, no owners)
set -eu
share="$(cd "$(dirname "$0")" && pwd)"
root=""
while [ $# -gt 0 ]; do
  case "$1" in
    --share) share="$2"; shift 2 ;;
    --root) root="$2"; shift 2 ;;
    *) echo "usage: setup-host.sh [--share DIR] [--root DIR]" >&2; exit 2 ;;
  esac
done
etc="$root/etc/hall"
state="$root/var/lib/hall"
say() { printf 'setup-host: %s\n' "$*"; }

if [ -z "$root" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup-host: run as root (or give --root DIR for a staging tree)" >&2
    exit 1
  fi
  if ! getent passwd hall >/dev/null; then
    useradd --system --user-group --home-dir /var/lib/hall --no-create-home \
      --shell /usr/sbin/nologin --comment "Hall queue system" hall
    say "created the system user hall"
  fi
fi

mkdir -p "$etc/keys" "$state"
if [ ! -e "$etc/hall.toml" ]; then
  cp "$share/hall.example.toml" "$etc/hall.toml"
  say "$etc/hall.toml: the example hall; edit it for this hall"
fi
# The config names its catalog relative to itself ("catalog"): the copy sits next to it.
if [ ! -e "$etc/catalog" ]; then
  cp -R "$share/catalog" "$etc/catalog"
  say "$etc/catalog: the catalog of the example hall"
fi
if [ ! -e "$etc/session.env" ]; then
  cp "$share/session.env.example" "$etc/session.env"
fi

if [ -z "$root" ]; then
  # Key folders hold secret keys: readable by the hall user only.
  chown root:hall "$etc/keys"
  chmod 0750 "$etc/keys"
  chown hall:hall "$state"
  chmod 0750 "$state"
fi
