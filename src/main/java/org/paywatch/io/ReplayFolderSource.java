package org.paywatch.io;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceEnumerator;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceReader;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceSplit;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.util.InstantiationUtil;
import org.paywatch.domain.Received;

/**
 * A replay folder sorted on disk ({@link ReplayFolder#sortOnDisk}) as a bounded source: one split, the
 * merge of its runs, read by one reader in replay order, each line decoded as it is emitted with the
 * decoder and time check it was sorted with. Only the run files' paths travel with the job; the records
 * come off the disk one at a time. A split restored from a checkpoint skips the records already emitted.
 *
 * <p>The job can start while the folder is still being sorted ({@link #toCome}): its reader then waits for the list
 * of runs that {@link ReplayFolder.Sorted#announce} writes in the work folder, or for the reason the sort failed.
 */
final class ReplayFolderSource
        implements Source<Received, ReplayFolderSource.Split, Collection<ReplayFolderSource.Split>>,
                ResultTypeQueryable<Received> {
    private static final long serialVersionUID = 1L;

    private final Split whole;

    ReplayFolderSource(List<Path> runs, long records, FeedDecoder decoder, ReplayFolder.TimeCheck clock) {
        List<String> paths = new ArrayList<>();
        runs.forEach(p -> paths.add(p.toString()));
        this.whole = new Split(paths, null, records, 0, decoder, clock);
    }

    private ReplayFolderSource(Split whole) {
        this.whole = whole;
    }

    /** The runs that the sort into {@code workDir} will announce, with the decoder and time check it sorts with. */
    static ReplayFolderSource toCome(Path workDir, FeedDecoder decoder, ReplayFolder.TimeCheck clock) {
        return new ReplayFolderSource(new Split(null, workDir.toString(), -1, 0, decoder, clock));
    }

    /** All the records, in replay order, as the one reader gets them. */
    Records records() {
        return whole.getIterator();
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<Received, Split> createReader(SourceReaderContext context) {
        return new IteratorSourceReader<>(context);
    }

    @Override
    public SplitEnumerator<Split, Collection<Split>> createEnumerator(SplitEnumeratorContext<Split> context) {
        return new IteratorSourceEnumerator<>(context, List.of(whole));
    }

    @Override
    public SplitEnumerator<Split, Collection<Split>> restoreEnumerator(
            SplitEnumeratorContext<Split> context, Collection<Split> checkpoint) {
        return new IteratorSourceEnumerator<>(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<Split> getSplitSerializer() {
        return new JavaSerialized<>();
    }

    @Override
    public SimpleVersionedSerializer<Collection<Split>> getEnumeratorCheckpointSerializer() {
        return new JavaSerialized<>();
    }

    @Override
    public TypeInformation<Received> getProducedType() {
        return TypeInformation.of(Received.class);
    }

    /** The merged runs, from the {@code emitted}-th record on. */
    static final class Split implements IteratorSourceSplit<Received, Records>, Serializable {
        private static final long serialVersionUID = 1L;
        /** The runs, or null while the sort into {@link #workDir} has not announced them. */
        private final List<String> runs;

        private final String workDir;
        private final long records;
        private final long emitted;
        private final FeedDecoder decoder;
        private final ReplayFolder.TimeCheck clock;

        Split(
                List<String> runs,
                String workDir,
                long records,
                long emitted,
                FeedDecoder decoder,
                ReplayFolder.TimeCheck clock) {
            this.runs = runs == null ? null : List.copyOf(runs);
            this.workDir = workDir;
            this.records = records;
            this.emitted = emitted;
            this.decoder = decoder;
            this.clock = clock;
        }

        @Override
        public String splitId() {
            return "replay-folder";
        }

        @Override
        public Records getIterator() {
            List<String> announced = runs != null ? runs : ReplayFolder.Sorted.awaitRuns(Path.of(workDir));
            List<Path> paths = new ArrayList<>();
            announced.forEach(r -> paths.add(Path.of(r)));
            try {
                Records it = new Records(announced, SortedRuns.merged(paths), decoder, clock);
                while (it.emitted < emitted && it.hasNext()) {
                    it.next();
                }
                return it;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the sorted runs of the replay: " + e.getMessage(), e);
            }
        }

        @Override
        public IteratorSourceSplit<Received, Records> getUpdatedSplitForIterator(Records iterator) {
            return new Split(iterator.runs, workDir, records, iterator.emitted, decoder, clock);
        }

        @Override
        public String toString() {
            return runs == null
                    ? "replay folder: " + emitted + " records emitted, runs still to come in " + workDir
                    : "replay folder: " + emitted + (records < 0 ? "" : " of " + records) + " records emitted, "
                            + runs.size() + " runs";
        }
    }

    /** The merged lines decoded, counting what was emitted; closes the runs at the end. */
    static final class Records implements Iterator<Received> {
        private final List<String> runs;
        private final SortedRuns.Merged lines;
        private final FeedDecoder decoder;
        private final ReplayFolder.TimeCheck clock;
        private long emitted;

        Records(List<String> runs, SortedRuns.Merged lines, FeedDecoder decoder, ReplayFolder.TimeCheck clock) {
            this.runs = runs;
            this.lines = lines;
            this.decoder = decoder;
            this.clock = clock;
        }

        @Override
        public boolean hasNext() {
            if (lines.hasNext()) {
                return true;
            }
            lines.close();
            return false;
        }

        @Override
        public Received next() {
            Received r = lines.next().received(decoder, clock.now(), clock.name());
            emitted++;
            return r;
        }
    }

    /** Splits and checkpoints of a local replay travel inside one JVM's job: plain Java serialization will do. */
    private static final class JavaSerialized<T> implements SimpleVersionedSerializer<T> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(T value) throws IOException {
            return InstantiationUtil.serializeObject(value);
        }

        @Override
        public T deserialize(int version, byte[] serialized) throws IOException {
            try {
                return InstantiationUtil.deserializeObject(
                        serialized, Thread.currentThread().getContextClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IOException(e);
            }
        }
    }
}
