package dev.gleaner.core.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch Embedded Metric Format: one JSON object per emission, its {@code _aws} metadata naming
 * the namespace, the dimension sets and the metrics (name and unit), and the dimension values, the
 * metric values and the properties at the root. Metrics published under the same dimension sets
 * share one directive.
 */
public final class EmfFormat {
    private EmfFormat() {}

    public static String document(Metrics.Emission e) {
        ObjectNode root = Json.object();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", e.timestamp().toEpochMilli());
        ArrayNode directives = aws.putArray("CloudWatchMetrics");
        Map<List<List<Dimension>>, List<Metric>> byDimensions = new LinkedHashMap<>();
        for (Metric m : e.values().keySet()) {
            byDimensions.computeIfAbsent(m.dimensionSets(), k -> new ArrayList<>()).add(m);
        }
        for (Map.Entry<List<List<Dimension>>, List<Metric>> d : byDimensions.entrySet()) {
            ObjectNode directive = directives.addObject();
            directive.put("Namespace", Metrics.NAMESPACE);
            ArrayNode sets = directive.putArray("Dimensions");
            for (List<Dimension> set : d.getKey()) {
                ArrayNode names = sets.addArray();
                set.forEach(dim -> names.add(dim.cloudWatchName()));
            }
            ArrayNode metrics = directive.putArray("Metrics");
            for (Metric m : d.getValue()) {
                metrics.addObject().put("Name", m.metricName()).put("Unit", m.unit().cloudWatchName());
            }
        }
        e.dimensions().forEach((dim, value) -> root.put(dim.cloudWatchName(), value));
        e.values().forEach((m, v) -> {
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                root.put(m.metricName(), (long) (double) v);
            } else {
                root.put(m.metricName(), v);
            }
        });
        e.properties().forEach((k, v) -> {
            if (!root.has(k)) {
                root.set(k, Json.tree(v));
            }
        });
        return Json.write(root);
    }
}
