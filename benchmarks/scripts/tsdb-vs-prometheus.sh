#!/usr/bin/env bash
# Compares Ignis's TSDB with Prometheus's (Debian's /usr/bin/prometheus, 2.42) on identical data directories:
# io.ignis.bench.tsdb.WalDataset writes a WAL (plus chunks_head/) once, each server starts on its own copy of
# it, and the script measures
#   1. WAL replay: seconds from process start to /-/ready, the replay time each server logs, and CPU seconds
#      (utime+stime) spent until ready; samples replayed per second;
#   2. head memory per active series: resident memory 20 s after ready minus the resident memory of the same
#      server started on an empty directory, divided by the series count;
#   3. bytes per sample on disk: a second, smaller dataset spanning 4 h, which each server compacts into its
#      first 2 h block on its own; chunk and index bytes of that block divided by its sample count.
# Ignis runs through bin/ignis, as users start it (its default JVM options, plus IGNIS_OPTS when set).
#
# Everything it starts is stopped by PID on exit; every wait is bounded and the whole run stops at --budget s.
#
# usage: benchmarks/scripts/tsdb-vs-prometheus.sh [--series N] [--samples N] [--block-series N]
#          [--budget SEC] [--workdir DIR] [--keep]
set -euo pipefail

SERIES=1000000
SAMPLES=240
BLOCK_SERIES=20000
BUDGET=3600
WORKDIR=
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --series) SERIES=$2; shift 2 ;;
    --samples) SAMPLES=$2; shift 2 ;;
    --block-series) BLOCK_SERIES=$2; shift 2 ;;
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
PROMTOOL=${PROMTOOL:-/usr/bin/promtool}
DEADLINE=$(( $(date +%s) + BUDGET ))
PID=
TICKS=$(getconf CLK_TCK)
PAGE=$(getconf PAGESIZE)

for tool in "$PROMETHEUS" "$PROMTOOL" curl java python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
if [ -z "$WORKDIR" ]; then WORKDIR=$(mktemp -d /tmp/tsdb-vs-prometheus.XXXXXX); else mkdir -p "$WORKDIR"; fi

stop_server() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    kill "$PID" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$PID" 2>/dev/null || true
  fi
  [ -n "$PID" ] && { wait "$PID" 2>/dev/null || true; }
  PID=
}
cleanup() {
  stop_server
  if [ "$KEEP" = 0 ]; then rm -rf "$WORKDIR"; else echo "kept $WORKDIR" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cpu_seconds() { awk -v t="$TICKS" '{printf "%.2f", ($14 + $15) / t}' "/proc/$1/stat"; }
rss_bytes() { awk -v p="$PAGE" '{printf "%.0f", $2 * p}' "/proc/$1/statm"; }
now() { date +%s.%N; }

if [ ! -f "$BENCH_JAR" ] || [ ! -f "$IGNIS_JAR" ]; then
  step "building the benchmark and server jars"
  (cd "$ROOT" && timeout "$(left)" mvn -o -q -B -pl benchmarks,server -am package -DskipTests)
fi
printf 'global:\n  scrape_interval: 1h\nscrape_configs: []\n' > "$WORKDIR/empty.yml"

# start <prometheus|ignis> <data dir> <log>: starts the server in the background, sets PID and PORT.
start() {
  PORT=$(free_port)
  local flags=(--config.file="$WORKDIR/empty.yml" --storage.tsdb.path="$2" --storage.tsdb.retention.time=10y
    --web.listen-address="127.0.0.1:$PORT")
  if [ "$1" = prometheus ]; then
    "$PROMETHEUS" "${flags[@]}" >"$3" 2>&1 &
  else
    "$ROOT/bin/ignis" "${flags[@]}" >"$3" 2>&1 &
  fi
  PID=$!
}

# Waits for /-/ready (at most the budget); prints the seconds since $1.
wait_ready() {
  local since=$1
  until curl -sf "http://127.0.0.1:$PORT/-/ready" >/dev/null 2>&1; do
    kill -0 "$PID" 2>/dev/null || { echo "server exited before ready" >&2; exit 1; }
    left >/dev/null
    sleep 0.05
  done
  awk -v a="$since" -v b="$(now)" 'BEGIN {printf "%.2f", b - a}'
}

head_series() {
  curl -sf "http://127.0.0.1:$PORT/api/v1/status/tsdb" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["headStats"]["numSeries"])'
}

