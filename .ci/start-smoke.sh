#!/usr/bin/env bash
# Starts `npm start` on a scratch data directory, waits for its SMTP line, sends one message
# with curl, and stops it with SIGTERM: the README's first command, checked.
set -euo pipefail
data=$(mktemp -d)
log=$(mktemp)
POSTHOUSE_DATA="$data" POSTHOUSE_SMTP_PORT=0 npm start >"$log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true; rm -rf "$data" "$log"' EXIT
port=""
for _ in $(seq 1 100); do
  port=$(sed -n 's/.*SMTP listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log" | head -n 1)
  [ -n "$port" ] && break
  sleep 0.2
done
cat "$log"
[ -n "$port" ] || { echo "npm start printed no SMTP line"; exit 1; }
# No account exists yet, so the server must refuse the recipient with 550 5.1.1.
if curl -sS --url "smtp://127.0.0.1:$port" --mail-from a@example.org --mail-rcpt nobody@example.org -T /dev/null 2>"$log.curl"; then
  echo "expected a refusal for an unknown recipient"; exit 1
fi
grep -q '550' "$log.curl" && echo "npm start: SMTP refused an unknown recipient as it should"
rm -f "$log.curl"
