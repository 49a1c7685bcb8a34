package org.paywatch.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.paywatch.domain.ConfigurationProblem;

/**
 * The state folder of `paywatch run` (job.stateDir, --state): Flink's retained checkpoints in
 * {@code checkpoints/<job id>/chk-N/} and the savepoints of `paywatch savepoint` in
 * {@code savepoints/}. Started again, `run` resumes from the newest complete one of either: Flink
 * writes a checkpoint's {@code _metadata} last, so a folder without one is a checkpoint the crash cut short.
 */
public final class StateFolder {
    private static final String METADATA = "_metadata";
    /** Retained checkpoints: one is enough to resume; a few more survive a corrupted newest one. */
    private static final int RETAINED_CHECKPOINTS = 3;

    private final Path root;

    private StateFolder(Path root) {
        this.root = root;
    }

    /** The folder, created if need be; one sentence if it cannot be used. */
    public static StateFolder at(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute.resolve("checkpoints"));
            Files.createDirectories(absolute.resolve("savepoints"));
        } catch (IOException | SecurityException e) {
            String why = e instanceof FileSystemException f && f.getReason() != null
                    ? f.getReason()
                    : e instanceof AccessDeniedException || e instanceof SecurityException
                            ? "permission denied"
                            : e.getMessage();
            throw new ConfigurationProblem(
                    "the state folder " + absolute + " cannot be created (" + why
                            + "): create it with write access for this user, or choose another with --state DIR or job.stateDir");
        }
        if (!Files.isWritable(absolute.resolve("checkpoints"))) {
            throw new ConfigurationProblem("the state folder " + absolute + " is not writable for this user: "
                    + "fix its permissions, or choose another with --state DIR or job.stateDir");
        }
        return new StateFolder(absolute);
    }

    public Path root() {
        return root;
    }

    public Path savepoints() {
        return root.resolve("savepoints");
    }

    /** The newest complete checkpoint or savepoint in the folder, if any. */
    public Optional<Path> latestRestorePoint() {
        return completed().stream().max(Comparator.comparing(StateFolder::writtenAt));
    }

    /** The newest complete savepoint written at or after {@code since}, if any. */
    public Optional<Path> savepointWrittenSince(FileTime since) {
        return list(savepoints()).stream()
                .filter(p -> Files.isRegularFile(p.resolve(METADATA)))
                .filter(p -> writtenAt(p).compareTo(since) >= 0)
                .max(Comparator.comparing(StateFolder::writtenAt));
    }

    /**
     * Deletes the checkpoints of earlier runs, older than {@code kept}: each run of the job has a job
     * id of its own, and Flink cleans up only its own. Savepoints are the operator's to delete.
     */
    public void forgetCheckpointsBefore(Path kept) {
        FileTime keptAt = writtenAt(kept);
        for (Path jobFolder : list(root.resolve("checkpoints"))) {
            if (kept.startsWith(jobFolder) || !Files.isDirectory(jobFolder)) {
                continue;
            }
            boolean older = list(jobFolder).stream()
                    .map(c -> c.resolve(METADATA))
                    .filter(Files::isRegularFile)
                    .allMatch(m -> writtenAt(m.getParent()).compareTo(keptAt) < 0);
            if (older) {
                try {
                    FileTree.delete(jobFolder);
                } catch (IOException e) {
                    // an old checkpoint left behind costs disk space, not correctness
                }
            }
        }
    }

    /** Flink's settings for this folder: checkpoints and savepoints here, retained, and where to resume from. */
    public void configure(Configuration flink, Optional<Path> restoreFrom) {
        flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        flink.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                root.resolve("checkpoints").toUri().toString());
        flink.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, savepoints().toUri().toString());
        flink.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, RETAINED_CHECKPOINTS);
        restoreFrom.ifPresent(
                p -> flink.set(StateRecoveryOptions.SAVEPOINT_PATH, p.toUri().toString()));
    }

    /** A checkpoint or savepoint given on the command line: a folder holding a complete one. */
    public static Path restorePoint(Path given, String option) {
        Path p = given.toAbsolutePath().normalize();
        if (Files.isRegularFile(p) && p.getFileName().toString().equals(METADATA)) {
            p = p.getParent();
        }
        if (!Files.isRegularFile(p.resolve(METADATA))) {
            throw new ConfigurationProblem(option + " " + given + " is not a savepoint or checkpoint folder (it has no "
                    + METADATA + " file): pass the folder that `paywatch savepoint` printed");
        }
        return p;
    }

    private List<Path> completed() {
        List<Path> found = new ArrayList<>();
        for (Path job : list(root.resolve("checkpoints"))) {
            for (Path chk : list(job)) {
                if (chk.getFileName().toString().startsWith("chk-") && Files.isRegularFile(chk.resolve(METADATA))) {
                    found.add(chk);
                }
            }
        }
        for (Path savepoint : list(savepoints())) {
            if (Files.isRegularFile(savepoint.resolve(METADATA))) {
                found.add(savepoint);
            }
        }
        return found;
    }

    private static FileTime writtenAt(Path restorePoint) {
        try {
            return Files.getLastModifiedTime(restorePoint.resolve(METADATA));
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
