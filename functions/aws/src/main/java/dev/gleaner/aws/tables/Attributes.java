package dev.gleaner.aws.tables;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reading and writing the attribute values every store uses, in one place. */
public final class Attributes {
    private Attributes() {}

    public static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    public static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    /** A string attribute, or null when absent. */
    public static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    /** A number attribute as an int, 0 when absent. */
    public static int num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Integer.parseInt(v.n());
    }

    /** An ISO-8601 string attribute as an instant, or null when absent. */
    public static Instant instant(Map<String, AttributeValue> item, String name) {
        String v = str(item, name);
        return v == null ? null : Instant.parse(v);
    }

    /** An epoch-seconds number attribute (the TTL) as an instant, or null when absent. */
    public static Instant epochSeconds(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? null : Instant.ofEpochSecond(Long.parseLong(v.n()));
    }
}
