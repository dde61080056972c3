package dev.gleaner.scraper.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Counts occurrences of many ASCII patterns in one pass over a text, case-insensitively
 * (Aho-Corasick compiled to a full transition table). A large page is scanned once for every
 * platform's patterns instead of once per pattern.
 */
final class AhoCorasick {
    private static final int ALPHABET = 128;

    private final int[] next;      // state * ALPHABET + symbol -> state
    private final int[][] outputs; // state -> pattern ids ending here (suffix matches included)
    private final int patternCount;

    AhoCorasick(List<String> patterns) {
        patternCount = patterns.size();
        List<int[]> trie = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        trie.add(newRow());
        out.add(new ArrayList<>());
        for (int p = 0; p < patterns.size(); p++) {
            String pattern = patterns.get(p).toLowerCase(Locale.ROOT);
            if (pattern.isEmpty()) {
                throw new IllegalArgumentException("empty pattern");
            }
            int state = 0;
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c >= ALPHABET) {
                    throw new IllegalArgumentException("patterns must be ASCII: " + pattern);
                }
                if (trie.get(state)[c] < 0) {
                    trie.get(state)[c] = trie.size();
                    trie.add(newRow());
                    out.add(new ArrayList<>());
                }
                state = trie.get(state)[c];
            }
            out.get(state).add(p);
        }
        int states = trie.size();
        int[] fail = new int[states];
        next = new int[states * ALPHABET];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ALPHABET; c++) {
            int s = trie.get(0)[c];
            if (s < 0) {
                next[c] = 0;
            } else {
                next[c] = s;
                fail[s] = 0;
                queue.add(s);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            out.get(state).addAll(out.get(fail[state]));
            for (int c = 0; c < ALPHABET; c++) {
                int s = trie.get(state)[c];
                if (s < 0) {
                    next[state * ALPHABET + c] = next[fail[state] * ALPHABET + c];
                } else {
                    next[state * ALPHABET + c] = s;
                    fail[s] = next[fail[state] * ALPHABET + c];
                    queue.add(s);
                }
            }
        }
        outputs = new int[states][];
        for (int s = 0; s < states; s++) {
            outputs[s] = out.get(s).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private static int[] newRow() {
        int[] row = new int[ALPHABET];
        Arrays.fill(row, -1);
        return row;
    }

    /** Occurrence count per pattern id (overlaps counted). */
    int[] count(CharSequence text) {
        int[] counts = new int[patternCount];
        int state = 0;
        int[] table = next;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= ALPHABET) {
                state = 0;
                continue;
            }
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            state = table[state * ALPHABET + c];
            int[] o = outputs[state];
            for (int k = 0; k < o.length; k++) {
                counts[o[k]]++;
            }
        }
        return counts;
    }
}
