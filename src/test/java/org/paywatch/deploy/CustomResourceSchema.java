package org.paywatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One version of a CustomResourceDefinition's openAPIV3Schema, applied as the Kubernetes API server applies
 * a structural schema: an object that lists its properties is closed unless it says
 * {@code x-kubernetes-preserve-unknown-fields: true} (the server would prune or reject anything else), an
 * object with neither properties nor additionalProperties keeps no fields at all, and a null is dropped.
 * apiVersion, kind and metadata are not in the schema: the server checks them for every kind, so they are
 * checked here against the CRD's group, version and kind. Covers the keywords the operator's CRDs use
 * (type, properties, additionalProperties, items, enum, anyOf, required, x-kubernetes-*).
 */
final class CustomResourceSchema {
    private static final Set<String> IMPLICIT_FIELDS = Set.of("apiVersion", "kind", "metadata");

    private final String apiVersion;
    private final String kind;
    private final JsonNode schema;

    private CustomResourceSchema(String apiVersion, String kind, JsonNode schema) {
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.schema = schema;
    }

    /** The schema of {@code version} in the CRD file {@code resource} on the classpath. */
    static CustomResourceSchema fromClasspath(String resource, String version) throws IOException {
        try (InputStream in = CustomResourceSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            JsonNode crd = YamlDocuments.read(in, resource).get(0);
            for (JsonNode v : crd.at("/spec/versions")) {
                if (v.path("name").asText().equals(version)) {
                    return new CustomResourceSchema(
                            crd.at("/spec/group").asText() + "/" + version,
                            crd.at("/spec/names/kind").asText(),
                            v.at("/schema/openAPIV3Schema"));
                }
            }
            throw new IllegalStateException(resource + " has no version " + version);
        }
    }

    String kind() {
        return kind;
    }

    /** What the API server would refuse or silently drop in {@code resource}, one sentence each, with its path. */
    List<String> problems(JsonNode resource) {
        List<String> problems = new ArrayList<>();
        if (!resource.isObject()) {
            problems.add("the document is " + describe(resource) + ", not a " + kind);
            return problems;
        }
        if (!apiVersion.equals(resource.path("apiVersion").asText())) {
            problems.add("apiVersion: expected " + apiVersion + ", found " + describe(resource.get("apiVersion")));
        }
        if (!kind.equals(resource.path("kind").asText())) {
            problems.add("kind: expected " + kind + ", found " + describe(resource.get("kind")));
        }
        JsonNode metadata = resource.path("metadata");
        if (!metadata.path("name").isTextual() && !metadata.path("generateName").isTextual()) {
            problems.add("metadata.name: missing; every resource needs a name (or a generateName, for kubectl create)");
        }
        checkObject(resource, schema, "", IMPLICIT_FIELDS, problems);
        return problems;
    }

    private void check(JsonNode value, JsonNode schema, String path, List<String> problems) {
        if (value.isNull()) {
            problems.add(path + ": empty (null); Kubernetes drops it, so write the value or leave the key out");
            return;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                problems.add(path + ": expected an integer or a string, found " + describe(value));
            }
            return;
        }
        if (schema.has("anyOf") && noneMatches(value, schema.get("anyOf"), path)) {
            problems.add(path + ": " + describe(value) + " matches none of " + schema.get("anyOf"));
            return;
        }
        String type = schema.path("type").asText("");
        boolean typeMatches = switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
        if (!typeMatches) {
            problems.add(path + ": expected " + (type.equals("integer") ? "an " : "a ") + type + ", found "
                    + describe(value) + (type.equals("string") && value.isValueNode() ? " (quote it)" : ""));
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            problems.add(path + ": " + describe(value) + " is not one of " + schema.get("enum"));
        }
        if (value.isObject()) {
            checkObject(value, schema, path, Set.of(), problems);
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), path + "[" + i + "]", problems);
            }
        }
    }

    private void checkObject(
            JsonNode value, JsonNode schema, String path, Set<String> implicit, List<String> problems) {
        if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
            return;
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                problems.add(child(path, required.asText()) + ": missing, and required here");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (implicit.contains(name)) {
                continue;
            }
            if (properties.has(name)) {
                check(field.getValue(), properties.get(name), child(path, name), problems);
            } else if (additional != null && additional.isObject()) {
                check(field.getValue(), additional, child(path, name), problems);
            } else if (additional == null || !additional.asBoolean()) {
                List<String> known = new ArrayList<>();
                properties.fieldNames().forEachRemaining(known::add);
                problems.add(child(path, name) + ": unknown field, which Kubernetes would prune or reject; "
                        + (known.isEmpty()
                                ? "this object keeps no fields"
                                : "known here: " + String.join(", ", known)));
            }
        }
    }

    private boolean noneMatches(JsonNode value, JsonNode alternatives, String path) {
        for (JsonNode alternative : alternatives) {
            List<String> mismatches = new ArrayList<>();
            check(value, alternative, path, mismatches);
            if (mismatches.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode v : values) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** A key with dots or slashes (a Flink option, an annotation) is shown in brackets, so the path stays readable. */
    private static String child(String path, String name) {
        if (name.contains(".") || name.contains("/")) {
            return path + "[" + name + "]";
        }
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "a list";
        }
        return value.isTextual() ? "\"" + value.asText() + "\"" : value.toString();
    }
}
