#!/usr/bin/env bash
# Compares what remote write costs Ignis (bin/ignis) and Prometheus (Debian's /usr/bin/prometheus, 2.42) when
# both send the same live load to the same kind of receiver. Both scrape the loopback targets of
# scrape-vs-prometheus.sh (io.ignis.bench.scrape.TargetServer: --targets targets of about --series series,
# every --interval seconds) and remote-write (protocol 1.0, the same queue_config) to a loopback sink,
# io.ignis.bench.remote.CountingSink, that stores nothing and counts each series' samples once per timestamp.
#
# Each sender runs twice on the same targets:
#   1. without remote_write: the CPU seconds it spends per scraped sample (the ingest cost);
#   2. with remote_write: CPU seconds, scraped samples and the samples the sink received in the same window.
# Remote write's own CPU is run 2's CPU minus run 1's cost per scraped sample times run 2's scraped samples;
# the headline figure is samples sent per second of that CPU (higher is better). Subtracting a measured ingest
# cost rather than profiling the sender's threads keeps the method identical for a Go and a Java process; the
# price is noise on a busy machine, where the difference of two CPU figures can be small or even negative.
# Resident memory (VmRSS at the end of each window and the highest seen) is printed for both runs.
#
# Exactly once: after run 2's window the sender is reloaded (SIGHUP) with no scrape_configs, so it stops
# appending; once the sink has been quiet for 3 intervals + 15 s (Prometheus sends every 5 s at least and
# writes end-of-run stale markers after 2 intervals), the samples the sender stored (count_over_time over every
# series, which leaves stale markers out, as the sink does) must equal what the sink counted, with no duplicate
# and no sample out of order. Prometheus's WAL watcher never sends samples older than its own start, so every
# run starts from an empty data directory and measures only live load.
#
# Only 127.0.0.1; everything it starts is stopped by PID on exit; every wait is bounded and the whole run stops
# at --budget seconds.
#
# usage: benchmarks/scripts/remote-write-vs-prometheus.sh [--targets N] [--series N] [--interval SEC]
#          [--warmup SEC] [--duration SEC] [--budget SEC] [--only ignis|prometheus] [--workdir DIR] [--keep]
#   IGNIS_OPTS  extra JVM options for bin/ignis
#   PROMETHEUS  the Prometheus binary (default: /usr/bin/prometheus)
set -euo pipefail

TARGETS=100
SERIES=700
INTERVAL=2
WARMUP=60
DURATION=60
BUDGET=1800
ONLY=
WORKDIR=
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --targets) TARGETS=$2; shift 2 ;;
    --series) SERIES=$2; shift 2 ;;
    --interval) INTERVAL=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --budget) BUDGET=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --workdir) WORKDIR=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=benchmarks/scripts/bench-common.sh
source "$ROOT/benchmarks/scripts/bench-common.sh"
BENCH_JAR=$ROOT/benchmarks/target/benchmarks.jar
IGNIS_JAR=$ROOT/server/target/ignis.jar
PROMETHEUS=${PROMETHEUS:-/usr/bin/prometheus}
DEADLINE=$(( $(date +%s) + BUDGET ))
HZ=$(getconf CLK_TCK)
PIDS=()
QUIET=$(( 3 * INTERVAL + 15 ))

for tool in "$PROMETHEUS" curl java python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
if [ -z "$WORKDIR" ]; then
  WORKDIR=$(mktemp -d /tmp/remote-write-vs-prometheus.XXXXXX)
else
  mkdir -p "$WORKDIR"
fi

