package org.paywatch.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.paywatch.testing.PersonalData.COUNTERPARTY_ACCOUNT;
import static org.paywatch.testing.PersonalData.COUNTERPARTY_NAME;
import static org.paywatch.testing.PersonalData.DIGIT_HEAVY_TXN_ID;
import static org.paywatch.testing.PersonalData.ID_CARD;
import static org.paywatch.testing.PersonalData.LABOUR_MANAGER_PHONE;
import static org.paywatch.testing.PersonalData.UNIT_CONTACT_PHONE;
import static org.paywatch.testing.PersonalData.account;
import static org.paywatch.testing.PersonalData.assertNoSixDigitsOf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.contract.BankTransaction;
import org.paywatch.contract.ClockIn;
import org.paywatch.contract.ContactRole;
import org.paywatch.contract.Project;
import org.paywatch.contract.ProjectContact;
import org.paywatch.domain.Feed;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.Received;
import org.paywatch.domain.Rejection;
import org.paywatch.domain.RejectionCause;
import org.paywatch.io.AvroCodec;
import org.paywatch.io.ContractJson;
import org.paywatch.testing.ContractRecords;
import org.paywatch.testing.ReceivedRecords;

/** The entry operator in Flink's harness: what it dead-letters carries no personal number in clear, in its bytes or its reason. */
class EntryTest {
    private static final byte[] KEY = "a-test-key-of-sixteen+".getBytes(UTF_8);
    private static final long AT = Instant.parse("2025-04-10T01:00:00Z").toEpochMilli();
    private static final AvroCodec<BankTransaction> BANK = AvroCodec.of(BankTransaction.class);
    /** Every shorter test account is a prefix of it, so its digits cover theirs. */
    private static final List<String> PERSONAL_NUMBERS = List.of(account(30), COUNTERPARTY_ACCOUNT, ID_CARD);

    private static final List<String> PHONES = List.of(LABOUR_MANAGER_PHONE, UNIT_CONTACT_PHONE);
    private static final AvroCodec<Project> PROJECTS = AvroCodec.of(Project.class);

    @TempDir
    Path scratch;

    private OneInputStreamOperatorTestHarness<Received, FeedEvent> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forProcessFunction(new Entry(KEY, 16384));
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private List<Rejection> enter(List<Received> records) throws Exception {
        for (Received r : records) {
            harness.processElement(r, r.timestamp);
        }
        return harness.getSideOutput(Descriptors.REJECTED) == null
                ? List.of()
                : harness.getSideOutput(Descriptors.REJECTED).stream()
                        .map(StreamRecord::getValue)
                        .toList();
    }

