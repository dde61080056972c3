package dev.gleaner.collectors;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts HTTP exchanges (every attempt, retries included), in total and per source. */
public final class RequestCounter {
    private final AtomicLong total = new AtomicLong();
    private final Map<String, AtomicLong> bySource = new ConcurrentHashMap<>();

    public void increment(String source) {
        total.incrementAndGet();
        bySource.computeIfAbsent(source, s -> new AtomicLong()).incrementAndGet();
    }

    public long total() {
        return total.get();
    }

    public long count(String source) {
        AtomicLong n = bySource.get(source);
        return n == null ? 0 : n.get();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> m = new TreeMap<>();
        bySource.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    public void reset() {
        total.set(0);
        bySource.clear();
    }

    @Override
    public String toString() {
        return "RequestCounter" + snapshot();
    }
}
