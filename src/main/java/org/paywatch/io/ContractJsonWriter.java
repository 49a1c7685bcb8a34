package org.paywatch.io;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Writes Avro values as contract JSON, walking the Avro schema. Accepts both the raw generic
 * representation (long millis, int days) and the converted one of generated classes
 * ({@link Instant}, {@link LocalDate}), so generic and specific records give the same line.
 */
final class ContractJsonWriter {

    private ContractJsonWriter() {}

    static void write(Schema schema, Object value, JsonGenerator out, String path) throws IOException {
        if (value == null) {
            if (!schema.isNullable()) {
                throw new IllegalArgumentException("required field " + path + " is null");
            }
            out.writeNull();
            return;
        }
        switch (schema.getType()) {
            case UNION:
                write(ContractTypes.presentBranch(schema), value, out, path);
                break;
            case RECORD:
                writeRecord(schema, (IndexedRecord) value, out, path);
                break;
            case ARRAY:
                out.writeStartArray();
                int i = 0;
                for (Object item : (Collection<?>) value) {
                    write(schema.getElementType(), item, out, path + "[" + i++ + "]");
                }
                out.writeEndArray();
                break;
            case MAP:
                writeMap(schema, (Map<?, ?>) value, out, path);
                break;
            case ENUM:
            case STRING:
                out.writeString(value.toString());
                break;
            case BYTES:
                ByteBuffer bytes = ((ByteBuffer) value).duplicate();
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                out.writeString(Base64.getEncoder().encodeToString(copy));
                break;
            case INT:
                writeInt(schema, value, out);
                break;
            case LONG:
                writeLong(schema, value, out);
                break;
            case FLOAT:
            case DOUBLE:
                double number = ((Number) value).doubleValue();
                if (!Double.isFinite(number)) {
                    throw new IllegalArgumentException("field " + path + " is not finite; JSON has no form for it");
                }
                if (value instanceof Float) {
                    out.writeNumber((Float) value);
                } else {
                    out.writeNumber(number);
                }
                break;
            case BOOLEAN:
                out.writeBoolean((Boolean) value);
                break;
            default:
                throw new IllegalArgumentException("no JSON form for Avro type " + schema.getType());
        }
    }

    static void writeRecord(Schema schema, IndexedRecord record, JsonGenerator out, String path) throws IOException {
        out.writeStartObject();
        for (Schema.Field field : schema.getFields()) {
            out.writeFieldName(field.name());
            String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
            write(field.schema(), record.get(field.pos()), out, fieldPath);
        }
        out.writeEndObject();
    }

    private static void writeMap(Schema schema, Map<?, ?> map, JsonGenerator out, String path) throws IOException {
        // Sorted keys: the same record must always give the same bytes, whatever the Map class.
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((key, item) -> sorted.put(key.toString(), item));
        out.writeStartObject();
        for (Map.Entry<String, Object> entry : sorted.entrySet()) {
            out.writeFieldName(entry.getKey());
            write(schema.getValueType(), entry.getValue(), out, path + "[*]");
        }
        out.writeEndObject();
    }

    private static void writeInt(Schema schema, Object value, JsonGenerator out) throws IOException {
        LogicalType logical = ContractTypes.logicalType(schema);
        if (logical instanceof LogicalTypes.Date) {
            int days = value instanceof LocalDate ? Math.toIntExact(((LocalDate) value).toEpochDay()) : (Integer) value;
            out.writeString(ContractTime.formatDate(days));
        } else {
            out.writeNumber((Integer) value);
        }
    }

    private static void writeLong(Schema schema, Object value, JsonGenerator out) throws IOException {
        LogicalType logical = ContractTypes.logicalType(schema);
        if (logical instanceof LogicalTypes.TimestampMillis) {
            long millis = value instanceof Instant ? ((Instant) value).toEpochMilli() : (Long) value;
            out.writeString(ContractTime.formatInstant(millis));
        } else {
            out.writeNumber((Long) value);
        }
    }
}
