package dev.gleaner.checks.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gleaner.checks.template.Intrinsics;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Expands a SAM function's {@code Policies} into resolved IAM statements: SAM policy templates by
 * their definitions in the SAM translator (the one cfn-lint runs, so the same definitions SAM
 * deploys), inline policy documents as written. Managed policy names are refused: they cannot be
 * least-privilege for a given table or queue.
 */
public final class FunctionPolicies {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode templates;

    private FunctionPolicies() {}

    /** Every Allow statement of the function's {@code Policies}, with intrinsics evaluated. */
    public static List<Statement> expand(JsonNode policies, Intrinsics intrinsics) {
        List<Statement> out = new ArrayList<>();
        if (policies == null || policies.isMissingNode() || policies.isNull()) {
            return out;
        }
        if (policies.isTextual()) {
            throw new IllegalArgumentException("managed policy " + policies.asText() + " is not least privilege");
        }
        if (!policies.isArray()) {
            policies = JsonNodeFactory.instance.arrayNode().add(policies);
        }
        for (JsonNode raw : policies) {
            JsonNode p = intrinsics.resolve(raw); // an Fn::If entry may resolve to AWS::NoValue: no policy
            if (p.isMissingNode()) {
                continue;
            }
            if (p.isTextual()) {
                throw new IllegalArgumentException("managed policy " + p.asText() + " is not least privilege");
            }
            if (p.has("Statement")) {
                addStatements(out, "inline statement", p.get("Statement"));
                continue;
            }
            if (p.size() != 1) {
                throw new IllegalArgumentException("a policy entry must be one SAM policy template or a Statement: " + p);
            }
            String name = p.fieldNames().next();
            JsonNode template = policyTemplates().path("Templates").get(name);
            if (template == null) {
                throw new IllegalArgumentException(name + " is not a SAM policy template");
            }
            JsonNode definition = substituteParameters(template.get("Definition"), p.get(name), name);
            addStatements(out, name, intrinsics.resolve(definition.get("Statement")));
        }
        return out;
    }

    private static void addStatements(List<Statement> out, String source, JsonNode statements) {
        if (!statements.isArray()) {
            statements = JsonNodeFactory.instance.arrayNode().add(statements);
        }
        for (JsonNode s : statements) {
            if (!"Allow".equals(s.path("Effect").asText())) {
                throw new IllegalArgumentException(source + ": only Allow statements are expected, got " + s);
            }
            if (s.has("NotAction") || s.has("NotResource")) {
                throw new IllegalArgumentException(source + ": NotAction/NotResource are not least privilege");
            }
            out.add(new Statement(source, strings(s.get("Action")), strings(s.get("Resource"))));
        }
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }

    /** A policy template's {@code {"Ref": "TableName"}} are its parameters: replace them with the given values. */
    static JsonNode substituteParameters(JsonNode node, JsonNode args, String templateName) {
        if (node.isObject()) {
            if (node.size() == 1 && node.has("Ref")) {
                String param = node.get("Ref").asText();
                if (param.startsWith("AWS::")) {
                    return node;
                }
                JsonNode v = args.get(param);
                if (v == null) {
                    throw new IllegalArgumentException(templateName + " needs parameter " + param);
                }
                return v.isValueNode() ? TextNode.valueOf(v.asText()) : v;
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), substituteParameters(e.getValue(), args, templateName));
            }
            return out;
        }
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> out.add(substituteParameters(n, args, templateName)));
            return out;
        }
        return node;
    }

    /**
     * The SAM translator's policy_templates.json. cfn-lint depends on the translator, and the build
     * requires cfn-lint, so it is there wherever the build runs; a missing one is an error.
     */
    public static synchronized JsonNode policyTemplates() {
        if (templates == null) {
            templates = readTemplates(samTranslatorDir().resolve("policy_templates_data/policy_templates.json"));
        }
        return templates;
    }

    private static JsonNode readTemplates(Path file) {
        try {
            return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read SAM policy templates at " + file + ": " + e.getMessage(), e);
        }
    }

    static Path samTranslatorDir() {
        List<List<String>> pythons = new ArrayList<>();
        cfnLintInterpreter().ifPresent(pythons::add); // the translator cfn-lint itself uses, e.g. in a pipx venv
        pythons.add(List.of("python3"));
        pythons.add(List.of("python"));
        for (List<String> python : pythons) {
            List<String> command = new ArrayList<>(python);
            command.addAll(List.of("-c", "import os, samtranslator; print(os.path.dirname(samtranslator.__file__))"));
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.isDirectory(Path.of(out))) {
                    return Path.of(out);
                }
            } catch (IOException e) {
                // not this interpreter; try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("the SAM translator (Python package aws-sam-translator, installed with cfn-lint) "
                + "was not found: install cfn-lint (pip install cfn-lint)");
    }

    /** The interpreter named on the first line of the cfn-lint script on PATH, if it is a Python. */
    private static Optional<List<String>> cfnLintInterpreter() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path script = Path.of(dir, "cfn-lint");
            if (!Files.isRegularFile(script)) {
                continue;
            }
            try (var lines = Files.lines(script, StandardCharsets.ISO_8859_1)) {
                String first = lines.findFirst().orElse("");
                if (first.startsWith("#!") && first.contains("python")) {
                    List<String> command = List.of(first.substring(2).trim().split("\\s+"));
                    return Optional.of(command);
                }
            } catch (IOException | UncheckedIOException e) {
                // unreadable: fall back to python3
            }
            return Optional.empty();
        }
        return Optional.empty();
    }
}
