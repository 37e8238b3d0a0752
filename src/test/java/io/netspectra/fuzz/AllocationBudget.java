package io.netspectra.fuzz;

import java.lang.management.ManagementFactory;

/**
 * Measures the heap bytes the current thread allocates, so a fuzz target can assert that an input of n bytes never
 * makes the code under test allocate more than a fixed budget: a length field trusted too early shows up as a
 * failure on the first input that has it, not as an OutOfMemoryError somewhere later.
 */
final class AllocationBudget {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationBudget() {
    }

    /**
     * Runs {@code body} and throws when it allocated more than {@code limit} bytes on this thread. Loading (and, under
     * Jazzer, instrumenting) a class the first time a path is taken allocates too, so an input over the budget is run
     * a second time, and only the second measurement counts.
     */
    static void check(long limit, String what, Runnable body) {
        long used = measure(body);
        if (used > limit) {
            used = measure(body);
            if (used > limit) {
                throw new AssertionError(what + " allocated " + used + " bytes, budget " + limit);
            }
        }
    }

    private static long measure(Runnable body) {
        long start = THREADS.getCurrentThreadAllocatedBytes();
        body.run();
        return THREADS.getCurrentThreadAllocatedBytes() - start;
    }
}
