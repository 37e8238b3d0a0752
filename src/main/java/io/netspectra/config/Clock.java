package io.netspectra.config;

/** What drives snapshot windows. */
public enum Clock {
    /** Windows are aligned multiples of the interval in packet time; deterministic. */
    CAPTURE,
    /** A scheduled snapshotter cuts windows on the wall clock, as the seed did; not deterministic. */
    WALL
}
