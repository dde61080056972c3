package dev.gleaner.scraper.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AhoCorasickTest {
    /** Overlapping, case-insensitive occurrences, the slow obvious way. */
    private static int[] naive(List<String> patterns, String text) {
        String t = text.toLowerCase(Locale.ROOT);
        int[] counts = new int[patterns.size()];
        for (int p = 0; p < patterns.size(); p++) {
            String pattern = patterns.get(p).toLowerCase(Locale.ROOT);
            for (int i = t.indexOf(pattern); i >= 0; i = t.indexOf(pattern, i + 1)) {
                counts[p]++;
            }
        }
        return counts;
    }

    @Test
    void countsOverlappingAndNestedPatternsCaseInsensitively() {
        List<String> patterns = List.of("cdn.shopify.com", "shopify", "Shop", "op", "aa", "a", "wp-content/plugins/woocommerce");
        AhoCorasick ac = new AhoCorasick(patterns);
        String text = "<script src=\"//CDN.Shopify.com/s/x.js\"></script> ShopShop aaa 가나 shop\u00e9ify wp-content/plugins/WooCommerce/";
        assertArrayEquals(naive(patterns, text), ac.count(text));
    }

    @Test
    void agreesWithTheObviousCountOnRandomText() {
        List<String> patterns = List.of("ab", "abc", "bca", "c", "x-y", "zz", "a.b", "--");
        AhoCorasick ac = new AhoCorasick(patterns);
        Random random = new Random(42);
        String alphabet = "abcABCxyz-.Z \u00e9\u3042";
        for (int round = 0; round < 300; round++) {
            StringBuilder b = new StringBuilder();
            for (int i = random.nextInt(200); i > 0; i--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = b.toString();
            assertArrayEquals(naive(patterns, text), ac.count(text), text);
        }
    }

    @Test
    void longTextsAreCountedAcrossTheMiddleWhereTheTwoWalksMeet() {
        // count() walks both halves of the text at once: occurrences across the middle must be
        // counted exactly once.
        List<String> patterns = List.of("abcab", "bcabc", "ca", "a", "cdn.shopify.com");
        AhoCorasick ac = new AhoCorasick(patterns);
        Random random = new Random(7);
        for (int round = 0; round < 60; round++) {
            StringBuilder b = new StringBuilder();
            int length = 1 + random.nextInt(20_000);
            for (int i = 0; i < length; i++) {
                b.append("abcC.\u00e9".charAt(random.nextInt(6)));
            }
            int mid = length / 2;
            b.insert(Math.max(0, mid - 7), "cdn.shopify.com");
            String text = b.toString();
            assertArrayEquals(naive(patterns, text), ac.count(text), "length " + text.length());
        }
        for (int length = 0; length < 40; length++) {
            String text = "abcab".repeat(8).substring(0, length);
            assertArrayEquals(naive(patterns, text), ac.count(text), text);
        }
    }

    @Test
    void nonAsciiCharactersBreakAMatch() {
        AhoCorasick ac = new AhoCorasick(List.of("abc"));
        assertArrayEquals(new int[] {0}, ac.count("ab\u00e9c"));
        assertArrayEquals(new int[] {1}, ac.count("\u00e9abc\u00e9"));
    }

    @Test
    void refusesEmptyAndNonAsciiPatterns() {
        assertThrows(IllegalArgumentException.class, () -> new AhoCorasick(List.of("")));
        assertThrows(IllegalArgumentException.class, () -> new AhoCorasick(List.of("caf\u00e9")));
    }
}
