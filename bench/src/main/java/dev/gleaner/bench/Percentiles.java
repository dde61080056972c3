package dev.gleaner.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds: nearest-rank percentiles, reported in microseconds. */
final class Percentiles {
    private final long[] sorted;

    Percentiles(long[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        this.sorted = samples.clone();
        Arrays.sort(sorted);
    }

    /** The nearest-rank percentile: the smallest sample with at least p% of the samples at or below it. */
    long nanos(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    double micros(double p) {
        return nanos(p) / 1_000.0;
    }

    double meanMicros() {
        double sum = 0;
        for (long s : sorted) {
            sum += s;
        }
        return sum / sorted.length / 1_000.0;
    }

    int count() {
        return sorted.length;
    }
}
