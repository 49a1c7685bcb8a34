package org.paywatch.pipeline;

import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The type of a stream whose records a serializer of this job's own writes ({@link FeedEventType},
 * {@link InfluxPointType}): for these records Flink's POJO serializer (reflection) and Kryo cost a tenth of the job.
 * Streams only: no state is declared with these types, so a change of their serializer touches no savepoint. Two
 * instances of one subclass are the same type.
 */
abstract class StreamType<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> typeClass;

    StreamType(Class<T> typeClass) {
        this.typeClass = typeClass;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return typeClass;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }

    @Override
    public boolean equals(Object obj) {
        return canEqual(obj);
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj != null && obj.getClass() == getClass();
    }
}
