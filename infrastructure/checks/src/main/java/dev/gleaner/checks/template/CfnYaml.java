package dev.gleaner.checks.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a CloudFormation/SAM YAML template into the JSON form CloudFormation itself uses: every
 * short-form intrinsic tag ({@code !Ref x}, {@code !GetAtt A.B}, {@code !Sub ...}, {@code !If [...]})
 * becomes its long form ({@code {"Ref": "x"}}, {@code {"Fn::GetAtt": ["A", "B"]}}, ...), so that
 * nothing the template says is lost on the way (a plain YAML parser refuses or drops the tags).
 */
public final class CfnYaml {
    /** The short forms CloudFormation and its LanguageExtensions transform accept. */
    static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue",
            "Join", "Select", "Split", "Sub", "Transform", "If", "Equals", "Not", "And", "Or", "ToJsonString",
            "Length", "ForEach");

    private static final ObjectMapper JSON = new ObjectMapper();

    private CfnYaml() {}

    public static JsonNode read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return JSON.valueToTree(yaml().load(r));
        }
    }

    public static JsonNode parse(String text) {
        return JSON.valueToTree(yaml().load(text));
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false); // CloudFormation refuses them too
        return new Yaml(new IntrinsicConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new NoTimestamps());
    }

    /**
     * CloudFormation keeps {@code 2010-09-09} a string, where YAML 1.1 would make it a date; and only
     * true/false are booleans (YAML 1.1 would also read a condition named {@code On} as one).
     */
    private static final class NoTimestamps extends Resolver {
        private static final Pattern TRUE_FALSE =
                Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");

        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, TRUE_FALSE, "tTfF", 10);
            addImplicitResolver(Tag.INT, INT, "-+0123456789", 100);
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.", 100);
            addImplicitResolver(Tag.MERGE, MERGE, "<", 10);
            addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
            addImplicitResolver(Tag.NULL, EMPTY, null, 10);
        }
    }

    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            for (String f : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + f), new Intrinsic("Fn::" + f));
            }
        }

        /** Keys are names: {@code On:} or {@code Yes:} stay strings, never YAML 1.1 booleans. */
        @Override
        protected void constructMapping2ndStep(MappingNode node, Map<Object, Object> mapping) {
            for (NodeTuple tuple : node.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && !Tag.MERGE.equals(key.getTag())) {
                    key.setTag(Tag.STR);
                }
            }
            super.constructMapping2ndStep(node, mapping);
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String name;

            Intrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    // !GetAtt Resource.Attribute (the attribute may itself contain dots)
                    value = name.equals("Fn::GetAtt") ? splitGetAtt(text) : text;
                } else if (node instanceof SequenceNode seq) {
                    value = constructSequence(seq);
                } else if (node instanceof MappingNode map) {
                    value = constructMapping(map);
                } else {
                    throw new IllegalArgumentException("unexpected YAML node for !" + name + ": " + node);
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put(name, value);
                return m;
            }
        }

        private static List<String> splitGetAtt(String text) {
            int dot = text.indexOf('.');
            if (dot <= 0 || dot == text.length() - 1) {
                throw new IllegalArgumentException("!GetAtt needs Resource.Attribute, got '" + text + "'");
            }
            return List.of(text.substring(0, dot), text.substring(dot + 1));
        }
    }
}
