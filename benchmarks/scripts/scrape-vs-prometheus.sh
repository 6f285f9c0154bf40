#!/usr/bin/env bash
# Compares the CPU and memory Ignis and Prometheus (Debian's /usr/bin/prometheus, 2.42) spend scraping the same
# targets: starts --targets loopback targets serving node-exporter-like text (io.ignis.bench.scrape.TargetServer,
# about --series series each, gzipped when asked, kept-alive connections), then runs Ignis and Prometheus in
# turn with the same prometheus.yml scraping all of them every --interval seconds. For each, after --warmup
# seconds it measures --duration seconds: CPU seconds from /proc/<pid>/stat (utime + stime, all threads), the
# samples scraped in that window (sum_over_time of scrape_samples_scraped through the server's own query API),
# and resident memory (VmRSS at the end and the highest seen). Prints CPU seconds per million samples, RSS, and
# the ratios Ignis / Prometheus (below 1 means Ignis spends less). The warm-up leaves the JVM's JIT compilation
# (a one-off cost of the first minutes, tens of CPU seconds on a busy two-core machine) out of the steady state
# measured; the default two minutes is about what it takes at 200 targets (after one minute the JIT compiler
# threads still took 5-7% of Ignis's CPU, per /proc/<pid>/task).
#
# Everything it starts is stopped by PID on exit; every step runs under a deadline, and the whole run stops
# at --budget seconds.
#
# usage: benchmarks/scripts/scrape-vs-prometheus.sh [--targets N] [--series N] [--interval SEC] [--warmup SEC]
#          [--duration SEC] [--budget SEC] [--only ignis|prometheus] [--jfr FILE] [--workdir DIR] [--keep]
#   IGNIS_JAVA_OPTS  JVM options for Ignis (default: -Xmx1g and the G1 options bin/ignis starts the server with,
#                    so the figures are those of the server as users run it)
#   PROMETHEUS       the Prometheus binary (default: /usr/bin/prometheus)
set -euo pipefail

TARGETS=200
SERIES=700
INTERVAL=2
WARMUP=120
DURATION=60
BUDGET=900
ONLY=
JFR=
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
    --jfr) JFR=$2; shift 2 ;;
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
# bin/ignis's own JVM options (its default_opts line), so they are written down once.
BIN_IGNIS_OPTS=$(sed -n 's/^default_opts=(\(.*\))$/\1/p' "$ROOT/bin/ignis")
IGNIS_JAVA_OPTS=${IGNIS_JAVA_OPTS:--Xmx1g $BIN_IGNIS_OPTS}
DEADLINE=$(( $(date +%s) + BUDGET ))
HZ=$(getconf CLK_TCK)
PIDS=()

for tool in "$PROMETHEUS" curl java python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done

if [ -z "$WORKDIR" ]; then
  WORKDIR=$(mktemp -d /tmp/scrape-vs-prometheus.XXXXXX)
else
  mkdir -p "$WORKDIR"
fi

cleanup() {
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  if [ "$KEEP" = 0 ]; then rm -rf "$WORKDIR"; else echo "kept $WORKDIR" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ ! -f "$BENCH_JAR" ] || [ ! -f "$IGNIS_JAR" ]; then
  step "building $BENCH_JAR and $IGNIS_JAR"
  (cd "$ROOT" && timeout "$(left)" mvn -o -q -B -pl benchmarks,server -am package -DskipTests)
fi

# Targets live as long as the whole run may.
step "starting $TARGETS targets"
java -Xmx256m -XX:+UseSerialGC -cp "$BENCH_JAR" io.ignis.bench.scrape.TargetServer --targets "$TARGETS" \
  --series "$SERIES" --duration "$BUDGET" >"$WORKDIR/ports.txt" 2>"$WORKDIR/targets.log" &
TARGET_PID=$!
PIDS+=("$TARGET_PID")
until grep -q '^ready$' "$WORKDIR/ports.txt" 2>/dev/null; do
  kill -0 "$TARGET_PID" 2>/dev/null || { cat "$WORKDIR/targets.log" >&2; exit 1; }
  left >/dev/null
  sleep 0.2
done
SERIES_PER_TARGET=$(sed -n 's/^serving \([0-9]*\) series.*/\1/p' "$WORKDIR/targets.log")

{
  echo "global:"
  echo "  scrape_interval: ${INTERVAL}s"
  echo "  scrape_timeout: ${INTERVAL}s"
  echo "scrape_configs:"
  echo "  - job_name: node"
  echo "    static_configs:"
  echo "      - targets:"
  grep -E '^[0-9]+$' "$WORKDIR/ports.txt" | sed 's/^/          - 127.0.0.1:/'
} >"$WORKDIR/prometheus.yml"

# Runs the query on the server at 127.0.0.1:$1 and prints the first result's value (0 when empty).
query() {
  curl -sf --max-time 60 "http://127.0.0.1:$1/api/v1/query" --data-urlencode "query=$2" \
    --data-urlencode "time=$3" | python3 -c '
import json, sys
r = json.load(sys.stdin)["data"]["result"]
print(r[0]["value"][1] if r else 0)'
}

