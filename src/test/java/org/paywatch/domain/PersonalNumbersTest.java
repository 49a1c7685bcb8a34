package org.paywatch.domain;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.paywatch.testing.PersonalData.COUNTERPARTY_ACCOUNT;
import static org.paywatch.testing.PersonalData.COUNTERPARTY_NAME;
import static org.paywatch.testing.PersonalData.DIGIT_HEAVY_TXN_ID;
import static org.paywatch.testing.PersonalData.ID_CARD;
import static org.paywatch.testing.PersonalData.LABOUR_MANAGER;
import static org.paywatch.testing.PersonalData.LABOUR_MANAGER_PHONE;
import static org.paywatch.testing.PersonalData.UNIT_CONTACT;
import static org.paywatch.testing.PersonalData.UNIT_CONTACT_PHONE;
import static org.paywatch.testing.PersonalData.account;
import static org.paywatch.testing.PersonalData.assertNoSixDigitsOf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.paywatch.contract.BankTransaction;
import org.paywatch.contract.ClockIn;
import org.paywatch.contract.ContactRole;
import org.paywatch.contract.PayrollAccount;
import org.paywatch.contract.Project;
import org.paywatch.contract.ProjectContact;
import org.paywatch.contract.Worker;
import org.paywatch.io.AvroCodec;
import org.paywatch.io.ContractJson;
import org.paywatch.testing.ContractRecords;
import org.paywatch.testing.ReceivedRecords;

class PersonalNumbersTest {
    private static final long AT = Instant.parse("2025-04-10T01:00:00Z").toEpochMilli();
    private static final AvroCodec<BankTransaction> BANK = AvroCodec.of(BankTransaction.class);

