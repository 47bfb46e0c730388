#!/usr/bin/env bash
# SystemLeadership as a small service on this machine, without Docker, everything on loopback:
#   PostgreSQL 15 primary and hot standby kept by pg_auto_failover (a monitor and two nodes),
#   two app nodes in Production (one published build, the same database, data-protection keys shared in it),
#   HAProxy in front: sticky sessions by cookie for Blazor circuits, WebSockets passed through, health-checked nodes.
#
#   scripts/cluster.sh start [--demo]   build, start what is not running, print the addresses (--demo seeds demo data once)
#   scripts/cluster.sh status           the pg_auto_failover state and each node's /health/ready
#   scripts/cluster.sh stop             stop the proxy, the app nodes and the database nodes (data kept)
#   scripts/cluster.sh stop-app N       kill app node N (1 or 2) at once, as a crash would
#   scripts/cluster.sh start-app N      start app node N again
#   scripts/cluster.sh restart-apps     restart both app nodes (to take new CLUSTER_* settings)
#   scripts/cluster.sh stop-db N        stop database node N (1 or 2) at once; if it was the primary, the standby is promoted
#   scripts/cluster.sh start-db N       start database node N again: it rejoins as the standby
#   scripts/cluster.sh destroy          stop, then delete .data/cluster
#
# CLUSTER_SMTP_PORT: send email by SMTP to 127.0.0.1 on that port (no TLS) instead of keeping it in the outbox only.
# CLUSTER_APP_SETTINGS: further settings for both app nodes, as NAME=value words (bench/faults.sh and bench/load.sh
# raise the rate limits, since all their simulated people share one address and a dozen accounts).
# Ports: CLUSTER_PORT (default 6080) is the proxy; CLUSTER_PORT+1, +2 the app nodes; CLUSTER_PG_PORT (default 6000) the
# monitor, +1 and +2 the database nodes. Database authentication is "trust" on 127.0.0.1 only: a loopback rehearsal,
# not a production PostgreSQL set-up (docker-compose.yml has passwords).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh

ROOT="$(pwd)"
DIR="$ROOT/.data/cluster"
PROXY_PORT="${CLUSTER_PORT:-6080}"
PG_PORT="${CLUSTER_PG_PORT:-6000}"
PGBIN="$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | tail -1)"
DATABASE=systemleadership

app_port() { echo $((PROXY_PORT + $1)); }
pg_port() { echo $((PG_PORT + $1)); }
# pg_autoctl keeps each node's configuration and state under XDG_CONFIG_HOME and XDG_DATA_HOME, by default in the
# postgres user's home, where "destroy" left them behind: a cluster created again at the same paths then refused to
# start ("Unknown PostgreSQL system identifier"). They are kept under .data/cluster, and go with it.
as_postgres() {
  local xdg=(XDG_CONFIG_HOME="$DIR/xdg/config" XDG_DATA_HOME="$DIR/xdg/data")
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- env PATH="$PGBIN:$PATH" "${xdg[@]}" "$@"; else env PATH="$PGBIN:$PATH" "${xdg[@]}" "$@"; fi
}
hosts() { echo "127.0.0.1:$(pg_port 1),127.0.0.1:$(pg_port 2)"; }
# Npgsql tries both hosts and keeps the one that accepts writes ("read-write": not a standby, and not set read-only as
# an old primary may be on its way back): after a failover, new connections find the new primary.
# At most 20 connections a pool: each node has two (the app's and the public directory's), so two nodes hold at most
# 80 of PostgreSQL's 100. Unbounded, 200 people on 2 cores drove the pools past max_connections, and Npgsql then took
# the refused primary for a lost one ("No suitable host was found").
connection() { echo "Host=$(hosts);Database=$1;Username=$2;Target Session Attributes=read-write;Host Recheck Seconds=2;Timeout=5;Command Timeout=30;Maximum Pool Size=20"; }

