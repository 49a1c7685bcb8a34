package org.paywatch.dispatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.paywatch.config.TextFileLines;
import org.paywatch.contract.Alert;
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.domain.Project;
import org.paywatch.io.AvroCodec;
import org.paywatch.io.ContractJson;
import org.paywatch.io.ContractMapping;
import org.paywatch.io.ContractViolation;

/** The JSON-lines files dispatch reads in file mode: a replay's alerts, and a replay folder's projects. */
public final class DispatchInputs {
    private DispatchInputs() {}

    /** A line that is not an alert: where and why, said once per file by the caller. */
    public record BadLine(long number, String reason) {}

    /** Reads the alerts of a replay's output, in file order. */
    public static void alerts(Path file, Consumer<Alert> each, Consumer<BadLine> bad) throws IOException {
        read(file, Alert.class, each, bad);
    }

    /** Reads the projects of a replay folder (`projects.jsonl`), as the registry would deliver them. */
    public static void projects(Path folder, Consumer<Project> each, Consumer<BadLine> bad) throws IOException {
        Path file = folder.resolve("projects.jsonl");
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationProblem(
                    "--registry " + folder + " holds no projects.jsonl: pass the replay folder whose "
                            + "projects (and their contacts) the alerts are about");
        }
        read(file, org.paywatch.contract.Project.class, p -> each.accept(ContractMapping.project(p)), bad);
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> void read(
            Path file, Class<T> type, Consumer<T> each, Consumer<BadLine> bad) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationProblem(file + " does not exist: pass the file that paywatch replay wrote (--out)");
        }
        AvroCodec<T> codec = AvroCodec.of(type);
        try (TextFileLines lines = TextFileLines.open(file)) {
            for (TextFileLines.Line line = lines.next(); line != null; line = lines.next()) {
                if (line.isText() && line.text().isBlank()) {
                    continue;
                }
                try {
                    if (!line.isText()) {
                        throw new ContractViolation("line " + line.problem());
                    }
                    each.accept(codec.decode(codec.encodeGeneric(ContractJson.read(codec.schema(), line.text()))));
                } catch (ContractViolation e) {
                    bad.accept(new BadLine(line.number(), e.getMessage()));
                }
            }
        }
    }
}
