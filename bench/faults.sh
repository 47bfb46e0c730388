#!/usr/bin/env bash
# Faults under load, on scripts/cluster.sh (two app nodes behind HAProxy, a pg_auto_failover primary and standby), all
# on loopback. For FAULTS_SECONDS (80) FAULTS_WORKERS (4) simulated people each ask for support from a directory entry
# over and over through the proxy: a real form post that writes an enquiry, its audit and its outbox email in one
# transaction, each with a contact address of its own. Meanwhile:
#   at 15 s app node 1 is killed (kill -9) and at 30 s started again;
#   at 40 s the database primary is stopped at once (pg_ctl immediate): pg_auto_failover promotes the standby, and the
#   app nodes find it through their two-host connection strings, without a restart; at 65 s the old primary rejoins.
# Email goes to a local SMTP sink that records every Message-Id it accepts. At the end it waits for the outbox to drain
# and checks, in the database and the sink:
#   every acknowledged request ("Check your email" shown) is present exactly once; none lost, none doubled;
#   a post that got the error page is sent again as a person would (the same form, so the same request key), up to 3
#   times; one that never succeeded may or may not have been committed (it was reported, not acknowledged);
#   every email is sent once (at most once by design: one whose send was interrupted is "in doubt", counted apart).
# Meanwhile FAULTS_PEOPLE (200) people put bench/load.sh's load on the proxy, each holding a Blazor circuit that they open
# again when its node is killed (see below).
# Prints one line of counts and the load's line, and the details above them. Exits non-zero if nothing was
# acknowledged, an acknowledged write is lost or doubled, an email reached the sink twice or was never sent, the sink
# died, or someone who opened a circuit held none at the end. (The sink uses Python's
# smtpd, which Python 3.12 dropped; Debian 12 has 3.11.)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
command -v bc >/dev/null || apt_install bc

