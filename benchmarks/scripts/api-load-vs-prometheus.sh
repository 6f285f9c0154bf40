#!/usr/bin/env bash
# Query load on Ignis and on Prometheus (Debian's /usr/bin/prometheus, 2.42) under the same ingestion: one
# synthetic node-exporter-like target (io.ignis.bench.api.SyntheticTarget, --series series) is scraped by both
# servers every --scrape-interval seconds; after --warmup seconds of ingestion, --clients concurrent clients
# (io.ignis.bench.api.ApiLoadDriver) send a Grafana-like mix of range and instant queries and template lookups
# for --seconds to Ignis, then the same to Prometheus, while both keep ingesting. Prints requests, errors,
# throughput and latency percentiles side by side, with the ratio Prometheus / Ignis (latency: above 1 means
# Ignis answers faster; throughput: below 1 means Ignis serves more), plus both servers' series counts.
#
# Everything it starts (target, Prometheus, Ignis) is stopped by PID on exit; every step runs under `timeout`,
# and the whole run stops at --budget seconds.
#
# usage: benchmarks/scripts/api-load-vs-prometheus.sh [--series N] [--clients N] [--seconds SEC]
#          [--warmup SEC] [--scrape-interval SEC] [--budget SEC] [--workdir DIR] [--keep]
set -euo pipefail

SERIES=100000
CLIENTS=50
SECONDS_PER_SERVER=120
WARMUP=300
SCRAPE_INTERVAL=15
BUDGET=1800
WORKDIR=
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --series) SERIES=$2; shift 2 ;;
    --clients) CLIENTS=$2; shift 2 ;;
    --seconds) SECONDS_PER_SERVER=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --scrape-interval) SCRAPE_INTERVAL=$2; shift 2 ;;
    --budget) BUDGET=$2; shift 2 ;;
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
JAVA_OPTS=${JAVA_OPTS:--Xms2g -Xmx2g}
DEADLINE=$(( $(date +%s) + BUDGET ))
START=$(date +%s)
PIDS=()

for tool in "$PROMETHEUS" curl java python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done

if [ -z "$WORKDIR" ]; then
  WORKDIR=$(mktemp -d /tmp/api-load-vs-prometheus.XXXXXX)
else
  mkdir -p "$WORKDIR"
fi

# Stops only the processes this script started, by PID: TERM, up to 10 s, then KILL.
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ "$KEEP" = 0 ]; then rm -rf "$WORKDIR"; else echo "kept $WORKDIR" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM


if [ ! -f "$BENCH_JAR" ] || [ ! -f "$IGNIS_JAR" ]; then
  step "building $BENCH_JAR and $IGNIS_JAR"
  (cd "$ROOT" && timeout "$(left)" mvn -o -q -B -pl server,benchmarks -am package -DskipTests)
fi

# Waits until GET $1 answers 2xx, or fails when PID $2 exits or 120 s pass.
await_ready() {
  local url=$1 pid=$2 log=$3 by=$(( $(date +%s) + 120 ))
  until curl -sf "$url" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "exited early; log:" >&2; tail -n 30 "$log" >&2; exit 1; }
    [ "$(date +%s)" -lt "$by" ] || { echo "not ready in 120s: $url" >&2; exit 1; }
    left >/dev/null
    sleep 0.5
  done
}

TARGET_PORT=$(free_port)
step "synthetic target with $SERIES series on 127.0.0.1:$TARGET_PORT"
java -Xmx512m -cp "$BENCH_JAR" io.ignis.bench.api.SyntheticTarget "$TARGET_PORT" "$SERIES" \
  >"$WORKDIR/target.log" 2>&1 &
PIDS+=($!)
await_ready "http://127.0.0.1:$TARGET_PORT/metrics" "${PIDS[-1]}" "$WORKDIR/target.log"

cat >"$WORKDIR/scrape.yml" <<YAML
global:
  scrape_interval: ${SCRAPE_INTERVAL}s
  scrape_timeout: ${SCRAPE_INTERVAL}s
scrape_configs:
  - job_name: load
    static_configs:
      - targets: ['127.0.0.1:$TARGET_PORT']
YAML

PROM_PORT=$(free_port)
step "Prometheus on 127.0.0.1:$PROM_PORT"
"$PROMETHEUS" --config.file="$WORKDIR/scrape.yml" --storage.tsdb.path="$WORKDIR/prom-data" \
  --web.listen-address="127.0.0.1:$PROM_PORT" >"$WORKDIR/prometheus.log" 2>&1 &
PIDS+=($!)
await_ready "http://127.0.0.1:$PROM_PORT/-/ready" "${PIDS[-1]}" "$WORKDIR/prometheus.log"

