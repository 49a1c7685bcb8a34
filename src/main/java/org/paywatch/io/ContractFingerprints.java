package org.paywatch.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.paywatch.contract.Alert;
import org.paywatch.contract.BankTransaction;
import org.paywatch.contract.ClockIn;
import org.paywatch.contract.DeadLetter;
import org.paywatch.contract.Progress;
import org.paywatch.contract.Project;
import org.paywatch.contract.TaxChange;
import org.paywatch.contract.Worker;

/**
 * Every released version of every contract record with the single-object header a producer must
 * write for it: what schemas/README.md publishes, what a wrong header is compared against.
 */
public final class ContractFingerprints {

    /** The contract records, inputs first, in the order of CONTRACTS.md. */
    public static final List<Class<? extends SpecificRecord>> RECORDS = List.of(
            Project.class,
            Worker.class,
            Progress.class,
            BankTransaction.class,
            ClockIn.class,
            TaxChange.class,
            Alert.class,
            DeadLetter.class);

    private static volatile List<Version> all;

    private ContractFingerprints() {}

    /** One released version (or the current schema, if it is not released yet) of a record. */
    public record Version(String recordName, int number, Schema schema, long fingerprint, boolean current) {

        /** "v2". */
        public String label() {
            return "v" + number;
        }

        /** The 10 bytes that start every payload of this version, as a hex dump shows them: "C3 01 7B 29 …". */
        public String header() {
            return headerOf(fingerprint);
        }

        /** The fingerprint as a 64-bit number in hex ("fa1c3e038859297b"): the header holds it little-endian. */
        public String fingerprintHex() {
            return String.format("%016x", fingerprint);
        }
    }

    /** Every version of every contract record, oldest first within a record. */
    public static List<Version> all() {
        if (all == null) {
            List<Version> versions = new ArrayList<>();
            for (Class<? extends SpecificRecord> type : RECORDS) {
                versions.addAll(load(SpecificData.getForClass(type).getSchema(type)));
            }
            all = List.copyOf(versions);
        }
        return all;
    }

    /** The versions of one record, oldest first; the last is the current schema. */
    public static List<Version> versions(String recordName) {
        return all().stream().filter(v -> v.recordName().equals(recordName)).toList();
    }

    /** The contract record version whose fingerprint this is, if any. */
    public static Optional<Version> byFingerprint(long fingerprint) {
        return all().stream().filter(v -> v.fingerprint() == fingerprint).findFirst();
    }

    /**
     * The version whose fingerprint python3-avro 1.11 would have computed as this one: it keeps a
     * logical type's primitive as {@code {"type":"long"}} in the canonical form, where the
     * specification writes {@code "long"}, so every schema with a date or timestamp gets a wrong one.
     */
    public static Optional<Version> mistakenFor(long fingerprint) {
        return all().stream()
                .filter(v -> mistakenFingerprint(v.schema()) == fingerprint)
                .findFirst();
    }

    private static List<Version> load(Schema current) {
        long currentFingerprint = SchemaNormalization.parsingFingerprint64(current);
        List<Version> versions = new ArrayList<>();
        List<String> history = SchemaHistory.versions(current.getName());
        boolean released = false;
        for (int v = 1; v <= history.size(); v++) {
            Schema schema = SchemaHistory.parse(history.get(v - 1));
            long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
            released |= fingerprint == currentFingerprint;
            versions.add(new Version(current.getName(), v, schema, fingerprint, fingerprint == currentFingerprint));
        }
        if (!released) { // a schema change not yet in schemas/history (SchemaCompatibilityTest asks for it)
            versions.add(new Version(current.getName(), history.size() + 1, current, currentFingerprint, true));
        }
        return versions;
    }

    /** "C3 01" and the fingerprint's eight bytes, least significant first. */
    static String headerOf(long fingerprint) {
        StringBuilder text = new StringBuilder("C3 01");
        for (int i = 0; i < 8; i++) {
            text.append(String.format(" %02X", (fingerprint >>> (8 * i)) & 0xFF));
        }
        return text.toString();
    }

    /** CRC-64-AVRO of the canonical form as python3-avro 1.11 writes it (see {@link #mistakenFor}). */
    public static long mistakenFingerprint(Schema schema) {
        return SchemaNormalization.fingerprint64(
                canonicalForm(schema, true).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The Parsing Canonical Form, written out by hand so that the mistaken variant differs from the
     * specification in exactly one rule; with {@code keepLogicalPrimitives} false it equals Avro's own
     * {@link SchemaNormalization#toParsingForm} (ContractFingerprintsTest checks it).
     */
    static String canonicalForm(Schema schema, boolean keepLogicalPrimitives) {
        StringBuilder out = new StringBuilder();
        write(schema, keepLogicalPrimitives, new HashSet<>(), out);
        return out.toString();
    }

    private static void write(Schema s, boolean keepLogical, Set<String> named, StringBuilder out) {
        switch (s.getType()) {
            case NULL, BOOLEAN, INT, LONG, FLOAT, DOUBLE, BYTES, STRING -> {
                String name = quoted(s.getName());
                out.append(keepLogical && s.getLogicalType() != null ? "{\"type\":" + name + "}" : name);
            }
            case UNION -> {
                out.append('[');
                for (int i = 0; i < s.getTypes().size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    write(s.getTypes().get(i), keepLogical, named, out);
                }
                out.append(']');
            }
            case ARRAY -> {
                out.append("{\"type\":\"array\",\"items\":");
                write(s.getElementType(), keepLogical, named, out);
                out.append('}');
            }
            case MAP -> {
                out.append("{\"type\":\"map\",\"values\":");
                write(s.getValueType(), keepLogical, named, out);
                out.append('}');
            }
            case ENUM, FIXED, RECORD -> {
                if (!named.add(s.getFullName())) {
                    out.append(quoted(s.getFullName()));
                    return;
                }
                out.append("{\"name\":")
                        .append(quoted(s.getFullName()))
                        .append(",\"type\":")
                        .append(quoted(s.getType().getName()));
                if (s.getType() == Schema.Type.ENUM) {
                    out.append(",\"symbols\":[");
                    for (int i = 0; i < s.getEnumSymbols().size(); i++) {
                        out.append(i == 0 ? "" : ",")
                                .append(quoted(s.getEnumSymbols().get(i)));
                    }
                    out.append(']');
                } else if (s.getType() == Schema.Type.FIXED) {
                    out.append(",\"size\":").append(s.getFixedSize());
                } else {
                    out.append(",\"fields\":[");
                    for (int i = 0; i < s.getFields().size(); i++) {
                        Schema.Field field = s.getFields().get(i);
                        out.append(i == 0 ? "" : ",")
                                .append("{\"name\":")
                                .append(quoted(field.name()))
                                .append(",\"type\":");
                        write(field.schema(), keepLogical, named, out);
                        out.append('}');
                    }
                    out.append(']');
                }
                out.append('}');
            }
        }
    }

    /** Avro names and symbols are [A-Za-z_][A-Za-z0-9_]*: nothing to escape. */
    private static String quoted(String name) {
        return "\"" + name + "\"";
    }
}
