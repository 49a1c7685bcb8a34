package org.paywatch.io;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.paywatch.contract.BankTransaction;
import org.paywatch.contract.Project;

/**
 * The dead-letter reason of each common producer mistake names the field really at fault and what
 * to do, in words (README.md, "Why a record is rejected"). Each payload is built as a bank's own
 * encoder would build it with the mistake.
 */
class RejectionReasonsTest {

    private static final String BANK_V1_HEADER = "C3 01 7B 29 59 88 03 3E 1C FA";

    private final AvroCodec<BankTransaction> bank = AvroCodec.of(BankTransaction.class);

    /** BankTransaction's schema with one field's type replaced ({@code null}: the field left out). */
    private static Schema bankWith(String field, String type) {
        Schema current = BankTransaction.getClassSchema();
        java.util.List<Schema.Field> fields = new java.util.ArrayList<>();
        for (Schema.Field f : current.getFields()) {
            if (!f.name().equals(field)) {
                fields.add(new Schema.Field(f, f.schema()));
            } else if (type != null) {
                fields.add(new Schema.Field(field, new Schema.Parser().parse(type)));
            }
        }
        return Schema.createRecord(current.getName(), null, current.getNamespace(), false, fields);
    }

    private static GenericRecord payout(Schema schema, Object amount) {
        GenericData.Record r = new GenericData.Record(schema);
        r.put("txnId", "ZYRCB-20250000101");
        r.put("bankCode", "ZYRCB");
        r.put("accountNo", "6252601815908301661");
        Schema type = schema.getField("type").schema();
        r.put(
                "type",
                type.getType() == Schema.Type.ENUM ? new GenericData.EnumSymbol(type, "WAGE_PAYOUT") : "WAGE_PAYOUT");
        r.put("amountFen", amount);
        if (schema.getField("balanceAfterFen") != null) {
            r.put("balanceAfterFen", 10_950_000L);
        }
        r.put("workerId", "620724197811035730");
        r.put("wagePeriod", "2025-03");
        r.put("eventTime", 1_744_246_800_000L);
        return r;
    }

    private static byte[] plain(GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] withHeader(long fingerprint, byte[] body) {
        ByteBuffer bytes = ByteBuffer.allocate(10 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put((byte) 0xC3).put((byte) 0x01).putLong(fingerprint).put(body);
        return bytes.array();
    }

    /** As a bank sends it with the right header copied from schemas/README.md, and as plain binary. */
    private void assertRejectedInBothEncodings(byte[] body, String reason) {
        long right = SchemaNormalization.parsingFingerprint64(BankTransaction.getClassSchema());
        for (byte[] payload : new byte[][] {body, withHeader(right, body)}) {
            assertThatThrownBy(() -> bank.decode(payload))
                    .isInstanceOf(ContractViolation.class)
                    .hasMessage(reason);
        }
    }

    @Test
    void shouldBlameAnAmountSentAsTextInsteadOfTheFieldAfterIt() throws Exception {
        byte[] body = plain(payout(bankWith("amountFen", "\"string\""), "1050000"));

        assertRejectedInBothEncodings(
                body,
                "field amountFen: a string was sent where the contract has a long "
                        + "(an amount in fen): write the value itself in Avro binary, not as text");
    }

    @Test
    void shouldSayAnAmountWasSentAsAFloatingPointNumber() throws Exception {
        byte[] body = plain(payout(bankWith("amountFen", "\"double\""), 1_050_000.0));

        assertRejectedInBothEncodings(
                body,
                "field amountFen: a double was sent where the contract has a long "
                        + "(an amount in fen): write a whole number as an Avro long, not a floating-point one");
    }

    @Test
    void shouldSayAnOptionalFieldWasWrittenWithoutItsUnionIndex() throws Exception {
        byte[] body = plain(payout(bankWith("balanceAfterFen", "\"long\""), 1_050_000L));

        assertRejectedInBothEncodings(
                body,
                "field balanceAfterFen: the value was sent without its union index: the field is "
                        + "optional, a union of null and long: write index 0 for null, or index 1 (the byte 02) and "
                        + "then a long (an amount in fen)");
    }

    @Test
    void shouldSayAnOptionalFieldLeftOutMustStillBeWritten() throws Exception {
        byte[] body = plain(payout(bankWith("balanceAfterFen", null), 1_050_000L));

        assertRejectedInBothEncodings(
                body,
                "field balanceAfterFen is missing: the bytes hold the other fields, but every "
                        + "field is written, in the schema's order (this optional one as union index 0 when absent)");
    }

    @Test
    void shouldSayAnEnumSymbolWasSentByName() throws Exception {
        byte[] body = plain(payout(bankWith("type", "\"string\""), 1_050_000L));

        assertRejectedInBothEncodings(
                body,
                "field type: the symbol's name as a string was sent where the contract has "
                        + "an enum BankTransactionType (the symbol's index as an int): write the symbol's index in "
                        + "BankTransactionType's list of symbols, as an Avro int");
    }

    @Test
    void shouldNameTheHeadersExpectedForEveryAcceptedVersion() throws Exception {
        byte[] payload = withHeader(0x0123456789abcdefL, new byte[] {2, 'P'});

        assertThatThrownBy(() -> AvroCodec.of(Project.class).decode(payload))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("header C3 01 EF CD AB 89 67 45 23 01 names no Project schema: expected "
                        + ContractFingerprints.versions("Project").get(1).header() + " (v2) or "
                        + ContractFingerprints.versions("Project").get(0).header()
                        + " (v1); compute the fingerprint over the "
                        + "Parsing Canonical Form as schemas/README.md shows");
    }

    @Test
    void shouldNameTheRecordTypeWhoseHeaderWasSentToTheWrongTopic() {
        byte[] project = AvroCodec.of(Project.class)
                .encode(org.paywatch.testing.ContractRecords.projectWithContacts(
                        "SX-H1", "6252601815908301661", java.time.LocalDate.of(2025, 3, 3), 1_740_000_000_000L));

        assertThatThrownBy(() -> bank.decode(project))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("header "
                        + ContractFingerprints.versions("Project").get(1).header() + " is that of Project v2, "
                        + "not of a BankTransaction: this topic takes BankTransaction records (expected "
                        + BANK_V1_HEADER
                        + " (v1)); send Project records to their own topic");
    }

    @Test
    void shouldRecogniseTheFingerprintPythonAvroComputesWrongly() throws Exception {
        byte[] body = plain(payout(BankTransaction.getClassSchema(), 1_050_000L));

        assertThatThrownBy(() -> bank.decode(withHeader(0xa86553bacb0cc2a1L, body)))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("header C3 01 A1 C2 0C CB BA 53 65 A8 is BankTransaction v1's fingerprint "
                        + "computed from a wrong canonical form, with logical types kept as "
                        + "{\"type\":\"long\"} (python3-avro 1.11 does this) where the specification writes "
                        + "\"long\": expected " + BANK_V1_HEADER + " (v1)");
    }

    @Test
    void shouldSayJsonIsNotAvro() {
        byte[] json = "{\"txnId\":\"T1\",\"amountFen\":\"1050000\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> bank.decode(json))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("this is JSON, not Avro: send Avro single-object encoding: C3 01, the schema's 8-byte "
                        + "fingerprint little-endian, then the Avro binary (schemas/README.md); JSON lines are read "
                        + "only by `paywatch replay`");
    }

