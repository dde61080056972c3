package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.cli.ui.Messages;
import dev.gleaner.cli.ui.ProgressView;
import dev.gleaner.cli.ui.Statuses;
import dev.gleaner.cli.ui.Table;
import dev.gleaner.core.task.Platform;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** A collection task written for people, in the chosen language. */
final class TaskText {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private TaskText() {}

    static Platform platform(JsonNode task) {
        return Platform.fromTaskType(task.path("type").asText()).orElse(null);
    }

    /** 바비톡 in Korean, Babitalk in English. */
    static String platformName(Messages msg, Platform p) {
        if (p == null) {
            return "?";
        }
        return msg.korean() ? p.displayName() : msg.get("platform." + p.id());
    }

    /** A category as people know it: 시술후기 in Korean, "reviews (시술후기)" in English. */
    static String category(Messages msg, Platform p, String key) {
        String name = p == null ? key : p.categoryName(key);
        if (msg.korean() || name.equals(key)) {
            return name;
        }
        return key + " (" + name + ")";
    }

    /** An API timestamp in this machine's time zone, or "-". */
    static String when(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return "-";
        }
        try {
            return LOCAL.format(Instant.parse(value.asText()).atZone(ZoneId.systemDefault()));
        } catch (DateTimeParseException e) {
            return value.asText();
        }
    }

    /** From the request (the task's creation) to completion, or to now while unfinished: what the person waited. */
    static Duration elapsed(JsonNode task) {
        Instant from = instant(task.get("created_at"));
        if (from == null) {
            from = instant(task.get("started_at"));
        }
        if (from == null) {
            return Duration.ZERO;
        }
        Instant to = instant(task.get("completed_at"));
        Duration d = Duration.between(from, to == null ? Instant.now() : to);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Instant instant(JsonNode v) {
        if (v == null || !v.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String duration(Duration d) {
        long s = d.getSeconds();
        return String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    static ProgressView.Progress progress(Messages msg, JsonNode task) {
        return new ProgressView.Progress(platformName(msg, platform(task)), task.path("status").asText(),
                task.path("progress").asLong(), task.path("total").asLong(), textOrNull(task.get("current_step")), elapsed(task));
    }

    static String textOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    /** {@code completed: Babitalk collection <id>, 7/7 in 0:00:04} */
    static String headline(Messages msg, JsonNode task) {
        return msg.get("task.headline", Statuses.label(msg, task.path("status").asText()),
                platformName(msg, platform(task)), task.path("id").asText(), task.path("progress").asLong(),
                task.path("total").asLong(), duration(elapsed(task)));
    }

    /** The result after waiting: headline, the per-category table, totals, the error. */
    static void printOutcome(PrintStream out, Messages msg, JsonNode task) {
        out.println(headline(msg, task));
        printSummary(out, msg, task);
        JsonNode error = task.get("error");
        if (error != null && !error.isNull() && !error.asText().isBlank()) {
            out.println("  " + msg.get("task.error", error.asText()));
        }
        out.flush();
    }

    static void printSummary(PrintStream out, Messages msg, JsonNode task) {
        JsonNode summary = task.get("result_summary");
        if (summary == null || !summary.isObject()) {
            return;
        }
        Platform p = platform(task);
        Table t = new Table(msg.get("col.category"), msg.get("col.collected"), msg.get("col.new"), msg.get("col.pages"),
                msg.get("col.error")).right(1, 2, 3);
        List<Map.Entry<String, JsonNode>> categories = new ArrayList<>();
        summary.path("categories").fields().forEachRemaining(categories::add);
        if (p != null) {
            // The platform's own order (reviews, talks, ...); Naver boards keep the API's order.
            List<String> order = p.categories();
            categories.sort(Comparator.comparingInt(e -> order.contains(e.getKey()) ? order.indexOf(e.getKey()) : order.size()));
        }
        for (Map.Entry<String, JsonNode> c : categories) {
            JsonNode v = c.getValue();
            t.row(category(msg, p, c.getKey()), v.path("collected").asLong(), v.path("new").asLong(), v.path("pages").asLong(),
                    v.path("error").isNull() ? "" : v.path("error").asText(""));
        }
        JsonNode totals = summary.path("totals");
        if (!t.isEmpty()) {
            t.row(msg.get("col.total"), totals.path("collected").asLong(), totals.path("new").asLong(), "", "");
            t.print(out, "  ");
        }
        if (totals.isObject()) {
            out.println("  " + msg.get("task.totals", totals.path("collected").asLong(), totals.path("new").asLong(),
                    totals.path("comments").asLong(), totals.path("reviews").asLong()));
        }
    }

    /** {@code gleaner status ID}: every field a person looks for, and the newest log lines. */
    static void printTask(PrintStream out, Messages msg, JsonNode task, int logLines) {
        out.println(headline(msg, task));
        Table fields = new Table("", "").maxCell(100);
        fields.row(msg.get("field.type"), task.path("type").asText());
        String step = textOrNull(task.get("current_step"));
        if (step != null) {
            fields.row(msg.get("field.step"), step);
        }
        fields.row(msg.get("field.created"), when(task.get("created_at")));
        fields.row(msg.get("field.started"), when(task.get("started_at")));
        fields.row(msg.get("field.finished"), when(task.get("completed_at")));
        JsonNode request = task.get("request");
        if (request != null && request.isObject()) {
            StringBuilder b = new StringBuilder();
            request.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull() && !(e.getValue().isArray() && e.getValue().isEmpty())
                        && !(e.getValue().isTextual() && e.getValue().asText().isEmpty())) {
                    b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                            .append(e.getValue().isArray() ? join(e.getValue()) : e.getValue().asText());
                }
            });
            fields.row(msg.get("field.request"), b.toString());
        }
        JsonNode error = task.get("error");
        if (error != null && !error.isNull()) {
            fields.row(msg.get("field.error"), error.asText());
        }
        fields.print(out, "  ");
        printSummary(out, msg, task);
        JsonNode logs = task.path("logs");
        if (logLines > 0 && logs.isArray() && logs.size() > 0) {
            out.println("  " + msg.get("field.logs", Math.min(logLines, logs.size()), logs.size(), task.path("id").asText()));
            for (int i = Math.max(0, logs.size() - logLines); i < logs.size(); i++) {
                out.println("    " + logs.get(i).asText());
            }
        }
        out.flush();
    }

    private static String join(JsonNode array) {
        StringBuilder b = new StringBuilder();
        array.forEach(v -> b.append(b.length() == 0 ? "" : ",").append(v.asText()));
        return b.toString();
    }

    /** The exit status a final task maps to: completed 0, failed 1, cancelled 3. */
    static int exitCode(String status) {
        return switch (status) {
            case "failed" -> ExitCode.FAILED;
            case "cancelled" -> ExitCode.CANCELLED;
            default -> ExitCode.OK;
        };
    }
}
