package dev.gleaner.core.record;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One collected post or review, in the one shape every platform shares (see the contract's
 * "Shapes"). Absent values are null. Comments travel inside their post.
 *
 * @param scope what makes {@code sourceId} unique: the cafe id on Naver, the category elsewhere
 * @param createdAt ISO-8601 UTC with a Z
 * @param price an amount in KRW where the source gives one
 */
@JsonPropertyOrder({"platform", "category", "kind", "source_id", "url", "title", "body", "author", "created_at",
        "view_count", "like_count", "comment_count", "rating", "hospital", "doctor", "procedure", "price", "comments", "raw"})
public record CollectedRecord(
        String platform,
        String category,
        String kind,
        @JsonIgnore String scope,
        String sourceId,
        String url,
        String title,
        String body,
        String author,
        String createdAt,
        Long viewCount,
        Long likeCount,
        Integer commentCount,
        Double rating,
        String hospital,
        String doctor,
        String procedure,
        Long price,
        List<RecordComment> comments,
        JsonNode raw) {

    public static final String KIND_POST = "post";
    public static final String KIND_REVIEW = "review";

    public CollectedRecord {
        comments = comments == null ? List.of() : List.copyOf(comments);
    }

    /** platform + kind + scope + source id: the same post collected twice has the same identity. */
    @JsonIgnore
    public String identity() {
        return identity(platform, kind, scope, sourceId);
    }

    public static String identity(String platform, String kind, String scope, String sourceId) {
        return platform + "#" + kind + "#" + scope + "#" + sourceId;
    }
}
