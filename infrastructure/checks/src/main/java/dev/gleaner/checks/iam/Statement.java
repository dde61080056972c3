package dev.gleaner.checks.iam;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One resolved IAM Allow statement: actions and resource ARNs, with IAM's wildcards ({@code *} any
 * run of characters, {@code ?} one character; actions compare case-insensitively).
 *
 * @param source where it came from, for messages (e.g. {@code DynamoDBReadPolicy})
 */
public record Statement(String source, List<String> actions, List<String> resources) {
    public boolean allows(String action, String resource) {
        return actions.stream().anyMatch(a -> matches(a.toLowerCase(Locale.ROOT), action.toLowerCase(Locale.ROOT)))
                && resources.stream().anyMatch(r -> matches(r, resource));
    }

    /** The actions of this statement that cover {@code action}'s service, e.g. all {@code dynamodb:*} ones. */
    public boolean coversService(String service) {
        return actions.stream().anyMatch(a -> a.equals("*") || a.toLowerCase(Locale.ROOT).startsWith(service + ":"));
    }

    static boolean matches(String pattern, String value) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL).matcher(value).matches();
    }
}
