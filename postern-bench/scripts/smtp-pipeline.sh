#!/usr/bin/env bash
# SMTP in → durable queue → SMTP out (docs/benchmarks.md), Postern and Postfix in the same run.
# Postfix's own smtp-source (SESSIONS parallel sessions, COUNT messages of SIZE bytes, each session
# reusing its connection) sends into the relay under test, which relays to Postfix's smtp-sink;
# the clock runs from smtp-source's start until the sink has received every message. First
# Postern (`postern serve`, SQLite or PostgreSQL store, the sink as its one `type: smtp` provider,
# 127.0.0.1 in auth.trusted_networks), then Postfix set up by postfix.sh with the sink as its
# relayhost. Each gets WARMUP messages (20,000) through the same path first, not counted: time for
# Postern's JIT compiler (with 2,000 it was still compiling through the counted run). Postern's
# CPU per message by kind of thread is printed under its line.
#
#   postern-bench/scripts/smtp-pipeline.sh [sqlite|postgresql]
#   COUNT=2000 WARMUP=200 postern-bench/scripts/smtp-pipeline.sh     # a quick check
#   SKIP_POSTFIX=1 JAR=other.jar postern-bench/scripts/smtp-pipeline.sh
#   SOURCE_OPTS= postern-bench/scripts/smtp-pipeline.sh   # a new connection for every message
#
# SOURCE_OPTS (default -d: each session keeps its connection) goes to smtp-source; JAVA_OPTS to
# Postern's JVM (e.g. a JFR recording).
#
# Run as root (Postfix). Needs Debian's postfix package (smtp-source, smtp-sink; postfix.sh
# installs it when missing), PostgreSQL on 127.0.0.1:5432 (trust) for postgresql, JDK 21+ as JAVA
# (default: the Temurin 25 here) and postern-server/target/postern.jar (`./postern` builds it).
# Postfix's queue must be empty at the start (its mail would reach the sink); main.cf and
# master.cf are restored at the end, and Postfix is stopped again if it was not running.
set -euo pipefail
store=${1:-sqlite}
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/postern-bench/scripts/sink.sh"
. "$root/postern-bench/scripts/jvm-cpu.sh"
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
jar=${JAR:-$root/postern-server/target/postern.jar}
count=${COUNT:-20000}
warmup=${WARMUP:-20000}
sessions=${SESSIONS:-8}
size=${SIZE:-1024}
http_port=${PORT:-18025}
smtp_port=${SMTP_PORT:-18026}
sink_port=${SINK_PORT:-18027}
postfix_port=2526 # postfix.sh's smtpd
work=$(mktemp -d)
pid=
postfix_was_running=
postfix_changed=

case "$store" in
    sqlite) url="sqlite:$work/postern.db" ;;
    postgresql)
        db="postern_bench_smtp_$$"
        psql -q -h 127.0.0.1 -U postgres -d test -c "CREATE DATABASE $db"
        url="postgresql://postgres@127.0.0.1:5432/$db" ;;
    *) echo "usage: $0 [sqlite|postgresql]" >&2; exit 2 ;;
esac

cleanup() {
    sink_stop
    if [ -n "$pid" ]; then kill "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; fi
    if [ -n "$postfix_changed" ]; then
        postsuper -d ALL > /dev/null 2>&1 || true # whatever this run left queued (it started empty)
        cp "$work/main.cf" /etc/postfix/main.cf
        cp "$work/master.cf" /etc/postfix/master.cf
        if [ -n "$postfix_was_running" ]; then postfix reload > /dev/null 2>&1 || true
        else postfix stop > /dev/null 2>&1 || true; fi
    fi
    if [ "$store" = postgresql ]; then psql -q -h 127.0.0.1 -U postgres -d test -c "DROP DATABASE IF EXISTS $db"; fi
    rm -rf "$work"
}
trap cleanup EXIT

