package dev.gleaner.collectors.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gleaner.core.metrics.SourceErrorKind;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.collectors.SourceException;
import dev.gleaner.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Request;

/**
 * The state of one batch call: its page and time budget, its notes, and the source's 404 streak
 * (carried from call to call in the cursor). A single 404 costs a short pause; five in a row ask
 * the workflow for a 20-minute wait; a streak that outlives {@link #MAX_LONG_WAITS} such waits
 * fails the category.
 */
public final class CallContext {
    public static final int NOT_FOUND_RUN = 5;
    public static final long NOT_FOUND_WAIT_SECONDS = 20 * 60;
    public static final int MAX_LONG_WAITS = 3;
    public static final Duration NOT_FOUND_DELAY = Duration.ofSeconds(5);

    private final SourceHttp http;
    private final Redactor redactor;
    private final Instant startedAt;
    private final List<String> notes = new ArrayList<>();
    private int notFoundStreak;
    private int longWaits;
    private int listPages;
    private boolean workDone;

    public CallContext(SourceHttp http, Redactor redactor, int notFoundStreak, int longWaits) {
        this.http = http;
        this.redactor = redactor;
        this.startedAt = http.options().clock().instant();
        this.notFoundStreak = Math.max(0, notFoundStreak);
        this.longWaits = Math.max(0, longWaits);
    }

    /** A batch call resuming {@code cursor}'s 404 streak. */
    public CallContext(SourceHttp http, Redactor redactor, CallCursor cursor) {
        this(http, redactor, cursor.notFound, cursor.longWaits);
    }

    public String source() {
        return http.source();
    }

    public SourceHttp http() {
        return http;
    }

    /**
     * Sends a request and applies the 404 policy. Returns every final status (404 included, after
     * its pause) for the caller to judge.
     */
    public HttpResult send(Request request, String what) throws SourceException, WaitRequired {
        HttpResult r = http.exchange(request, what);
        if (r.status() == 404) {
            notFound(what);
        } else if (r.ok()) {
            notFoundStreak = 0;
            longWaits = 0;
        }
        return r;
    }

    private void notFound(String what) throws SourceException, WaitRequired {
        notFoundStreak++;
        if (notFoundStreak >= NOT_FOUND_RUN) {
            notFoundStreak = 0;
            if (longWaits >= MAX_LONG_WAITS) {
                throw new SourceException(SourceErrorKind.HTTP_STATUS, source(), null, what + " kept answering HTTP 404 after " + longWaits
                        + " back-offs of 20 minutes (the endpoint may have moved)");
            }
            longWaits++;
            throw new WaitRequired(SourceErrorKind.HTTP_STATUS, NOT_FOUND_WAIT_SECONDS, NOT_FOUND_RUN + " HTTP 404 answers in a row (last from " + what + ")");
        }
        http.pause(NOT_FOUND_DELAY);
    }

    /** Parses a JSON body; malformed JSON names the source and the endpoint. */
    public JsonNode json(HttpResult r, String what) throws SourceException {
        String body = r.body();
        if (body == null || body.isBlank()) {
            throw new SourceException(SourceErrorKind.SHAPE_CHANGE, source(), null, what + " answered an empty body where JSON was expected");
        }
        try {
            JsonNode n = Json.parse(body);
            if (n == null || n.isMissingNode()) {
                throw new SourceException(SourceErrorKind.SHAPE_CHANGE, source(), null, what + " answered an empty body where JSON was expected");
            }
            return n;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new SourceException(SourceErrorKind.SHAPE_CHANGE, source(), null, "malformed JSON from " + what + where + " (the API shape changed or the request was blocked)");
        }
    }

    /** A final HTTP status the caller does not handle. */
    public SourceException unexpected(HttpResult r, String what) {
        if (r.redirect()) {
            String host = r.header("Location").map(l -> {
                try {
                    String h = r.uri().resolve(l.trim()).getHost();
                    return h == null ? "elsewhere" : h;
                } catch (IllegalArgumentException e) {
                    return "elsewhere";
                }
            }).orElse("elsewhere");
            return new SourceException(SourceErrorKind.LOGIN_REQUIRED, source(), null, what + " redirected to " + host + "; not followed");
        }
        if (r.status() == 401 || r.status() == 403) {
            return new SourceException(SourceErrorKind.LOGIN_REQUIRED, source(), null, what + " refused access (HTTP " + r.status() + ")");
        }
        return new SourceException(SourceErrorKind.HTTP_STATUS, source(), null, what + " answered HTTP " + r.status());
    }

    public void pause(Duration base) throws SourceException {
        http.pause(base);
    }

    /** The source's politeness delay: waits {@code gap} unless this is the call's first request. */
    public void pauseBetween(Duration gap) throws SourceException {
        if (requested()) {
            pause(gap);
        }
    }

    /**
     * Sends {@code request} ({@link #pauseBetween} {@code gap} first) until it answers a JSON
     * object; a 404 is tried again under the 404 policy, any other failure or JSON that is not an
     * object is a {@link SourceException}.
     */
    public JsonNode jsonObject(Request request, String what, Duration gap) throws SourceException, WaitRequired {
        while (true) {
            pauseBetween(gap);
            HttpResult r = send(request, what);
            if (r.ok()) {
                JsonNode n = json(r, what);
                if (!n.isObject()) {
                    throw new SourceException(SourceErrorKind.SHAPE_CHANGE, source(), null, what + " answered JSON that is not an object (the API shape changed)");
                }
                return n;
            }
            if (r.status() != 404) {
                throw unexpected(r, what);
            }
        }
    }

    /** Whether another list page fits this call's page and time budget. */
    public boolean mayFetchListPage() {
        return listPages < http.options().maxPagesPerCall() && !outOfTime();
    }

    public void listPageFetched() {
        listPages++;
        workDone = true;
    }

    public int listPages() {
        return listPages;
    }

    /** Whether any request has been made in this call (politeness delays go between requests). */
    public boolean requested() {
        return http.exchanges() > 0;
    }

    /** Marks progress, so the time budget can stop the call without stalling it. */
    public void workDone() {
        workDone = true;
    }

    /** The call has used its time budget (only once it has made progress, so every call advances). */
    public boolean outOfTime() {
        Duration used = Duration.between(startedAt, http.options().clock().instant());
        return workDone && used.compareTo(http.options().callBudget()) >= 0;
    }

    public void note(String text) {
        String t = redactor.scrub(text);
        if (!notes.contains(t)) {
            notes.add(t);
        }
    }

    public String scrub(String text) {
        return redactor.scrub(text);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public int notFoundStreak() {
        return notFoundStreak;
    }

    public int longWaits() {
        return longWaits;
    }
}
