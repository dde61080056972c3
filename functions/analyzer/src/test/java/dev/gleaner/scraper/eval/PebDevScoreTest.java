package dev.gleaner.scraper.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The score on the benchmark's development pages ({@code ../shared/fixtures/peb-dev}), scored as
 * the benchmark scores, may not fall: the floors sit just under what
 * {@code bench/scraper/results/peb-dev.md} records (one page more wrong on price or availability,
 * or two on SKU, fails). Raise them when the extractor improves; lower them only with a reason and
 * a new results file. Zyte's published F1 on the whole benchmark: price 0.918, sku 0.841,
 * availability 0.957.
 */
class PebDevScoreTest {
    private static final Map<String, Double> FLOORS = Map.of("price", 0.93, "sku", 0.95, "availability", 0.98);

    @Test
    void developmentPagesKeepTheirScore() {
        PebEvaluation.Report r = PebEvaluation.evaluate(PebDev.load());
        assertEquals(70, r.pages(), "development pages");
        String table = PebEvaluation.table(r);
        FLOORS.forEach((attribute, floor) -> assertTrue(r.counts(attribute).f1() >= floor,
                attribute + " F1 fell below " + floor + ":\n" + table));
    }
}
