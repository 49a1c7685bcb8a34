package org.paywatch.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * An external sort of replay lines in {@link ReplayLine#ORDER}: lines are held until they take about
 * {@code runBytes} of the heap, then sorted and spilled to a run file; at the end the runs are merged k
 * ways, in passes of at most {@link #FAN_IN} runs, so that memory and open files stay bounded however
 * large the folder is. The order is total, so the merged sequence is the one an in-memory sort gives.
 */
final class SortedRuns {
    /** Runs merged at once: buffers and file handles of a merge. */
    static final int FAN_IN = 64;

    private static final int BUFFER = 64 * 1024;

    private final Path dir;
    private final long runBytes;
    private final List<ReplayLine> held = new ArrayList<>();
    private long heldBytes;
    private final List<Path> runs = new ArrayList<>();
    private int written;

    /** @param dir an existing folder the runs are written to (the caller deletes it) */
    SortedRuns(Path dir, long runBytes) {
        this.dir = dir;
        this.runBytes = runBytes;
    }

    void add(ReplayLine line) throws IOException {
        held.add(line);
        heldBytes += line.heapBytes();
        if (heldBytes >= runBytes) {
            spill();
        }
    }

    /** Spills what is held and merges the runs down to at most {@link #FAN_IN}; the runs to {@link #merged} then. */
    List<Path> finish() throws IOException {
        spill();
        while (runs.size() > FAN_IN) {
            List<Path> group = new ArrayList<>(runs.subList(0, FAN_IN));
            runs.subList(0, FAN_IN).clear();
            Path run = nextRun();
            try (Merged merged = merged(group);
                    DataOutputStream out = output(run)) {
                while (merged.hasNext()) {
                    merged.next().writeTo(out);
                }
            }
            for (Path p : group) {
                Files.delete(p);
            }
            runs.add(run);
        }
        return List.copyOf(runs);
    }

    private void spill() throws IOException {
        if (held.isEmpty()) {
            return;
        }
        held.sort(ReplayLine.ORDER);
        Path run = nextRun();
        try (DataOutputStream out = output(run)) {
            for (ReplayLine line : held) {
                line.writeTo(out);
            }
        }
        runs.add(run);
        held.clear();
        heldBytes = 0;
    }

    private Path nextRun() {
        return dir.resolve("run-" + (written++) + ".bin");
    }

    private static DataOutputStream output(Path run) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), BUFFER));
    }

    /** The lines of sorted runs as one sorted sequence; each run file is closed when read to its end. */
    static Merged merged(List<Path> runs) throws IOException {
        return new Merged(runs);
    }

    static final class Merged implements Iterator<ReplayLine>, Closeable {
        private final PriorityQueue<Cursor> heads =
                new PriorityQueue<>((a, b) -> ReplayLine.ORDER.compare(a.head, b.head));
        private final List<Cursor> open = new ArrayList<>();

        private Merged(List<Path> runs) throws IOException {
            try {
                for (Path run : runs) {
                    Cursor c =
                            new Cursor(new DataInputStream(new BufferedInputStream(Files.newInputStream(run), BUFFER)));
                    open.add(c);
                    if (c.advance()) {
                        heads.add(c);
                    }
                }
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public boolean hasNext() {
            return !heads.isEmpty();
        }

        @Override
        public ReplayLine next() {
            Cursor c = heads.poll();
            if (c == null) {
                throw new NoSuchElementException();
            }
            ReplayLine line = c.head;
            try {
                if (c.advance()) {
                    heads.add(c);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read a sorted run of the replay: " + e.getMessage(), e);
            }
            return line;
        }

        @Override
        public void close() {
            for (Cursor c : open) {
                c.close();
            }
            heads.clear();
        }
    }

    private static final class Cursor {
        private final DataInputStream in;
        private ReplayLine head;
        private boolean closed;

        Cursor(DataInputStream in) {
            this.in = in;
        }

        boolean advance() throws IOException {
            head = ReplayLine.readFrom(in);
            if (head == null) {
                close();
            }
            return head != null;
        }

        void close() {
            if (!closed) {
                closed = true;
                try {
                    in.close();
                } catch (IOException ignored) {
                    // a read-only file: nothing was lost
                }
            }
        }
    }
}
