package dev.gleaner.api.records;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.api.http.ApiRequest;
import dev.gleaner.api.http.ApiResponse;
import dev.gleaner.api.http.Negotiation;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.errors.DomainError;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.record.CollectedRecord;
import dev.gleaner.core.record.RecordCsv;
import dev.gleaner.core.record.RecordStore.RecordPage;
import dev.gleaner.core.task.CollectionService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A record listing in the representation the client asked for ({@link Negotiation}): a JSON page
 * ({@code limit}, {@code next_token}), or every record at once as CSV or NDJSON.
 *
 * <p>CSV: {@link RecordCsv}, the one writer (the command line's fallback export uses it too).
 *
 * <p>On AWS an answer must fit Lambda's 6 MB response within API Gateway's 29 s: with
 * {@link Env#EXPORT_MAX_BYTES} set, a larger export (or one that takes longer than
 * {@link #TIME_BUDGET} to read) answers 400 saying how to narrow it. Locally there is no limit.
 *
 * @param maxBytes the largest CSV or NDJSON answer, null for no limit
 */
public record RecordExport(Long maxBytes, Clock clock) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    /** Reading stops here on AWS (the functions' timeout is 28 s, API Gateway's 29 s). */
    public static final Duration TIME_BUDGET = Duration.ofSeconds(20);
    public static final List<String> COLUMNS = RecordCsv.COLUMNS;
    public static final String RAW_PREFIX = RecordCsv.RAW_PREFIX;

    /** One page of a listing, as the store reads it. */
    @FunctionalInterface
    public interface PageReader {
        RecordPage read(int limit, String nextToken);
    }

    public RecordExport {
        Objects.requireNonNull(clock, "clock");
    }

    /** The limit from {@link Env#EXPORT_MAX_BYTES} (unset: none). */
    public static RecordExport fromEnvironment(Clock clock) {
        Long max = Env.get(Env.EXPORT_MAX_BYTES).map(v -> {
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalStateException(Env.EXPORT_MAX_BYTES + " must be a number of bytes, not " + v, e);
            }
        }).orElse(null);
        return new RecordExport(max, clock);
    }

    /**
     * @param fileName the download's name without extension (ASCII)
     * @param narrow how to ask for less, for the error when an export is too large
     */
    public APIGatewayProxyResponseEvent answer(ApiRequest request, PageReader pages, String fileName, String narrow) {
        Negotiation.Format format = Negotiation.choose(request.query(Negotiation.FORMAT), request.header("Accept"));
        if (format == Negotiation.Format.JSON) {
            int limit = CollectionService.parseLimit(request.query("limit"), DEFAULT_LIMIT, MAX_LIMIT);
            RecordPage page = pages.read(limit, request.query("next_token"));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("items", page.items());
            body.put("next_token", page.nextToken());
            return ApiResponse.json(200, body);
        }
        for (String pagingOnly : List.of("limit", "next_token")) {
            if (request.query(pagingOnly) != null) {
                throw DomainError.invalid(pagingOnly, pagingOnly + " pages JSON answers; a " + format.formatName()
                        + " export holds every record in one answer");
            }
        }
        List<CollectedRecord> records = readAll(pages, narrow, format);
        String body = format == Negotiation.Format.CSV ? csv(records) : ndjson(records);
        checkSize(encodedSize(body), narrow, format);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Disposition", "attachment; filename=\"" + fileName + "." + format.formatName() + "\"");
        headers.put("X-Record-Count", String.valueOf(records.size()));
        return ApiResponse.text(200, format.mediaType() + "; charset=utf-8", body, headers);
    }

    private List<CollectedRecord> readAll(PageReader pages, String narrow, Negotiation.Format format) {
        Instant deadline = clock.instant().plus(TIME_BUDGET);
        List<CollectedRecord> all = new ArrayList<>();
        long estimate = 0;
        String token = null;
        do {
            RecordPage page = pages.read(MAX_LIMIT, token);
            for (CollectedRecord r : page.items()) {
                all.add(r);
                if (maxBytes != null) {
                    estimate += encodedSize(Json.write(r)) + 2;
                }
            }
            // NDJSON's size is what CSV costs within a small factor: stop reading long before memory matters.
            if (maxBytes != null && (estimate > 2 * maxBytes || clock.instant().isAfter(deadline))) {
                throw tooLarge(narrow, format);
            }
            token = page.nextToken();
        } while (token != null);
        return all;
    }

    private void checkSize(long size, String narrow, Negotiation.Format format) {
        if (maxBytes != null && size > maxBytes) {
            throw tooLarge(narrow, format);
        }
    }

    private DomainError.InvalidField tooLarge(String narrow, Negotiation.Format format) {
        return DomainError.invalid(Negotiation.FORMAT, "this " + format.formatName() + " export is larger than one "
                + "answer can carry here (" + maxBytes + " bytes within " + TIME_BUDGET.toSeconds() + " s); " + narrow
                + ", or read it as JSON pages with limit and next_token");
    }

    /** Every record as one JSON object per line. */
    public static String ndjson(List<CollectedRecord> records) {
        StringBuilder out = new StringBuilder();
        for (CollectedRecord r : records) {
            out.append(Json.write(r)).append('\n');
        }
        return out.toString();
    }

    /** Every record as CSV ({@link RecordCsv}: see the class comment for the layout). */
    public static String csv(List<CollectedRecord> records) {
        return RecordCsv.write(records.stream().map(Json::tree).toList());
    }

    /**
     * The size of a body inside Lambda's JSON response: UTF-8 bytes plus the escapes a JSON string
     * needs (quotes, backslashes, control characters).
     */
    static long encodedSize(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
                n += 2;
            } else if (c < 0x20) {
                n += 6;
            } else if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
