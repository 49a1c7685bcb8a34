package org.paywatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.sim.SyntheticCounty;

/** The demo's parts against real influxd and Kafka: a part that cannot start leaves nothing of the others running. */
class DemoStackTest {
    @Test
    void shouldStopWhatHadStartedAndDeleteItsFolderWhenALaterPartCannotStart() throws IOException {
        JobConfig job = JobConfigFile.load(Path.of("jobs/risk-monitor.yaml"));
        // Refused when the demo points the job at its servers: after influxd, the board and Kafka have started.
        job.entry.deadLetterPayloadBytes = 1024 * 1024;
        SyntheticCounty county = SyntheticCounty.monthsEndingOn(7, 3, LocalDate.of(2026, 6, 30), job.policy());
        List<Path> foldersBefore = demoFolders();
        StringWriter err = new StringWriter();
        DemoStack stack = DemoStack.withInflux(new PrintWriter(err, true));

        assertThatThrownBy(() -> stack.start(
                        job,
                        county,
                        Duration.ofMillis(100),
                        0,
                        new DispatchBoard(),
                        new PrintWriter(new StringWriter(), true)))
                .isInstanceOf(ConfigurationProblem.class);
        List<String> started = List.of(stack.influxUrl(), stack.boardUrl(), "kafka://" + stack.kafkaBootstrapServers());
        started.forEach(
                url -> assertThat(answers(url)).as("%s before close", url).isTrue());
        stack.close();

        started.forEach(
                url -> assertThat(answers(url)).as("%s after close", url).isFalse());
        assertThat(demoFolders()).as("the demo's temporary folder").isEqualTo(foldersBefore);
        assertThat(err.toString()).as("what went wrong while stopping").isEmpty();
    }

    private static boolean answers(String url) {
        URI uri = URI.create(url);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Path> demoFolders() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return dirs.filter(p -> p.getFileName().toString().startsWith("paywatch-demo-"))
                    .sorted()
                    .toList();
        }
    }
}