ensure_cluster_packages() {
  ensure_postgres
  ensure_tzdata
  if ! command -v pg_autoctl >/dev/null 2>&1; then
    echo "Installing pg_auto_failover (Debian package postgresql-15-auto-failover)…"
    apt_install postgresql-15-auto-failover
  fi
  ensure_haproxy
}

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_for() { # description, seconds, command…
  local what="$1" seconds="$2"; shift 2
  for _ in $(seq 1 "$seconds"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "Timed out after ${seconds}s waiting for $what." >&2
  return 1
}

pg_run() { # data directory name
  local data="$DIR/$1"
  if ! as_postgres pg_autoctl status --pgdata "$data" >/dev/null 2>&1; then
    as_postgres setsid nohup pg_autoctl run --pgdata "$data" >>"$DIR/$1.log" 2>&1 < /dev/null &
  fi
}

is_primary() { [ "$("$PGBIN/psql" -tA "host=127.0.0.1 port=$1 user=postgres dbname=postgres connect_timeout=1" -c 'SELECT NOT pg_is_in_recovery()' 2>/dev/null)" = "t" ]; }
has_secondary() { as_postgres pg_autoctl show state --pgdata "$DIR/monitor" 2>/dev/null | grep -q "secondary *| *secondary"; }

start_database() {
  mkdir -p "$DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DIR"
  if [ ! -d "$DIR/monitor" ]; then
    echo "Creating the pg_auto_failover monitor on port $PG_PORT…"
    as_postgres pg_autoctl create monitor --pgdata "$DIR/monitor" --pgport "$PG_PORT" --hostname 127.0.0.1 \
      --auth trust --no-ssl >>"$DIR/monitor.log" 2>&1
  fi
  pg_run monitor
  wait_for "the monitor" 30 "$PGBIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT"
  # Notice a lost primary in seconds rather than the default 20 s + 30 s demote timeout.
  "$PGBIN/psql" -q "host=127.0.0.1 port=$PG_PORT user=postgres dbname=pg_auto_failover" \
    -c "ALTER SYSTEM SET pgautofailover.health_check_period = '1s'" \
    -c "ALTER SYSTEM SET pgautofailover.health_check_timeout = '1s'" \
    -c "ALTER SYSTEM SET pgautofailover.health_check_max_retries = 1" \
    -c "ALTER SYSTEM SET pgautofailover.health_check_retry_delay = '1s'" \
    -c "ALTER SYSTEM SET pgautofailover.node_considered_unhealthy_timeout = '4s'" \
    -c "ALTER SYSTEM SET pgautofailover.primary_demote_timeout = '5s'" \
    -c "SELECT pg_reload_conf()" >/dev/null
  local monitor
  monitor="$(as_postgres pg_autoctl show uri --pgdata "$DIR/monitor" --formation monitor)"
  for n in 1 2; do
    if [ ! -d "$DIR/node$n" ]; then
      echo "Creating database node $n on port $(pg_port "$n")…"
      as_postgres pg_autoctl create postgres --pgdata "$DIR/node$n" --pgport "$(pg_port "$n")" --hostname 127.0.0.1 \
        --auth trust --no-ssl --monitor "$monitor" --name "node$n" >>"$DIR/node$n.log" 2>&1
    fi
    pg_run "node$n"
    if [ "$n" -eq 1 ]; then wait_for "a primary" 60 primary_port; fi
  done
  wait_for "the standby to catch up" 90 has_secondary
}

primary_port() { for n in 1 2; do if is_primary "$(pg_port "$n")"; then pg_port "$n"; return 0; fi; done; return 1; }

publish() {
  # Again only when a source file changed since the last publish (not the bin and obj folders, which every build
  # touches; and against a mark of its own, since an unchanged assembly keeps its old date).
  if [ ! -f "$DIR/app/.published" ] || [ -n "$(find src \( -name bin -o -name obj \) -prune -o -type f -newer "$DIR/app/.published" -print -quit)" ]; then
    echo "Publishing the application to .data/cluster/app…"
    local began="$DIR/.publishing"
    touch "$began"
    dotnet publish src/SystemLeadership.Web -c Release -o "$DIR/app" -nologo -v quiet >"$DIR/publish.log" 2>&1 \
      || { echo "Publishing failed; see $DIR/publish.log" >&2; tail -20 "$DIR/publish.log" >&2; return 1; }
    mv "$began" "$DIR/app/.published" # dated when the publish began: a source changed during it publishes again
  fi
}

setup_database() {
  # setup-database as the superuser on the primary: the owner, app, directory and mailer roles, the database, migrations.
  (cd "$DIR/app" && ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Admin="$(connection postgres postgres)" \
    Database__Name="$DATABASE" dotnet SystemLeadership.Web.dll setup-database) >>"$DIR/setup.log" 2>&1 \
    || { echo "setup-database failed; see $DIR/setup.log" >&2; tail -20 "$DIR/setup.log" >&2; return 1; }
}

start_app() { # node number, seed demo data (true/false)
  local n="$1" port; port="$(app_port "$1")"
  running "$DIR/app$n.pid" && return 0
  if curl -s -m 2 -o /dev/null "http://127.0.0.1:$port/health/live"; then
    echo "Port $port already answers, but not as app node $n of this cluster: stop what is there first." >&2
    return 1
  fi
  local smtp=()
  if [ -n "${CLUSTER_SMTP_PORT:-}" ]; then smtp=(Smtp__Host=127.0.0.1 Smtp__Port="$CLUSTER_SMTP_PORT" Smtp__UseStartTls=false); fi
  # exec: the background job's pid is the app's own, so stop-app kills the app and not a shell around it.
  local extra=()
  read -r -a extra <<<"${CLUSTER_APP_SETTINGS:-}"
  (cd "$DIR/app" && exec env "${smtp[@]}" "${extra[@]}" \
    ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
    ConnectionStrings__Default="$(connection "$DATABASE" systemleadership_app)" \
    ConnectionStrings__Migrations="$(connection "$DATABASE" systemleadership_owner)" \
    App__BaseUrl="http://127.0.0.1:$PROXY_PORT" App__SeedDemoData="${2:-false}" \
    ForwardedHeaders__KnownProxies=127.0.0.1 OTEL_SERVICE_INSTANCE_ID="node$n" \
    nohup dotnet SystemLeadership.Web.dll >>"$DIR/app$n.log" 2>&1 < /dev/null) &
  echo $! >"$DIR/app$n.pid"
  wait_for "app node $n on port $port" 120 node_alive "$n"
  wait_for_proxy "$n"
}

write_proxy_config() {
  cat >"$DIR/haproxy.cfg" <<EOF
global
    maxconn 4096
    pidfile $DIR/haproxy.pid

defaults
    mode http
    option httplog
    option forwardfor
    option redispatch
    retries 2
    timeout connect 2s
    # A health check may take this long before it counts as failed. A killed node refuses at once and is still taken
    # out after two checks (fall 2); a node that is only slow under load is not, which would send all its people to the
    # other node and overload that one too (with 1s, both were marked down in a 200-person run: 503s for everyone).
    timeout check 5s
    timeout client 60s
    timeout server 60s
    # A Blazor circuit is one long WebSocket: keep it open as long as the browser does.
    timeout tunnel 1h

frontend web
    bind 127.0.0.1:$PROXY_PORT
    # The scheme as this proxy saw it: whatever a client sent in its own X-Forwarded-Proto is replaced.
    http-request set-header X-Forwarded-Proto %[ssl_fc,iif(https,http)]
    default_backend app

# Each node's state as the proxy sees it (CSV at /;csv), on loopback: start-app and restart-apps wait for "UP".
listen stats
    bind 127.0.0.1:$(stats_port)
    stats enable
    stats uri /

backend app
    balance roundrobin
    # Sticky: a browser stays on the node holding its circuit; if that node goes, the cookie is ignored and the
    # browser is sent to the other (redispatch), where Blazor reconnects with a new circuit.
    cookie SL_NODE insert indirect nocache httponly
    option httpchk GET /health/live
    default-server inter 1s fall 2 rise 2
    server node1 127.0.0.1:$(app_port 1) check cookie node1
    server node2 127.0.0.1:$(app_port 2) check cookie node2
EOF
}

start_proxy() {
  local before=""
  [ -f "$DIR/haproxy.cfg" ] && before="$(cat "$DIR/haproxy.cfg")"
  write_proxy_config
  if running "$DIR/haproxy.pid"; then
    [ "$before" = "$(cat "$DIR/haproxy.cfg")" ] && return 0
    # A proxy started with an older configuration (before the stats listener, say): replaced, its connections handed over.
    haproxy -f "$DIR/haproxy.cfg" -D -sf "$(cat "$DIR/haproxy.pid")" >>"$DIR/haproxy.log" 2>&1 < /dev/null
  else
    haproxy -f "$DIR/haproxy.cfg" -D >>"$DIR/haproxy.log" 2>&1 < /dev/null
  fi
  wait_for "the proxy on port $PROXY_PORT" 30 curl -fsS "http://127.0.0.1:$PROXY_PORT/health/live"
}

stop_app() { # node number
  if running "$DIR/app$1.pid"; then
    local pid; pid="$(cat "$DIR/app$1.pid")"
    kill -9 "$pid" 2>/dev/null || true
    # SIGKILL is delivered, not awaited: wait until the process and its port are gone, so a restart can bind it.
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$DIR/app$1.pid"
}

node_alive() { running "$DIR/app$1.pid" && curl -fsS -m 2 "http://127.0.0.1:$(app_port "$1")/health/live"; }

stats_port() { echo $((PROXY_PORT + 9)); }
# Whether the proxy sends requests to app node N: its health checks have seen the node answer (rise 2, a second apart).
# Until then a node just (re)started is alive but gets nothing, and with both restarted the proxy answers 503.
proxy_sends_to() {
  curl -fsS -m 2 "http://127.0.0.1:$(stats_port)/;csv" | awk -F, -v n="node$1" '$1 == "app" && $2 == n && $18 == "UP" { up = 1 } END { exit !up }'
}
wait_for_proxy() { # node number
  if running "$DIR/haproxy.pid"; then wait_for "the proxy to send to app node $1" 30 proxy_sends_to "$1"; fi
}

stop_db() { # node number
  [ -d "$DIR/node$1" ] && as_postgres pg_autoctl stop --pgdata "$DIR/node$1" --immediate >/dev/null 2>&1 || true
}

status() {
  as_postgres pg_autoctl show state --pgdata "$DIR/monitor" 2>/dev/null || echo "The monitor is not running."
  for n in 1 2; do
    printf 'app node %s (port %s): ' "$n" "$(app_port "$n")"
    curl -sS -m 5 "http://127.0.0.1:$(app_port "$n")/health/ready" 2>/dev/null || printf 'not answering'
    echo
  done
  printf 'proxy (port %s): ' "$PROXY_PORT"
  curl -sS -m 5 -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:$PROXY_PORT/health/live" 2>/dev/null || echo "not answering"
}

case "${1:-}" in
  start)
    demo=false
    [ "${2:-}" = "--demo" ] && demo=true
    ensure_cluster_packages
    start_database
    publish
    setup_database
    start_app 1 "$demo"   # one at a time: the first seeds demo data (if asked) before the second starts
    start_app 2 false
    start_proxy
    wait_for_proxy 1
    wait_for_proxy 2
    echo "SystemLeadership: http://127.0.0.1:$PROXY_PORT (app nodes on $(app_port 1) and $(app_port 2); PostgreSQL $(hosts), monitor $PG_PORT)"
    echo "Logs in $DIR/*.log. scripts/cluster.sh status | stop"
    ;;
  status) status ;;
  stop)
    if running "$DIR/haproxy.pid"; then kill "$(cat "$DIR/haproxy.pid")"; fi
    rm -f "$DIR/haproxy.pid"
    stop_app 1; stop_app 2
    for d in node2 node1 monitor; do
      [ -d "$DIR/$d" ] && as_postgres pg_autoctl stop --pgdata "$DIR/$d" >/dev/null 2>&1 || true
    done
    echo "Stopped."
    ;;
  stop-app) stop_app "${2:?which node, 1 or 2}" ;;
  start-app) start_app "${2:?which node, 1 or 2}" false ;;
  restart-apps) stop_app 1; stop_app 2; start_app 1 false; start_app 2 false ;;
  stop-db) stop_db "${2:?which node, 1 or 2}" ;;
  start-db) pg_run "node${2:?which node, 1 or 2}" ;;
  primary) primary_port ;;
  destroy)
    "$0" stop || true
    rm -rf "$DIR"
    echo "Deleted $DIR."
    ;;
  *)
    sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
