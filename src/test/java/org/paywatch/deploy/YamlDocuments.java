package org.paywatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The documents of a YAML file as kubectl and docker compose see them: YAML 1.1 scalars (an unquoted 2 is a
 * number), anchors and aliases resolved, and a key given twice refused rather than silently overwritten.
 * SnakeYAML rather than Jackson's YAML reader, which leaves an alias as its anchor's name.
 */
final class YamlDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private YamlDocuments() {}

    static List<JsonNode> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    static List<JsonNode> read(InputStream in, String name) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(16 * 1024 * 1024); // the operator's CRD is half a megabyte
        List<JsonNode> documents = new ArrayList<>();
        try {
            for (Object document : new Yaml(new SafeConstructor(options)).loadAll(in)) {
                if (document != null) {
                    documents.add(JSON.valueToTree(document));
                }
            }
        } catch (YAMLException e) {
            throw new IllegalArgumentException(name + " is not valid YAML: " + e.getMessage(), e);
        }
        return documents;
    }
}
