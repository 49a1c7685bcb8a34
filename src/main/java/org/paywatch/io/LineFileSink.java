package org.paywatch.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Writes one line per record to one local file: the output of a bounded replay. Records are held and
 * written at the end of input in a stable order, so the file does not depend on how parallel
 * branches happened to interleave. Parallelism 1 only.
 */
public class LineFileSink<T> implements Sink<T> {
    private final String path;
    private final SerializableFunction<T, String> format;
    private final SerializableComparator<T> order;

    public LineFileSink(Path path, SerializableFunction<T, String> format, SerializableComparator<T> order) {
        this.path = path.toString();
        this.format = format;
        this.order = order;
    }

    /** A comparator that can travel with the job graph. */
    public interface SerializableComparator<T> extends Comparator<T>, Serializable {}

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        if (context.getTaskInfo().getNumberOfParallelSubtasks() != 1) {
            throw new IllegalStateException("LineFileSink writes one file: run it with parallelism 1");
        }
        List<T> held = new ArrayList<>();
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                held.add(element);
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                if (!endOfInput) {
                    return;
                }
                held.sort(order); // stable: the order within equal keys is the job's own
                try (BufferedWriter out = Files.newBufferedWriter(Path.of(path), StandardCharsets.UTF_8)) {
                    for (T element : held) {
                        out.write(format.apply(element));
                        out.write('\n');
                    }
                }
            }

            @Override
            public void close() {
                held.clear();
            }
        };
    }
}
