package org.paywatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages stand in layers, each using only those below it: the records, then the policy (plain Java), the job
 * file, the contracts and connectors, then the topology, and the commands on top. An import that runs back up a
 * layer (io reaching into pipeline, say) fails here, naming the file.
 */
class PackageLayersTest {
    private static final Path MAIN = Path.of("src/main/java/org/paywatch");
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.paywatch\\.([a-z]+)\\.");

    /** What each package may use besides itself. */
    private static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("contract", Set.of()),
            Map.entry("domain", Set.of("contract")),
            Map.entry("policy", Set.of("contract", "domain")),
            Map.entry("config", Set.of("contract", "domain", "policy")),
            Map.entry("io", Set.of("contract", "domain", "policy", "config")),
            Map.entry("sim", Set.of("contract", "domain", "policy", "config", "io")),
            Map.entry("dispatch", Set.of("contract", "domain", "policy", "config", "io")),
            Map.entry("board", Set.of("contract", "domain", "policy", "config", "io")),
            Map.entry("local", Set.of("contract", "domain", "policy", "config", "io", "dispatch")),
            Map.entry("pipeline", Set.of("contract", "domain", "policy", "config", "io")));

    @Test
    void shouldUseOnlyThePackagesBelowEachLayer() throws IOException {
        List<String> upward = new ArrayList<>();
        for (Map.Entry<String, Set<String>> layer : MAY_USE.entrySet()) {
            Path dir = MAIN.resolve(layer.getKey());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = REFERENCE.matcher(Files.readString(file));
                    while (m.find()) {
                        String used = m.group(1);
                        if (!used.equals(layer.getKey()) && !layer.getValue().contains(used)) {
                            upward.add(MAIN.relativize(file) + " uses org.paywatch." + used);
                        }
                    }
                }
            }
        }
        assertThat(upward).as("references that run back up a layer").isEmpty();
    }

    @Test
    void shouldSeeAReferenceUpALayer() {
        Matcher m = REFERENCE.matcher("import org.paywatch.pipeline.JobSinks;");
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo("pipeline");
    }
}