TOTAL="${FAULTS_SECONDS:-80}"
WORKERS="${FAULTS_WORKERS:-4}"
SMTP_PORT="${FAULTS_SMTP_PORT:-6025}"
BASE="http://127.0.0.1:${CLUSTER_PORT:-6080}"
OUT=".data/cluster/faults"
PSQL=(/usr/lib/postgresql/15/bin/psql -X -q -tA)
mkdir -p "$OUT"
rm -f "$OUT"/*

# The SMTP sink: accepts everything, appends each message's Message-Id to a file.
cat >"$OUT/sink.py" <<'EOF'
import asyncore, email, smtpd, sys, warnings
warnings.filterwarnings("ignore")
class Sink(smtpd.SMTPServer):
    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        message = email.message_from_bytes(data if isinstance(data, bytes) else data.encode())
        with open(sys.argv[2], "a") as f:
            f.write(message.get("Message-Id", "").strip("<> ") + "\n")
Sink(("127.0.0.1", int(sys.argv[1])), None, decode_data=False)
asyncore.loop()
EOF
python3 -W ignore "$OUT/sink.py" "$SMTP_PORT" "$OUT/sink.ids" >"$OUT/sink.log" 2>&1 &
SINK=$!
trap 'kill $SINK 2>/dev/null || true; jobs -p | xargs -r kill 2>/dev/null || true' EXIT
touch "$OUT/sink.ids"

export CLUSTER_SMTP_PORT="$SMTP_PORT"
export CLUSTER_APP_SETTINGS="RateLimiting__SensitivePermitsPerMinute=1000000 RateLimiting__SignInAttemptsPerAccount=1000000"
scripts/cluster.sh start --demo
scripts/cluster.sh restart-apps >/dev/null # take the SMTP sink and the raised limits

# The load of bench/load.sh beside the writers: FAULTS_PEOPLE (200) people signing in, reading the pages their menu
# offers and holding a Blazor circuit each, which they open again when it is lost (--reopen: the page loaded again
# through the proxy, then a new circuit, as the browser does when the server refuses its old one). They start
# HEAD_START seconds before the faults' clock, so that all are signed in and holding a circuit when node 1 is killed,
# and pause FAULTS_PAUSE (5-15) seconds between steps: bench/load.sh's steady state within its latency target, so that
# what fails here is the faults' doing and not a saturated machine's. FAULTS_PEOPLE=0 runs the writers alone.
PEOPLE="${FAULTS_PEOPLE:-200}"
HEAD_START=45
LOAD=""
if [ "$PEOPLE" -gt 0 ]; then
  dotnet build bench/SystemLeadership.Bench -c Release -nologo -v quiet >"$OUT/bench-build.log" 2>&1 \
    || { echo "Building the bench failed:" >&2; tail -20 "$OUT/bench-build.log" >&2; exit 1; }
  dotnet bench/SystemLeadership.Bench/bin/Release/net10.0/SystemLeadership.Bench.dll --load --url "$BASE" \
    --people "$PEOPLE" --seconds $((TOTAL + HEAD_START)) --ramp 30 --pause "${FAULTS_PAUSE:-5-15}" --reopen \
    --node-url "http://127.0.0.1:$(( ${CLUSTER_PORT:-6080} + 1 ))" --node-url "http://127.0.0.1:$(( ${CLUSTER_PORT:-6080} + 2 ))" \
    >"$OUT/load.log" 2>&1 &
  LOAD=$!
  sleep "$HEAD_START"
fi

primary_port() { scripts/cluster.sh primary; }
sql() { "${PSQL[@]}" "host=127.0.0.1 port=$(primary_port) user=postgres dbname=systemleadership" "$@"; }

ENTRY="$(curl -fsS "$BASE/directory" | grep -m1 -o 'directory/[0-9a-f-]\{36\}' | cut -d/ -f2 || true)"
URN="$(sql -c 'SELECT "Urn" FROM "Schools" ORDER BY "Urn" LIMIT 1')"
[ -n "$ENTRY" ] && [ -n "$URN" ] || { echo "No directory entry or school to ask about: was the demo data seeded?" >&2; exit 1; }
RUN="$(date +%s)"
START="$(date +%s.%N)"
END=$(( ${START%.*} + TOTAL ))
now() { date +%s.%N; }
sleep_until() { # seconds after the start
  local left; left="$(echo "$START + $1 - $(date +%s.%N)" | bc)"
  if [ "$(echo "$left > 0" | bc)" = 1 ]; then sleep "$left"; fi
}

worker() { # number
  # Runs in a subshell: a failed command (no form on an error page) must not end it, as set -e would.
  set +e +o pipefail
  local w="$1" i=0 jar="$OUT/jar$1" token code key
  while [ "$(date +%s)" -lt "$END" ]; do
    i=$((i + 1))
    local address="f$RUN-$w-$i@example.org" began
    began="$(now)"
    # The form first. Without it nothing is posted; the failed page is recorded (it writes nothing).
    code="$(curl -s -m 10 -o "$OUT/page$w" -w '%{http_code}' -c "$jar" -b "$jar" "$BASE/directory/$ENTRY" || true)"
    token="$(grep -o 'name="__RequestVerificationToken" value="[^"]*"' "$OUT/page$w" 2>/dev/null | sed 's/.*value="//;s/"$//')"
    if [ -z "$token" ]; then echo "$began $(now) - page-$code" >>"$OUT/requests"; sleep 0.2; continue; fi
    key="$(grep -o 'name="Ask.RequestKey" value="[^"]*"' "$OUT/page$w" | sed 's/.*value="//;s/"$//')"
    began="$(now)"
    # A person whose post gets the error page presses "Send the request" again (the same form, the same key), up
    # to three times, a second apart.
    local tries=0 outcome=""
    while [ "$tries" -lt 4 ]; do
      tries=$((tries + 1))
      code="$(curl -s -m 15 -o "$OUT/response$w" -w '%{http_code}' -c "$jar" -b "$jar" -X POST "$BASE/directory/$ENTRY" \
        --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "_handler=ask-support" \
        --data-urlencode "Ask.RequestKey=$key" \
        --data-urlencode "Ask.ContactName=Fault Test $w" --data-urlencode "Ask.ContactEmail=$address" \
        --data-urlencode "Ask.SchoolUrn=$URN" --data-urlencode "Ask.Need=Help with fractions in year 6, please." || true)"
      if [ "$code" = 200 ] && grep -q "Check your email" "$OUT/response$w"; then outcome=ack; break; fi
      outcome="error-$code"
      sleep 1
    done
    echo "$began $(now) $address $outcome $tries" >>"$OUT/requests"
    sleep 0.05
  done
}

pids=()
for w in $(seq 1 "$WORKERS"); do worker "$w" & pids+=($!); done

sleep_until 15
echo "$(now) kill app node 1" | tee -a "$OUT/events"
scripts/cluster.sh stop-app 1
sleep_until 30
echo "$(now) start app node 1" | tee -a "$OUT/events"
# In the background, as an operator's restart would be: the node takes a while to start on a loaded machine (and
# start-app waits until the proxy sends to it), and the faults' clock must not wait for it.
scripts/cluster.sh start-app 1 >/dev/null &
sleep_until 40
OLD_PORT="$(primary_port)"
OLD_NODE=$(( OLD_PORT - ${CLUSTER_PG_PORT:-6000} ))
FAILED_AT="$(now)"
echo "$FAILED_AT stop the primary (database node $OLD_NODE)" | tee -a "$OUT/events"
scripts/cluster.sh stop-db "$OLD_NODE"
PROMOTED_AT=""
for _ in $(seq 1 60); do
  port="$(primary_port 2>/dev/null || true)"
  if [ -n "$port" ] && [ "$port" != "$OLD_PORT" ]; then PROMOTED_AT="$(now)"; break; fi
  sleep 0.5
done
echo "${PROMOTED_AT:-never} standby promoted" | tee -a "$OUT/events"
sleep_until 65
echo "$(now) old primary rejoins" | tee -a "$OUT/events"
scripts/cluster.sh start-db "$OLD_NODE"
wait "${pids[@]}" 2>/dev/null || true
[ -z "$LOAD" ] || wait "$LOAD" 2>/dev/null || true

# Let the outbox drain (every email due is sent, or marked in doubt); what is left is reported as unsent and fails the run.
for _ in $(seq 1 120); do
  due="$(sql -c "SELECT count(*) FROM \"OutboxEmails\" WHERE \"To\" LIKE 'f$RUN-%' AND \"SentAt\" IS NULL AND \"DeliveryInDoubtAt\" IS NULL AND \"Attempts\" < 8")"
  [ "$due" = 0 ] && break
  sleep 1
done

# Each line: when the post began, when it (or its last retry) answered, the contact address, ack or error-<HTTP status>,
# and how many times it was posted; or a form page that failed (address "-", page-<HTTP status>), which posted nothing.
awk '$4 == "ack" {print $3}' "$OUT/requests" >"$OUT/acked"
awk '$4 ~ /^error/ {print $3}' "$OUT/requests" >"$OUT/errored"
pages_failed="$(awk '$4 ~ /^page/' "$OUT/requests" | wc -l)"
retried="$(awk '$4 == "ack" && $5 > 1' "$OUT/requests" | wc -l)"
sql -c "CREATE TABLE IF NOT EXISTS faults_acked (address text); CREATE TABLE IF NOT EXISTS faults_errored (address text);
        CREATE TABLE IF NOT EXISTS faults_sink (message_id text); TRUNCATE faults_acked, faults_errored, faults_sink;"
sql -c "\\copy faults_acked FROM '$OUT/acked'"
sql -c "\\copy faults_errored FROM '$OUT/errored'"
sql -c "\\copy faults_sink FROM '$OUT/sink.ids'"
read -r acked once lost doubled <<<"$(sql -F ' ' -c "
  SELECT count(*), count(*) FILTER (WHERE n = 1), count(*) FILTER (WHERE n = 0), count(*) FILTER (WHERE n > 1)
  FROM (SELECT a.address, (SELECT count(*) FROM \"SupportEnquiries\" e WHERE e.\"ContactEmail\" = a.address) n FROM faults_acked a) x")"
read -r errored committed <<<"$(sql -F ' ' -c "
  SELECT count(*), count(*) FILTER (WHERE EXISTS (SELECT 1 FROM \"SupportEnquiries\" e WHERE e.\"ContactEmail\" = r.address)) FROM faults_errored r")"
read -r emails sent_once sent_twice in_doubt unsent <<<"$(sql -F ' ' -c "
  SELECT count(*),
         count(*) FILTER (WHERE s = 1 AND o.\"SentAt\" IS NOT NULL),
         count(*) FILTER (WHERE s > 1),
         count(*) FILTER (WHERE o.\"DeliveryInDoubtAt\" IS NOT NULL),
         count(*) FILTER (WHERE o.\"SentAt\" IS NULL AND o.\"DeliveryInDoubtAt\" IS NULL)
  FROM (SELECT o.*, (SELECT count(*) FROM faults_sink k WHERE k.message_id = replace(o.\"Id\"::text, '-', '') || '@systemleadership.local') s
        FROM \"OutboxEmails\" o WHERE o.\"To\" LIKE 'f$RUN-%') o")"
sql -c "DROP TABLE faults_acked, faults_errored, faults_sink"

kill_at="$(awk '/kill app node 1/ {print $1}' "$OUT/events")"
restart_at="$(awk '/start app node 1/ {print $1}' "$OUT/events")"
# Errors answered while node 1 was down.
node_errors="$(awk -v a="$kill_at" -v b="$restart_at" '$2 >= a && $2 < b && $4 != "ack"' "$OUT/requests" | wc -l)"
# The longest time without an acknowledged post once the primary was stopped, and the errors answered in it.
read -r gap gap_from gap_to <<<"$(sort -n -k2 "$OUT/requests" | awk -v t="$FAILED_AT" '
  $4 == "ack" { if (p != "" && $2 > t && $2 - p > g) { g = $2 - p; a = p; b = $2 } p = $2 }
  END { printf "%.1f %s %s", g, a, b }')"
db_errors="$(awk -v a="${gap_from:-0}" -v b="${gap_to:-0}" '$2 >= a && $2 <= b && $4 != "ack"' "$OUT/requests" | wc -l)"
promoted_in="$( [ -n "$PROMOTED_AT" ] && printf '%.1f' "$(echo "$PROMOTED_AT - $FAILED_AT" | bc)" || echo never)"

cat "$OUT/events"
echo "faults: $((acked + errored)) posts in ${TOTAL}s by $WORKERS people ($pages_failed form pages failed to load, nothing posted); $acked acknowledged ($retried after posting the same form again): $once present once, $lost lost, $doubled doubled;" \
  "$errored reported as errors ($committed of them committed); app node killed: $node_errors errors while it was down;" \
  "primary stopped: standby promoted in ${promoted_in}s, no post acknowledged for ${gap}s at most ($db_errors errors and failed pages meanwhile);" \
  "email: $emails written, $sent_once sent once, $sent_twice sent twice, $in_doubt in doubt, $unsent unsent"
# The load's own line: its people, requests and errors (pages that failed while node 1 was down or the primary was being
# replaced count here), and its circuits: lost with node 1, opened again, open at the end.
circuits_ok=yes
if [ -n "$LOAD" ]; then
  load_line="$(grep '^load:' "$OUT/load.log" || echo "load: no summary (see $OUT/load.log)")"
  echo "$load_line"
  opened_first="$(sed -n 's/.*circuits: \([0-9]*\) opened.*/\1/p' <<<"$load_line")"
  open_at_end="$(sed -n 's/.* \([0-9]*\) open at the end.*/\1/p' <<<"$load_line")"
  [ -n "$opened_first" ] && [ "$opened_first" -gt 0 ] && [ "$opened_first" = "$open_at_end" ] || circuits_ok=no
fi
sink_alive=yes
kill -0 "$SINK" 2>/dev/null || sink_alive=no
[ "$sink_alive" = yes ] || echo "The SMTP sink died during the run (see $OUT/sink.log): the email counts mean nothing." >&2
[ "$circuits_ok" = yes ] || echo "Not everyone who opened a circuit held one at the end (see $OUT/load.log)." >&2
[ "$circuits_ok" = yes ] && [ "$acked" -gt 0 ] && [ "$lost" = 0 ] && [ "$doubled" = 0 ] && [ "$sent_twice" = 0 ] && [ "$unsent" = 0 ] && [ "$sink_alive" = yes ]
