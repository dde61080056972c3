package dev.gleaner.cli.ui;

/** Status words for people: {@code completed} reads 완료 in Korean. */
public final class Statuses {
    private Statuses() {}

    public static String label(Messages msg, String status) {
        return switch (status) {
            case "pending", "running", "completed", "failed", "cancelled" -> msg.get("status." + status);
            default -> status;
        };
    }
}
