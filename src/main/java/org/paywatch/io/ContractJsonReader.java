package org.paywatch.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Turns a parsed JSON tree into Avro generic values, walking the Avro schema. Values are Avro's
 * raw representation: timestamp-millis as long millis, date as int days, enums as
 * {@link GenericData.EnumSymbol}, bytes as a {@link ByteBuffer} (base64 in JSON).
 */
final class ContractJsonReader {

    // An enum symbol is echoed in a message only if it looks like one, never if it looks like data.
    private static final Pattern SYMBOL_LIKE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private ContractJsonReader() {}

    static GenericData.Record record(Schema schema, JsonNode node) throws ContractViolation {
        if (!node.isObject()) {
            throw new ContractViolation("a line must be one JSON object, got " + kind(node));
        }
        return readRecord(schema, node, "");
    }

    private static GenericData.Record readRecord(Schema schema, JsonNode node, String path) throws ContractViolation {
        GenericData.Record record = new GenericData.Record(schema);
        // Fields the schema does not know are ignored: producers may be on a newer version.
        for (Schema.Field field : schema.getFields()) {
            String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
            JsonNode value = node.get(field.name());
            if ((value == null || value.isNull()) && field.hasDefaultValue()) {
                // CONTRACTS.md: a missing field and a null value both mean "absent".
                Object fallback = GenericData.get().getDefaultValue(field);
                record.put(field.pos(), GenericData.get().deepCopy(field.schema(), fallback));
            } else if (value == null) {
                throw new ContractViolation("missing required field " + fieldPath);
            } else {
                record.put(field.pos(), read(field.schema(), value, fieldPath));
            }
        }
        return record;
    }

    private static Object read(Schema schema, JsonNode node, String path) throws ContractViolation {
        if (node.isNull()) {
            if (schema.isNullable()) {
                return null;
            }
            throw new ContractViolation("missing required field " + path);
        }
        switch (schema.getType()) {
            case UNION:
                return read(ContractTypes.presentBranch(schema), node, path);
            case RECORD:
                expect(node.isObject(), "an object", node, path);
                return readRecord(schema, node, path);
            case ARRAY:
                return readArray(schema, node, path);
            case MAP:
                return readMap(schema, node, path);
            case ENUM:
                return readEnum(schema, node, path);
            case STRING:
                expect(node.isTextual(), "a string", node, path);
                return node.textValue();
            case BYTES:
                return readBytes(node, path);
            case INT:
                return readInt(schema, node, path);
            case LONG:
                return readLong(schema, node, path);
            case DOUBLE:
            case FLOAT:
                expect(node.isNumber(), "a number", node, path);
                double number = node.doubleValue();
                expect(Double.isFinite(number), "a finite number", node, path);
                return schema.getType() == Schema.Type.FLOAT ? (Object) (float) number : (Object) number;
            case BOOLEAN:
                expect(node.isBoolean(), "true or false", node, path);
                return node.booleanValue();
            case NULL:
                throw new ContractViolation("field " + path + " must be null, got " + kind(node));
            default:
                throw new IllegalArgumentException("no JSON form for Avro type " + schema.getType());
        }
    }

    private static Object readArray(Schema schema, JsonNode node, String path) throws ContractViolation {
        expect(node.isArray(), "an array", node, path);
        GenericData.Array<Object> array = new GenericData.Array<>(node.size(), schema);
        for (int i = 0; i < node.size(); i++) {
            array.add(read(schema.getElementType(), node.get(i), path + "[" + i + "]"));
        }
        return array;
    }

    private static Object readMap(Schema schema, JsonNode node, String path) throws ContractViolation {
        expect(node.isObject(), "an object", node, path);
        Map<String, Object> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            // Map keys are data: the path names the map, not the key.
            map.put(entry.getKey(), read(schema.getValueType(), entry.getValue(), path + "[*]"));
        }
        return map;
    }

    private static Object readEnum(Schema schema, JsonNode node, String path) throws ContractViolation {
        expect(node.isTextual(), "a " + schema.getName() + " symbol", node, path);
        String symbol = node.textValue();
        if (!schema.hasEnumSymbol(symbol)) {
            String shown = SYMBOL_LIKE.matcher(symbol).matches()
                    ? "'" + ContractViolation.masked(symbol) + "'"
                    : "(not a symbol name)";
            throw new ContractViolation("unknown " + schema.getName() + " symbol " + shown + " in field " + path);
        }
        return new GenericData.EnumSymbol(schema, symbol);
    }

    private static Object readBytes(JsonNode node, String path) throws ContractViolation {
        expect(node.isTextual(), "base64 text", node, path);
        try {
            return ByteBuffer.wrap(Base64.getDecoder().decode(node.textValue()));
        } catch (IllegalArgumentException e) {
            throw new ContractViolation("field " + path + " must be base64 text");
        }
    }

    private static Object readInt(Schema schema, JsonNode node, String path) throws ContractViolation {
        LogicalType logical = ContractTypes.logicalType(schema);
        if (logical instanceof LogicalTypes.Date) {
            expect(node.isTextual(), "a date YYYY-MM-DD", node, path);
            try {
                return ContractTime.parseDate(node.textValue());
            } catch (DateTimeException | ArithmeticException e) {
                throw new ContractViolation("field " + path + " must be a date YYYY-MM-DD");
            }
        }
        expectInteger(node, path);
        if (!node.canConvertToInt()) {
            throw new ContractViolation("field " + path + " is out of range for an int");
        }
        return node.intValue();
    }

    private static Object readLong(Schema schema, JsonNode node, String path) throws ContractViolation {
        LogicalType logical = ContractTypes.logicalType(schema);
        if (logical instanceof LogicalTypes.TimestampMillis) {
            String expected = "an ISO-8601 instant with offset, like yyyy-MM-ddTHH:mm:ss+08:00";
            expect(node.isTextual(), expected, node, path);
            Instant instant;
            try {
                instant = ContractTime.parseInstant(node.textValue());
            } catch (DateTimeException e) {
                throw new ContractViolation("field " + path + " must be " + expected);
            }
            // timestamp-millis cannot hold more; refuse rather than silently truncate.
            if (instant.getNano() % 1_000_000 != 0) {
                throw new ContractViolation("field " + path + " is finer than milliseconds");
            }
            try {
                return instant.toEpochMilli();
            } catch (ArithmeticException e) {
                throw new ContractViolation("field " + path + " is out of range for timestamp-millis");
            }
        }
        expectInteger(node, path);
        if (!node.canConvertToLong()) {
            throw new ContractViolation("field " + path + " is out of range for a long");
        }
        return node.longValue();
    }

    private static void expectInteger(JsonNode node, String path) throws ContractViolation {
        // Money is integer fen: 1.5 or 1.0 is refused, never rounded.
        expect(node.isIntegralNumber(), "an integer", node, path);
    }

    private static void expect(boolean ok, String expected, JsonNode node, String path) throws ContractViolation {
        if (!ok) {
            throw new ContractViolation("field " + path + " must be " + expected + ", got " + kind(node));
        }
    }

    /** The JSON kind of a node, never its value. */
    private static String kind(JsonNode node) {
        switch (node.getNodeType()) {
            case STRING:
                return "a string";
            case NUMBER:
                return node.isIntegralNumber() ? "an integer" : "a fractional number";
            case BOOLEAN:
                return "a boolean";
            case ARRAY:
                return "an array";
            case OBJECT:
                return "an object";
            case NULL:
                return "null";
            default:
                return "a " + node.getNodeType().name().toLowerCase();
        }
    }
}
