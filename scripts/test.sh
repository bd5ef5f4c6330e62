#!/bin/sh
# The whole test suite: build, then every *.test.js under the node test runner, inside a private
# D-Bus session with an unlocked gnome-keyring so the keychain tests use the real Secret Service.
set -eu
cd "$(dirname "$0")/.."
npm run build --silent
FILES=$(find dist -name '*.test.js' -not -path '*/node_modules/*' | sort)
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && command -v dbus-run-session >/dev/null 2>&1; then
  # A throwaway XDG_DATA_HOME: the keyring is created fresh, so one left in ~/.local/share/keyrings
  # with another password can't leave the collection locked.
  exec dbus-run-session -- sh -c 'XDG_DATA_HOME=$(mktemp -d); export XDG_DATA_HOME; echo -n switchyard-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; node --test --test-concurrency=2 "$@"; code=$?; rm -rf "$XDG_DATA_HOME"; exit $code' sh "$@" $FILES
fi
exec node --test --test-concurrency=2 "$@" $FILES
