package org.paywatch.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The released versions of a record's schema: schemas/history/ in the repository, on the classpath as
 * {@code schema-history/<RecordName>/v1.avsc, v2.avsc, …}.
 *
 * <p>Versions are found by counting up from v1 until one is missing, because a classpath (a jar)
 * cannot be listed; SchemaCompatibilityTest keeps the numbering free of gaps.
 */
public final class SchemaHistory {

    static final String ROOT = "schema-history/";

    private SchemaHistory() {}

    /** The schema text of every version of {@code recordName}, oldest first; empty if none. */
    public static List<String> versions(String recordName) {
        List<String> versions = new ArrayList<>();
        ClassLoader loader = SchemaHistory.class.getClassLoader();
        for (int v = 1; ; v++) {
            String resource = ROOT + recordName + "/v" + v + ".avsc";
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    return versions;
                }
                versions.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
    }

    /** Parses one version on its own, so that versions may reuse the same type names. */
    public static Schema parse(String schemaText) {
        return new Schema.Parser().parse(schemaText);
    }
}
