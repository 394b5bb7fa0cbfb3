#!/usr/bin/env bash
# Durable accepts over HTTP alone (docs/benchmarks.md), measured with wrk: `postern serve` with its only
# provider drained, so the gateway accepts and stores but sends nothing; 32 connections post a
# 1 KB message each time; WARMUP (20 s) of warm-up, time for the JIT compiler (with 5 s it still
# took a sixth of the CPU in the counted seconds), then 15 s counted. Each 202 is answered only
# after the durable write (docs/outbox.md). Also prints the gateway's CPU per accept by kind of
# thread. JAVA_OPTS passes flags to Postern's JVM.
#
#   postern-bench/scripts/accept-wrk.sh sqlite
#   postern-bench/scripts/accept-wrk.sh postgresql     # needs PostgreSQL on 127.0.0.1:5432 (trust)
#
# Needs wrk (Debian: apt-get install wrk), JDK 21+ as JAVA (default: the Temurin 25 here) and
# postern-server/target/postern.jar (`./postern` builds it; JAR=other.jar compares another build).
set -euo pipefail
store=${1:-sqlite}
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/postern-bench/scripts/jvm-cpu.sh"
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
port=${PORT:-18025}
work=$(mktemp -d)
key="pst_bench_$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
hash=$(printf %s "$key" | sha256sum | cut -d' ' -f1)
case "$store" in
    sqlite) url="sqlite:$work/postern.db" ;;
    postgresql)
        db="postern_bench_wrk_$$"
        psql -q -h 127.0.0.1 -U postgres -d test -c "CREATE DATABASE $db"
        url="postgresql://postgres@127.0.0.1:5432/$db" ;;
    *) echo "usage: $0 sqlite|postgresql" >&2; exit 2 ;;
esac
cat > "$work/postern.yml" <<YAML
server:
  http: { listen: 127.0.0.1:$port }
  smtp: { listen: 127.0.0.1:0 }
store: $url
auth:
  api_keys:
    - { name: bench, key_sha256: $hash, scopes: [send, admin], sender_domains: ["*"] }
providers:
  - { name: sink, type: http, url: "http://127.0.0.1:9/messages", api_key: bench-sink-key-0123456789 }
YAML
text=$(printf 'Thanks for your order. %.0s' $(seq 1 40))
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
wrk.body = '{"from":"Shop <orders@shop.example>","to":["ada@example.com"],"subject":"Your receipt","text":"$text"}'
LUA
"$java" ${JAVA_OPTS:-} -jar "${JAR:-$root/postern-server/target/postern.jar}" serve --config "$work/postern.yml" > "$work/serve.log" 2>&1 &
pid=$!
cleanup() {
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if [ "$store" = postgresql ]; then psql -q -h 127.0.0.1 -U postgres -d test -c "DROP DATABASE IF EXISTS $db"; fi
    rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 60); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.5; done
curl -sf -o /dev/null -X POST -H "Authorization: Bearer $key" "http://127.0.0.1:$port/v1/providers/sink/drain"
wrk -t2 -c32 -d"${WARMUP:-20s}" -s "$work/post.lua" "http://127.0.0.1:$port/v1/messages" > /dev/null
echo "store: $store; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $("$java" -version 2>&1 | head -1)"
jvm_threads "$pid" > "$work/threads.before"
wrk -t2 -c32 -d15s --latency -s "$work/post.lua" "http://127.0.0.1:$port/v1/messages" > "$work/wrk.out"
jvm_threads "$pid" > "$work/threads.after"
grep -E "requests in|Requests/sec|Non-2xx|50%|99%" "$work/wrk.out"
echo "gateway CPU per accept, by kind of thread:"
jvm_cpu_report "$work/threads.before" "$work/threads.after" "$(awk '/requests in/ { print $1 }' "$work/wrk.out")"
echo "stored: $(curl -sf -H "Authorization: Bearer $key" "http://127.0.0.1:$port/v1/queue")"