declare -A CPU SAMPLES RSS RSS_MAX UP TARGET_CPU
# Measures one scraper already started as $2 listening on $3.
measure() {
  local name=$1 pid=$2 port=$3
  local ready_by=$(( $(date +%s) + 120 ))
  until curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { tail -50 "$WORKDIR/$name.log" >&2; exit 1; }
    [ "$(date +%s)" -lt "$ready_by" ] || { echo "$name not ready in 120s" >&2; exit 1; }
    left >/dev/null
    sleep 0.5
  done
  step "$name ready; warming up ${WARMUP}s"
  sleep "$WARMUP"
  local c0 t0 tc0 max=0 now rss
  c0=$(cpu_ticks "$pid")
  tc0=$(cpu_ticks "$TARGET_PID")
  t0=$(date +%s)
  step "$name: measuring ${DURATION}s"
  while [ $(( $(date +%s) - t0 )) -lt "$DURATION" ]; do
    left >/dev/null
    sleep 1
    rss=$(rss_kb "$pid")
    [ "$rss" -gt "$max" ] && max=$rss
  done
  CPU[$name]=$(awk -v a="$c0" -v b="$(cpu_ticks "$pid")" -v hz="$HZ" 'BEGIN {printf "%.2f", (b - a) / hz}')
  TARGET_CPU[$name]=$(awk -v a="$tc0" -v b="$(cpu_ticks "$TARGET_PID")" -v hz="$HZ" \
    'BEGIN {printf "%.2f", (b - a) / hz}')
  now=$(date +%s)
  RSS[$name]=$(( $(rss_kb "$pid") / 1024 ))
  RSS_MAX[$name]=$(( max / 1024 ))
  # Scrapes are stamped with their start; the window (now - duration, now] holds those measured.
  SAMPLES[$name]=$(query "$port" "sum(sum_over_time(scrape_samples_scraped[$(( now - t0 ))s]))" "$now")
  UP[$name]="$(query "$port" 'count(up == 1)' "$now")/$(query "$port" 'count(up)' "$now")"
  step "$name: ${CPU[$name]} CPU s, ${SAMPLES[$name]} samples, RSS ${RSS[$name]} MB, up ${UP[$name]}"
}

if [ "$ONLY" != prometheus ]; then
  PORT=$(free_port)
  step "starting Ignis on 127.0.0.1:$PORT"
  JFR_OPT=()
  [ -n "$JFR" ] && JFR_OPT=("-XX:StartFlightRecording=delay=${WARMUP}s,filename=$JFR,settings=profile,dumponexit=true")
  # shellcheck disable=SC2086
  java $IGNIS_JAVA_OPTS "${JFR_OPT[@]}" -jar "$IGNIS_JAR" --config.file="$WORKDIR/prometheus.yml" \
    --storage.tsdb.path="$WORKDIR/ignis-data" --web.listen-address="127.0.0.1:$PORT" \
    >"$WORKDIR/ignis.log" 2>&1 &
  IGNIS_PID=$!
  PIDS+=("$IGNIS_PID")
  measure ignis "$IGNIS_PID" "$PORT"
  stop_pid "$IGNIS_PID"
fi

if [ "$ONLY" != ignis ]; then
  PORT=$(free_port)
  step "starting Prometheus on 127.0.0.1:$PORT"
  "$PROMETHEUS" --config.file="$WORKDIR/prometheus.yml" --storage.tsdb.path="$WORKDIR/prometheus-data" \
    --web.listen-address="127.0.0.1:$PORT" >"$WORKDIR/prometheus.log" 2>&1 &
  PROM_PID=$!
  PIDS+=("$PROM_PID")
  measure prometheus "$PROM_PID" "$PORT"
  stop_pid "$PROM_PID"
fi

echo
echo "targets=$TARGETS series/target=$SERIES_PER_TARGET interval=${INTERVAL}s warmup=${WARMUP}s" \
  "duration=${DURATION}s cores=$(nproc) $(uptime | sed 's/.*load/load/')"
printf '%-11s %9s %12s %14s %8s %12s %8s %11s\n' system cpu_s samples cpu_s_per_M rss_MB max_rss_MB up target_cpu_s
for name in ignis prometheus; do
  [ -n "${CPU[$name]:-}" ] || continue
  printf '%-11s %9s %12s %14s %8s %12s %8s %11s\n' "$name" "${CPU[$name]}" "${SAMPLES[$name]}" \
    "$(awk -v c="${CPU[$name]}" -v s="${SAMPLES[$name]}" 'BEGIN {printf "%.3f", (s > 0 ? c / s * 1e6 : 0)}')" \
    "${RSS[$name]}" "${RSS_MAX[$name]}" "${UP[$name]}" "${TARGET_CPU[$name]}"
done
if [ -n "${CPU[ignis]:-}" ] && [ -n "${CPU[prometheus]:-}" ]; then
  awk -v ci="${CPU[ignis]}" -v si="${SAMPLES[ignis]}" -v cp="${CPU[prometheus]}" -v sp="${SAMPLES[prometheus]}" \
    -v ri="${RSS[ignis]}" -v rp="${RSS[prometheus]}" 'BEGIN {
      printf "ignis/prometheus: CPU per sample %.2fx, RSS %.2fx\n", (ci / si) / (cp / sp), ri / rp }'
fi
