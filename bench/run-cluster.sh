#!/usr/bin/env bash
# Pipeline benchmark on a local Redis Cluster with two Shangliang processes: starts three masters with a replica each
# (the redis-server binary the jar ships; the cluster is made with redis-cli, which must be installed:
# apt-get install redis-tools), two servers on it (PORT and PORT+1, REDIS_URL=redis-cluster://…), waits for /ready,
# runs the load generator over both (its connections alternate between them) and prints the results, with the CPU of
# both servers together, of the three masters together and of the three replicas.
#
#   bench/run-cluster.sh [generator options]      e.g. bench/run-cluster.sh --rate 700 --duration 20 --warmup 20
#
# Environment as bench/run-pipeline.sh (JAVA_HOME, PORT default 17070, REPLY_PORT default 17171, SKIP_BUILD=1,
# SERVER_OPTS, GENERATOR_OPTS), and SHANGLIANG_CONFIG for another config (e.g. other pipeline.partitions).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v redis-cli >/dev/null || { echo "redis-cli is needed to create the cluster (apt-get install redis-tools)"; exit 2; }

PORT="${PORT:-17070}"
REPLY_PORT="${REPLY_PORT:-17171}"
SECRET="bench-secret-$RANDOM$RANDOM"

source bench/build.sh

DATA="$(mktemp -d -t shangliang-cluster.XXXXXX)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$DATA"
}
trap cleanup EXIT

unzip -p target/shangliang.jar redis-server-6.2.6-v5-linux-amd64 >"$DATA/redis-server"
chmod +x "$DATA/redis-server"
free_port() { python3 -c 'import socket
while True:
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close()
    if p < 55000: print(p); break'; }
NODES=(); declare -A NODE_PID
for i in 1 2 3 4 5 6; do
  p="$(free_port)"; mkdir -p "$DATA/n$p"
  "$DATA/redis-server" --port "$p" --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file nodes.conf \
    --cluster-node-timeout 3000 --appendonly yes --save "" --dir "$DATA/n$p" >"$DATA/n$p/log" 2>&1 &
  PIDS+=($!); NODE_PID[$p]=$!; NODES+=("127.0.0.1:$p")
done
for n in "${NODES[@]}"; do
  for _ in $(seq 1 50); do redis-cli -p "${n##*:}" PING >/dev/null 2>&1 && break; sleep 0.2; done
done
redis-cli --cluster create "${NODES[@]}" --cluster-replicas 1 --cluster-yes >"$DATA/create.log"
for _ in $(seq 1 50); do
  [[ "$(redis-cli -p "${NODES[0]##*:}" CLUSTER INFO | tr -d '\r' | grep cluster_state)" == "cluster_state:ok" ]] && break
  sleep 0.2
done
for _ in $(seq 1 100); do # the replicas show as such once the nodes have gossiped
  [[ "$(redis-cli -p "${NODES[0]##*:}" CLUSTER NODES | grep -c slave)" == 3 ]] && break
  sleep 0.2
done
MASTERS=(); REPLICAS=()
while read -r _ addr flags _; do
  p="${addr%%@*}"; p="${p##*:}"
  if [[ "$flags" == *master* ]]; then MASTERS+=("${NODE_PID[$p]}"); else REPLICAS+=("${NODE_PID[$p]}"); fi
done < <(redis-cli -p "${NODES[0]##*:}" CLUSTER NODES)
URL="redis-cluster://${NODES[0]},${NODES[1]},${NODES[2]}"
echo "cluster: ${NODES[*]} (master pids ${MASTERS[*]}, replica pids ${REPLICAS[*]})"

SERVERS=()
for i in 0 1; do
  PORT="$((PORT + i))" REDIS_URL="$URL" SHANGLIANG_DATA="$DATA/data$i" GENERIC_SECRET="$SECRET" \
    GENERIC_REPLY_URL="http://127.0.0.1:$REPLY_PORT/reply" \
    "$JAVA" ${SERVER_OPTS:-} -jar target/shangliang.jar >"$DATA/server$i.log" 2>&1 &
  PIDS+=($!); SERVERS+=($!)
done
for i in 0 1; do
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$((PORT + i))/ready" >/dev/null 2>&1 && break
    kill -0 "${SERVERS[$i]}" 2>/dev/null || { echo "server $i died:"; cat "$DATA/server$i.log"; exit 1; }
    sleep 0.5
  done
  curl -fsS "http://127.0.0.1:$((PORT + i))/ready" >/dev/null || { echo "server $i not ready"; exit 1; }
done
echo "servers ${SERVERS[*]} ready on ports $PORT and $((PORT + 1))"

cpu_seconds() { # user+system CPU of processes so far, in seconds
  local t=0; for p in "$@"; do
    [[ -r "/proc/$p/stat" ]] && t=$(awk -v hz="$(getconf CLK_TCK)" -v t="$t" '{ printf "%.2f", t + ($14 + $15) / hz }' "/proc/$p/stat")
  done; echo "$t"; }
S0="$(cpu_seconds "${SERVERS[@]}")"; M0="$(cpu_seconds "${MASTERS[@]}")"; R0="$(cpu_seconds "${REPLICAS[@]}")"
join() { local IFS=,; echo "$*"; }

"$JAVA" ${GENERATOR_OPTS:-} -cp "$CP" cn.shangliang.bench.LoadGenerator \
  --target "http://127.0.0.1:$PORT,http://127.0.0.1:$((PORT + 1))" --secret "$SECRET" --reply-port "$REPLY_PORT" \
  --server-pid "$(join "${SERVERS[@]}")" --redis-pid "$(join "${MASTERS[@]}")" "$@"

echo
echo "CPU used during the load (all rates, warm-up included):"
echo "  both Shangliang JVMs: $(awk -v a="$S0" -v b="$(cpu_seconds "${SERVERS[@]}")" 'BEGIN { printf "%.1f", b - a }') s"
echo "  three masters:        $(awk -v a="$M0" -v b="$(cpu_seconds "${MASTERS[@]}")" 'BEGIN { printf "%.1f", b - a }') s"
echo "  three replicas:       $(awk -v a="$R0" -v b="$(cpu_seconds "${REPLICAS[@]}")" 'BEGIN { printf "%.1f", b - a }') s"
echo "  machine load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "stream appends per master (INFO commandstats):"
for n in "${NODES[@]}"; do
  role="$(redis-cli -p "${n##*:}" ROLE | head -1)"
  [[ "$role" == master ]] && echo "  $n: $(redis-cli -p "${n##*:}" INFO commandstats | tr -d '\r' | grep -o 'cmdstat_xadd:calls=[0-9]*' || echo none)"
done
echo
echo "server logs (warnings and errors):"
grep -hE "WARN|ERROR" "$DATA"/server*.log | tail -20 || echo "(none)"