cleanup() {
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  if [ "$KEEP" = 0 ]; then rm -rf "$WORKDIR"; else echo "kept $WORKDIR" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Sleeps in the background, so a TERM or INT runs the traps at once instead of after the sleep.
nap() { sleep "$1" & wait $!; }
ticks_to_s() { awk -v a="$1" -v b="$2" -v hz="$HZ" 'BEGIN {printf "%.2f", (b - a) / hz}'; }

if [ ! -f "$BENCH_JAR" ] || [ ! -f "$IGNIS_JAR" ]; then
  step "building $BENCH_JAR and $IGNIS_JAR"
  (cd "$ROOT" && timeout "$(left)" mvn -o -q -B -pl benchmarks,server -am package -DskipTests)
fi

# Starts a benchmark helper class printing ports then "ready" on stdout; sets HELPER_PID and HELPER_OUT.
start_helper() {
  local name=$1; shift
  HELPER_OUT=$WORKDIR/$name.out
  java -Xmx256m -XX:+UseSerialGC -cp "$BENCH_JAR" "$@" >"$HELPER_OUT" 2>"$WORKDIR/$name.log" &
  HELPER_PID=$!
  PIDS+=("$HELPER_PID")
  until grep -q '^ready$' "$HELPER_OUT" 2>/dev/null; do
    kill -0 "$HELPER_PID" 2>/dev/null || { cat "$WORKDIR/$name.log" >&2; exit 1; }
    left >/dev/null
    sleep 0.2
  done
}

step "starting $TARGETS targets"
start_helper targets io.ignis.bench.scrape.TargetServer --targets "$TARGETS" --series "$SERIES" --duration "$BUDGET"
TARGET_PID=$HELPER_PID
SERIES_PER_TARGET=$(sed -n 's/^serving \([0-9]*\) series.*/\1/p' "$WORKDIR/targets.log")

# config <file> <with scrape configs: 0|1> [sink port]: the sender's configuration.
config() {
  {
    echo "global:"
    echo "  scrape_interval: ${INTERVAL}s"
    echo "  scrape_timeout: ${INTERVAL}s"
    if [ -n "${3:-}" ]; then
      echo "remote_write:"
      echo "  - url: http://127.0.0.1:$3/api/v1/write"
      # The same queue for both senders (3.x's defaults; 2.42's are 500 per send, capacity 2500).
      echo "    queue_config: {capacity: 10000, max_samples_per_send: 2000, min_shards: 1, max_shards: 50,"
      echo "                   batch_send_deadline: 5s}"
    fi
    if [ "$2" = 1 ]; then
      echo "scrape_configs:"
      echo "  - job_name: node"
      echo "    static_configs:"
      echo "      - targets:"
      grep -E '^[0-9]+$' "$WORKDIR/targets.out" | sed 's/^/          - 127.0.0.1:/'
    else
      echo "scrape_configs: []"
    fi
  } >"$1"
}

# Runs a query on the server at 127.0.0.1:$1 at time $3; prints the first result's value (0 when empty).
query() {
  curl -sf --max-time 120 "http://127.0.0.1:$1/api/v1/query" --data-urlencode "query=$2" \
    --data-urlencode "time=$3" | python3 -c '
import json, sys
r = json.load(sys.stdin)["data"]["result"]
print(r[0]["value"][1] if r else 0)'
}

# stored <port> <time>: the samples the server holds over the last hour, stale markers left out. One query per
# metric name: count_over_time over every series at once fails, as its results collide without their names.
stored() {
  python3 - "$1" "$2" <<'PY'
import json, sys, urllib.parse, urllib.request
base = "http://127.0.0.1:%s/api/v1/" % sys.argv[1]
def get(path, **params):
    with urllib.request.urlopen(base + path + "?" + urllib.parse.urlencode(params), timeout=120) as r:
        return json.load(r)["data"]
total = 0
for name in get("label/__name__/values"):
    q = 'sum(count_over_time({__name__="%s"}[1h]))' % name.replace("\\", "\\\\").replace('"', '\\"')
    r = get("query", query=q, time=sys.argv[2])["result"]
    total += int(r[0]["value"][1]) if r else 0
print(total)
PY
}

# sink_stat <port> <name>: one counter of the sink.
sink_stat() { curl -sf --max-time 10 "http://127.0.0.1:$1/stats" | awk -v n="$2" '$1 == n {print $2}'; }

# start_sender <ignis|prometheus> <run> <config>: sets PID and PORT.
start_sender() {
  PORT=$(free_port)
  local flags=(--config.file="$3" --storage.tsdb.path="$WORKDIR/$1-$2-data" --web.listen-address="127.0.0.1:$PORT")
  if [ "$1" = prometheus ]; then
    "$PROMETHEUS" "${flags[@]}" >"$WORKDIR/$1-$2.log" 2>&1 &
  else
    "$ROOT/bin/ignis" "${flags[@]}" >"$WORKDIR/$1-$2.log" 2>&1 &
  fi
  PID=$!
  PIDS+=("$PID")
  local ready_by=$(( $(date +%s) + 120 ))
  until curl -sf "http://127.0.0.1:$PORT/-/ready" >/dev/null 2>&1; do
    kill -0 "$PID" 2>/dev/null || { tail -50 "$WORKDIR/$1-$2.log" >&2; exit 1; }
    [ "$(date +%s)" -lt "$ready_by" ] || { echo "$1 not ready in 120s" >&2; exit 1; }
    left >/dev/null
    sleep 0.5
  done
}

declare -A R
# window <key> <pid> <port> [sink port]: warm-up, then measures CPU, RSS, scraped (and received) samples.
window() {
  local key=$1 pid=$2 port=$3 sink=${4:-}
  step "$key: warming up ${WARMUP}s"
  nap "$WARMUP"
  local c0 s0=0 t0 now max=0 rss
  c0=$(cpu_ticks "$pid")
  if [ -n "$sink" ]; then s0=$(sink_stat "$sink" samples); fi
  t0=$(date +%s)
  step "$key: measuring ${DURATION}s"
  while [ $(( $(date +%s) - t0 )) -lt "$DURATION" ]; do
    left >/dev/null
    sleep 1
    rss=$(rss_kb "$pid")
    if [ "$rss" -gt "$max" ]; then max=$rss; fi
  done
  R[$key,cpu]=$(ticks_to_s "$c0" "$(cpu_ticks "$pid")")
  if [ -n "$sink" ]; then R[$key,received]=$(( $(sink_stat "$sink" samples) - s0 )); fi
  now=$(date +%s)
  R[$key,seconds]=$(( now - t0 ))
  R[$key,rss]=$(( $(rss_kb "$pid") / 1024 ))
  R[$key,rss_max]=$(( max / 1024 ))
  # Scrapes are stamped with their start; the window (now - seconds, now] holds those measured.
  R[$key,scraped]=$(query "$port" "sum(sum_over_time(scrape_samples_scraped[${R[$key,seconds]}s]))" "$now")
  step "$key: ${R[$key,cpu]} CPU s, ${R[$key,scraped]} scraped, ${R[$key,received]:-no} received," \
    "RSS ${R[$key,rss]} MB"
}

# measure <ignis|prometheus>: the run without and the run with remote write, then the exactly-once check.
measure() {
  local who=$1
  config "$WORKDIR/$who-base.yml" 1
  step "$who: run without remote write"
  start_sender "$who" base "$WORKDIR/$who-base.yml"
  window "$who,base" "$PID" "$PORT"
  stop_pid "$PID"

  start_helper "sink-$who" io.ignis.bench.remote.CountingSink --duration "$BUDGET"
  local sink_pid=$HELPER_PID sink
  sink=$(head -1 "$HELPER_OUT")
  config "$WORKDIR/$who-rw.yml" 1 "$sink"
  config "$WORKDIR/$who-drain.yml" 0 "$sink"
  step "$who: run with remote write to the sink on port $sink"
  start_sender "$who" rw "$WORKDIR/$who-rw.yml"
  local sc0
  sc0=$(cpu_ticks "$sink_pid")
  window "$who,rw" "$PID" "$PORT" "$sink"
  R[$who,sink_cpu]=$(ticks_to_s "$sc0" "$(cpu_ticks "$sink_pid")")

  step "$who: stop scraping, wait until the sink is quiet for ${QUIET}s"
  cp "$WORKDIR/$who-drain.yml" "$WORKDIR/$who-rw.yml"
  kill -HUP "$PID"
  local last=-1 cur since
  since=$(date +%s)
  while true; do
    left >/dev/null
    sleep 1
    cur=$(sink_stat "$sink" samples)+$(sink_stat "$sink" stale)
    if [ "$cur" != "$last" ]; then last=$cur; since=$(date +%s); fi
    [ $(( $(date +%s) - since )) -ge "$QUIET" ] && break
  done
  R[$who,stored]=$(stored "$PORT" "$(date +%s)")
  curl -sf --max-time 30 "http://127.0.0.1:$PORT/metrics" | grep '^prometheus_remote_storage_' \
    >"$WORKDIR/$who-remote-metrics.txt" || true
  for k in samples stale duplicates out_of_order series requests bad_requests; do
    R[$who,sink_$k]=$(sink_stat "$sink" "$k")
  done
  step "$who: stored ${R[$who,stored]}, sink ${R[$who,sink_samples]} samples (+${R[$who,sink_stale]} stale)," \
    "${R[$who,sink_duplicates]} duplicates, ${R[$who,sink_out_of_order]} out of order"
  stop_pid "$PID"
  stop_pid "$sink_pid"
}

if [ "$ONLY" != prometheus ]; then measure ignis; fi
if [ "$ONLY" != ignis ]; then measure prometheus; fi

echo
echo "targets=$TARGETS series/target=$SERIES_PER_TARGET interval=${INTERVAL}s warmup=${WARMUP}s" \
  "duration=${DURATION}s cores=$(nproc) $(uptime | sed 's/.*load/load/')"
printf '%-11s %8s %8s %9s %9s %12s %10s %12s %8s %8s %8s %8s\n' system base_cpu rw_cpu rw_extra sent/s \
  sent/cpu_s base_rss rw_rss max_rss sink_cpu exact dup+ooo
for who in ignis prometheus; do
  [ -n "${R[$who,rw,cpu]:-}" ] || continue
  read -r extra per_s per_cpu < <(awk -v cb="${R[$who,base,cpu]}" -v sb="${R[$who,base,scraped]}" \
    -v cr="${R[$who,rw,cpu]}" -v sr="${R[$who,rw,scraped]}" -v recv="${R[$who,rw,received]}" \
    -v secs="${R[$who,rw,seconds]}" 'BEGIN {
      extra = cr - (sb > 0 ? cb / sb : 0) * sr
      printf "%.2f %.0f %s\n", extra, recv / secs, (extra > 0 ? sprintf("%.0f", recv / extra) : "n/a") }')
  R[$who,per_cpu]=$per_cpu
  exact=no
  if [ "${R[$who,stored]}" = "${R[$who,sink_samples]}" ] && [ "${R[$who,sink_duplicates]}" = 0 ] &&
    [ "${R[$who,sink_out_of_order]}" = 0 ] && [ "${R[$who,sink_bad_requests]}" = 0 ]; then
    exact=yes
  fi
  R[$who,exact]=$exact
  printf '%-11s %8s %8s %9s %9s %12s %10s %12s %8s %8s %8s %8s\n' "$who" "${R[$who,base,cpu]}" \
    "${R[$who,rw,cpu]}" "$extra" "$per_s" "$per_cpu" "${R[$who,base,rss]}" "${R[$who,rw,rss]}" \
    "${R[$who,rw,rss_max]}" "${R[$who,sink_cpu]}" "$exact" \
    "$(( R[$who,sink_duplicates] + R[$who,sink_out_of_order] ))"
  echo "  $who: stored ${R[$who,stored]} samples, sink counted ${R[$who,sink_samples]} (+${R[$who,sink_stale]}" \
    "stale markers) in ${R[$who,sink_requests]} requests; scraped in window: base ${R[$who,base,scraped]}," \
    "rw ${R[$who,rw,scraped]}"
done
if [ -n "${R[ignis,per_cpu]:-}" ] && [ -n "${R[prometheus,per_cpu]:-}" ]; then
  awk -v i="${R[ignis,per_cpu]}" -v p="${R[prometheus,per_cpu]}" -v ri="${R[ignis,rw,rss]}" \
    -v rp="${R[prometheus,rw,rss]}" 'BEGIN {
      if (i + 0 > 0 && p + 0 > 0) printf "ignis/prometheus: samples sent per CPU second %.2fx (above 1: Ignis '\
'spends less), RSS with remote write %.2fx\n", i / p, ri / rp
      else print "ignis/prometheus: no ratio, a remote-write CPU figure was not positive (machine too busy?)" }'
fi
for who in ignis prometheus; do
  if [ -n "${R[$who,exact]:-}" ] && [ "${R[$who,exact]}" != yes ]; then
    echo "$who did not deliver every sample exactly once" >&2
    exit 1
  fi
done