IGNIS_PORT=$(free_port)
step "Ignis on 127.0.0.1:$IGNIS_PORT"
# Word splitting of JAVA_OPTS is intended: it holds several JVM options.
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$IGNIS_JAR" --config.file="$WORKDIR/scrape.yml" --storage.tsdb.path="$WORKDIR/ignis-data" \
  --web.listen-address="127.0.0.1:$IGNIS_PORT" >"$WORKDIR/ignis.log" 2>&1 &
PIDS+=($!)
await_ready "http://127.0.0.1:$IGNIS_PORT/-/ready" "${PIDS[-1]}" "$WORKDIR/ignis.log"

step "ingesting for ${WARMUP}s"
warm_until=$(( $(date +%s) + WARMUP ))
while [ "$(date +%s)" -lt "$warm_until" ]; do left >/dev/null; sleep 1; done

# The number of series a server holds for the target's job (a quick check both ingest the same).
series_count() {
  curl -s "http://127.0.0.1:$1/api/v1/query" --data-urlencode 'query=count({job="load"})' \
    | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else 0)'
}

run_load() {
  local port=$1 name=$2
  step "$name: $CLIENTS clients for ${SECONDS_PER_SERVER}s"
  timeout "$(left)" java -Xmx512m -cp "$BENCH_JAR" io.ignis.bench.api.ApiLoadDriver \
    "http://127.0.0.1:$port" "$CLIENTS" "$SECONDS_PER_SERVER" "$WARMUP" 2>"$WORKDIR/$name-driver.log"
}

# What a server ingested over the whole run: the samples its scrapes of the target appended (a scrape commits
# all of them or fails) and how many scrapes failed. Prints "appended failed". (Counting stored samples with
# count_over_time over every metric is not possible in one query: without the metric name the series collide.)
ingest_check() {
  local port=$1 w=$(( $(date +%s) - START + 60 ))s at
  at=$(date +%s)
  q() {
    curl -s "http://127.0.0.1:$port/api/v1/query" --data-urlencode "query=$1" --data-urlencode "time=$at" \
      | python3 -c 'import json,sys
d=json.load(sys.stdin)
if d.get("status") != "success":
    sys.exit("query failed: " + json.dumps(d))
r=d["data"]["result"]
print(int(float(r[0]["value"][1])) if r else 0)'
  }
  echo "$(q "sum(sum_over_time(scrape_samples_scraped{job=\"load\"}[$w]))")" \
    "$(q "sum(count_over_time(up{job=\"load\"}[$w]) - sum_over_time(up{job=\"load\"}[$w]))")"
}

IGNIS_RESULT=$(run_load "$IGNIS_PORT" ignis)
PROM_RESULT=$(run_load "$PROM_PORT" prometheus)
IGNIS_SERIES=$(series_count "$IGNIS_PORT")
PROM_SERIES=$(series_count "$PROM_PORT")
read -r IGNIS_APPENDED IGNIS_FAILED < <(ingest_check "$IGNIS_PORT")
read -r PROM_APPENDED PROM_FAILED < <(ingest_check "$PROM_PORT")

echo
echo "series=$SERIES clients=$CLIENTS seconds=$SECONDS_PER_SERVER warmup=${WARMUP}s scrape_interval=${SCRAPE_INTERVAL}s" \
  "held: ignis=$IGNIS_SERIES prometheus=$PROM_SERIES $(uptime | sed 's/.*load/load/')"
python3 - "$IGNIS_RESULT" "$PROM_RESULT" <<'PY'
import sys
names = ["requests", "errors", "seconds", "rps", "p50_ms", "p90_ms", "p99_ms", "max_ms"]
ignis = [float(x) for x in sys.argv[1].split()]
prom = [float(x) for x in sys.argv[2].split()]
print(f"{'':10} {'ignis':>12} {'prometheus':>12} {'prom/ignis':>12}")
for n, i, p in zip(names, ignis, prom):
    ratio = f"{p / i:.2f}x" if i else "-"
    print(f"{n:10} {i:12.1f} {p:12.1f} {ratio:>12}")
PY
# Both scrape the same target every interval: no failed scrape (so every scraped sample was committed) and the
# same count as Prometheus (one scrape more or less, as their scrape offsets differ) mean none was lost.
echo "over the run: samples appended by scrapes / failed scrapes:" \
  "ignis $IGNIS_APPENDED / $IGNIS_FAILED, prometheus $PROM_APPENDED / $PROM_FAILED"
diff=$(( IGNIS_APPENDED - PROM_APPENDED ))
if [ "$IGNIS_FAILED" != 0 ] || [ "${diff#-}" -gt "$SERIES" ]; then
  echo "Ignis lost samples or scrapes under load" >&2
  exit 4
fi
for name in ignis prometheus; do
  if [ -s "$WORKDIR/$name-driver.log" ]; then echo "$name: $(tail -n 1 "$WORKDIR/$name-driver.log")" >&2; fi
done
