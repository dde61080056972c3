package dev.gleaner.api.records;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.api.ApiContext;
import dev.gleaner.api.Endpoints;
import dev.gleaner.api.http.ApiHandler;
import dev.gleaner.api.http.ApiRequest;
import dev.gleaner.core.errors.DomainError;
import dev.gleaner.core.task.CollectionRequestParser;
import dev.gleaner.core.task.Platform;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/async-collection/records?platform=&category=&date=&next_token=}: stored
 * records, whatever task collected them (they outlive their tasks). Naver's category is the board name.
 * JSON pages, or every record as CSV or NDJSON ({@link RecordExport}).
 */
public final class RecordsHandler extends ApiHandler {
    private final RecordExport export;

    public RecordsHandler() {
        this(ApiContext.fromEnvironment());
    }

    public RecordsHandler(ApiContext ctx) {
        super(ctx, Endpoints.RECORDS);
        this.export = RecordExport.fromEnvironment(ctx.clock());
    }

    @Override
    protected APIGatewayProxyResponseEvent handle(ApiRequest request) {
        String platformId = request.query("platform");
        if (platformId == null || platformId.isBlank()) {
            throw DomainError.invalid("platform", "platform is required: babitalk, gangnamunni or naver");
        }
        Platform platform = Platform.fromId(platformId.trim()).orElseThrow(() ->
                DomainError.invalid("platform", "platform must be babitalk, gangnamunni or naver"));
        String category = request.query("category");
        if (category == null || category.isBlank()) {
            throw DomainError.invalid("category", "category is required (Naver: the board name)");
        }
        if (platform != Platform.NAVER && !platform.categories().contains(category.trim())) {
            throw DomainError.invalid("category", "category must be one of " + platform.categories());
        }
        LocalDate date = null;
        String dateText = request.query("date");
        if (dateText != null && !dateText.isBlank()) {
            date = CollectionRequestParser.parseDate(dateText.trim(), "date");
        }
        LocalDate day = date;
        String cat = category.trim();
        return export.answer(request, (limit, token) -> ctx.records().find(platform.id(), cat, day, limit, token),
                "records-" + platform.id() + (day == null ? "" : "-" + day),
                day == null ? "narrow it to one day with date=YYYY-MM-DD" : "one day is the narrowest export");
    }

    /** Priming: one index query for a day with no records. */
    @Override
    public List<APIGatewayProxyResponseEvent> prime() {
        return List.of(handleRequest(primingRequest(Map.of("platform", List.of("babitalk"), "category",
                List.of("reviews"), "date", List.of("2000-01-01")), null), null));
    }
}