# The replay duration the server logged, in seconds ("" when it logged none).
logged_replay() {
  if [ "$1" = prometheus ]; then
    sed -n 's/.*WAL replay completed.*total_replay_duration=\([0-9.a-zµ]*\).*/\1/p' "$2" | tail -1 |
      python3 -c 'import re,sys
s=sys.stdin.read().strip()
u={"h":3600,"m":60,"s":1,"ms":1e-3,"µs":1e-6,"us":1e-6,"ns":1e-9}
print("%.2f" % sum(float(v)*u[k] for v,k in re.findall(r"([0-9.]+)(ms|µs|us|ns|h|m|s)", s)) if s else "")'
  else
    sed -n 's/.*wal replay completed.*duration_ms=\([0-9]*\).*/\1/p' "$2" | tail -1 | awk '{printf "%.2f", $1 / 1000}'
  fi
}

declare -A R
# measure <prometheus|ignis>: replay and memory on a copy of the dataset.
measure() {
  local who=$1 t0
  step "$who: empty directory"
  start "$who" "$WORKDIR/$who-empty" "$WORKDIR/$who-empty.log"
  wait_ready "$(now)" >/dev/null
  sleep 20
  R[$who,rss0]=$(rss_bytes "$PID")
  stop_server

  step "$who: copying the dataset"
  cp -a "$WORKDIR/dataset" "$WORKDIR/$who-data"
  sync
  step "$who: replaying"
  t0=$(now)
  start "$who" "$WORKDIR/$who-data" "$WORKDIR/$who.log"
  R[$who,ready]=$(wait_ready "$t0")
  R[$who,cpu]=$(cpu_seconds "$PID")
  R[$who,series]=$(head_series)
  sleep 20
  R[$who,rss]=$(rss_bytes "$PID")
  stop_server
  R[$who,logged]=$(logged_replay "$who" "$WORKDIR/$who.log")
  rm -rf "$WORKDIR/$who-data" "$WORKDIR/$who-empty"
}

NOW_MS=$(( $(date +%s) * 1000 ))
step "writing $SERIES series x $SAMPLES samples"
timeout "$(left)" java -Xmx16g -cp "$BENCH_JAR" io.ignis.bench.tsdb.WalDataset "$WORKDIR/dataset" "$SERIES" \
  "$SAMPLES" $(( NOW_MS - SAMPLES * 15000 - 60000 )) >&2
WAL_BYTES=$(du -sb "$WORKDIR/dataset" | cut -f1)
measure prometheus
measure ignis
rm -rf "$WORKDIR/dataset"

# Block size: 4 h of data starting 1 s after a 2 h boundary (jitter is ms), so each server's first block is one whole 2 h range.
BLOCK_SAMPLES=960
T0=$(( (NOW_MS - 4 * 3600000) / 7200000 * 7200000 ))
step "writing $BLOCK_SERIES series x $BLOCK_SAMPLES samples for the block test"
timeout "$(left)" java -cp "$BENCH_JAR" io.ignis.bench.tsdb.WalDataset "$WORKDIR/blockset" "$BLOCK_SERIES" \
  "$BLOCK_SAMPLES" $(( T0 + 1000 )) >&2

