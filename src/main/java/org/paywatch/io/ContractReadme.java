package org.paywatch.io;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.paywatch.config.JobConfig;
import org.paywatch.domain.Feed;

/**
 * schemas/README.md: what a producer in any language needs to write accepted records, generated from
 * the schemas, their history and the job file's topics so that it cannot drift from them
 * (ContractReadmeTest fails when the committed file differs).
 */
public final class ContractReadme {

    public static final String REGENERATE = "java -jar target/paywatch.jar contract readme > schemas/README.md";

    private ContractReadme() {}

    public static String text(JobConfig.Topics topics) {
        StringBuilder md = new StringBuilder();
        ContractFingerprints.Version bank =
                ContractFingerprints.versions("BankTransaction").get(0);
        long epochDay = LocalDate.of(2025, 3, 3).toEpochDay();
        md.append("# The data contract, for producers\n\n")
                .append("Generated from `schemas/*.avsc`, `schemas/history/` and `jobs/risk-monitor.yaml` by `")
                .append(REGENERATE)
                .append("`; do not edit by hand (`ContractReadmeTest` fails when this file differs).\n")
                .append("Field meanings: `../shared/CONTRACTS.md` and each field's doc in the schema. "
                        + "Check a payload before sending it: `paywatch contract check --topic TOPIC FILE`.\n\n")
                .append("## Every payload\n\n")
                .append("- **Value**: Avro single-object encoding: the two bytes `C3 01`, the schema's "
                        + "8-byte fingerprint in little-endian order, then the Avro binary of the record. "
                        + "The 10-byte header of each version is listed below: copy it as it is. Plain Avro "
                        + "binary (no header) of the current or an older listed version is accepted too. "
                        + "Not accepted: JSON, Avro's JSON encoding, Confluent Schema Registry framing "
                        + "(`00` and a 4-byte schema id), Avro object container files.\n")
                .append("- **Fingerprint**: CRC-64-AVRO (the Rabin fingerprint of the Avro specification) "
                        + "of the schema's *Parsing Canonical Form*: full names "
                        + "(`org.paywatch.contract.BankTransaction`), only `name`, `type`, `fields`, "
                        + "`symbols`, `items`, `values`, `size` kept, in that order, no whitespace, and "
                        + "every attribute dropped, `logicalType` too: "
                        + "`{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}` becomes `\"long\"`. "
                        + "The header holds the 64-bit number least significant byte first: fingerprint `")
                .append(bank.fingerprintHex())
                .append("` is written `")
                .append(bank.header())
                .append("`.\n")
                .append("- **python3-avro 1.11 gets it wrong** for every schema with a logical type: it "
                        + "keeps `{\"type\":\"long\"}` where the canonical form has `\"long\"`, so for "
                        + "BankTransaction it computes `")
                .append(String.format("%016x", ContractFingerprints.mistakenFingerprint(bank.schema())))
                .append("` instead of `")
                .append(bank.fingerprintHex())
                .append("`, and every record is rejected (the dead letter says so). Write the header "
                        + "below yourself, or compute the fingerprint over the canonical form with the "
                        + "logical types removed (Java's `SchemaNormalization.parsingFingerprint64` is "
                        + "right).\n")
                .append("- **Key**: a UTF-8 string (no Avro, no quotes) of the field(s) named per topic "
                        + "below, joined by `/`. **Partitioning**: Kafka's default partitioner (murmur2 of "
                        + "the key bytes); do not set another, so that the records of one key stay in "
                        + "order.\n")
                .append("- **Dates**: Avro `date` is an `int`, days since 1970-01-01, meaning the calendar day in "
                        + "Asia/Shanghai (2025-03-03 is ")
                .append(epochDay)
                .append("). **Instants**: `timestamp-millis` is a `long`, milliseconds since "
                        + "1970-01-01T00:00:00Z, a UTC instant (2025-04-10T09:00+08:00 is ")
                .append(ContractExamples.EVENT_TIME.toEpochMilli())
                .append(").\n")
                .append("- **Money**: `long` fen (0.01 yuan), never floating point. **Enums**: the "
                        + "symbol's index in the schema's list, as an Avro `int`. **Optional fields** "
                        + "(`[\"null\", X]`): index 0 for null, or index 1 (the byte `02`) and then the "
                        + "value; every field is written, in the schema's order.\n")
                .append("- ID-card and account numbers travel in clear on the input topics (README.md, production "
                        + "section); the examples below carry placeholders instead.\n"
                        + "\n");

        md.append(
                "## Fingerprints\n\n| record | version | fingerprint (64-bit) | header (10 bytes, hex) |\n| --- | --- | --- | --- |\n");
        for (ContractFingerprints.Version v : ContractFingerprints.all()) {
            md.append("| ")
                    .append(v.recordName())
                    .append(" | ")
                    .append(v.label())
                    .append(v.current() ? " (current)" : "")
                    .append(" | `")
                    .append(v.fingerprintHex())
                    .append("` | `")
                    .append(v.header())
                    .append("` |\n");
        }

        Map<String, Feed> inputs = topics.inputs();
        for (Map.Entry<String, Feed> input : inputs.entrySet()) {
            Feed feed = input.getValue();
            SpecificRecord example = ContractExamples.of(feed);
            Schema schema = example.getSchema();
            md.append("\n## ")
                    .append(schema.getName())
                    .append(" — topic `")
                    .append(input.getKey())
                    .append("`\n\n")
                    .append("- schema: `schemas/")
                    .append(schema.getName())
                    .append(".avsc`; older versions in `schemas/history/")
                    .append(schema.getName())
                    .append("/`\n")
                    .append("- key: ")
                    .append(String.join(
                            " + \"/\" + ",
                            ContractExamples.keyFields(feed).stream()
                                    .map(f -> "`" + f + "`")
                                    .toList()))
                    .append(", UTF-8\n");
            for (ContractFingerprints.Version v : ContractFingerprints.versions(schema.getName())) {
                md.append("- ")
                        .append(v.label())
                        .append(v.current() ? " (current)" : "")
                        .append(": fingerprint `")
                        .append(v.fingerprintHex())
                        .append("`, header `")
                        .append(v.header())
                        .append("`\n");
            }
            List<String> dates = new ArrayList<>();
            List<String> instants = new ArrayList<>();
            List<String> money = new ArrayList<>();
            collect(schema, "", dates, instants, money);
            md.append("- dates (int, days, Asia/Shanghai): ")
                    .append(listed(dates))
                    .append("\n")
                    .append("- instants (long timestamp-millis, UTC): ")
                    .append(listed(instants))
                    .append("\n")
                    .append("- money (long fen): ")
                    .append(listed(money))
                    .append("\n\n")
                    .append("Example (current version, single-object encoding), the record `")
                    .append(ContractJson.write(example))
                    .append("`:\n\n```\n")
                    .append(ContractExamples.hex(ContractExamples.payload(feed), 16))
                    .append("\n```\n");
        }
        md.append("\nOutputs: `")
                .append(topics.alerts)
                .append("` carries `Alert` (key projectId) and `")
                .append(topics.deadletter)
                .append("` carries `DeadLetter` (key: the source topic), both exactly once: read them with "
                        + "`isolation.level=read_committed`. A rejected record's reason is in the dead letter's "
                        + "`reason` (README.md, \"Why a record is rejected\").\n");
        return md.toString();
    }

    private static void collect(
            Schema schema, String path, List<String> dates, List<String> instants, List<String> money) {
        for (Schema.Field field : schema.getFields()) {
            String name = path + field.name();
            for (Schema type : branches(field.schema())) {
                LogicalType logical = type.getLogicalType();
                if (logical != null && logical.getName().equals("date")) {
                    dates.add(name);
                } else if (logical != null && logical.getName().equals("timestamp-millis")) {
                    instants.add(name);
                } else if (type.getType() == Schema.Type.LONG && field.name().endsWith("Fen")) {
                    money.add(name);
                } else if (type.getType() == Schema.Type.RECORD) {
                    collect(type, name + ".", dates, instants, money);
                } else if (type.getType() == Schema.Type.ARRAY
                        && type.getElementType().getType() == Schema.Type.RECORD) {
                    collect(type.getElementType(), name + "[].", dates, instants, money);
                }
            }
        }
    }

    private static List<Schema> branches(Schema schema) {
        return schema.getType() == Schema.Type.UNION ? schema.getTypes() : List.of(schema);
    }

    private static String listed(List<String> names) {
        return names.isEmpty()
                ? "none"
                : String.join(", ", names.stream().map(n -> "`" + n + "`").toList());
    }
}
