#!/usr/bin/env bash
# Extraction quality and speed of the product-page scraper: on the 70 real pages of the public
# product-extraction benchmark's development half (../shared/fixtures/peb-dev), and on the hand-written
# corpus in bench/scraper/corpus.
#
#   bench/scraper/run.sh         build, then the three below
#   bench/scraper/run.sh peb     price/sku/availability F1 on the real pages, scored as the benchmark
#                                scores, with every miss                              -> bench/scraper/results/peb-dev.md
#   bench/scraper/run.sh eval    per-field precision/recall, corpus and held-out pages -> bench/scraper/results/extraction.md
#   bench/scraper/run.sh perf    detection+extraction vs jsoup's parse (real pages and corpus), and gleaner.jar
#                                extract --batch on 100 pages in 1 GB of heap          -> bench/scraper/results/performance.md
#
# Environment: FORKS (analyzer runs in separate JVMs, default 3), SKIP_BUILD=1 (use what target/ holds),
# MVN_FLAGS (e.g. "-o" offline). Needs JDK 17+, Maven, and /usr/bin/time for the batch's peak RSS.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=bench/scraper/results
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
FORKS=${FORKS:-3}
what=${1:-all}
mkdir -p "$OUT"

build() {
  [ "${SKIP_BUILD:-0}" = 1 ] && return
  echo "== build (cli jar, scraper test classes and their classpath)" >&2
  # shellcheck disable=SC2086
  mvn -B -q ${MVN_FLAGS:-} -pl cli -am package -DskipTests
  # shellcheck disable=SC2086
  mvn -B -q ${MVN_FLAGS:-} -pl functions/analyzer -am test-compile dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
}

classpath() {
  echo "$ROOT/functions/analyzer/target/test-classes:$ROOT/functions/analyzer/target/classes:$(cat "$ROOT/functions/analyzer/target/bench-classpath.txt")"
}

run_eval() {
  echo "== extraction quality" >&2
  java -cp "$(classpath)" dev.gleaner.scraper.eval.ExtractionEvaluation \
      --label "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
      --baseline "$OUT/extraction-baseline.json" \
      --heldout bench/scraper/heldout --heldout-baseline "$OUT/extraction-heldout-baseline.json" \
      --out "$OUT/extraction.md"
}

run_peb() {
  echo "== the benchmark's development pages (../shared/fixtures/peb-dev)" >&2
  java -cp "$(classpath)" dev.gleaner.scraper.eval.PebEvaluation \
      --label "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
      --baseline "$OUT/peb-dev-baseline.json" \
      --predictions "$OUT/peb-dev-predictions.json" \
      --out "$OUT/peb-dev.md"
}

# run_analyzer PAGES (corpus|peb): FORKS JVM runs of the analyzer benchmark, one summary line each.
run_analyzer() {
  local pages=$1
  echo "== detection + extraction vs jsoup's parse on $pages pages, $FORKS JVM forks" >&2
  for i in $(seq 1 "$FORKS"); do
    java -Xms1g -Xmx1g -cp "$(classpath)" dev.gleaner.scraper.ProductPageBenchmark --pages "$pages" \
        --out "$TMP/analyzer-$pages-$i.md" >/dev/null
    grep '^| all ' "$TMP/analyzer-$pages-$i.md" | sed "s/^| all /| fork $i /" >>"$TMP/forks-$pages.md"
    grep '^With means' "$TMP/analyzer-$pages-$i.md" | sed "s/^/Fork $i: /" >>"$TMP/means-$pages.md"
    tail -1 "$TMP/forks-$pages.md" >&2
  done
}

# analyzer_section PAGES TITLE: the forks' table, their means, and the least favourable fork in detail.
analyzer_section() {
  local pages=$1 worst
  echo "| run | pages | jsoup parse (ms, sum) | detection + extraction (ms, sum) | ratio |"
  echo "|---|---:|---:|---:|---:|"
  cat "$TMP/forks-$pages.md"
  echo
  cat "$TMP/means-$pages.md"
  echo
  # The detail of the least favourable fork (highest ratio), not of a lucky one.
  worst=$(awk -F'|' '{gsub(/[ *]/, "", $6); print $6, NR}' "$TMP/forks-$pages.md" | sort -n | tail -1 | awk '{print $2}')
  echo "By page size, and page by page (fork $worst, the least favourable):"
  echo
  cat "$TMP/analyzer-$pages-$worst.md"
}

