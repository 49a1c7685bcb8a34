package org.paywatch.io;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.ResolvingDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * A SpecificDatumReader that remembers which field it was reading when the bytes went bad, so a
 * bank is told "in field type" rather than given an Avro stack trace.
 *
 * <p>Its model must have Avro's fast reader turned off: the fast reader is a different code path
 * that never calls these overrides.
 */
final class ContractDatumReader<T> extends SpecificDatumReader<T> {

    // How the JDK words the overrun when the resolving decoder maps an old writer's enum index.
    private static final Pattern OVERRUN_INDEX = Pattern.compile("Index (-?\\d+) out of bounds");

    ContractDatumReader(Schema writer, Schema reader, SpecificData model) {
        super(writer, reader, model);
        if (model.isFastReaderEnabled()) {
            throw new IllegalArgumentException("the fast reader would bypass the field reporting");
        }
    }

    @Override
    protected void readField(Object record, Schema.Field field, Object oldDatum, ResolvingDecoder in, Object state)
            throws IOException {
        try {
            super.readField(record, field, oldDatum, in, state);
        } catch (FieldFailure inner) {
            throw inner.inside(field.name());
        } catch (IOException | RuntimeException failure) {
            throw new FieldFailure(field.name(), field.schema(), failure);
        }
    }

    /** As Avro's own, but an index past the symbols is named as such instead of an overrun. */
    @Override
    protected Object readEnum(Schema expected, Decoder in) throws IOException {
        List<String> symbols = expected.getEnumSymbols();
        int index;
        try {
            index = in.readEnum();
        } catch (IndexOutOfBoundsException overrun) {
            Matcher found = OVERRUN_INDEX.matcher(String.valueOf(overrun.getMessage()));
            throw new UnknownEnumIndex(found.find() ? found.group(1) : "?");
        }
        if (index < 0 || index >= symbols.size()) {
            throw new UnknownEnumIndex(Integer.toString(index));
        }
        return createEnum(symbols.get(index), expected);
    }

    /** An enum index the writer sent that no known schema version has a symbol for. */
    static final class UnknownEnumIndex extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String index;

        UnknownEnumIndex(String index) {
            super("unknown enum symbol index " + index, null, false, false);
            this.index = index;
        }
    }

    /** Why decoding failed, and the dotted path and (reader) schema of the field it failed in. */
    static final class FieldFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String path;
        final transient Schema schema;
        final Throwable failure;

        FieldFailure(String path, Schema schema, Throwable failure) {
            super(path, null, false, false);
            this.path = path;
            this.schema = schema;
            this.failure = failure;
        }

        FieldFailure inside(String outer) {
            return new FieldFailure(outer + "." + path, schema, failure);
        }
    }
}
