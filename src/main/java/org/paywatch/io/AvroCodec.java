package org.paywatch.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Kafka payloads of one contract record type.
 *
 * <p>Writes Avro single-object encoding ({@code C3 01}, the 8-byte little-endian CRC-64-AVRO
 * fingerprint of the writer schema, then the binary record), exactly what the generated
 * {@code toByteBuffer()} produces. Reads that, with the writer schema found by fingerprint among
 * the current schema and every version in {@link SchemaHistory} (so producers still on an older
 * version keep working), and also plain Avro binary, for banks that cannot add the header: written
 * with the current schema, or else with the newest older version that reads it exactly to its end.
 *
 * <p>The two cannot be confused for the contract schemas: each starts with a string or bytes
 * field, and a record starting with {@code C3 01} would be one of negative length (AvroCodecTest
 * keeps that true).
 *
 * <p>Serializable for Flink: only the class and the history's schema text travel; Avro objects are
 * rebuilt on first use. Not thread-safe: use one instance per thread (per Flink subtask).
 */
public final class AvroCodec<T extends SpecificRecord> implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int HEADER_LENGTH = 10;

    private final Class<T> type;
    private final List<String> history;
    private transient Prepared<T> prepared;

    private AvroCodec(Class<T> type, List<String> history) {
        this.type = type;
        this.history = List.copyOf(history);
        this.prepared = new Prepared<>(type, this.history); // fail fast on a broken history file
    }

    /** The codec of a generated class, reading every version in its schema history. */
    public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type) {
        String recordName = SpecificData.getForClass(type).getSchema(type).getName();
        return new AvroCodec<>(type, SchemaHistory.versions(recordName));
    }

    /** Test seam: a codec that knows exactly these writer schemas besides the current one. */
    static <T extends SpecificRecord> AvroCodec<T> withHistory(Class<T> type, List<String> history) {
        return new AvroCodec<>(type, history);
    }

    public Schema schema() {
        return prepared().current;
    }

    /** Single-object encoding of {@code record}. */
    public byte[] encode(T record) {
        return encodeWith(prepared().encoder, record);
    }

    /**
     * Single-object encoding of a generic record of the current schema (by canonical form), such as
     * {@link ContractJson#read} gives: how a replay feeds JSON lines through the Kafka decode path.
     */
    public byte[] encodeGeneric(GenericRecord record) {
        Prepared<T> p = prepared();
        if (record.getSchema() != p.lastGenericSchema) {
            if (SchemaNormalization.parsingFingerprint64(record.getSchema()) != p.currentFingerprint) {
                throw new IllegalArgumentException(
                        "record of schema " + record.getSchema().getFullName() + " is not of the current "
                                + p.current.getFullName() + " schema");
            }
            p.lastGenericSchema = record.getSchema();
        }
        return encodeWith(p.genericEncoder, record);
    }

    /**
     * A record from single-object or plain Avro bytes; else the reason, in words the producer can act
     * on (PayloadDiagnosis).
     */
    public T decode(byte[] bytes) throws ContractViolation {
        if (bytes == null) {
            throw new ContractViolation("no payload (a tombstone?)");
        }
        Prepared<T> p = prepared();
        if (bytes.length >= 2 && bytes[0] == (byte) 0xC3 && bytes[1] == (byte) 0x01) {
            if (bytes.length < HEADER_LENGTH) {
                throw new ContractViolation(
                        "truncated Avro record: the single-object header needs 10 bytes, the payload has "
                                + bytes.length);
            }
            long fingerprint = littleEndianLong(bytes, 2);
            if (p.readerFor(fingerprint) == null) {
                throw new ContractViolation(PayloadDiagnosis.unknownHeader(p.current, fingerprint));
            }
            try {
                return read(p, fingerprint, bytes, HEADER_LENGTH);
            } catch (Undecodable e) {
                throw new ContractViolation(explain(p, e, bytes, HEADER_LENGTH));
            }
        }
        try {
            return read(p, p.currentFingerprint, bytes, 0);
        } catch (Undecodable notCurrent) {
            // A producer of plain binary that has not moved to the current version yet: a field added
            // since is missing at the end. The newest older version that reads the bytes exactly to
            // their end is the writer's; if none does, the bytes are wrong for the current version.
            for (long fingerprint : p.olderNewestFirst) {
                try {
                    return read(p, fingerprint, bytes, 0);
                } catch (Undecodable notThatOneEither) {
                    // try the next older one
                }
            }
            boolean cutShortLater = notCurrent.failure instanceof java.io.EOFException
                    && notCurrent.path != null
                    && !notCurrent.path.equals(p.current.getFields().get(0).name());
            String framing = PayloadDiagnosis.framingMistake(bytes, cutShortLater ? notCurrent.path : null);
            throw new ContractViolation(framing != null ? framing : explain(p, notCurrent, bytes, 0));
        }
    }

    private T read(Prepared<T> p, long fingerprint, byte[] bytes, int offset) throws Undecodable {
        int length = bytes.length - offset;
        p.decoder = DecoderFactory.get().binaryDecoder(bytes, offset, length, p.decoder);
        Schema writer = p.writers.get(fingerprint);
        T record;
        try {
            record = p.readerFor(fingerprint).read(null, new BoundedDecoder(p.decoder, length));
        } catch (ContractDatumReader.FieldFailure e) {
            throw new Undecodable(writer, e.failure, e.path, e.schema, -1);
        } catch (IOException | RuntimeException e) {
            throw new Undecodable(writer, e, null, null, -1);
        }
        try {
            int trailing = 0;
            for (byte[] one = new byte[1]; !p.decoder.isEnd(); trailing++) {
                p.decoder.readFixed(one); // counted for the reason: at most the payload's length
            }
            if (trailing > 0) {
                throw new Undecodable(writer, null, null, null, trailing);
            }
        } catch (IOException cannotHappenInMemory) {
            throw new Undecodable(writer, null, null, null, 0);
        }
        return record;
    }

    /** Why the bytes did not decode with one writer schema; worded only if it is the reason given. */
    private static final class Undecodable extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Schema writer;
        final Throwable failure;
        final String path;
        final transient Schema field;
        final int trailing;

        Undecodable(Schema writer, Throwable failure, String path, Schema field, int trailing) {
            super(path, null, false, false);
            this.writer = writer;
            this.failure = failure;
            this.path = path;
            this.field = field;
            this.trailing = trailing;
        }
    }

    private static String explain(Prepared<?> p, Undecodable e, byte[] bytes, int offset) {
        if (e.failure instanceof ContractDatumReader.UnknownEnumIndex
                && PayloadDiagnosis.onlyAnEnumIndexIsUnknown(e.writer, e.path, bytes, offset)) {
            return PayloadDiagnosis.decodeFailure(e.failure, e.path, e.field, p.current);
        }
        String mistake = PayloadDiagnosis.typeMistake(e.writer, bytes, offset);
        if (mistake != null) {
            return mistake;
        }
        if (e.failure == null) {
            return PayloadDiagnosis.trailingBytes(e.trailing, e.writer);
        }
        return PayloadDiagnosis.decodeFailure(e.failure, e.path, e.field, p.current);
    }

    private Prepared<T> prepared() {
        if (prepared == null) {
            prepared = new Prepared<>(type, history);
        }
        return prepared;
    }

    private static <D> byte[] encodeWith(BinaryMessageEncoder<D> encoder, D record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            encoder.encode(record, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static long littleEndianLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    /** The Avro machinery, built from the class and the history text on first use. */
    private static final class Prepared<T> {
        final Schema current;
        final long currentFingerprint;
        final SpecificData model;
        final Map<Long, Schema> writers = new HashMap<>();
        final Map<Long, DatumReader<T>> readers = new HashMap<>();
        /** Fingerprints of the history's versions other than the current one, newest first. */
        final List<Long> olderNewestFirst = new ArrayList<>();

        final BinaryMessageEncoder<T> encoder;
        final BinaryMessageEncoder<GenericRecord> genericEncoder;
        Schema lastGenericSchema;
        BinaryDecoder decoder;

        Prepared(Class<T> type, List<String> history) {
            SpecificData generated = SpecificData.getForClass(type);
            current = generated.getSchema(type);
            currentFingerprint = SchemaNormalization.parsingFingerprint64(current);
            // A model of our own: the generated class's has the fast reader on, which would bypass
            // ContractDatumReader, and turning it off there would change every other user of the class.
            model = new SpecificData(type.getClassLoader());
            generated.getConversions().forEach(model::addLogicalTypeConversion);
            model.setFastReaderEnabled(false);
            for (String version : history) {
                Schema writer = SchemaHistory.parse(version);
                long fingerprint = SchemaNormalization.parsingFingerprint64(writer);
                writers.put(fingerprint, writer);
                if (fingerprint != currentFingerprint && !olderNewestFirst.contains(fingerprint)) {
                    olderNewestFirst.add(0, fingerprint);
                }
            }
            writers.put(currentFingerprint, current);
            encoder = new BinaryMessageEncoder<>(generated, current);
            // Generic records may hold raw values (long millis) or converted ones (Instant): give the
            // generic writer the same conversions as the generated class so both are written.
            GenericData generic = new GenericData();
            generated.getConversions().forEach(generic::addLogicalTypeConversion);
            genericEncoder = new BinaryMessageEncoder<>(generic, current);
        }

        DatumReader<T> readerFor(long fingerprint) {
            Schema writer = writers.get(fingerprint);
            if (writer == null) {
                return null;
            }
            return readers.computeIfAbsent(fingerprint, fp -> new ContractDatumReader<>(writer, current, model));
        }
    }
}