# one relay under test: WARMUP messages, then COUNT counted; sets accepts_rate, e2e_rate, lines.
measure() {
    local name=$1 port=$2 base t0 t1 t2
    sink_start "$work/sink-$name.out" "$sink_port"
    "$3" # starts the relay, pointed at the sink
    if [ "$warmup" -gt 0 ]; then
        source_run "$port" "$warmup"
        sink_wait "$warmup" > /dev/null
    fi
    base=$(sink_count)
    if [ "$name" = postern ]; then jvm_threads "$pid" > "$work/threads.before"; fi
    t0=$(date +%s.%N)
    source_run "$port" "$count"
    t1=$(date +%s.%N)
    t2=$(sink_wait $((base + count)))
    if [ "$name" = postern ]; then jvm_threads "$pid" > "$work/threads.after"; fi
    sessions_seen=$(sink_sessions)
    sink_stop
    accepts_rate=$(rate "$count" "$t0" "$t1")
    e2e_rate=$(rate "$count" "$t0" "$t2")
    printf '%-8s %6s msg/s end to end (%s s), accepts %6s/s (%s s)\n' "$name" "$e2e_rate" \
        "$(seconds "$t0" "$t2")" "$accepts_rate" "$(seconds "$t0" "$t1")"
    echo "         (SMTP sessions the sink saw end: $sessions_seen for $((base + count)) messages)"
    if [ "$name" = postern ]; then
        jvm_cpu_report "$work/threads.before" "$work/threads.after" "$count"
    fi
}

# smtp-source aborts (and so this script) on any reply that is not the expected 2xx/3xx.
source_run() {
    smtp-source ${SOURCE_OPTS--d} -s "$sessions" -m "$2" -l "$size" -f bench@shop.example -t ada@example.com \
        -S "Your receipt" "127.0.0.1:$1"
}

start_postern() {
    cat > "$work/postern.yml" <<YAML
server:
  http: { listen: 127.0.0.1:$http_port }
  smtp: { listen: 127.0.0.1:$smtp_port, max_connections_per_client: 100 }
store: $url
auth:
  trusted_networks: [127.0.0.1/32]
providers:
  - { name: sink, type: smtp, host: 127.0.0.1, port: $sink_port, tls: none }
YAML
    "$java" ${JAVA_OPTS:-} -jar "$jar" serve --config "$work/postern.yml" > "$work/serve.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 120); do
        curl -sf -o /dev/null "http://127.0.0.1:$http_port/healthz" && return 0
        kill -0 "$pid" 2> /dev/null || break
        sleep 0.5
    done
    echo "postern did not start:" >&2
    tail -20 "$work/serve.log" >&2
    return 1
}

start_postfix() {
    if [ -n "$(find /var/spool/postfix/{incoming,active,deferred,hold,maildrop} -type f 2> /dev/null | head -1)" ]; then
        echo "Postfix's queue is not empty (postqueue -p); its mail would reach the sink" >&2
        return 1
    fi
    postfix status > /dev/null 2>&1 && postfix_was_running=1
    cp /etc/postfix/main.cf "$work/main.cf"
    cp /etc/postfix/master.cf "$work/master.cf"
    postfix_changed=1
    RELAYHOST="[127.0.0.1]:$sink_port" "$root/postern-bench/scripts/postfix.sh" > /dev/null
    for _ in $(seq 1 100); do
        (exec 3<> "/dev/tcp/127.0.0.1/$postfix_port") 2> /dev/null && return 0
        sleep 0.05
    done
    echo "postfix did not listen on 127.0.0.1:$postfix_port" >&2
    return 1
}

echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $("$java" -version 2>&1 | head -1); store: $store"
echo "smtp-source: $sessions sessions, $count × $size B (after $warmup not counted) → relay → smtp-sink"
measure postern "$smtp_port" start_postern
postern_e2e=$e2e_rate
postern_accepts=$accepts_rate
kill "$pid"; wait "$pid" 2> /dev/null || true; pid=
if [ -z "${SKIP_POSTFIX:-}" ]; then
    measure "postfix" "$postfix_port" start_postfix
    echo "postfix: $(postconf -h mail_version); load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "Postern ÷ Postfix: end to end ×$(awk -v a="$postern_e2e" -v b="$e2e_rate" 'BEGIN { printf "%.2f", a / b }')," \
        "accepts ×$(awk -v a="$postern_accepts" -v b="$accepts_rate" 'BEGIN { printf "%.2f", a / b }')"
fi
