package org.paywatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.junit.jupiter.api.Test;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.ProjectFixture;

class WholeValueWritesTest {
    private static final SerializerConfigImpl CONFIG = new SerializerConfigImpl();

    private final TypeSerializer<ProjectBook> inner =
            StatePojo.of(ProjectBook.class).createSerializer(CONFIG);
    private final TypeSerializer<ProjectBook> wrapped =
            WholeValueWrites.of(StatePojo.of(ProjectBook.class)).createSerializer(CONFIG);
    private final ProjectBook book = new ProjectFixture()
            .crew(3, "2025-04-01", "2025-04-10")
            .payout("2025-05-10T11:00", "W2", "2025-04", 35_000)
            .book;

    @Test
    void shouldHandAValueToACheckpointStreamInOneWrite() throws IOException {
        WriteCounting stream = new WriteCounting();

        wrapped.serialize(book, new DataOutputViewStreamWrapper(stream));
        wrapped.serialize(book, new DataOutputViewStreamWrapper(stream));

        assertThat(stream.writes).isEqualTo(2);
        WriteCounting unwrapped = new WriteCounting();
        inner.serialize(book, new DataOutputViewStreamWrapper(unwrapped));
        assertThat(unwrapped.writes)
                .as("the inner serializer's writes, to show the difference")
                .isGreaterThan(100);
    }

    @Test
    void shouldWriteExactlyTheInnerSerializersBytesToAStreamAndToABuffer() throws IOException {
        DataOutputSerializer expected = new DataOutputSerializer(256);
        inner.serialize(book, expected);
        ByteArrayOutputStream toStream = new ByteArrayOutputStream();
        wrapped.serialize(book, new DataOutputViewStreamWrapper(toStream));
        DataOutputSerializer toBuffer = new DataOutputSerializer(16);
        wrapped.serialize(book, toBuffer);

        assertThat(toStream.toByteArray()).isEqualTo(expected.getCopyOfBuffer());
        assertThat(toBuffer.getCopyOfBuffer()).isEqualTo(expected.getCopyOfBuffer());
        ProjectBook read =
                wrapped.deserialize(new DataInputViewStreamWrapper(new ByteArrayInputStream(toStream.toByteArray())));
        assertThat(read.workers()).containsOnlyKeys("W1", "W2", "W3");
        assertThat(read.paidFen("2025-04", "W2")).isEqualTo(35_000);
    }

    @Test
    void shouldDuplicateIntoANewSerializerWithItsOwnBuffer() {
        // Flink duplicates a state's serializer for the thread writing a checkpoint: they must not share the buffer
        TypeSerializer<ProjectBook> copy = wrapped.duplicate();

        assertThat(copy).isNotSameAs(wrapped).isEqualTo(wrapped);
    }

    @Test
    void shouldLeaveInASavepointWhatTheInnerSerializerLeaves() throws IOException {
        TypeSerializerSnapshot<ProjectBook> withoutWrapper = readBack(inner.snapshotConfiguration());
        TypeSerializerSnapshot<ProjectBook> withWrapper = readBack(wrapped.snapshotConfiguration());

        assertThat(withWrapper.getClass()).isEqualTo(withoutWrapper.getClass());
        assertThat(withWrapper.restoreSerializer()).isEqualTo(inner);
        // a savepoint of either build restores in the other as it is
        TypeSerializerSchemaCompatibility<ProjectBook> intoWrapped =
                wrapped.snapshotConfiguration().resolveSchemaCompatibility(withoutWrapper);
        TypeSerializerSchemaCompatibility<ProjectBook> intoInner =
                inner.snapshotConfiguration().resolveSchemaCompatibility(withWrapper);
        assertThat(intoWrapped.isCompatibleAsIs()).isTrue();
        assertThat(intoInner.isCompatibleAsIs()).isTrue();
    }

    private static TypeSerializerSnapshot<ProjectBook> readBack(TypeSerializerSnapshot<ProjectBook> snapshot)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), WholeValueWritesTest.class.getClassLoader());
    }

    /** Counts the calls that reach the stream, as a checkpoint stream behind Flink's DataOutputStream sees them. */
    private static final class WriteCounting extends OutputStream {
        int writes;

        @Override
        public void write(int b) {
            writes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes++;
        }
    }
}
