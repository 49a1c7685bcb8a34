package org.paywatch.io;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.InvalidNumberEncodingException;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Why a payload is not a record of the contract, in words the producer's engineer can act on: the
 * field really at fault and what is wrong with its bytes, never Java's exception text and never a
 * value (the bytes may hold ID-card and account numbers).
 *
 * <p>A type mistake often breaks decoding one or more fields after the one at fault (an amount
 * sent as text is read as a short length, and the text then as the next fields). So before blaming
 * the field where decoding stopped, each field is tried with the usual mistakes (text for a
 * number, no union index, a double for a long, the field left out): a variant under which the bytes
 * decode exactly to their end names the field and the mistake.
 */
final class PayloadDiagnosis {

    static final String HOW_TO_SEND = "send Avro single-object encoding: C3 01, the schema's 8-byte fingerprint "
            + "little-endian, then the Avro binary (schemas/README.md)";

    // How the JDK words an overrun when the resolving decoder looks up a union branch.
    private static final Pattern OVERRUN_INDEX = Pattern.compile("Index (-?\\d+) out of bounds");

    private PayloadDiagnosis() {}

    /** A single-object header whose fingerprint is none of {@code current}'s versions. */
    static String unknownHeader(Schema current, long fingerprint) {
        String recordName = current.getName();
        String received = "header " + ContractFingerprints.headerOf(fingerprint);
        List<ContractFingerprints.Version> accepted = new ArrayList<>(ContractFingerprints.versions(recordName));
        java.util.Collections.reverse(accepted);
        List<String> expected =
                accepted.stream().map(v -> v.header() + " (" + v.label() + ")").toList();
        String expectation = "expected " + String.join(" or ", expected);
        Optional<ContractFingerprints.Version> other = ContractFingerprints.byFingerprint(fingerprint);
        if (other.isPresent()) {
            return received + " is that of " + other.get().recordName() + " "
                    + other.get().label() + ", not of a "
                    + recordName + ": this topic takes " + recordName + " records (" + expectation
                    + "); send " + other.get().recordName() + " records to their own topic";
        }
        Optional<ContractFingerprints.Version> mistaken = ContractFingerprints.mistakenFor(fingerprint);
        if (mistaken.isPresent() && mistaken.get().recordName().equals(recordName)) {
            return received + " is " + recordName + " " + mistaken.get().label()
                    + "'s fingerprint computed from a wrong canonical form, with logical types kept as "
                    + "{\"type\":\"long\"} (python3-avro 1.11 does this) where the specification writes \"long\": "
                    + expectation;
        }
        return received + " names no " + recordName + " schema: " + expectation
                + "; compute the fingerprint over the Parsing Canonical Form as schemas/README.md shows";
    }

    /**
     * JSON, text or Confluent Schema Registry framing where Avro was expected; null if the bytes are
     * none of these. Asked only of bytes that decode as no version.
     *
     * @param cutShortIn the field after the first where the bytes, read as Avro, end cleanly; else null
     */
    static String framingMistake(byte[] bytes, String cutShortIn) {
        int first = 0;
        while (first < bytes.length && isJsonSpace(bytes[first])) {
            first++;
        }
        if (first < bytes.length && (bytes[first] == '{' || bytes[first] == '[')) {
            return "this is JSON, not Avro: " + HOW_TO_SEND + "; JSON lines are read only by `paywatch replay`";
        }
        if (bytes.length > 0 && isPrintableText(bytes)) {
            // Avro of string fields alone can be printable too, so a clean cut is told as the other possibility.
            return "this is text, not Avro"
                    + (cutShortIn == null ? "" : " (unless it is Avro binary truncated in field " + cutShortIn + ")")
                    + ": " + HOW_TO_SEND;
        }
        if (bytes.length >= 5 && bytes[0] == 0) {
            int schemaId = ByteBuffer.wrap(bytes, 1, 4).getInt();
            return "this is Confluent Schema Registry framing (magic byte 0, schema id " + schemaId + "), not Avro "
                    + "single-object encoding: paywatch reads no registry; " + HOW_TO_SEND
                    + ", or the plain Avro binary alone";
        }
        return null;
    }

