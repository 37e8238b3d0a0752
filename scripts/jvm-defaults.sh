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
#
# And a function for the launchers (not bench-targets: JMH measures compiled code at its best):
#   ns_jit_for COMMAND ARGS...    adds -XX:TieredStopAtLevel=1 (the quick C1 compiler only) for analyze, check, show,
#                                 diff or merge of small inputs, unless the options choose a compiler mode themselves
#                                 (TieredStopAtLevel, TieredCompilation, CompileThreshold...). On two cores the
#                                 optimizing compiler (C2) spends more CPU than its faster code saves before a short
#                                 run ends: C1 alone ran analyze of 20,000 to 3,000,000 synthetic packets 14-27%
#                                 faster and a CI diff + check 10-15% faster, but 10,000,000 packets (5.8 GB) 6-10%
#                                 slower (docs/performance.md, eighth pass). inspect and pcapgen keep the default (no
#                                 input to size, or one printed frame by frame). Small: the inputs' bytes below
#                                 NS_CLI_C1_BYTES (default 1 GiB; a compressed file counts four times its size). The
#                                 inputs are the arguments that name files, folders or glob matches (option values
#                                 are skipped); standard input ('-') keeps the default, as its size is unknown.
ns_jvm_defaults=()
ns_jvm_given=" ${NS_CLI_JAVA_OPTS:-} ${JDK_JAVA_OPTIONS:-} ${JAVA_TOOL_OPTIONS:-} "
ns_parallel=0
if ! [[ "$ns_jvm_given" =~ [[:space:]]-XX:\+Use[A-Za-z0-9]*GC[[:space:]] ]]; then
    ns_jvm_defaults+=(-XX:+UseParallelGC)
    ns_parallel=1
fi
# Everything below reads files with bash's own read, never through a command: each process started costs a launch
# 7-9 ms on the benchmark machine, and these checks once took 80 ms of every ns-cli run (docs/performance.md).
ns_thp=
if [[ -r /sys/kernel/mm/transparent_hugepage/enabled ]]; then
    read -r ns_thp < /sys/kernel/mm/transparent_hugepage/enabled || true
fi
if ! [[ "$ns_jvm_given" =~ Use(TransparentHugePages|LargePages|HugeTLBFS|SHM) ]] \
        && [[ "$ns_thp" =~ \[(madvise|always)\] ]]; then
    ns_jvm_defaults+=(-XX:+UseTransparentHugePages)
fi
# Sets ns_mem to the KiB of memory the JVM sizes its default heap from: MemTotal, or the lowest memory limit of the
# process's cgroup and those above it (v1 or v2, as /proc/self/cgroup names them), when lower.
ns_mem_kib() {
    local kib= key value line dir file path up limit
    [[ -r /proc/meminfo ]] || return 1
    while read -r key value _; do
        if [[ "$key" == MemTotal: ]]; then
            kib=$value
            break
        fi
    done < /proc/meminfo
    [[ "$kib" =~ ^[0-9]+$ ]] || return 1
    [[ -r /proc/self/cgroup ]] || { ns_mem=$kib; return 0; }
    while IFS= read -r line; do
        case "$line" in
            0::*) dir=/sys/fs/cgroup file=memory.max path=${line#0::} ;;
            *:*memory*:*) dir=/sys/fs/cgroup/memory file=memory.limit_in_bytes path=${line#*:*:} ;;
            *) continue ;;
        esac
        while :; do
            limit=
            if [[ -r "$dir${path%/}/$file" ]]; then
                read -r limit < "$dir${path%/}/$file" || true
            fi
            if [[ "$limit" =~ ^[0-9]+$ ]] && ((limit / 1024 < kib)); then
                kib=$((limit / 1024))
            fi
            up=${path%/*}
            [[ "$up" == "$path" ]] && break
            path=$up
        done
    done < /proc/self/cgroup
    ns_mem=$kib
}
ns_heap_given='-Xm[xsn]|MaxHeapSize|InitialHeapSize|MaxRAM|RAMPercentage|NewSize|NewRatio'
if ((ns_parallel)) && ! [[ "$ns_jvm_given" =~ $ns_heap_given ]]; then
    # A cap at or above the whole heap would make the JVM print a warning (on stdout): only from a 1 GiB heap up.
    if ns_mem_kib && ((ns_mem / 4 >= 1024 * 1024)); then
        ns_jvm_defaults+=(-XX:MaxNewSize=256m)
    fi
    unset ns_mem
fi
unset ns_parallel ns_heap_given ns_thp
unset -f ns_mem_kib

# See the header. Sizes the inputs with one find, its names globbed by bash itself: a wrong guess costs speed, never a
# result.
ns_jit_for() {
    case "${1:-}" in
        analyze | check | show | diff | merge) ;;
        *) return 0 ;;
    esac
    [[ "$ns_jvm_given" =~ TieredStopAtLevel|TieredCompilation|CompileThreshold|CompilationMode ]] && return 0
    shift
    local limit=${NS_CLI_C1_BYTES:-1073741824} total=0 skip=0 arg size name
    local -a paths=()
    [[ "$limit" =~ ^[0-9]+$ ]] || return 0
    for arg in "$@"; do
        if ((skip)); then
            skip=0
            continue
        fi
        case "$arg" in
            # Every command's options that take a value, so a value (say -o's folder of old runs) is not an input.
            -c | --config | -f | --filter | -o | --output | -w | --workers | --snapshot-interval | --max-keys \
                | --bin | --format | --top | --task | --from | --to | --sort | --where | --tolerance | --metrics \
                | --junit | --rules) skip=1; continue ;;
            -) return 0 ;;
            -*) continue ;;
        esac
        if [[ "$arg" == *[*?[]* ]]; then
            ns_glob "$arg"   # a glob the shell left alone, as ns-cli expands it
            paths+=("${ns_matches[@]}")
        else
            paths+=("$arg")
        fi
    done
    ((${#paths[@]})) || return 0
    # Files below folders too; a compressed file counts four times. Stops reading once the limit is reached, so a
    # large archive folder is not walked to its end.
    while read -r size name; do
        [[ "$name" =~ \.(gz|tgz|zst|zstd|xz|bz2)$ ]] && size=$((size * 4))
        total=$((total + size))
        ((total >= limit)) && return 0
    done < <(find "${paths[@]}" -type f -printf '%s %f\n' 2>/dev/null)
    ns_jvm_defaults+=(-XX:TieredStopAtLevel=1)
}

# Sets the array ns_matches to the paths glob pattern $1 matches (none when none), by bash's own pathname expansion.
ns_glob() {
    local IFS= nullglob=0
    shopt -q nullglob && nullglob=1
    shopt -s nullglob
    # shellcheck disable=SC2206 # unquoted on purpose: pathname expansion, with word splitting off (IFS empty)
    ns_matches=($1)
    ((nullglob)) || shopt -u nullglob
}
