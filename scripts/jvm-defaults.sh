# shellcheck shell=bash
# The JVM options scripts/ns-cli, scripts/bench and scripts/bench-targets add by default; sourced, not run.
# Sets the array ns_jvm_defaults from NS_CLI_JAVA_OPTS (which the caller passes to java after these), also looking at
# JDK_JAVA_OPTIONS and JAVA_TOOL_OPTIONS, which the JVM reads by itself:
#   -XX:+UseParallelGC            unless one of them selects a collector (a whole option -XX:+Use...GC): on the
#                                 10M-packet benchmark 3-5% less wall time and CPU than G1, and less memory
#                                 (docs/performance.md)
#   -XX:+UseTransparentHugePages  when the kernel offers transparent huge pages on request ("madvise" or "always" in
#                                 /sys/kernel/mm/transparent_hugepage/enabled) and NS_CLI_JAVA_OPTS names no page
#                                 option of its own (UseTransparentHugePages, UseLargePages, UseHugeTLBFS, UseSHM):
#                                 2 MiB heap pages, so the hash tables' random accesses miss the TLB less and a fresh
#                                 heap takes 512 times fewer page faults; about 10% less wall time on the benchmark
#                                 (docs/performance.md, third pass). Left out where the kernel has them off ("never"),
#                                 where the JVM would only print a warning.
#   -XX:MaxNewSize=256m           with the parallel collector above (not one they select), unless one of them sizes the
#                                 heap or its young generation itself (-Xmx, -Xms, -Xmn, MaxHeapSize, InitialHeapSize,
#                                 MaxRAM, the RAM percentages, NewSize, MaxNewSize, NewRatio), and only where the
#                                 JVM's default heap, a quarter of the memory it sees (MemTotal, or the cgroup's limit
#                                 when lower), is at least 1 GiB. Uncapped, the parallel collector grows its young
#                                 generation towards a third of the heap while a run makes short-lived objects fast:
#                                 --per-file over 2,000 small captures reached 1.9-2.1 GB of RSS; capped, 340 MB and
#                                 no slower. The 10M-packet benchmark's young generation stays under the cap (215 MB)
#                                 and its timings are within the noise either way (docs/performance.md, seventh pass).
ns_jvm_defaults=()
ns_jvm_given=" ${NS_CLI_JAVA_OPTS:-} ${JDK_JAVA_OPTIONS:-} ${JAVA_TOOL_OPTIONS:-} "
ns_parallel=0
if ! [[ "$ns_jvm_given" =~ [[:space:]]-XX:\+Use[A-Za-z0-9]*GC[[:space:]] ]]; then
    ns_jvm_defaults+=(-XX:+UseParallelGC)
    ns_parallel=1
fi
if ! [[ "$ns_jvm_given" =~ Use(TransparentHugePages|LargePages|HugeTLBFS|SHM) ]] \
        && grep -qE '\[(madvise|always)\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
    ns_jvm_defaults+=(-XX:+UseTransparentHugePages)
fi
# Prints the KiB of memory the JVM sizes its default heap from: MemTotal, or the lowest memory limit of the process's
# cgroup and those above it (v1 or v2, as /proc/self/cgroup names them), when lower.
ns_mem_kib() {
    local kib line dir file path up limit
    kib=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo 2>/dev/null)
    [[ "$kib" =~ ^[0-9]+$ ]] || return 1
    while IFS= read -r line; do
        case "$line" in
            0::*) dir=/sys/fs/cgroup file=memory.max path=${line#0::} ;;
            *:*memory*:*) dir=/sys/fs/cgroup/memory file=memory.limit_in_bytes path=${line#*:*:} ;;
            *) continue ;;
        esac
        while :; do
            limit=$(cat "$dir${path%/}/$file" 2>/dev/null) || limit=
            if [[ "$limit" =~ ^[0-9]+$ ]] && ((limit / 1024 < kib)); then
                kib=$((limit / 1024))
            fi
            up=${path%/*}
            [[ "$up" == "$path" ]] && break
            path=$up
        done
    done < <(cat /proc/self/cgroup 2>/dev/null)
    echo "$kib"
}
ns_heap_given='-Xm[xsn]|MaxHeapSize|InitialHeapSize|MaxRAM|RAMPercentage|NewSize|NewRatio'
if ((ns_parallel)) && ! [[ "$ns_jvm_given" =~ $ns_heap_given ]]; then
    # A cap at or above the whole heap would make the JVM print a warning (on stdout): only from a 1 GiB heap up.
    if ns_mem=$(ns_mem_kib) && ((ns_mem / 4 >= 1024 * 1024)); then
        ns_jvm_defaults+=(-XX:MaxNewSize=256m)
    fi
    unset ns_mem
fi
unset ns_parallel ns_heap_given
unset -f ns_mem_kib
