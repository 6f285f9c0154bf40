# Helpers the *-vs-prometheus.sh scripts share; sourced, not run. The sourcing script sets DEADLINE (epoch
# seconds) and BUDGET (seconds) before calling left.

# Seconds left in the budget; fails the run when it is spent.
left() {
  local l=$(( DEADLINE - $(date +%s) ))
  if [ "$l" -le 0 ]; then echo "time budget of ${BUDGET}s spent" >&2; exit 3; fi
  echo "$l"
}

# A progress line on stderr, stamped with the time.
step() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# A TCP port free on 127.0.0.1 right now.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Stops one process we started: TERM, up to 20 s of grace, then KILL.
stop_pid() {
  local pid=$1
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# CPU ticks (user + system, all threads) of a process; fields after the ")" closing the command name.
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }

# Resident memory of a process in KiB.
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
