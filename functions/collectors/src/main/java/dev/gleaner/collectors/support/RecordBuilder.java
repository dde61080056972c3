package dev.gleaner.collectors.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.record.CollectedRecord;
import dev.gleaner.core.record.RecordComment;
import dev.gleaner.core.task.Timestamps;
import java.time.Instant;
import java.util.List;

/** Fills a {@link CollectedRecord} field by field. */
public final class RecordBuilder {
    private final String platform;
    private final String category;
    private final String kind;
    private final String scope;
    private final String sourceId;
    private String url;
    private String title;
    private String body;
    private String author;
    private String createdAt;
    private Long viewCount;
    private Long likeCount;
    private Integer commentCount;
    private Double rating;
    private String hospital;
    private String doctor;
    private String procedure;
    private Long price;
    private List<RecordComment> comments = List.of();
    private JsonNode raw;

    public RecordBuilder(String platform, String category, String kind, String scope, String sourceId) {
        this.platform = platform;
        this.category = category;
        this.kind = kind;
        this.scope = scope;
        this.sourceId = sourceId;
    }

    public RecordBuilder url(String v) { url = v; return this; }
    public RecordBuilder title(String v) { title = v; return this; }
    public RecordBuilder body(String v) { body = v; return this; }
    public RecordBuilder author(String v) { author = v; return this; }
    public RecordBuilder createdAt(Instant v) { createdAt = Timestamps.format(v); return this; }
    public RecordBuilder viewCount(Long v) { viewCount = v; return this; }
    public RecordBuilder likeCount(Long v) { likeCount = v; return this; }
    public RecordBuilder commentCount(Integer v) { commentCount = v; return this; }
    public RecordBuilder rating(Double v) { rating = v; return this; }
    public RecordBuilder hospital(String v) { hospital = v; return this; }
    public RecordBuilder doctor(String v) { doctor = v; return this; }
    public RecordBuilder procedure(String v) { procedure = v; return this; }
    public RecordBuilder price(Long v) { price = v; return this; }
    public RecordBuilder comments(List<RecordComment> v) { comments = v == null ? List.of() : v; return this; }
    public RecordBuilder raw(JsonNode v) { raw = v; return this; }

    public CollectedRecord build() {
        return new CollectedRecord(platform, category, kind, scope, sourceId, url, title, body, author, createdAt,
                viewCount, likeCount, commentCount, rating, hospital, doctor, procedure, price, comments, raw);
    }
}
