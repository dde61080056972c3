package dev.gleaner.aws.tasks;

import dev.gleaner.core.json.Json;
import dev.gleaner.core.task.CollectionRequest;
import dev.gleaner.core.task.Platform;
import java.time.LocalDate;
import java.util.List;

/** How a {@link CollectionRequest} is kept in the task item (plain JSON, no secrets). */
record RequestJson(String platform, String targetDate, String endDate, List<String> categories, int limit,
        boolean saveAsReviews, String cafeId, List<String> menuIds, int perPage, String callbackUrl) {

    static RequestJson of(CollectionRequest r) {
        return new RequestJson(r.platform().id(), r.targetDate().toString(), r.endDate().toString(), r.categories(),
                r.limit(), r.saveAsReviews(), r.cafeId(), r.menuIds(), r.perPage(), r.callbackUrl());
    }

    static CollectionRequest read(Platform platform, String json) {
        RequestJson j = Json.read(json, RequestJson.class);
        return new CollectionRequest(platform, LocalDate.parse(j.targetDate()),
                j.endDate() == null ? null : LocalDate.parse(j.endDate()), j.categories(), j.limit(),
                j.saveAsReviews(), j.cafeId(), j.menuIds(), j.perPage(), j.callbackUrl());
    }
}
