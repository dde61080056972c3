package dev.gleaner.core.record;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A comment nested in its post. */
@JsonPropertyOrder({"source_id", "author", "body", "created_at"})
public record RecordComment(String sourceId, String author, String body, String createdAt) {}
