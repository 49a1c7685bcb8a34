package org.paywatch.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;

/**
 * The JSON-lines form of the contract (CONTRACTS.md), converted to and from Avro by walking the
 * Avro schema, so it works for every schema in {@code schemas/}.
 *
 * <ul>
 *   <li>timestamp-millis: ISO-8601 text with offset; written at +08:00, see {@link ContractTime};
 *   <li>date: {@code "YYYY-MM-DD"};
 *   <li>enum: its upper-case symbol as a string;
 *   <li>{@code ["null", T]} with a default: the field may be missing or null; written as null;
 *   <li>int and long: JSON integers only (no 1.5, no 1.0, no "12");
 *   <li>map: a JSON object, written with keys sorted; bytes: base64 text;
 *   <li>fields the schema does not know are ignored (a producer may be on a newer version).
 * </ul>
 *
 * <p>Output is one line, fields in schema order, {@code ", "} and {@code ": "} between items (the
 * style of the sample replay files, so a sample line round-trips byte for byte), non-ASCII text as
 * is (not backslash-u escapes), doubles in shortest round-trip form. The same record always gives
 * the same bytes.
 */
public final class ContractJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            // A field sent twice is ambiguous: refuse it rather than silently keep the last one.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Shortest round-trip digits, the same on every JDK.
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private ContractJson() {}

    /** One JSON line as a record of {@code schema}; values in Avro's raw generic form. */
    public static GenericRecord read(Schema schema, String jsonLine) throws ContractViolation {
        JsonNode node;
        try {
            node = JSON.readTree(jsonLine);
        } catch (JsonProcessingException e) {
            // Jackson may quote the offending token, which can be an ID number: its text is masked.
            String reason = e.getOriginalMessage().startsWith("Trailing token")
                    ? "more than one JSON value on the line"
                    : ContractViolation.masked(e.getOriginalMessage());
            String where =
                    e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")";
            throw new ContractViolation("not valid JSON: " + reason + where);
        }
        if (node == null || node.isMissingNode()) {
            throw new ContractViolation("not valid JSON: the line is empty");
        }
        return ContractJsonReader.record(schema, node);
    }

    /** A generic or generated (specific) record as one JSON line, without a line break. */
    public static String write(IndexedRecord record) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.getFactory().createGenerator(text)) {
            out.setPrettyPrinter(new SampleStyle());
            ContractJsonWriter.writeRecord(record.getSchema(), record, out, "");
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return text.toString();
    }

    /** {@code {"a": 1, "b": [1, 2]}}: one line, a space after each comma and colon. */
    private static final class SampleStyle extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator out) throws IOException {
            out.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator out) throws IOException {
            out.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator out) throws IOException {
            out.writeRaw(", ");
        }
    }
}