run_batch() {
  local jar=cli/target/gleaner.jar
  {
    echo "| heap limit | input lines | output lines | errors | wall time | CPU time (user+sys) | peak RSS | GC pauses | total pause | largest heap before a GC |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  } >"$TMP/batch.md"
  # The target is 1 GB; the smaller limit shows how much of it is needed.
  for heap in 1g 128m; do
    echo "== gleaner.jar extract --batch on 100 pages, -Xmx$heap" >&2
    /usr/bin/time -v -o "$TMP/time.txt" \
        java -Xmx$heap -Xlog:gc:file="$TMP/gc.log" -jar "$jar" extract --batch \
        <bench/scraper/corpus/batch-100.ndjson >"$TMP/batch.ndjson"
    local lines errors wall rss gcs pause cpu max
    lines=$(wc -l <"$TMP/batch.ndjson")
    errors=$(grep -c '"error"' "$TMP/batch.ndjson" || true)
    wall=$(grep 'Elapsed (wall clock)' "$TMP/time.txt" | awk '{print $NF}')
    rss=$(grep 'Maximum resident set size' "$TMP/time.txt" | awk '{print $NF}')
    gcs=$(grep -c 'Pause' "$TMP/gc.log" || true)
    pause=$( (grep 'Pause' "$TMP/gc.log" || true) | (grep -oE '[0-9.]+ms$' || true) | awk '{s+=$1} END {printf "%.1f", s}')
    cpu=$(grep -E 'User time|System time' "$TMP/time.txt" | awk '{s+=$NF} END {printf "%.2f", s}')
    max=$( (grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$TMP/gc.log" || true) | sed 's/M->.*//' | sort -n | tail -1)
    echo "| -Xmx$heap | 100 | $lines | $errors | $wall | ${cpu} s | $((rss / 1024)) MB | $gcs | ${pause} ms | ${max:-?} MB |" >>"$TMP/batch.md"
    tail -1 "$TMP/batch.md" >&2
  done
}

write_performance() {
  {
    echo "# Scraper performance"
    echo
    echo "Generated by \`bench/scraper/run.sh\` on $(date -u +%Y-%m-%d), revision \`$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\`,"
    echo "$(nproc) CPU cores, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) at the end."
    echo
    echo "## Detection + extraction against jsoup's own parse"
    echo
    echo "Target: the analyzer's work on top of parsing (indexing the page, platform detection, the extraction"
    echo "cascade) at most 1.3 × \`Jsoup.parse\` of the same page. \`ProductPageBenchmark\` times both, interleaved, page"
    echo "by page, after a warm-up, in the benchmark thread's CPU time (other builds on this shared machine stretch wall"
    echo "time, not that); one line per JVM fork (sums of per-page medians)."
    echo
    echo "### The 70 real pages of \`../shared/fixtures/peb-dev\` (14 KB to 1.4 MB)"
    echo
    analyzer_section peb
    echo
    echo "### The 48 replicas of \`bench/scraper/corpus\` (33 KB to 580 KB)"
    echo
    analyzer_section corpus
    echo
    echo "## \`gleaner.jar extract --batch\` on 100 pages within 1 GB of heap"
    echo
    echo "\`java -Xmx1g -jar cli/target/gleaner.jar extract --batch < bench/scraper/corpus/batch-100.ndjson\` (the 48 pages,"
    echo "then again from the start: 100 lines; JVM start included), timed with \`/usr/bin/time -v\`, GC logged with"
    echo "\`-Xlog:gc\`; the same with 128 MB of heap for comparison:"
    echo
    cat "$TMP/batch.md"
  } >"$OUT/performance.md"
  echo "written $OUT/performance.md" >&2
}

case "$what" in
  all) build; run_peb; run_eval; run_analyzer peb; run_analyzer corpus; run_batch; write_performance ;;
  peb) build; run_peb ;;
  eval) build; run_eval ;;
  perf) build; run_analyzer peb; run_analyzer corpus; run_batch; write_performance ;;
  *) echo "usage: $0 [all|peb|eval|perf]" >&2; exit 2 ;;
esac
