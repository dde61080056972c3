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

    private final char[] next;     // state * columns + column -> state, bit 15 = reports matches
    private final byte[] columnOf; // ASCII char -> column
    private final int columns;
    private final int[][] outputs; // state -> pattern ids ending here (suffix matches included)
    private final int patternCount;
    private final int maxLength;

    AhoCorasick(List<String> patterns) {
        patternCount = patterns.size();
        maxLength = patterns.stream().mapToInt(String::length).max().orElse(1);
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
        if (states >= 0x8000) {
            throw new IllegalArgumentException("too many patterns: " + states + " states");
        }
        int[] fail = new int[states];
        int[] full = new int[states * ALPHABET];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ALPHABET; c++) {
            int s = trie.get(0)[c];
            if (s < 0) {
                full[c] = 0;
            } else {
                full[c] = s;
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
                    full[state * ALPHABET + c] = full[fail[state] * ALPHABET + c];
                } else {
                    full[state * ALPHABET + c] = s;
                    fail[s] = full[fail[state] * ALPHABET + c];
                    queue.add(s);
                }
            }
        }
        outputs = new int[states][];
        for (int s = 0; s < states; s++) {
            outputs[s] = out.get(s).stream().mapToInt(Integer::intValue).toArray();
        }
        // Compact the table for the scan loop: only characters that occur in some pattern get a
        // column (upper case shares its lower-case column, everything else shares column 0, which
        // no pattern uses); entries are char state ids with bit 15 set when the state reports a
        // match. About 40 columns instead of 128 keep the table in cache, and the flag spares a
        // lookup of the output list on almost every character.
        byte[] cls = new byte[ALPHABET];
        int columns = 1;
        for (String pattern : patterns) {
            for (char c : pattern.toLowerCase(Locale.ROOT).toCharArray()) {
                if (cls[c] == 0) {
                    cls[c] = (byte) columns++;
                }
            }
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            cls[c] = cls[c + 32];
        }
        char[] compact = new char[states * columns];
        for (int s = 0; s < states; s++) {
            for (int c = 0; c < ALPHABET; c++) {
                char lower = c >= 'A' && c <= 'Z' ? (char) (c + 32) : (char) c;
                int target = full[s * ALPHABET + lower];
                compact[s * columns + cls[c]] = (char) (target | (outputs[target].length > 0 ? 0x8000 : 0));
            }
            // Column 0 (a character in no pattern) resets to the root, which never reports.
            compact[s * columns] = 0;
        }
        this.columnOf = cls;
        this.columns = columns;
        this.next = compact;
    }

    private static int[] newRow() {
        int[] row = new int[ALPHABET];
        Arrays.fill(row, -1);
        return row;
    }

    /**
     * Occurrence count per pattern id (overlaps counted).
     *
     * <p>The walk through the automaton is one long chain of dependent table loads; two walks, over
     * the first and the second half of the text, interleaved in one loop, let the processor overlap
     * them. The second walk starts early by the longest pattern's length less one, so it sees every
     * occurrence ending in its half, and counts only those.
     */
    int[] count(CharSequence text) {
        int[] counts = new int[patternCount];
        char[] chars = text.toString().toCharArray();
        int n = chars.length;
        int mid = n / 2;
        int startB = Math.max(0, mid - (maxLength - 1));
        int lenA = mid;
        int lenB = n - startB;
        char[] table = next;
        byte[] column = columnOf;
        int width = columns;
        int a = 0;
        int b = 0;
        int common = Math.min(lenA, lenB);
        for (int k = 0; k < common; k++) {
            char ca = chars[k];
            char cb = chars[startB + k];
            int va = table[a * width + (ca < ALPHABET ? column[ca] : 0)];
            int vb = table[b * width + (cb < ALPHABET ? column[cb] : 0)];
            a = va & 0x7fff;
            b = vb & 0x7fff;
            if (va != a) {
                report(a, counts);
            }
            if (vb != b && startB + k >= mid) {
                report(b, counts);
            }
        }
        for (int k = common; k < lenB; k++) {
            char cb = chars[startB + k];
            int vb = table[b * width + (cb < ALPHABET ? column[cb] : 0)];
            b = vb & 0x7fff;
            if (vb != b && startB + k >= mid) {
                report(b, counts);
            }
        }
        return counts;
    }

    private void report(int state, int[] counts) {
        for (int id : outputs[state]) {
            counts[id]++;
        }
    }
}