# The first block a server compacts from the block dataset: sets R[<who>,chunks|index|samples].
first_block() {
  local who=$1 dir="$WORKDIR/$1-blocks" meta=
  cp -a "$WORKDIR/blockset" "$dir"
  start "$who" "$dir" "$WORKDIR/$who-blocks.log"
  wait_ready "$(now)" >/dev/null
  step "$who: waiting for its first block (servers compact once a minute)"
  until meta=$(ls "$dir"/*/meta.json 2>/dev/null | head -1) && [ -n "$meta" ]; do
    kill -0 "$PID" 2>/dev/null || { echo "$who exited" >&2; exit 1; }
    left >/dev/null
    sleep 1
  done
  sleep 2
  stop_server
  local block
  block=$(dirname "$meta")
  "$PROMTOOL" tsdb analyze "$dir" "$(basename "$block")" >"$WORKDIR/$who-analyze.txt" 2>&1 ||
    { echo "promtool tsdb analyze failed on $who's block:" >&2; cat "$WORKDIR/$who-analyze.txt" >&2; exit 1; }
  R[$who,chunks]=$(du -sb "$block/chunks" | cut -f1)
  R[$who,index]=$(stat -c %s "$block/index")
  R[$who,samples]=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["stats"]["numSamples"])' "$meta")
  rm -rf "$dir"
}
first_block prometheus
first_block ignis

samples=$(( SERIES * SAMPLES ))
echo
echo "series=$SERIES samples/series=$SAMPLES (wal+chunks_head $(( WAL_BYTES / 1048576 )) MiB)" \
  "block-series=$BLOCK_SERIES IGNIS_OPTS='${IGNIS_OPTS:-}' $(uptime | sed 's/.*load/load/')"
printf '%-34s %14s %14s %10s\n' measure prometheus-2.42 ignis 'ignis/prom'
row() { printf '%-34s %14s %14s %10s\n' "$1" "$2" "$3" "$(awk -v a="$2" -v b="$3" 'BEGIN {printf "%.2f", b / a}')"; }
row "head series after replay" "${R[prometheus,series]}" "${R[ignis,series]}"
row "start to ready (s)" "${R[prometheus,ready]}" "${R[ignis,ready]}"
row "logged replay (s)" "${R[prometheus,logged]:-0}" "${R[ignis,logged]:-0}"
row "CPU until ready (s)" "${R[prometheus,cpu]}" "${R[ignis,cpu]}"
rate() { awk -v s="$samples" -v t="$1" 'BEGIN {printf "%.0f", s / t}'; }
row "replayed samples/s (to ready)" "$(rate "${R[prometheus,ready]}")" "$(rate "${R[ignis,ready]}")"
per_series() { awk -v a="$1" -v b="$2" -v n="$SERIES" 'BEGIN {printf "%.0f", (a - b) / n}'; }
row "RSS empty (MiB)" "$(( R[prometheus,rss0] / 1048576 ))" "$(( R[ignis,rss0] / 1048576 ))"
row "RSS after replay (MiB)" "$(( R[prometheus,rss] / 1048576 ))" "$(( R[ignis,rss] / 1048576 ))"
row "RSS per active series (B)" "$(per_series "${R[prometheus,rss]}" "${R[prometheus,rss0]}")" \
  "$(per_series "${R[ignis,rss]}" "${R[ignis,rss0]}")"
row "block samples" "${R[prometheus,samples]}" "${R[ignis,samples]}"
bps() { awk -v b="$1" -v s="$2" 'BEGIN {printf "%.3f", b / s}'; }
row "chunk bytes/sample" "$(bps "${R[prometheus,chunks]}" "${R[prometheus,samples]}")" \
  "$(bps "${R[ignis,chunks]}" "${R[ignis,samples]}")"
row "index bytes/sample" "$(bps "${R[prometheus,index]}" "${R[prometheus,samples]}")" \
  "$(bps "${R[ignis,index]}" "${R[ignis,samples]}")"
row "block bytes/sample" \
  "$(bps $(( R[prometheus,chunks] + R[prometheus,index] )) "${R[prometheus,samples]}")" \
  "$(bps $(( R[ignis,chunks] + R[ignis,index] )) "${R[ignis,samples]}")"
