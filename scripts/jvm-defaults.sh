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
ns_jvm_defaults=()
ns_jvm_given=" ${NS_CLI_JAVA_OPTS:-} ${JDK_JAVA_OPTIONS:-} ${JAVA_TOOL_OPTIONS:-} "
[[ "$ns_jvm_given" =~ [[:space:]]-XX:\+Use[A-Za-z0-9]*GC[[:space:]] ]] || ns_jvm_defaults+=(-XX:+UseParallelGC)
if ! [[ "$ns_jvm_given" =~ Use(TransparentHugePages|LargePages|HugeTLBFS|SHM) ]] \
        && grep -qE '\[(madvise|always)\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
    ns_jvm_defaults+=(-XX:+UseTransparentHugePages)
fi
