#!/usr/bin/env bash
# HTTP API → durable outbox → SMTP provider (docs/benchmarks.md): `postern serve` with Postfix's
# smtp-sink as its one provider (`type: smtp`); wrk with 32 connections posts a 1 KB message each
# time (the body accept-wrk.sh posts), WARMUP (20 s) of warm-up, delivered before the count starts
# (time for the JIT compiler: with 5 s it still took a quarter of the CPU in the counted seconds),
# then DURATION (15 s) counted; the clock runs on until the sink has received every message accepted
# in those seconds. Prints accepted/s (202s ÷ the wrk run) and delivered/s end to end (the same
# messages ÷ the time from wrk's start until the sink had them all).
#
#   postern-bench/scripts/http-pipeline.sh sqlite
#   postern-bench/scripts/http-pipeline.sh postgresql  # needs PostgreSQL on 127.0.0.1:5432 (trust)
#   DURATION=3s WARMUP=1s postern-bench/scripts/http-pipeline.sh sqlite   # a quick check
#   JAVA_OPTS="-XX:StartFlightRecording=settings=profile,filename=/tmp/p.jfr" …  # a profile
#
# Needs wrk (Debian: apt-get install wrk), smtp-sink (Debian's postfix package), JDK 21+ as JAVA
# (default: the Temurin 25 here) and postern-server/target/postern.jar (`./postern` builds it;
# JAR=other.jar compares another build). CONNECTIONS overrides the 32.
set -euo pipefail
store=${1:-sqlite}
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/postern-bench/scripts/sink.sh"
. "$root/postern-bench/scripts/jvm-cpu.sh"
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
port=${PORT:-18025}
sink_port=${SINK_PORT:-18027}
connections=${CONNECTIONS:-32}
duration=${DURATION:-15s}
warmup=${WARMUP:-20s}
command -v smtp-sink > /dev/null || { echo "needs smtp-sink: apt-get install postfix" >&2; exit 2; }
work=$(mktemp -d)
key="pst_bench_$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
hash=$(printf %s "$key" | sha256sum | cut -d' ' -f1)
case "$store" in
    sqlite) url="sqlite:$work/postern.db" ;;
    postgresql)
        db="postern_bench_pipe_$$"
        psql -q -h 127.0.0.1 -U postgres -d test -c "CREATE DATABASE $db"
        url="postgresql://postgres@127.0.0.1:5432/$db" ;;
    *) echo "usage: $0 sqlite|postgresql" >&2; exit 2 ;;
esac
pid=
cleanup() {
    sink_stop
    if [ -n "$pid" ]; then kill "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; fi
    if [ "$store" = postgresql ]; then psql -q -h 127.0.0.1 -U postgres -d test -c "DROP DATABASE IF EXISTS $db"; fi
    rm -rf "$work"
}
trap cleanup EXIT
cat > "$work/postern.yml" <<YAML
server:
  http: { listen: 127.0.0.1:$port }
  smtp: { listen: 127.0.0.1:0 }
store: $url
auth:
  api_keys:
    - { name: bench, key_sha256: $hash, scopes: [send, admin], sender_domains: ["*"] }
providers:
  - { name: sink, type: smtp, host: 127.0.0.1, port: $sink_port, tls: none }
YAML
text=$(printf 'Thanks for your order. %.0s' $(seq 1 40))
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
wrk.body = '{"from":"Shop <orders@shop.example>","to":["ada@example.com"],"subject":"Your receipt","text":"$text"}'
LUA

# PostgreSQL write transactions so far (each takes a transaction id; this query takes one too): a
# figure a busy machine does not distort, unlike the rates
write_transactions() {
    psql -qtA -h 127.0.0.1 -U postgres -d test -c "SELECT txid_current()"
}

# CPU the gateway has used so far, in clock ticks (user + system): CPU per message is a figure a
# busy machine distorts far less than the rates
cpu_ticks() {
    awk '{ print $14 + $15 }' "/proc/$pid/stat"
}

# messages accepted so far: postern_messages_accepted_total
accepted() {
    curl -sf "http://127.0.0.1:$port/metrics" | awk '$1 == "postern_messages_accepted_total" { printf "%d", $2 }'
}

sink_start "$work/sink.out" "$sink_port"
"$java" ${JAVA_OPTS:-} -jar "${JAR:-$root/postern-server/target/postern.jar}" serve --config "$work/postern.yml" > "$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break
    kill -0 "$pid" 2> /dev/null || { tail -20 "$work/serve.log" >&2; exit 1; }
    sleep 0.5
done
echo "store: $store; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $("$java" -version 2>&1 | head -1)"
wrk -t2 -c"$connections" -d"$warmup" -s "$work/post.lua" "http://127.0.0.1:$port/v1/messages" > /dev/null
sink_wait "$(accepted)" > /dev/null
base_accepted=$(accepted)
base_sink=$(sink_count)
base_cpu=$(cpu_ticks)
jvm_threads "$pid" > "$work/threads.before"
[ "$store" = postgresql ] && base_transactions=$(write_transactions)
t0=$(date +%s.%N)
wrk -t2 -c"$connections" -d"$duration" --latency -s "$work/post.lua" "http://127.0.0.1:$port/v1/messages" > "$work/wrk.out"
t1=$(date +%s.%N)
n=$(($(accepted) - base_accepted))
t2=$(sink_wait $((base_sink + n)))
grep -E "requests in|Non-2xx|50%|99%" "$work/wrk.out"
printf 'accepted   %6s msg/s (%s in %s s)\n' "$(rate "$n" "$t0" "$t1")" "$n" "$(seconds "$t0" "$t1")"
printf 'delivered  %6s msg/s end to end (the same %s, all at the sink after %s s)\n' \
    "$(rate "$n" "$t0" "$t2")" "$n" "$(seconds "$t0" "$t2")"
jvm_threads "$pid" > "$work/threads.after"
printf 'gateway CPU per message: %s µs (accept and delivery)\n' \
    "$(awk -v t="$(($(cpu_ticks) - base_cpu))" -v hz="$(getconf CLK_TCK)" -v n="$n" 'BEGIN { printf "%.0f", t * 1e6 / hz / n }')"
jvm_cpu_report "$work/threads.before" "$work/threads.after" "$n"
if [ "$store" = postgresql ]; then
    printf 'PostgreSQL write transactions per message: %s\n' "$(awk -v c="$(($(write_transactions) - base_transactions))" -v n="$n" 'BEGIN { printf "%.2f", c / n }')"
fi
echo "SMTP sessions the sink saw end, warm-up included: $(sink_sessions) for $(sink_count) messages"
echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
