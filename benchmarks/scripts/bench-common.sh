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
