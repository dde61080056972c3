package dev.gleaner.scraper.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Guards the measured quality on the corpus in {@code bench/scraper/corpus} against regressions.
 * The floors sit a little under what {@code bench/scraper/results/extraction.md} records, so a
 * change that makes a field worse on these pages fails here rather than going unnoticed; raise
 * them when the extractor improves, lower them only with a reason (and a new results file).
 */
class ExtractionCorpusTest {
    private static final double FLOOR = 0.95;

    @Test
    void everyFieldKeepsItsPrecisionAndRecallOnTheCorpus() {
        ExtractionEvaluation.Report r = ExtractionEvaluation.evaluate(Corpus.load());
        assertTrue(r.pages() >= 40, "corpus has " + r.pages() + " pages");
        StringBuilder report = new StringBuilder();
        r.fields().forEach((field, s) -> report.append(String.format("%s P=%.3f R=%.3f; ", field, s.precision(), s.recall())));
        for (String field : ExtractionEvaluation.FIELDS) {
            ExtractionEvaluation.Score s = r.score(field);
            assertTrue(s.precision() >= FLOOR && s.recall() >= FLOOR, field + " fell: " + report);
        }
        assertTrue(r.platformAccuracy() >= FLOOR, "platform detection fell to " + r.platformAccuracy());
    }
}
