package org.paywatch.pipeline;

import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A state's serializer that hands each value to a checkpoint in one write. The heap backend and the operator state
 * write their checkpoints through a {@code DataOutputStream}, whose {@code write(int)} takes a lock, and Flink's
 * string serializer writes one character at a time: that lock was most of the checkpoint thread in {@code paywatch
 * bench} (docs/performance.md, run U). The value is written to this serializer's buffer first, in exactly the bytes
 * the inner serializer writes, and copied in one piece; where the target is already a buffer (RocksDB's state, a
 * network channel) it is written straight into it.
 *
 * <p>Its snapshot is the inner serializer's: a savepoint holds the same bytes and the same serializer snapshot with
 * or without it, so adding or removing it is no change of state layout. A restored state resolves its compatibility
 * against the inner serializer's snapshot, as it would without the wrapper; should Flink answer with a reconfigured
 * serializer, that one is used, unwrapped, which is only slower.
 */
final class WholeValueWrites<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    private final TypeSerializer<T> inner;
    /** Per instance: Flink duplicates a state's serializer for the thread that writes a checkpoint. */
    private transient DataOutputSerializer buffer;

    private WholeValueWrites(TypeSerializer<T> inner) {
        this.inner = inner;
    }

    /** {@code type}, its values handed to a checkpoint in one write. */
    static <T> TypeInformation<T> of(TypeInformation<T> type) {
        return new Type<>(type);
    }

    @Override
    public void serialize(T value, DataOutputView target) throws IOException {
        if (target instanceof DataOutputSerializer) {
            inner.serialize(value, target);
            return;
        }
        if (buffer == null) {
            buffer = new DataOutputSerializer(256);
        }
        buffer.clear();
        inner.serialize(value, buffer);
        target.write(buffer.getSharedBuffer(), 0, buffer.length());
        if (buffer.getSharedBuffer().length > 1 << 20) {
            buffer = null; // a rare large value (a big project's book) need not stay on the heap
        }
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        return inner.deserialize(source);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return inner.deserialize(reuse, source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        inner.copy(source, target);
    }

    @Override
    public boolean isImmutableType() {
        return inner.isImmutableType();
    }

    /** Always a new instance: each has its own buffer. */
    @Override
    public TypeSerializer<T> duplicate() {
        return new WholeValueWrites<>(inner.duplicate());
    }

    @Override
    public T createInstance() {
        return inner.createInstance();
    }

    @Override
    public T copy(T from) {
        return inner.copy(from);
    }

    @Override
    public T copy(T from, T reuse) {
        return inner.copy(from, reuse);
    }

    @Override
    public int getLength() {
        return inner.getLength();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return inner.snapshotConfiguration();
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof WholeValueWrites<?> other && inner.equals(other.inner);
    }

    @Override
    public int hashCode() {
        return 31 * inner.hashCode() + 1;
    }

    @Override
    public String toString() {
        return "WholeValueWrites(" + inner + ")";
    }

    /** The Flink type whose serializer is the inner type's, wrapped. */
    private static final class Type<T> extends TypeInformation<T> {
        private static final long serialVersionUID = 1L;

        private final TypeInformation<T> inner;

        Type(TypeInformation<T> inner) {
            this.inner = inner;
        }

        @Override
        public TypeSerializer<T> createSerializer(SerializerConfig config) {
            return new WholeValueWrites<>(inner.createSerializer(config));
        }

        @Override
        public boolean isBasicType() {
            return inner.isBasicType();
        }

        @Override
        public boolean isTupleType() {
            return inner.isTupleType();
        }

        @Override
        public int getArity() {
            return inner.getArity();
        }

        @Override
        public int getTotalFields() {
            return inner.getTotalFields();
        }

        @Override
        public Class<T> getTypeClass() {
            return inner.getTypeClass();
        }

        /** Not a key: only state values are written through it. */
        @Override
        public boolean isKeyType() {
            return false;
        }

        @Override
        public String toString() {
            return "WholeValueWrites(" + inner + ")";
        }

        @Override
        public boolean equals(Object obj) {
            return obj instanceof Type<?> other && inner.equals(other.inner);
        }

        @Override
        public int hashCode() {
            return 31 * inner.hashCode() + 2;
        }

        @Override
        public boolean canEqual(Object obj) {
            return obj instanceof Type;
        }
    }
}
