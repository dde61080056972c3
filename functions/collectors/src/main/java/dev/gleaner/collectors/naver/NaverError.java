package dev.gleaner.collectors.naver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.collectors.support.Fields;
import java.util.Locale;

/** An error Naver reported inside a JSON body, in any of the shapes its APIs use. */
record NaverError(String code, String message) {
    /** Naver's "system error", retried with back-off. */
    boolean system() {
        return "000".equals(code);
    }

    /** Not logged in (error 0004, or a message saying so). */
    boolean loginRequired() {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return "0004".equals(code) || m.contains("로그인") || m.contains("login");
    }

    /** The cafe or board is for members only. */
    boolean membersOnly() {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return m.contains("멤버") || m.contains("회원") || m.contains("가입") || m.contains("member");
    }

    static NaverError of(JsonNode n) {
        if (n == null || !n.isObject()) {
            return null;
        }
        String code = first(Fields.text(n, "error_code"), Fields.text(n, "errorCode"), Fields.text(n, "result.errorCode"),
                Fields.text(n, "error.code"), Fields.text(n, "message.error.code"));
        String status = Fields.text(n, "message.status");
        String msg = first(n.path("message").isTextual() ? Fields.text(n, "message") : null, Fields.text(n, "reason"),
                Fields.text(n, "result.reason"), Fields.text(n, "error.message"), Fields.text(n, "error.msg"),
                Fields.text(n, "message.error.msg"), Fields.text(n, "errorMessage"));
        if (code == null && (status == null || status.equals("200"))) {
            return null;
        }
        if (code == null) {
            code = "status " + status;
        }
        return new NaverError(code, msg);
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    String describe() {
        return "error " + code + (message == null ? "" : " (" + (message.length() > 80 ? message.substring(0, 80) + "…" : message) + ")");
    }
}