    @Test
    void shouldSayTextIsNotAvro() {
        byte[] csv =
                "ZYRCB-20250000101,ZYRCB,WAGE_PAYOUT,1050000,2025-04-10 09:00:00\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> bank.decode(csv))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("this is text, not Avro (unless it is Avro binary truncated in field bankCode): send Avro "
                        + "single-object encoding: C3 01, the schema's 8-byte fingerprint little-endian, then the "
                        + "Avro binary (schemas/README.md)");
    }

    @Test
    void shouldRecogniseConfluentSchemaRegistryFraming() throws Exception {
        byte[] body = plain(payout(BankTransaction.getClassSchema(), 1_050_000L));
        byte[] confluent = ByteBuffer.allocate(5 + body.length)
                .put((byte) 0)
                .putInt(42)
                .put(body)
                .array();

        assertThatThrownBy(() -> bank.decode(confluent))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("this is Confluent Schema Registry framing (magic byte 0, schema id 42), not Avro "
                        + "single-object encoding: paywatch reads no registry; send Avro single-object "
                        + "encoding: C3 01, the schema's 8-byte fingerprint little-endian, then the Avro "
                        + "binary (schemas/README.md), or the plain Avro binary alone");
    }

    @Test
    void shouldCallAHalfRecordTruncatedAsTheLiveJobDoes() {
        byte[] whole = bank.encode(BankTransaction.newBuilder()
                .setTxnId("T-TRANSFER")
                .setBankCode("ZYRCB")
                .setAccountNo("6252601815908301661")
                .setType(org.paywatch.contract.BankTransactionType.TRANSFER_OUT)
                .setAmountFen(500_000L)
                .setEventTime(java.time.Instant.parse("2025-04-10T01:00:00Z"))
                .build());

        assertThatThrownBy(() -> bank.decode(Arrays.copyOf(whole, whole.length / 2)))
                .isInstanceOf(ContractViolation.class)
                .hasMessageContaining("truncated")
                .hasMessageNotContaining("Exception");
    }

    @Test
    void shouldNameTheUnionIndexThatIsNeitherBranch() throws Exception {
        byte[] body = plain(payout(BankTransaction.getClassSchema(), 1_050_000L));
        int at = indexOfBalance(body);
        body[at] = 50; // zig-zag of 25

        assertThatThrownBy(() -> bank.decode(body))
                .isInstanceOf(ContractViolation.class)
                .hasMessageStartingWith("field balanceAfterFen: union index 25 is not 0 (null) or 1 (long)");
    }

    /** balanceAfterFen's union index: after three strings with their length bytes, type and amountFen. */
    private static int indexOfBalance(byte[] body) {
        int type = 1 + 17 + 1 + 5 + 1 + 19;
        return type + 1 + 4; // 1 050 000 is 2 100 000 zig-zag: a varint of 4 bytes
    }
}