    private static boolean isJsonSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    /** Valid UTF-8 without control characters other than tab and line ends: a real record has some. */
    private static boolean isPrintableText(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return false;
        }
        return text.chars().allMatch(c -> c == '\t' || c == '\r' || c == '\n' || !Character.isISOControl(c));
    }

    /**
     * The field whose usual mistake explains the bytes: with it, the record decodes exactly to its
     * end. Null if no single mistake does.
     */
    static String typeMistake(Schema writer, byte[] bytes, int offset) {
        List<Schema.Field> fields = writer.getFields();
        for (int i = 0; i < fields.size(); i++) {
            Schema.Field field = fields.get(i);
            for (Mistake mistake : mistakesOf(field)) {
                if (decodesExactly(variant(writer, i, mistake.sent), bytes, offset)) {
                    return mistake.reason;
                }
            }
        }
        return null;
    }

    /** What a producer may have written instead of the field, and how that is told. */
    private record Mistake(Schema sent, String reason) {}

    private static List<Mistake> mistakesOf(Schema.Field field) {
        String name = "field " + field.name();
        Schema declared = field.schema();
        Schema value = optionalValue(declared);
        List<Mistake> mistakes = new ArrayList<>();
        if (value != null) {
            mistakes.add(new Mistake(
                    value,
                    name + ": the value was sent without its union index: the field is optional, "
                            + "a union of null and " + value.getType().getName()
                            + ": write index 0 for null, or index 1 (the byte 02) "
                            + "and then " + describe(value, field.name())));
        }
        Schema base = value != null ? value : declared;
        Schema string = Schema.create(Schema.Type.STRING);
        switch (base.getType()) {
            case LONG, INT, DOUBLE, FLOAT, BOOLEAN -> {
                String advice = ": write the value itself in Avro binary, not as text";
                mistakes.add(new Mistake(string, sentWhere(name, "a string", declared, field.name()) + advice));
                if (value != null) {
                    mistakes.add(new Mistake(
                            Schema.createUnion(Schema.create(Schema.Type.NULL), string),
                            sentWhere(name, "a string", declared, field.name()) + advice));
                }
            }
            case ENUM ->
                mistakes.add(new Mistake(
                        string,
                        sentWhere(name, "the symbol's name as a string", declared, field.name())
                                + ": write the symbol's index in " + base.getName()
                                + "'s list of symbols, as an Avro int"));
            default -> {}
        }
        if (base.getType() == Schema.Type.LONG || base.getType() == Schema.Type.INT) {
            Schema sent = Schema.create(Schema.Type.DOUBLE);
            mistakes.add(new Mistake(
                    value != null ? Schema.createUnion(Schema.create(Schema.Type.NULL), sent) : sent,
                    sentWhere(name, "a double", declared, field.name()) + ": write a whole number as an Avro "
                            + base.getType().getName() + ", not a floating-point one"));
        }
        mistakes.add(new Mistake(
                null,
                name + " is missing: the bytes hold the other fields, but every field is written, "
                        + "in the schema's order"
                        + (value != null ? " (this optional one as union index 0 when absent)" : "")));
        return mistakes;
    }

    private static String sentWhere(String name, String sent, Schema declared, String fieldName) {
        return name + ": " + sent + " was sent where the contract has " + describe(declared, fieldName);
    }

    /** X of a union [null, X]; null for any other schema. */
    private static Schema optionalValue(Schema schema) {
        if (schema.getType() == Schema.Type.UNION
                && schema.getTypes().size() == 2
                && schema.getTypes().get(0).getType() == Schema.Type.NULL) {
            return schema.getTypes().get(1);
        }
        return null;
    }

    /** The writer schema with field {@code at} sent as {@code sent}, or left out if that is null. */
    /**
     * Whether the bytes are a well-formed record but for an enum index that names no symbol (a newer
     * producer's symbol): then that is the reason, though some other mistake might happen to fit the bytes.
     */
    static boolean onlyAnEnumIndexIsUnknown(Schema writer, String fieldName, byte[] bytes, int offset) {
        Schema.Field field = fieldName == null ? null : writer.getField(fieldName);
        return field != null
                && decodesExactly(variant(writer, field.pos(), Schema.create(Schema.Type.INT)), bytes, offset);
    }

    private static Schema variant(Schema writer, int at, Schema sent) {
        List<Schema.Field> fields = new ArrayList<>();
        for (int i = 0; i < writer.getFields().size(); i++) {
            Schema.Field field = writer.getFields().get(i);
            if (i != at) {
                fields.add(new Schema.Field(field, field.schema()));
            } else if (sent != null) {
                fields.add(new Schema.Field(field.name(), sent));
            }
        }
        return Schema.createRecord(writer.getName(), null, writer.getNamespace(), false, fields);
    }

    private static boolean decodesExactly(Schema schema, byte[] bytes, int offset) {
        int length = bytes.length - offset;
        BinaryDecoder in = DecoderFactory.get().binaryDecoder(bytes, offset, length, null);
        try {
            new GenericDatumReader<Object>(schema, schema, new GenericData())
                    .read(null, new BoundedDecoder(in, length));
            return in.isEnd();
        } catch (Exception | StackOverflowError notThisMistake) {
            return false;
        }
    }

    /** Bytes left after the record's last field. */
    static String trailingBytes(int count, Schema writer) {
        List<Schema.Field> fields = writer.getFields();
        return (count == 1 ? "1 byte is" : count > 1 ? count + " bytes are" : "bytes are")
                + " left after the record's last field ("
                + fields.get(fields.size() - 1).name() + "): the record was written with more fields than "
                + writer.getName() + " has, or is followed by something else; send exactly one record";
    }

    /** Where decoding stopped and why, when no single mistake explains it. */
    static String decodeFailure(Throwable failure, String path, Schema field, Schema record) {
        if (path == null) {
            return "the bytes do not decode as a " + record.getName()
                    + (failure instanceof EOFException ? ": the record is truncated" : "");
        }
        String name = "field " + path;
        String leaf = path.substring(path.lastIndexOf('.') + 1);
        String expected = field == null ? "" : describe(field, leaf);
        if (failure instanceof BoundedDecoder.BeyondTheEnd) {
            return name + " claims more " + failure.getMessage()
                    + " than the whole record holds: the record is truncated, " + "or the bytes there are not "
                    + expected;
        }
        if (failure instanceof EOFException) {
            return name + ": the record is truncated: it ends in the middle of this field, where " + expected
                    + " was expected; send the whole record";
        }
        if (failure instanceof BoundedDecoder.NegativeLength negative) {
            return name + ": a length of " + negative.claimed + " is negative, where " + expected + " was expected: "
                    + "the bytes there are not Avro binary of this field";
        }
        if (failure instanceof ContractDatumReader.UnknownEnumIndex unknown) {
            Schema enumSchema = field == null ? null : enumIn(field);
            return name + ": enum index " + unknown.index + " names no "
                    + (enumSchema == null ? "" : enumSchema.getName() + " ")
                    + "symbol: send one of the contract's symbols (its index in the schema's list)";
        }
        if (failure instanceof IndexOutOfBoundsException && field != null && field.getType() == Schema.Type.UNION) {
            Matcher found = OVERRUN_INDEX.matcher(String.valueOf(failure.getMessage()));
            List<String> branches = new ArrayList<>();
            for (int i = 0; i < field.getTypes().size(); i++) {
                branches.add(i + " (" + field.getTypes().get(i).getType().getName() + ")");
            }
            return name + ": union index " + (found.find() ? found.group(1) + " " : "") + "is not "
                    + String.join(" or ", branches)
                    + ": the bytes there are not this optional field (is an earlier field "
                    + "of another type, such as a number sent as text?)";
        }
        if (failure instanceof InvalidNumberEncodingException) {
            return name + ": not a valid Avro "
                    + (field == null ? "number" : field.getType().getName())
                    + ": its zig-zag varint runs on past its last possible byte";
        }
        return name + ": the bytes there do not decode as " + expected;
    }

    private static Schema enumIn(Schema schema) {
        if (schema.getType() == Schema.Type.ENUM) {
            return schema;
        }
        if (schema.getType() == Schema.Type.UNION) {
            return schema.getTypes().stream()
                    .filter(s -> s.getType() == Schema.Type.ENUM)
                    .findFirst()
                    .orElse(null);
        }
        return null;
    }

    /** A field's type in words: "a long (an amount in fen)", "an optional string". */
    static String describe(Schema schema, String fieldName) {
        Schema value = optionalValue(schema);
        if (value != null) {
            return "an optional " + describe(value, fieldName).replaceFirst("^an? ", "");
        }
        LogicalType logical = schema.getLogicalType();
        if (logical != null && logical.getName().equals("timestamp-millis")) {
            return "a long timestamp-millis (milliseconds since 1970-01-01T00:00:00Z)";
        }
        if (logical != null && logical.getName().equals("date")) {
            return "an int date (days since 1970-01-01, the calendar day in Asia/Shanghai)";
        }
        return switch (schema.getType()) {
            case LONG -> fieldName.endsWith("Fen") ? "a long (an amount in fen)" : "a long";
            case INT -> "an int";
            case ENUM -> "an enum " + schema.getName() + " (the symbol's index as an int)";
            case ARRAY -> "an array";
            case MAP -> "a map";
            case RECORD -> "a record " + schema.getName();
            case UNION -> "a union";
            default -> "a " + schema.getType().getName();
        };
    }
}
