#!/usr/bin/env bash
# Pipeline benchmark: builds the jar and the load generator, starts Shangliang on a fresh temporary data directory
# (embedded Redis) with the generic channel on, waits for /ready, runs the generator (bare Javalin endpoint first,
# then Shangliang, at each rate), stops the server and prints the results.
#
#   bench/run-pipeline.sh [generator options]      e.g. bench/run-pipeline.sh --rate 1000,2000,3000 --duration 30
#
# Environment: JAVA_HOME (JDK 21+), PORT (server, default 17070), REPLY_PORT (generator, default 17171),
# SERVER_OPTS / GENERATOR_OPTS (extra JVM options, e.g. JFR), SKIP_BUILD=1 to reuse target/,
# IMPORT_TOPICS=FILE to load open topics before the server starts (generator option --texts FILE for the messages).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-17070}"
REPLY_PORT="${REPLY_PORT:-17171}"
SECRET="bench-secret-$RANDOM$RANDOM"

source bench/build.sh

DATA="$(mktemp -d -t shangliang-bench.XXXXXX)"
LOG="$DATA/server.log"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$DATA"
}
trap cleanup EXIT

# IMPORT_TOPICS=FILE loads open topics first (the full-path run of issue 5: bench/full-path-data.py writes them)
if [[ -n "${IMPORT_TOPICS:-}" ]]; then
  SHANGLIANG_DATA="$DATA/data" "$JAVA" -jar target/shangliang.jar import-topics "$IMPORT_TOPICS" 2>/dev/null
fi

PORT="$PORT" SHANGLIANG_DATA="$DATA/data" GENERIC_SECRET="$SECRET" \
  GENERIC_REPLY_URL="http://127.0.0.1:$REPLY_PORT/reply" \
  "$JAVA" ${SERVER_OPTS:-} -jar target/shangliang.jar >"$LOG" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$PORT/ready" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "server died:"; cat "$LOG"; exit 1; fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$PORT/ready" >/dev/null || { echo "server not ready after 60 s:"; cat "$LOG"; exit 1; }
echo "server pid $SERVER_PID ready on port $PORT (data $DATA)"

# with imported topics, wait until their vectors for matching by meaning are prepared (else the load competes with
# that one-off work, and concerns whose candidates lack a vector compute it on the spot)
if [[ -n "${IMPORT_TOPICS:-}" ]]; then
  for _ in $(seq 1 600); do
    left="$(curl -fsS "http://127.0.0.1:$PORT/metrics" | awk '/^shangliang_topic_vectors_preparing /{print int($2)}')"
    [[ "${left:-0}" == 0 ]] && break
    sleep 1
  done
  echo "topic vectors prepared (${left:-0} left)"
fi

REDIS_PID="$(pgrep -P "$SERVER_PID" redis-server || true)"
cpu_seconds() { # user+system CPU of a process so far, in seconds
  [[ -n "$1" && -r "/proc/$1/stat" ]] || { echo 0; return; }
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$1/stat"
}
SERVER_CPU0="$(cpu_seconds "$SERVER_PID")"; REDIS_CPU0="$(cpu_seconds "$REDIS_PID")"
python3 bench/redis-commandstats.py "$DATA/data" reset >/dev/null 2>&1 || true

"$JAVA" ${GENERATOR_OPTS:-} -cp "$CP" cn.shangliang.bench.LoadGenerator \
  --target "http://127.0.0.1:$PORT" --secret "$SECRET" --reply-port "$REPLY_PORT" \
  --server-pid "$SERVER_PID" --redis-pid "${REDIS_PID:-0}" "$@"

echo
echo "CPU used during the load (all rates, incl. the bare-endpoint phases when the server idles):"
echo "  Shangliang JVM: $(awk -v a="$SERVER_CPU0" -v b="$(cpu_seconds "$SERVER_PID")" 'BEGIN { printf "%.1f", b - a }') s"
echo "  redis-server:   $(awk -v a="$REDIS_CPU0" -v b="$(cpu_seconds "$REDIS_PID")" 'BEGIN { printf "%.1f", b - a }') s"
echo "  machine load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "Redis commands during the load (all phases, warm-up included; calls and time inside Redis):"
python3 bench/redis-commandstats.py "$DATA/data" show ${MESSAGES:+"$MESSAGES"} || echo "(not available)"
echo
echo "server log (warnings and errors):"
grep -E "WARN|ERROR" "$LOG" | tail -20 || echo "(none)"
