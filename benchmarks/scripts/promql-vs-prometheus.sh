#!/usr/bin/env bash
# Compares the Ignis PromQL engine with Prometheus (Debian's /usr/bin/prometheus, 2.42) on the same blocks:
# writes the dashboard dataset (io.ignis.bench.promql.DashboardData) as OpenMetrics, turns it into blocks
# with promtool, times every dashboard query through Prometheus's HTTP API (instant and range, median of
# --runs after one warm-up), stops Prometheus, times the same queries through our engine over the same
# blocks, and prints a table of medians and ratios (Prometheus / Ignis: above 1 means we are faster).
#
# Everything it starts is stopped by PID on exit; every step runs under `timeout`, and the whole run stops
# at --budget seconds.
#
# usage: benchmarks/scripts/promql-vs-prometheus.sh [--series N] [--interval SEC] [--duration SEC]
#          [--range SEC] [--step SEC] [--runs N] [--budget SEC] [--workdir DIR] [--keep] [--prepare]
#   With --workdir and --keep, the blocks stay in DIR with dataset.env naming their shape and time range; a later
#   run with the same --workdir, --series, --interval and --duration reuses them instead of writing them again
#   (so the slow preparation can run apart from the timed part). --prepare stops once the blocks are written.
set -euo pipefail

SERIES=100000
INTERVAL=15
DURATION=4200
RANGE=3600
STEP=15
RUNS=5
BUDGET=5400
WORKDIR=
KEEP=0
PREPARE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --series) SERIES=$2; shift 2 ;;
    --interval) INTERVAL=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --range) RANGE=$2; shift 2 ;;
    --step) STEP=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --budget) BUDGET=$2; shift 2 ;;
    --workdir) WORKDIR=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --prepare) PREPARE=1; KEEP=1; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=benchmarks/scripts/bench-common.sh
source "$ROOT/benchmarks/scripts/bench-common.sh"
JAR=$ROOT/benchmarks/target/benchmarks.jar
PROMETHEUS=${PROMETHEUS:-/usr/bin/prometheus}
PROMTOOL=${PROMTOOL:-/usr/bin/promtool}
JAVA_OPTS=${JAVA_OPTS:--Xms4g -Xmx4g}
DEADLINE=$(( $(date +%s) + BUDGET ))
PROM_PID=

for tool in "$PROMETHEUS" "$PROMTOOL" curl java python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done

if [ -z "$WORKDIR" ]; then
  WORKDIR=$(mktemp -d /tmp/promql-vs-prometheus.XXXXXX)
else
  mkdir -p "$WORKDIR"
fi

