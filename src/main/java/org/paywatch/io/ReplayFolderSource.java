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
 */
final class ReplayFolderSource
        implements Source<Received, ReplayFolderSource.Split, Collection<ReplayFolderSource.Split>>,
                ResultTypeQueryable<Received> {
    private static final long serialVersionUID = 1L;

    private final Split whole;

    ReplayFolderSource(List<Path> runs, long records, FeedDecoder decoder, ReplayFolder.TimeCheck clock) {
        List<String> paths = new ArrayList<>();
        runs.forEach(p -> paths.add(p.toString()));
        this.whole = new Split(paths, records, 0, decoder, clock);
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
        private final List<String> runs;
        private final long records;
        private final long emitted;
        private final FeedDecoder decoder;
        private final ReplayFolder.TimeCheck clock;

        Split(List<String> runs, long records, long emitted, FeedDecoder decoder, ReplayFolder.TimeCheck clock) {
            this.runs = List.copyOf(runs);
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
            List<Path> paths = new ArrayList<>();
            runs.forEach(r -> paths.add(Path.of(r)));
            try {
                Records it = new Records(SortedRuns.merged(paths), decoder, clock);
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
            return new Split(runs, records, iterator.emitted, decoder, clock);
        }

        @Override
        public String toString() {
            return "replay folder: " + emitted + " of " + records + " records emitted, " + runs.size() + " runs";
        }
    }

    /** The merged lines decoded, counting what was emitted; closes the runs at the end. */
    static final class Records implements Iterator<Received> {
        private final SortedRuns.Merged lines;
        private final FeedDecoder decoder;
        private final ReplayFolder.TimeCheck clock;
        private long emitted;

        Records(SortedRuns.Merged lines, FeedDecoder decoder, ReplayFolder.TimeCheck clock) {
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
