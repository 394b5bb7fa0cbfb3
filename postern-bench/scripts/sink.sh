# Sourced by smtp-pipeline.sh and http-pipeline.sh: Postfix's smtp-sink (Debian: apt-get install
# postfix) as the SMTP provider at the end of a pipeline, and a count of what it has received.
#
# smtp-sink -c rewrites one record "sess=S quit=Q mesg=M" followed by a carriage return each time
# a "." is received, a QUIT is executed or a session ends: M is the number of messages taken so
# far. The count is read from the last complete record of its output; a record still being
# written can only make it lag, never run ahead.

# sink_start OUTFILE PORT: starts smtp-sink on 127.0.0.1:PORT, sets sink_pid, waits until it listens.
sink_start() {
    local user=()
    [ "$(id -u)" = 0 ] && user=(-u nobody) # smtp-sink refuses to run as root without -u
    smtp-sink "${user[@]}" -c "127.0.0.1:$2" 256 > "$1" 2>&1 &
    sink_pid=$!
    sink_out=$1
    for _ in $(seq 1 100); do
        (exec 3<> "/dev/tcp/127.0.0.1/$2") 2> /dev/null && return 0
        sleep 0.05
    done
    echo "smtp-sink did not listen on 127.0.0.1:$2" >&2
    return 1
}

sink_stop() {
    if [ -n "${sink_pid:-}" ]; then
        kill "$sink_pid" 2> /dev/null || true
        wait "$sink_pid" 2> /dev/null || true
        sink_pid=
    fi
}

# sink_count: messages smtp-sink has received so far (0 before the first).
sink_count() {
    local last
    last=$(tail -c 256 "$sink_out" | tr '\r' '\n' | grep -aoE '^sess=[0-9]+ quit=[0-9]+ mesg=[0-9]+$' | tail -1 || true)
    echo "${last##*mesg=}" | grep -E '^[0-9]+$' || echo 0
}

# sink_sessions: SMTP sessions smtp-sink has seen end so far (connections the relay opened and closed).
sink_sessions() {
    local last
    last=$(tail -c 256 "$sink_out" | tr '\r' '\n' | grep -aoE '^sess=[0-9]+' | tail -1 || true)
    echo "${last#sess=}" | grep -E '^[0-9]+$' || echo 0
}

# sink_wait TARGET: polls every 20 ms until the sink has received TARGET messages; prints the
# time it saw them (date +%s.%N). Gives up when the count has not moved for STALL seconds
# (default 60): prints "stalled" and returns 1.
sink_wait() {
    local target=$1 seen last=-1 since
    since=$(date +%s)
    while :; do
        seen=$(sink_count)
        if [ "$seen" -ge "$target" ]; then
            date +%s.%N
            return 0
        fi
        if [ "$seen" != "$last" ]; then
            last=$seen
            since=$(date +%s)
        elif [ $(($(date +%s) - since)) -ge "${STALL:-60}" ]; then
            echo "stalled"
            echo "the sink received $seen of $target; nothing more in ${STALL:-60} s" >&2
            return 1
        fi
        sleep 0.02
    done
}

# rate COUNT START END: COUNT / (END - START), to the unit.
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.0f", n / (b - a) }'; }
# seconds START END
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
