package org.paywatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.entrypoint.ClusterConfiguration;
import org.apache.flink.runtime.entrypoint.parser.CommandLineParser;
import org.apache.flink.runtime.entrypoint.parser.ParserResultFactory;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml's JobManager command, run by bash against a stand-in for the volume flink-data, and its
 * arguments read by the parser of Flink 2.2's standalone-job entrypoint: a restarted stack resumes from the
 * newest complete checkpoint or savepoint, and the job gets its own arguments (Flink's parser takes option
 * prefixes, so without the `--` the job's --config would be swallowed as Flink's --configDir).
 */
class ComposeJobSubmissionTest {
    private static final List<String> JOB_ARGS = List.of(
            "--config", "/opt/paywatch/risk-monitor.yaml", "--kafka", "kafka:9092", "--influx", "http://influxdb:8086");

    @TempDir
    Path flinkData;

    @Test
    void shouldStartTheJobAfreshWithItsOwnArgumentsWhenTheVolumeHoldsNoSnapshot() throws Exception {
        ClusterConfiguration submitted = standaloneJobConfiguration(jobManagerCommandArgs());
        assertThat(submitted.getArgs()).containsExactlyElementsOf(JOB_ARGS);
        assertThat(restoreSettings(submitted).restoreSavepoint()).isFalse();
    }

    @Test
    void shouldResumeFromTheNewestCompleteCheckpointOrSavepointInTheVolume() throws Exception {
        snapshot("checkpoints/1a2b/chk-7", "2026-03-01T10:00:00Z");
        snapshot("savepoints/savepoint-1a2b3c-0f0f0f0f", "2026-03-01T10:05:00Z");
        Path newest = snapshot("checkpoints/9f8e/chk-12", "2026-03-01T10:10:00Z");
        Files.createDirectories(flinkData.resolve("checkpoints/9f8e/chk-13")); // in progress when the stack stopped
        Files.createDirectories(flinkData.resolve("checkpoints/9f8e/shared"));

        ClusterConfiguration submitted = standaloneJobConfiguration(jobManagerCommandArgs());
        assertThat(restoreSettings(submitted).getRestorePath()).isEqualTo(newest.toString());
        assertThat(submitted.getArgs()).containsExactlyElementsOf(JOB_ARGS);
    }

    @Test
    void shouldResumeFromASavepointTakenAfterTheLastCheckpoint() throws Exception {
        snapshot("checkpoints/1a2b/chk-7", "2026-03-01T10:00:00Z");
        Path stopped = snapshot("savepoints/savepoint-1a2b3c-0f0f0f0f", "2026-03-01T10:00:20Z");

        assertThat(restoreSettings(standaloneJobConfiguration(jobManagerCommandArgs()))
                        .getRestorePath())
                .isEqualTo(stopped.toString());
    }

    private Path snapshot(String folder, String completedAt) throws Exception {
        Path dir = Files.createDirectories(flinkData.resolve(folder));
        Path metadata = Files.write(dir.resolve("_metadata"), new byte[] {1});
        Files.setLastModifiedTime(metadata, FileTime.from(Instant.parse(completedAt)));
        return dir;
    }

    /** What the Flink image's entrypoint receives: the command as Docker Compose hands it to bash, volume replaced. */
    private List<String> jobManagerCommandArgs() throws Exception {
        String command = YamlDocuments.read(Path.of("docker-compose.yml"))
                .get(0)
                .at("/services/jobmanager/command/0")
                .asText();
        assertThat(command).contains("exec /docker-entrypoint.sh standalone-job ");
        String script = command.replace("$$", "$")
                .replace("/flink-data/", flinkData + "/")
                .replace("exec /docker-entrypoint.sh", "printf 'arg:%s\\n'");
        Process bash = new ProcessBuilder("bash", "-c", script)
                .redirectErrorStream(true)
                .start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(output).isZero();
        List<String> args = new ArrayList<>();
        output.lines().filter(l -> l.startsWith("arg:")).forEach(l -> args.add(l.substring("arg:".length())));
        return args;
    }

    /** As the image runs it: docker-entrypoint.sh drops "standalone-job", standalone-job.sh puts --configDir first. */
    private static ClusterConfiguration standaloneJobConfiguration(List<String> entrypointArgs) throws Exception {
        assertThat(entrypointArgs).first().isEqualTo("standalone-job");
        List<String> args = new ArrayList<>(List.of("--configDir", "/opt/flink/conf"));
        args.addAll(entrypointArgs.subList(1, entrypointArgs.size()));
        Constructor<?> factory = Class.forName(
                        "org.apache.flink.container.entrypoint.StandaloneApplicationClusterConfigurationParserFactory")
                .getDeclaredConstructor();
        factory.setAccessible(true);
        ClusterConfiguration parsed =
                (ClusterConfiguration) new CommandLineParser<>((ParserResultFactory<?>) factory.newInstance())
                        .parse(args.toArray(String[]::new));
        assertThat(parsed.getConfigDir()).isEqualTo("/opt/flink/conf");
        return parsed;
    }

    private static SavepointRestoreSettings restoreSettings(ClusterConfiguration configuration) throws Exception {
        Method settings = configuration.getClass().getDeclaredMethod("getSavepointRestoreSettings");
        settings.setAccessible(true);
        return (SavepointRestoreSettings) settings.invoke(configuration);
    }
}