    private final PersonalNumbers numbers =
            new PersonalNumbers("a-test-key-of-sixteen+".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path scratch;

    static IntStream accountLengths() {
        return IntStream.rangeClosed(8, 30);
    }

    // ---- pseudonyms ----

    @Test
    void shouldGiveTheSameWorkerTheSamePseudonymInEveryFeed() {
        assertThat(numbers.worker("62072419840128726X"))
                .isEqualTo(numbers.worker("62072419840128726x"))
                .startsWith("W-")
                .doesNotContain("620724");
    }

    @Test
    void shouldGiveDifferentPseudonymsUnderAnotherKey() {
        PersonalNumbers other = new PersonalNumbers("another-key-sixteen!!".getBytes(StandardCharsets.UTF_8));
        assertThat(other.worker("620724198401287260")).isNotEqualTo(numbers.worker("620724198401287260"));
    }

    @Test
    void shouldKeepAccountsAndWorkersApartEvenForTheSameDigits() {
        assertThat(numbers.account("6252601815908301661"))
                .startsWith("A-")
                .isNotEqualTo(numbers.worker("6252601815908301661"));
    }

    @Test
    void shouldReplaceEveryPersonalNumberOfABankRecordByItsPseudonym() {
        Received r = ReceivedRecords.fromKafka(Feed.BANK, BANK.encode(payout(account(19), -1)));

        numbers.pseudonymise(r.event);

        assertThat(r.event.bank.accountNo).isEqualTo(numbers.account(account(19)));
        assertThat(r.event.bank.counterpartyAccountNo).isEqualTo(numbers.account(COUNTERPARTY_ACCOUNT));
        assertThat(r.event.bank.workerId).isEqualTo(numbers.worker(ID_CARD));
        assertThat(r.event.bank.txnId).isEqualTo(DIGIT_HEAVY_TXN_ID);
    }

    // ---- bytes that did not decode: every long digit run ----

    @ParameterizedTest
    @MethodSource("accountLengths")
    void shouldMaskAnAccountOfAnyLengthButItsLastFourDigitsInBytesThatDidNotDecode(int length) {
        String account = account(length);
        String raw = "{\"accountNo\": \"" + account + "\", \"amountFen\": 35000}";

        String masked = text(PersonalNumbers.maskedPayload(raw.getBytes(UTF_8), null));

        assertThat(masked).isEqualTo(raw.replace(account, stars(length - 4) + account.substring(length - 4)));
    }

    @ParameterizedTest
    @CsvSource({
        "62072419840128726X, **************726X",
        "62072419840128726x, **************726x",
        "620724198401287265, **************7265",
        "620724840128726,    ***********8726"
    })
    void shouldMaskAnIdCardNumberButItsLastFourCharactersInBytesThatDidNotDecode(String idCard, String shown) {
        String raw = "{\"workerId\": \"" + idCard + "\"}";

        assertThat(text(PersonalNumbers.maskedPayload(raw.getBytes(UTF_8), null)))
                .isEqualTo("{\"workerId\": \"" + shown + "\"}");
    }

    @ParameterizedTest
    @MethodSource("accountLengths")
    void shouldMaskEveryDigitOfANumberThatTheEndOfThePayloadCutsOff(int length) {
        for (int kept = 1; kept <= length; kept++) {
            String raw =
                    "{\"txnId\": \"T-1\", \"accountNo\": \"" + account(length).substring(0, kept);

            String masked = text(PersonalNumbers.maskedPayload(raw.getBytes(UTF_8), null));

            assertThat(masked).isEqualTo("{\"txnId\": \"T-1\", \"accountNo\": \"" + stars(kept));
        }
    }

    @Test
    void shouldLeaveDigitRunsShorterThanEightAloneInBytesThatDidNotDecode() {
        byte[] raw =
                "{\"amountFen\": 1200000, \"eventTime\": \"2025-06-20T12:00:00+08:00\", \"deviceId\": \"G-1234567\"}"
                        .getBytes(UTF_8);

        assertThat(PersonalNumbers.maskedPayload(raw, null)).isEqualTo(raw);
    }

    @Test
    void shouldMaskEvenAnAmountOfEightDigitsInBytesThatDidNotDecodeSinceNothingTellsItFromAnAccount() {
        byte[] raw = "{\"amountFen\": 12000000}".getBytes(UTF_8);

        assertThat(text(PersonalNumbers.maskedPayload(raw, null))).isEqualTo("{\"amountFen\": ****0000}");
    }

    @Test
    void shouldGiveANewArrayOfTheSameLengthEvenWithNothingToMaskAndAnEmptyOneForNoPayload() {
        byte[] raw = "no digits here".getBytes(UTF_8);
        Received decoded = ReceivedRecords.fromKafka(Feed.BANK, BANK.encode(payout(account(19), 1)));

        assertThat(PersonalNumbers.maskedPayload(raw, null)).isEqualTo(raw).isNotSameAs(raw);
        assertThat(PersonalNumbers.maskedPayload(decoded.payload, decoded.event))
                .hasSameSizeAs(decoded.payload)
                .isNotSameAs(decoded.payload);
        assertThat(PersonalNumbers.maskedPayload(null, null)).isEmpty();
    }

    // ---- records that decoded: by field ----

    @ParameterizedTest
    @MethodSource("accountLengths")
    void shouldMaskABankRecordsPersonalFieldsWhereTheyStandKeepingTheAvroDecodableAndTheTxnIdReadable(int length)
            throws Exception {
        BankTransaction sent = payout(account(length), -35_000);
        Received r = ReceivedRecords.fromKafka(Feed.BANK, BANK.encode(sent));
        assertThat(r.error).isNull();

        byte[] masked = PersonalNumbers.maskedPayload(r.payload, r.event);

        assertThat(BANK.decode(masked))
                .isEqualTo(BankTransaction.newBuilder(sent)
                        .setAccountNo(stars(length - 4) + account(length).substring(length - 4))
                        .setCounterpartyAccountNo("***************0018")
                        .setCounterpartyName("张******")
                        .setWorkerId("**************726X")
                        .build());
        assertNoSixDigitsOf(List.of(account(length), COUNTERPARTY_ACCOUNT, ID_CARD), masked, "");
    }

    @Test
    void shouldMaskAProjectsPayrollAccountWhereItStands() throws Exception {
        AvroCodec<Project> codec = AvroCodec.of(Project.class);
        Project sent = Project.newBuilder(
                        ContractRecords.project("P-20250303", account(19), LocalDate.of(2025, 3, 3), AT))
                .setPayDay(40)
                .build();
        Received r = ReceivedRecords.fromKafka(Feed.PROJECTS, codec.encode(sent));

        Project shown = codec.decode(PersonalNumbers.maskedPayload(r.payload, r.event));

        assertThat(shown)
                .isEqualTo(Project.newBuilder(sent)
                        .setPayrollAccount(new PayrollAccount("ZYRCB", "***************1582"))
                        .build());
    }

    @Test
    void shouldMaskAProjectsContactsWhereTheyStandKeepingTheirRolesAndTheAvroDecodable() throws Exception {
        AvroCodec<Project> codec = AvroCodec.of(Project.class);
        Project sent = Project.newBuilder(projectWithContacts()).setPayDay(40).build();
        Received r = ReceivedRecords.fromKafka(Feed.PROJECTS, codec.encode(sent));

        byte[] masked = PersonalNumbers.maskedPayload(r.payload, r.event);

        assertThat(codec.decode(masked))
                .isEqualTo(Project.newBuilder(sent)
                        .setPayrollAccount(new PayrollAccount("ZYRCB", "***************1582"))
                        .setContacts(List.of(
                                new ProjectContact(ContactRole.LABOR_MANAGER, "王******", "*******0417"),
                                new ProjectContact(ContactRole.CONSTRUCTION_UNIT, "李******", "*******2961")))
                        .build());
        assertNoSixDigitsOf(List.of(LABOUR_MANAGER_PHONE, UNIT_CONTACT_PHONE), masked, "");
    }

    @Test
    void shouldMaskARejectedProjectLinesContactsWhereTheyStandKeepingItValidJson() throws Exception {
        String line = ContractJson.write(
                Project.newBuilder(projectWithContacts()).setPayDay(40).build());
        Received r = ReceivedRecords.fromReplayLine(scratch, Feed.PROJECTS, line);
        assertThat(r.error).isNull();

        String masked = text(PersonalNumbers.maskedPayload(r.payload, r.event));

        assertThat(masked)
                .isEqualTo(line.replace(account(19), "***************1582")
                        .replace(LABOUR_MANAGER_PHONE, "*******0417")
                        .replace(UNIT_CONTACT_PHONE, "*******2961")
                        .replace(LABOUR_MANAGER, "王******")
                        .replace(UNIT_CONTACT, "李******"));
        assertThat(ContractJson.read(Project.getClassSchema(), masked).get("projectId"))
                .isEqualTo("P-20250303");
    }

    @Test
    void shouldMaskAPhoneWrittenWithSpacesAndDashesAsAWholeValueNotAsDigitRuns() throws Exception {
        String phone = "+86 138-0000-0417"; // no digit run of 8: only the field tells that it is a number
        Project sent = Project.newBuilder(projectWithContacts()).setPayDay(40).build();
        sent.getContacts().get(0).setPhone(phone);
        String line = ContractJson.write(sent);
        Received r = ReceivedRecords.fromReplayLine(scratch, Feed.PROJECTS, line);

        String masked = text(PersonalNumbers.maskedPayload(r.payload, r.event));

        assertThat(masked).contains("\"phone\": \"*************0417\"").doesNotContain("138-0000");
    }

    @Test
    void shouldReadAProjectsContactsFromAReplayLineAndDropThemAllWhenPseudonymising() {
        Received r = ReceivedRecords.fromReplayLine(scratch, Feed.PROJECTS, ContractJson.write(projectWithContacts()));
        assertThat(r.event.project.contacts)
                .extracting(c -> c.role, c -> c.name, c -> c.phone)
                .containsExactly(
                        tuple(ContactRole.LABOR_MANAGER, LABOUR_MANAGER, LABOUR_MANAGER_PHONE),
                        tuple(ContactRole.CONSTRUCTION_UNIT, UNIT_CONTACT, UNIT_CONTACT_PHONE));

        numbers.pseudonymise(r.event);

        assertThat(r.event.project.contacts).isEmpty();
        assertThat(r.event.project.payrollAccountNo).isEqualTo(numbers.account(account(19)));
    }

    @Test
    void shouldMaskTheIdCardOfAWorkerRegistrationAndOfAClockInWhereItStands() throws Exception {
        AvroCodec<Worker> workers = AvroCodec.of(Worker.class);
        AvroCodec<ClockIn> clockIns = AvroCodec.of(ClockIn.class);
        Worker worker = ContractRecords.worker("P-20250303", ID_CARD, -35_000, AT);
        ClockIn clockIn = ContractRecords.clockIn(" ", ID_CARD, AT);
        Received w = ReceivedRecords.fromKafka(Feed.WORKERS, workers.encode(worker));
        Received c = ReceivedRecords.fromKafka(Feed.CLOCKINS, clockIns.encode(clockIn));

        assertThat(workers.decode(PersonalNumbers.maskedPayload(w.payload, w.event)))
                .isEqualTo(Worker.newBuilder(worker)
                        .setWorkerId("**************726X")
                        .build());
        assertThat(clockIns.decode(PersonalNumbers.maskedPayload(c.payload, c.event)))
                .isEqualTo(ClockIn.newBuilder(clockIn)
                        .setWorkerId("**************726X")
                        .build());
    }

    @Test
    void shouldMaskAnAccountNumberAlsoWhereAnotherFieldRepeatsIt() throws Exception {
        BankTransaction sent = BankTransaction.newBuilder(payout(account(19), -1))
                .setTxnId("TX" + account(19) + "-01")
                .build();
        Received r = ReceivedRecords.fromKafka(Feed.BANK, BANK.encode(sent));

        BankTransaction shown = BANK.decode(PersonalNumbers.maskedPayload(r.payload, r.event));

        assertThat(shown.getTxnId()).isEqualTo("TX***************1582-01");
    }

    @Test
    void shouldMaskAShortPersonalValueOnlyWhereItIsAWholeString() throws Exception {
        AvroCodec<ClockIn> codec = AvroCodec.of(ClockIn.class);
        ClockIn sent = ContractRecords.clockIn("PX1", "X1", AT);
        Received avro = ReceivedRecords.fromKafka(Feed.CLOCKINS, codec.encode(sent));
        Received json = ReceivedRecords.fromReplayLine(scratch, Feed.CLOCKINS, ContractJson.write(sent));

        assertThat(codec.decode(PersonalNumbers.maskedPayload(avro.payload, avro.event)))
                .isEqualTo(ClockIn.newBuilder(sent).setWorkerId("**").build());
        assertThat(text(PersonalNumbers.maskedPayload(json.payload, json.event)))
                .isEqualTo(ContractJson.write(sent).replace("\"X1\"", "\"**\""));
    }

    @ParameterizedTest
    @MethodSource("accountLengths")
    void shouldMaskARejectedReplayLinesPersonalFieldsWhereTheyStandKeepingItValidJson(int length) throws Exception {
        String account = account(length);
        String line = ContractJson.write(payout(account, -35_000));
        Received r = ReceivedRecords.fromReplayLine(scratch, Feed.BANK, line);
        assertThat(r.error).isNull();

        String masked = text(PersonalNumbers.maskedPayload(r.payload, r.event));

        assertThat(masked)
                .isEqualTo(line.replace(account, stars(length - 4) + account.substring(length - 4))
                        .replace(COUNTERPARTY_ACCOUNT, "***************0018")
                        .replace(COUNTERPARTY_NAME, "张******")
                        .replace(ID_CARD, "**************726X"));
        GenericRecord shown = ContractJson.read(BankTransaction.getClassSchema(), masked);
        assertThat(shown.get("txnId")).isEqualTo(DIGIT_HEAVY_TXN_ID);
        assertNoSixDigitsOf(List.of(account, COUNTERPARTY_ACCOUNT, ID_CARD), masked.getBytes(UTF_8), "");
    }

    @Test
    void shouldMaskANameWrittenWithBackslashUEscapesKeepingItsFirstCharacter() {
        String line = ContractJson.write(payout(account(19), -1)).replace(COUNTERPARTY_NAME, "\\u5f20\\u4e09\\u4e30");
        Received r = ReceivedRecords.fromReplayLine(scratch, Feed.BANK, line);
        assertThat(r.event.bank.counterpartyName).isEqualTo(COUNTERPARTY_NAME);

        String masked = text(PersonalNumbers.maskedPayload(r.payload, r.event));

        assertThat(masked)
                .contains("\"counterpartyName\": \"\\u5f20************\"", "\"txnId\": \"" + DIGIT_HEAVY_TXN_ID + "\"")
                .hasSize(line.length());
    }

    @Test
    void shouldMaskEveryLongDigitRunWhenAPersonalNumberIsNotWrittenAsItDecodes() {
        String account = account(19);
        // Its second digit escaped: the account cannot be found as
        // it decodes, so nothing tells which digits are personal.
        String line = ContractJson.write(payout(account, -1)).replace(account, "9\\u0035" + account.substring(2));
        Received r = ReceivedRecords.fromReplayLine(scratch, Feed.BANK, line);
        assertThat(r.event.bank.accountNo).isEqualTo(account);

        String masked = text(PersonalNumbers.maskedPayload(r.payload, r.event));

        assertThat(masked)
                .contains(
                        "\"txnId\": \"**************0042\"",
                        "\"accountNo\": \"9\\u*****************1582\"",
                        "\"workerId\": \"**************726X\"",
                        "\"counterpartyName\": \"张******\"");
        assertNoSixDigitsOf(List.of(account, COUNTERPARTY_ACCOUNT, ID_CARD), masked.getBytes(UTF_8), "");
    }

    // ---- truncated records: no 6 digits of a number survive wherever the cut falls ----

    @ParameterizedTest
    @MethodSource("accountLengths")
    void shouldLeaveNoSixDigitsOfAPersonalNumberInAnAvroRecordCutAnywhere(int length) {
        byte[] whole = BANK.encode(payout(account(length), 35_000));
        for (int cut = 0; cut < whole.length; cut++) {
            Received r = ReceivedRecords.fromKafka(Feed.BANK, Arrays.copyOf(whole, cut));
            assertThat(r.event)
                    .as("a record cut at %d of %d", cut, whole.length)
                    .isNull();

            byte[] masked = PersonalNumbers.maskedPayload(r.payload, r.event);

            assertThat(masked).hasSize(cut);
            assertNoSixDigitsOf(List.of(account(length), COUNTERPARTY_ACCOUNT, ID_CARD), masked, r.error);
        }
    }

    @ParameterizedTest
    @MethodSource("accountLengths")
    void shouldLeaveNoSixDigitsOfAnAccountInAReplayLineCutInsideIt(int length) {
        assertNoSixDigitsWhereverTheLineIsCutInside(
                Feed.BANK, ContractJson.write(payout(account(length), 35_000)), account(length));
    }

    @Test
    void shouldLeaveNoSixDigitsOfAnIdCardOrACounterpartyAccountInAReplayLineCutInsideIt() {
        String line = ContractJson.write(payout(account(19), 35_000));
        assertNoSixDigitsWhereverTheLineIsCutInside(Feed.BANK, line, COUNTERPARTY_ACCOUNT);
        assertNoSixDigitsWhereverTheLineIsCutInside(Feed.BANK, line, ID_CARD);
    }

    @Test
    void shouldLeaveNoSixDigitsOfAContactsPhoneInAProjectCutAnywhere() {
        byte[] whole = AvroCodec.of(Project.class).encode(projectWithContacts());
        for (int cut = 0; cut < whole.length; cut++) {
            Received r = ReceivedRecords.fromKafka(Feed.PROJECTS, Arrays.copyOf(whole, cut));
            assertThat(r.event)
                    .as("a record cut at %d of %d", cut, whole.length)
                    .isNull();

            assertNoSixDigitsOf(
                    List.of(LABOUR_MANAGER_PHONE, UNIT_CONTACT_PHONE, account(19)),
                    PersonalNumbers.maskedPayload(r.payload, r.event),
                    r.error);
        }
        String line = ContractJson.write(projectWithContacts());
        assertNoSixDigitsWhereverTheLineIsCutInside(Feed.PROJECTS, line, LABOUR_MANAGER_PHONE);
        assertNoSixDigitsWhereverTheLineIsCutInside(Feed.PROJECTS, line, UNIT_CONTACT_PHONE);
    }

    private void assertNoSixDigitsWhereverTheLineIsCutInside(Feed feed, String line, String number) {
        int at = line.indexOf(number);
        List<String> cutLines = IntStream.rangeClosed(at + 1, at + number.length())
                .mapToObj(cut -> line.substring(0, cut))
                .toList();
        List<Received> read = ReceivedRecords.fromReplayLines(scratch, feed, cutLines);
        assertThat(read).hasSize(cutLines.size());
        for (Received r : read) {
            assertThat(r.event).isNull();

            assertNoSixDigitsOf(List.of(number), PersonalNumbers.maskedPayload(r.payload, r.event), r.error);
        }
    }

    private static Project projectWithContacts() {
        return ContractRecords.projectWithContacts("P-20250303", account(19), LocalDate.of(2025, 3, 3), AT);
    }

    private static BankTransaction payout(String account, long fen) {
        return ContractRecords.payout(
                DIGIT_HEAVY_TXN_ID, account, COUNTERPARTY_ACCOUNT, COUNTERPARTY_NAME, ID_CARD, fen, AT);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, UTF_8);
    }

    private static String stars(int n) {
        return "*".repeat(n);
    }
}
