package org.paywatch.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * A Decoder over one payload that refuses a string, bytes or collection length longer than the
 * payload itself, before anything is allocated.
 *
 * <p>Avro allocates what a length claims before reading it: five garbage bytes claiming a 2 GB
 * string would throw OutOfMemoryError and take the TaskManager down with every restart. Such a
 * claim can only be a truncated or garbled record. (A collection of zero-byte items, such as a
 * map of nulls, longer than the payload is refused too; the contract has none.)
 */
final class BoundedDecoder extends Decoder {

    private final Decoder in;
    private final long limit;

    BoundedDecoder(Decoder in, int payloadLength) {
        this.in = in;
        this.limit = payloadLength;
    }

    private int length(long claimed) throws IOException {
        if (claimed < 0) {
            throw new NegativeLength(claimed);
        }
        if (claimed > limit) {
            throw new BeyondTheEnd("bytes");
        }
        return (int) claimed;
    }

    private long count(long claimed) throws IOException {
        if (claimed > limit) {
            throw new BeyondTheEnd("items");
        }
        return claimed;
    }

    /** A string or bytes length below zero: whatever the bytes there are, they are not what the schema says. */
    static final class NegativeLength extends AvroRuntimeException {
        private static final long serialVersionUID = 1L;
        final long claimed;

        NegativeLength(long claimed) {
            super("Malformed data. Length is negative: " + claimed);
            this.claimed = claimed;
        }
    }

    /** A length or count that the rest of the payload cannot hold: the record is cut short. */
    static final class BeyondTheEnd extends EOFException {
        private static final long serialVersionUID = 1L;

        BeyondTheEnd(String what) {
            super(what);
        }
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = length(in.readLong()); // Avro writes a string's length as a long
        Utf8 text = old != null ? old : new Utf8();
        text.setByteLength(length);
        in.readFixed(text.getBytes(), 0, length);
        return text;
    }

    @Override
    public String readString() throws IOException {
        return readString(null).toString();
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        byte[] bytes = new byte[length(in.readLong())];
        in.readFixed(bytes, 0, bytes.length);
        return ByteBuffer.wrap(bytes);
    }

    @Override
    public long readArrayStart() throws IOException {
        return count(in.readArrayStart());
    }

    @Override
    public long arrayNext() throws IOException {
        return count(in.arrayNext());
    }

    @Override
    public long readMapStart() throws IOException {
        return count(in.readMapStart());
    }

    @Override
    public long mapNext() throws IOException {
        return count(in.mapNext());
    }

    // The rest allocate nothing from a length in the data.

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public void skipString() throws IOException {
        in.skipString();
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipBytes();
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        in.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipFixed(length);
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public long skipArray() throws IOException {
        return in.skipArray();
    }

    @Override
    public long skipMap() throws IOException {
        return in.skipMap();
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }
}
