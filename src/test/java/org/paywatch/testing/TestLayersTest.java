package org.paywatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * src/test/slow-tests.txt splits the tests into `mvn test` and `mvn verify`'s second run; a line naming no class
 * would leave the test it meant in the fast layer, unnoticed.
 */
class TestLayersTest {

    private static final Path SLOW_TESTS = Path.of("src/test/slow-tests.txt");

    @Test
    void shouldNameOnlyTestClassesThatExistInTheSlowLayersList() throws IOException {
        List<String> listed = Files.readAllLines(SLOW_TESTS).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();

        assertThat(listed).isNotEmpty().doesNotHaveDuplicates();
        assertThat(listed).allSatisfy(test -> {
            assertThat(test).endsWith("Test.java");
            assertThat(Path.of("src/test/java", test)).as(test).isRegularFile();
        });
    }
}
