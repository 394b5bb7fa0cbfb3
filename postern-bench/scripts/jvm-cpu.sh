# Sourced by the benchmark scripts: the CPU a JVM's threads have used, by kind of thread, so a
# run shows how much of the machine went to the work measured and how much to the JIT compiler
# still warming up or to the garbage collector. Read from /proc/PID/task/*/stat (utime + stime).

# jvm_threads PID: one line "TICKS KIND" per thread of PID, KIND its name with digits dropped.
jvm_threads() {
    local stat
    for stat in /proc/"$1"/task/*/stat; do
        cat "$stat" 2> /dev/null || true
        echo
    done | awk 'NF {
        name = substr($0, index($0, "(") + 1); name = substr(name, 1, index(name, ")") - 1)
        rest = substr($0, index($0, ")") + 2); split(rest, f, " ")
        gsub(/[0-9]+/, "", name); gsub(/ /, "_", name)
        print f[12] + f[13], name }'
}

# jvm_cpu_report BEFORE AFTER N: from two jvm_threads snapshots, the CPU per item (N items) of
# each kind of thread that used any: the request and delivery work (virtual threads run on
# ForkJoinPool carriers), the store's writers, the JIT compiler, the garbage collector.
jvm_cpu_report() {
    awk -v n="$3" -v hz="$(getconf CLK_TCK)" '
        function kind(name) {
            if (name ~ /^ForkJoinPool/) return "request and delivery work (virtual threads)"
            if (name ~ /^postern-store/) return "store writers"
            if (name ~ /Compiler/) return "JIT compiler"
            if (name ~ /^(GC_|G_|VM_Thread)/) return "garbage collector and VM"
            return "other threads"
        }
        FNR == NR { before[kind($2)] += $1; next }
        { after[kind($2)] += $1 }
        END {
            for (k in after) {
                us = (after[k] - before[k]) * 1e6 / hz / n
                if (us >= 1) printf "  %6.0f µs  %s\n", us, k
            }
        }' "$1" "$2" | sort -rn
}