    @Test
    void shouldDeadLetterAKafkaRecordThatBreaksTheContractWithItsPersonalFieldsMaskedAndItsTxnIdReadable()
            throws Exception {
        BankTransaction sent = payout(account(19), -35_000);

        List<Rejection> rejected = enter(List.of(ReceivedRecords.fromKafka(Feed.BANK, BANK.encode(sent))));

        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(r.reason).isEqualTo("amountFen is negative (-35000); amounts are fen >= 0");
            assertThat(BANK.decode(r.payload))
                    .isEqualTo(BankTransaction.newBuilder(sent)
                            .setAccountNo("***************1582")
                            .setCounterpartyAccountNo("***************0018")
                            .setCounterpartyName("张******")
                            .setWorkerId("**************726X")
                            .build());
        });
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void shouldDeadLetterAReplayLineThatBreaksTheContractWithItsPersonalFieldsMaskedAndItsTxnIdReadable()
            throws Exception {
        String line = ContractJson.write(payout(account(19), -35_000));

        List<Rejection> rejected = enter(List.of(ReceivedRecords.fromReplayLine(scratch, Feed.BANK, line)));

        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(r.reason).startsWith("amountFen is negative");
            assertThat(new String(r.payload, UTF_8))
                    .isEqualTo(line.replace(account(19), "***************1582")
                            .replace(COUNTERPARTY_ACCOUNT, "***************0018")
                            .replace(COUNTERPARTY_NAME, "张******")
                            .replace(ID_CARD, "**************726X"))
                    .contains("\"txnId\": \"" + DIGIT_HEAVY_TXN_ID + "\"");
        });
    }

    @Test
    void shouldPassOnAValidRecordPseudonymisedAndDeadLetterNothing() throws Exception {
        List<Rejection> rejected =
                enter(List.of(ReceivedRecords.fromKafka(Feed.BANK, BANK.encode(payout(account(19), 35_000)))));

        assertThat(rejected).isEmpty();
        assertThat(harness.getSideOutput(Descriptors.BANK)).singleElement().satisfies(e -> {
            assertThat(e.getValue().bank.accountNo).startsWith("A-");
            assertThat(e.getValue().bank.workerId).startsWith("W-");
        });
    }

    @Test
    void shouldPassOnAProjectWithoutItsContactsSoThatNoPhoneNumberReachesStateOrAnyOutput() throws Exception {
        Project sent = projectWithContacts(0);
        List<Received> fromBothSources = List.of(
                ReceivedRecords.fromKafka(Feed.PROJECTS, PROJECTS.encode(sent)),
                ReceivedRecords.fromReplayLine(scratch, Feed.PROJECTS, ContractJson.write(sent)));
        assertThat(fromBothSources)
                .allSatisfy(r -> assertThat(r.event.project.contacts).hasSize(2));

        List<Rejection> rejected = enter(fromBothSources);

        assertThat(rejected).isEmpty();
        assertThat(harness.extractOutputValues()).hasSize(2).allSatisfy(e -> {
            assertThat(e.project.contacts).isEmpty();
            assertNoSixDigitsOf(PHONES, asFlinkStoresIt(e), "");
        });
    }

    @Test
    void shouldDeadLetterAProjectThatBreaksTheContractWithItsContactsMasked() throws Exception {
        Project sent = projectWithContacts(40);

        List<Rejection> rejected = enter(List.of(ReceivedRecords.fromKafka(Feed.PROJECTS, PROJECTS.encode(sent))));

        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(r.reason).isEqualTo("payDay 40 is not a day of the month (1..31)");
            assertThat(PROJECTS.decode(r.payload).getContacts())
                    .extracting(ProjectContact::getRole, ProjectContact::getName, ProjectContact::getPhone)
                    .containsExactly(
                            tuple(ContactRole.LABOR_MANAGER, "王******", "*******0417"),
                            tuple(ContactRole.CONSTRUCTION_UNIT, "李******", "*******2961"));
        });
    }

    @Test
    void shouldLeaveNoSixDigitsOfAMobileNumberInTheDeadLetterOfAnyBadProjectRecord() throws Exception {
        List<Received> bad = new ArrayList<>();
        byte[] whole = PROJECTS.encode(projectWithContacts(0));
        for (int cut = 0; cut < whole.length; cut++) {
            bad.add(ReceivedRecords.fromKafka(Feed.PROJECTS, Arrays.copyOf(whole, cut)));
        }
        bad.add(ReceivedRecords.fromKafka(Feed.PROJECTS, concat(whole, LABOUR_MANAGER_PHONE.getBytes(UTF_8))));
        bad.add(ReceivedRecords.fromKafka(Feed.PROJECTS, PROJECTS.encode(projectWithContacts(40))));
        String line = ContractJson.write(projectWithContacts(0));
        List<String> lines = new ArrayList<>();
        for (String phone : PHONES) {
            int at = line.indexOf(phone);
            IntStream.rangeClosed(at + 1, at + phone.length()).forEach(cut -> lines.add(line.substring(0, cut)));
            // A phone sent as a number; as the role; after the line; instead of it.
            lines.add(line.replace("\"" + phone + "\"", phone));
            lines.add(line.replace("\"LABOR_MANAGER\"", "\"" + phone + "\""));
            lines.add(line + " " + phone);
            lines.add("[" + phone + "]");
        }
        lines.add(ContractJson.write(projectWithContacts(40)));
        bad.addAll(ReceivedRecords.fromReplayLines(scratch, Feed.PROJECTS, lines));

        List<Rejection> rejected = enter(bad);

        assertThat(rejected).hasSameSizeAs(bad);
        for (Rejection r : rejected) {
            assertNoSixDigitsOf(PHONES, r.payload, r.reason);
        }
    }

    @Test
    void shouldLeaveNoSixDigitsOfAPersonalNumberInTheDeadLetterOfAnyBadKafkaRecord() throws Exception {
        List<Received> bad = new ArrayList<>();
        for (int length = 8; length <= 30; length++) {
            byte[] whole = BANK.encode(payout(account(length), 35_000));
            for (int cut = 0; cut < whole.length; cut++) {
                bad.add(ReceivedRecords.fromKafka(Feed.BANK, Arrays.copyOf(whole, cut)));
            }
            bad.add(ReceivedRecords.fromKafka(
                    Feed.BANK, concat(whole, account(length).getBytes(UTF_8))));
            bad.add(ReceivedRecords.fromKafka(Feed.BANK, BANK.encode(payout(account(length), -35_000))));
        }
        // A negative string length where txnId should start, then an ID number as raw text.
        bad.add(ReceivedRecords.fromKafka(Feed.BANK, ("\u0003" + ID_CARD).getBytes(UTF_8)));
        // A single-object header of an unknown schema, then text.
        bad.add(ReceivedRecords.fromKafka(
                Feed.BANK,
                concat(
                        new byte[] {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8},
                        (account(19) + ID_CARD).getBytes(UTF_8))));
        // A clock-in whose direction enum index comes from the digits of an ID card.
        byte[] clockIn = AvroCodec.of(ClockIn.class).encode(ContractRecords.clockIn("P-1", ID_CARD, AT));
        bad.add(ReceivedRecords.fromKafka(Feed.CLOCKINS, Arrays.copyOf(clockIn, clockIn.length - 8)));

        List<Rejection> rejected = enter(bad);

        assertThat(rejected).hasSameSizeAs(bad);
        for (Rejection r : rejected) {
            assertNoSixDigitsOf(PERSONAL_NUMBERS, r.payload, r.reason);
        }
    }

    @Test
    void shouldLeaveNoSixDigitsOfAPersonalNumberInTheDeadLetterOfAnyBadReplayLine() throws Exception {
        List<String> bankLines = new ArrayList<>();
        for (int length = 8; length <= 30; length++) {
            String account = account(length);
            String line = ContractJson.write(payout(account, 35_000));
            int at = line.indexOf(account);
            IntStream.rangeClosed(at + 1, at + length).forEach(cut -> bankLines.add(line.substring(0, cut)));
            bankLines.add(ContractJson.write(payout(account, -35_000)));
            // Jackson quotes an unrecognised token; a number where a string belongs; a field name sent twice.
            bankLines.add(line.replace("\"" + account + "\"", account + "abc"));
            bankLines.add(line.replace("\"" + account + "\"", account));
            bankLines.add(
                    line.replace("\"accountNo\"", "\"" + account + "\"").replace("{", "{\"" + account + "\": 1, "));
            // The account sent where the amount belongs, too long for a long.
            bankLines.add(line.replace("35000", account + "000000000000"));
            bankLines.add(line + " " + account);
            bankLines.add("[" + account + "]");
        }
        String clockIn = ContractJson.write(ContractRecords.clockIn("P-1", ID_CARD, AT));
        List<String> clockInLines = List.of(
                clockIn.replace("\"IN\"", "\"" + ID_CARD + "\""),
                clockIn.replace("\"IN\"", "\"X" + ID_CARD.substring(0, 17) + "\""),
                clockIn.replace("\"" + ID_CARD + "\"", ID_CARD));
        List<Received> bad = new ArrayList<>(ReceivedRecords.fromReplayLines(scratch, Feed.BANK, bankLines));
        bad.addAll(ReceivedRecords.fromReplayLines(scratch, Feed.CLOCKINS, clockInLines));

        List<Rejection> rejected = enter(bad);

        assertThat(rejected).hasSize(bankLines.size() + clockInLines.size());
        for (Rejection r : rejected) {
            assertNoSixDigitsOf(PERSONAL_NUMBERS, r.payload, r.reason);
        }
    }

    @Test
    void shouldDeadLetterAMegabyteRecordCutToTheLimitWithItsLengthAndDigest() throws Exception {
        BankTransaction huge = BankTransaction.newBuilder(payout(account(19), -35_000))
                .setCounterpartyName("某".repeat(350_000))
                .build();
        byte[] sent = BANK.encode(huge);

        List<Rejection> rejected = enter(List.of(ReceivedRecords.fromKafka(Feed.BANK, sent)));

        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(r.cause).isEqualTo(RejectionCause.OVERSIZED);
            assertThat(r.reason)
                    .startsWith("record of " + sent.length + " bytes is larger than entry.maxRecordBytes (65536)");
            assertThat(r.payload).hasSize(16384);
            assertThat(r.payloadLength).isEqualTo(sent.length);
            assertThat(r.payloadSha256)
                    .isEqualTo(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(sent)));
            assertNoSixDigitsOf(PERSONAL_NUMBERS, r.payload, r.reason);
        });
    }

    @Test
    void shouldKeepASmallDeadLetterWholeWithoutADigest() throws Exception {
        byte[] sent = BANK.encode(payout(account(19), -35_000));

        List<Rejection> rejected = enter(List.of(ReceivedRecords.fromKafka(Feed.BANK, sent)));

        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(r.cause).isEqualTo(RejectionCause.CONTRACT);
            assertThat(r.payload).hasSize(sent.length);
            assertThat(r.payloadLength).isEqualTo(sent.length);
            assertThat(r.payloadSha256).isNull();
        });
    }

    @Test
    void shouldDeadLetterAnEventTimeFarAheadOfTheClockSayingSo() throws Exception {
        long year9999 = Instant.parse("9999-12-31T00:00:00Z").toEpochMilli();
        BankTransaction future = BankTransaction.newBuilder(payout(account(19), 35_000))
                .setEventTime(Instant.ofEpochMilli(year9999))
                .build();

        List<Rejection> rejected = enter(List.of(ReceivedRecords.fromKafka(Feed.BANK, BANK.encode(future))));

        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(r.cause).isEqualTo(RejectionCause.IMPOSSIBLE_TIME);
            assertThat(r.reason)
                    .startsWith(
                            "event time 9999-12-31T08:00+08:00 is more than 1h (time.maxClockSkew) ahead of the wall clock");
            assertThat(r.time)
                    .as("the dead letter's time is the log's, not the impossible one")
                    .isLessThan(year9999);
            assertNoSixDigitsOf(PERSONAL_NUMBERS, r.payload, r.reason);
        });
        assertThat(harness.getSideOutput(Descriptors.BANK))
                .as("nothing of it goes on")
                .isNullOrEmpty();
    }

    @Test
    void shouldDeadLetterAnEventTimeOfNineteenSeventyAsBeforeTheEarliestDate() throws Exception {
        BankTransaction zero = BankTransaction.newBuilder(payout(account(19), 35_000))
                .setEventTime(Instant.EPOCH)
                .build();

        List<Rejection> rejected = enter(List.of(ReceivedRecords.fromKafka(Feed.BANK, BANK.encode(zero))));

        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(r.cause).isEqualTo(RejectionCause.IMPOSSIBLE_TIME);
            assertThat(r.reason)
                    .isEqualTo("event time 1970-01-01T08:00+08:00 is before time.earliestEventDate 2016-01-01: "
                            + "correct the sender's clock or the record's time field");
        });
    }

    @Test
    void shouldKeepItsCountsAcrossARestoreFromACheckpoint() throws Exception {
        Received good = ReceivedRecords.fromKafka(Feed.BANK, BANK.encode(payout(account(19), 35_000)));
        Received bad = ReceivedRecords.fromKafka(Feed.BANK, BANK.encode(payout(account(19), -35_000)));
        enter(List.of(good, good, bad));
        OperatorSubtaskState checkpoint = harness.snapshot(1, 1);
        harness.close();

        // ProcessFunctionTestHarnesses opens the harness at once: a
        // restore initialises a fresh one from the checkpoint first.
        harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new Entry(KEY, 16384)));
        harness.initializeState(checkpoint);
        harness.open();
        enter(List.of(bad));

        assertThat(accumulator("recordsIn")).as("3 before the restore, 1 after").isEqualTo(4);
        assertThat(accumulator("recordsDeadLettered")).isEqualTo(2);
    }

    private long accumulator(String name) {
        return ((Number) harness.getEnvironment()
                        .getAccumulatorRegistry()
                        .getUserMap()
                        .get(name)
                        .getLocalValue())
                .longValue();
    }

    /** A project with its contacts; a pay day of 40 breaks the contract, 0 leaves it unset. */
    private static Project projectWithContacts(int payDay) {
        Project p = ContractRecords.projectWithContacts("P-20250303", account(19), LocalDate.of(2025, 3, 3), AT);
        return payDay == 0 ? p : Project.newBuilder(p).setPayDay(payDay).build();
    }

    /** The bytes Flink writes when it keeps or sends the record: what a checkpoint would hold. */
    private static byte[] asFlinkStoresIt(FeedEvent e) {
        TypeSerializer<FeedEvent> serializer =
                TypeInformation.of(FeedEvent.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(1024);
        try {
            serializer.serialize(e, out);
        } catch (IOException writingToMemory) {
            throw new UncheckedIOException(writingToMemory);
        }
        return out.getCopyOfBuffer();
    }

    private static BankTransaction payout(String account, long fen) {
        return ContractRecords.payout(
                DIGIT_HEAVY_TXN_ID, account, COUNTERPARTY_ACCOUNT, COUNTERPARTY_NAME, ID_CARD, fen, AT);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