cleanup() {
  if [ -n "$PROM_PID" ] && kill -0 "$PROM_PID" 2>/dev/null; then
    kill "$PROM_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$PROM_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$PROM_PID" 2>/dev/null || true
    wait "$PROM_PID" 2>/dev/null || true
  fi
  if [ "$KEEP" = 0 ]; then rm -rf "$WORKDIR"; else echo "kept $WORKDIR" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM


if [ ! -f "$JAR" ]; then
  step "building $JAR"
  (cd "$ROOT" && timeout "$(left)" mvn -o -q -B -pl benchmarks -am package -DskipTests)
fi

STEPS=$(( DURATION / INTERVAL + 1 ))
SHAPE="$SERIES $INTERVAL $DURATION"
if [ -f "$WORKDIR/dataset.env" ] && [ "$(sed -n 1p "$WORKDIR/dataset.env")" = "$SHAPE" ]; then
  read -r START_MS END_MS < <(sed -n 2p "$WORKDIR/dataset.env")
  END_S=$(( END_MS / 1000 ))
  step "reusing the blocks in $WORKDIR/data ($SHAPE)"
else
  NOW_MS=$(( $(date +%s) * 1000 ))
  # Recent data, so Prometheus's retention keeps it; the grid is aligned to the interval.
  END_MS=$(( (NOW_MS - 600000) / (INTERVAL * 1000) * (INTERVAL * 1000) ))
  START_MS=$(( END_MS - (STEPS - 1) * INTERVAL * 1000 ))
  END_S=$(( END_MS / 1000 ))

  step "writing $SERIES series x $STEPS samples as OpenMetrics"
  timeout "$(left)" java $JAVA_OPTS -cp "$JAR" io.ignis.bench.promql.DashboardOpenMetricsWriter \
    "$SERIES" "$START_MS" "$(( INTERVAL * 1000 ))" "$STEPS" "$WORKDIR/data.om"
  step "promtool tsdb create-blocks-from openmetrics ($(du -h "$WORKDIR/data.om" | cut -f1))"
  timeout "$(left)" "$PROMTOOL" tsdb create-blocks-from openmetrics "$WORKDIR/data.om" "$WORKDIR/data" \
    >"$WORKDIR/promtool.log" 2>&1 || { cat "$WORKDIR/promtool.log" >&2; exit 1; }
  rm -f "$WORKDIR/data.om"
  printf '%s\n%s %s\n' "$SHAPE" "$START_MS" "$END_MS" > "$WORKDIR/dataset.env"
fi
if [ "$PREPARE" = 1 ]; then
  step "prepared $WORKDIR"
  exit 0
fi

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
printf 'global:\n  scrape_interval: 1h\nscrape_configs: []\n' > "$WORKDIR/prometheus.yml"
step "starting Prometheus on 127.0.0.1:$PORT"
"$PROMETHEUS" --config.file="$WORKDIR/prometheus.yml" --storage.tsdb.path="$WORKDIR/data" \
  --storage.tsdb.retention.time=10y --web.listen-address="127.0.0.1:$PORT" \
  --query.timeout=10m --query.max-samples=1000000000 >"$WORKDIR/prometheus.log" 2>&1 &
PROM_PID=$!
ready_by=$(( $(date +%s) + 300 ))
until curl -sf "http://127.0.0.1:$PORT/-/ready" >/dev/null; do
  kill -0 "$PROM_PID" 2>/dev/null || { cat "$WORKDIR/prometheus.log" >&2; exit 1; }
  [ "$(date +%s)" -lt "$ready_by" ] || { echo "Prometheus not ready in 300s" >&2; exit 1; }
  left >/dev/null
  sleep 0.5
done

# Median of the values on stdin.
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Times one query RUNS times (after a warm-up) through the HTTP API; prints the median in ms.
prom_time() {
  local path=$1; shift
  local out="$WORKDIR/response.json" times=()
  for i in $(seq 0 "$RUNS"); do
    local t
    t=$(timeout "$(left)" curl -s -o "$out" -w '%{time_total}' "$@" "http://127.0.0.1:$PORT$path")
    grep -q '"status":"success"' "$out" || { echo "Prometheus failed: $(head -c 300 "$out")" >&2; exit 1; }
    [ "$i" -gt 0 ] && times+=("$t")
  done
  printf '%s\n' "${times[@]}" | median | awk '{printf "%.1f", $1 * 1000}'
}

declare -A PROM
while IFS=$'\t' read -r name query; do
  step "Prometheus: $name"
  PROM[$name,instant]=$(prom_time /api/v1/query --data-urlencode "query=$query" --data-urlencode "time=$END_S")
  PROM[$name,range]=$(prom_time /api/v1/query_range --data-urlencode "query=$query" \
    --data-urlencode "start=$(( END_S - RANGE ))" --data-urlencode "end=$END_S" --data-urlencode "step=$STEP")
done < <(java -cp "$JAR" io.ignis.bench.promql.PromqlQueryTimer --list 2>/dev/null)

step "stopping Prometheus"
kill "$PROM_PID"
wait "$PROM_PID" 2>/dev/null || true
PROM_PID=

step "Ignis over the same blocks"
timeout "$(left)" java $JAVA_OPTS -cp "$JAR" io.ignis.bench.promql.PromqlQueryTimer --blocks "$WORKDIR/data" \
  --end "$END_MS" --range "$RANGE" --step "$STEP" --runs "$RUNS" 2>/dev/null > "$WORKDIR/ignis.txt"

echo
echo "series=$SERIES interval=${INTERVAL}s duration=${DURATION}s range=${RANGE}s step=${STEP}s runs=$RUNS" \
  "$(uptime | sed 's/.*load/load/')"
printf '%-20s %-8s %12s %12s %12s %10s\n' query kind prometheus_ms ignis_ms ignis_cpu_ms ratio
tail -n +2 "$WORKDIR/ignis.txt" | while read -r name kind wall cpu _; do
  p=${PROM[$name,$kind]}
  printf '%-20s %-8s %12s %12s %12s %10s\n' "$name" "$kind" "$p" "$wall" "$cpu" \
    "$(awk -v p="$p" -v w="$wall" 'BEGIN {printf "%.2fx", p / w}')"
done
