#!/usr/bin/env bash
# The README's first command, checked as a newcomer would use it: `npm start` on a scratch data
# directory, an account added while it runs, one message delivered with curl, SIGTERM.
set -euo pipefail
data=$(mktemp -d)
log=$(mktemp)
# Its own process group, so SIGTERM reaches the server as a terminal's Ctrl-C would.
POSTHOUSE_DATA="$data" POSTHOUSE_SMTP_PORT=0 setsid npm start >"$log" 2>&1 &
pid=$!
trap 'kill -TERM -- -$pid 2>/dev/null || true; rm -rf "$data" "$log" "$log.curl"' EXIT
port=""
for _ in $(seq 1 100); do
  port=$(sed -n 's/.*SMTP listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log" | head -n 1)
  [ -n "$port" ] && break
  sleep 0.2
done
cat "$log"
[ -n "$port" ] || { echo "npm start printed no SMTP line"; exit 1; }

message=$(printf 'From: a@example.org\r\nTo: smoke@example.com\r\nSubject: smoke\r\n\r\nhello\r\n')
# No domain is local yet: the recipient must be refused (never an open relay).
if curl -sS --url "smtp://127.0.0.1:$port" --mail-from a@example.org --mail-rcpt smoke@example.com -T - <<<"$message" 2>"$log.curl"; then
  echo "expected a refusal before the account exists"; exit 1
fi
grep -q '550' "$log.curl" || { cat "$log.curl"; exit 1; }

# Added through the running server's control socket, then the same message is accepted.
node dist/cli/main.js accounts add smoke@example.com --password smoke-pw --data "$data"
curl -sS --url "smtp://127.0.0.1:$port" --mail-from a@example.org --mail-rcpt smoke@example.com -T - <<<"$message"

# npm exits by the signal itself; the server's own last line tells how it stopped.
kill -TERM -- -"$pid"
wait "$pid" || true
for _ in $(seq 1 50); do grep -q 'posthouse \[info\] stopped' "$log" && break; sleep 0.2; done
grep -q 'posthouse \[info\] stopped' "$log" || { cat "$log"; echo "the server did not stop cleanly on SIGTERM"; exit 1; }
trap 'rm -rf "$data" "$log" "$log.curl"' EXIT
echo "npm start: refused a non-local recipient, accepted mail for a new account, stopped cleanly"
