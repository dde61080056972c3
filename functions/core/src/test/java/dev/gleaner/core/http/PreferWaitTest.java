package dev.gleaner.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PreferWaitTest {
    @ParameterizedTest(name = "Prefer: {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "wait=5 | 5",
            "WAIT=5 | 5",
            "wait = 7 | 7",
            "wait=\"9\" | 9",
            "respond-async, wait=3 | 3",
            "wait=4; foo=bar | 4",
            "handling=lenient, wait=0 | 0",
            "wait=20 | 20",
            "wait=21 | 20",
            "wait=99999999999999999999 | 20",
            "wait=2, wait=8 | 2",
            "foo=\"a,wait=3\", wait=6 | 6",
            "wait=abc | none",
            "wait=-1 | none",
            "wait=1.5 | none",
            "wait= | none",
            "wait | none",
            "wait=abc, wait=5 | none",
            "return=minimal | none",
            "'' | none"})
    void parsesTheWaitPreferenceAsRfc7240Says(String header, Integer expected) {
        OptionalInt got = PreferWait.parse(List.of(header));
        assertEquals(expected == null ? OptionalInt.empty() : OptionalInt.of(expected), got);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"return=minimal | wait=4 | 4", "wait=1 | wait=4 | 1"})
    void readsEveryPreferHeaderInOrder(String first, String second, int expected) {
        assertEquals(OptionalInt.of(expected), PreferWait.parse(Arrays.asList(first, null, second)));
    }
}
