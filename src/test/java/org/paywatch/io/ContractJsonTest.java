package org.paywatch.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.paywatch.contract.Alert;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.AlertTransition;
import org.paywatch.contract.BankTransaction;
import org.paywatch.contract.BankTransactionType;
import org.paywatch.contract.ClockIn;
import org.paywatch.contract.DeadLetter;
import org.paywatch.contract.Progress;
import org.paywatch.contract.Project;
import org.paywatch.contract.TaxChange;
import org.paywatch.contract.Worker;

class ContractJsonTest {

    // One line of each feed of samples/replay-basic/input, copied verbatim (null optionals explicit).
    private static final String PROJECT = """
      {"projectId": "SX-H1", "name": "高台县城关镇SX-H1工程", "category": "HOUSING", "town": "城关镇", "contractValueFen": 400000000, "startDate": "2025-03-03", "plannedEndDate": "2025-12-31", "governmentInvested": false, "constructionUnit": {"creditCode": "91620724LLJY1JJC17", "name": "SX-H1投资建设单位"}, "generalContractor": {"creditCode": "9162072472HD1TJ3Y7", "name": "SX-H1建设工程有限公司"}, "subcontractors": [{"creditCode": "916207241HU49D4H3J", "name": "SX-H1劳务分包有限公司"}], "payrollAccount": {"bankCode": "ZYRCB", "accountNo": "6252601815908301661"}, "onboardedDate": "2025-03-06", "wageDepositFen": 6000000, "payDay": null, "status": "ACTIVE", "updatedAt": "2025-02-21T09:00:00+08:00"}""";
    // The same project from a registry on Project v2, with its contacts (fictional numbers).
    private static final String CONTACTS = """
      "contacts": [{"role": "LABOR_MANAGER", "name": "王建国", "phone": "13800000417"}, {"role": "CONSTRUCTION_UNIT", "name": "李秀英", "phone": "13800002961"}]""";
    private static final String PROJECT_WITH_CONTACTS =
            PROJECT.substring(0, PROJECT.length() - 1) + ", " + CONTACTS + "}";
    private static final String WORKER = """
      {"projectId": "SX-H1", "workerId": "620724197811035730", "employerCreditCode": "916207241HU49D4H3J", "team": "木工班", "wageType": "DAILY", "wageRateFen": 35000, "entryDate": "2025-03-03", "exitDate": null, "updatedAt": "2025-03-02T10:00:00+08:00"}""";
    private static final String PROGRESS = """
      {"projectId": "SX-H1", "period": "2025-03", "completedValueFen": 40000000, "progressPaymentFen": 40000000, "reportedAt": "2025-03-31T18:00:00+08:00"}""";
    private static final String BANK = """
      {"txnId": "ZYRCB-20250000001", "bankCode": "ZYRCB", "accountNo": "6252601815908301661", "type": "LABOR_COST_DEPOSIT", "amountFen": 12000000, "balanceAfterFen": 12000000, "counterpartyAccountNo": "6291186252760189555", "counterpartyName": "SX-H1投资建设单位", "workerId": null, "wagePeriod": null, "eventTime": "2025-03-03T10:00:00+08:00"}""";
    private static final String CLOCKIN = """
      {"projectId": "SX-H1", "workerId": "620724197811035730", "deviceId": "SX-H1-GATE1", "direction": "IN", "eventTime": "2025-03-03T07:40:00+08:00"}""";
    // The sample has no tax feed, nor outputs: these three follow the same style.
    private static final String TAX = """
      {"creditCode": "916207241HU49D4H3J", "changeType": "IIT_DROP", "period": "2025-04", "previousFen": 1250000, "currentFen": 0, "eventTime": "2025-05-15T09:30:00.250+08:00"}""";
    private static final String ALERT = """
      {"alertId": "PW05-SX-F05A-2025-04", "projectId": "SX-F05A", "ruleId": "PW05", "level": "YELLOW", "transition": "RAISED", "scope": "2025-04", "eventTime": "2025-06-01T00:00:00+08:00", "message": "SX-F05A项目2025年4月工资逾期未发放", "legalBasis": "《保障农民工工资支付条例》第三十条", "metrics": {"daysOverdue": 20.0, "unpaidFen": 1.2E7}, "recipients": ["县人社局", "城关镇"], "taskForce": false, "rebound": false}""";
    private static final String DEAD_LETTER = """
      {"payload": "eyJ0eG5JZCI6IDF9", "topic": "bank.jsonl", "partition": 0, "offset": 17, "reason": "missing required field amountFen", "time": "2025-06-20T12:00:00+08:00", "cause": "undecodable", "payloadLength": 12, "payloadSha256": null}""";

    static Stream<Arguments> oneLineOfEachFeed() {
        return Stream.of(
                Arguments.of(Project.getClassSchema(), PROJECT_WITH_CONTACTS),
                Arguments.of(Worker.getClassSchema(), WORKER),
                Arguments.of(Progress.getClassSchema(), PROGRESS),
                Arguments.of(BankTransaction.getClassSchema(), BANK),
                Arguments.of(ClockIn.getClassSchema(), CLOCKIN),
                Arguments.of(TaxChange.getClassSchema(), TAX),
                Arguments.of(Alert.getClassSchema(), ALERT),
                Arguments.of(DeadLetter.getClassSchema(), DEAD_LETTER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneLineOfEachFeed")
    void shouldWriteBackTheLineItReadByteForByte(Schema schema, String line) throws Exception {
        String written = ContractJson.write(ContractJson.read(schema, line));

        assertThat(written).isEqualTo(line);
        assertThat(written.getBytes(StandardCharsets.UTF_8)).isEqualTo(line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldReadInstantWithOffsetAsEpochMillis() throws Exception {
        GenericRecord bank = ContractJson.read(BankTransaction.getClassSchema(), BANK);

        assertThat(bank.get("eventTime"))
                .isEqualTo(Instant.parse("2025-03-03T02:00:00Z").toEpochMilli());
    }

    @Test
    void shouldAcceptAnyOffsetButWriteInstantsAtPlusEight() throws Exception {
        String line = BANK.replace("2025-03-03T10:00:00+08:00", "2025-05-31T16:00:00Z");

        String written = ContractJson.write(ContractJson.read(BankTransaction.getClassSchema(), line));

        assertThat(written).contains("\"eventTime\": \"2025-06-01T00:00:00+08:00\"");
    }

    @Test
    void shouldWriteMillisOnlyWhenTheyAreNotZero() throws Exception {
        String line = BANK.replace("10:00:00+08:00", "10:00:00.5+08:00");

        String written = ContractJson.write(ContractJson.read(BankTransaction.getClassSchema(), line));

        assertThat(written).contains("\"eventTime\": \"2025-03-03T10:00:00.500+08:00\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-03-03T10:00:00", "2025-03-03", "1741010400000", "yesterday"})
    void shouldRejectInstantWithoutOffsetNamingTheField(String time) {
        String line = BANK.replace("\"2025-03-03T10:00:00+08:00\"", "\"" + time + "\"");

        assertThatThrownBy(() -> ContractJson.read(BankTransaction.getClassSchema(), line))
                .isInstanceOf(ContractViolation.class)
                .hasMessageStartingWith("field eventTime must be an ISO-8601 instant with offset");
    }

    @Test
    void shouldRejectInstantFinerThanMillisRatherThanTruncateIt() {
        String line = BANK.replace("10:00:00+08:00", "10:00:00.000123+08:00");

        assertThatThrownBy(() -> ContractJson.read(BankTransaction.getClassSchema(), line))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("field eventTime is finer than milliseconds");
    }

    @Test
    void shouldReadDatesAsDaysSinceEpoch() throws Exception {
        GenericRecord project = ContractJson.read(Project.getClassSchema(), PROJECT);

        assertThat(project.get("startDate"))
                .isEqualTo((int) LocalDate.of(2025, 3, 3).toEpochDay());
        assertThat(project.get("onboardedDate"))
                .isEqualTo((int) LocalDate.of(2025, 3, 6).toEpochDay());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-30", "2025-3-3", "2025/03/03", "2025-03-03T00:00:00+08:00"})
    void shouldRejectAnythingButAValidYyyyMmDdDate(String date) {
        String line = PROJECT.replace("\"startDate\": \"2025-03-03\"", "\"startDate\": \"" + date + "\"");

        assertThatThrownBy(() -> ContractJson.read(Project.getClassSchema(), line))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("field startDate must be a date YYYY-MM-DD");
    }

    @Test
    void shouldRejectUnknownEnumSymbolNamingTheField() {
        String line = BANK.replace("LABOR_COST_DEPOSIT", "FOO");

        assertThatThrownBy(() -> ContractJson.read(BankTransaction.getClassSchema(), line))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("unknown BankTransactionType symbol 'FOO' in field type");
    }

    @Test
    void shouldRejectLowerCaseEnumSymbol() {
        String line = BANK.replace("LABOR_COST_DEPOSIT", "labor_cost_deposit");

        assertThatThrownBy(() -> ContractJson.read(BankTransaction.getClassSchema(), line))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("unknown BankTransactionType symbol 'labor_cost_deposit' in field type");
    }

    @Test
    void shouldNotEchoAnEnumValueThatLooksLikeAnIdNumber() {
        String line = CLOCKIN.replace("\"IN\"", "\"620724197811035730\"");

        assertThatThrownBy(() -> ContractJson.read(ClockIn.getClassSchema(), line))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("unknown Direction symbol (not a symbol name) in field direction");
    }

    @Test
    void shouldTreatMissingAndNullOptionalFieldsAlikeAsAbsent() throws Exception {
        String withoutOptionals = """
        {"txnId": "T1", "bankCode": "ZYRCB", "accountNo": "A1", "type": "WAGE_PAYOUT", "amountFen": 35000, "eventTime": "2025-04-10T09:00:00+08:00"}""";
        String withNulls = """
        {"txnId": "T1", "bankCode": "ZYRCB", "accountNo": "A1", "type": "WAGE_PAYOUT", "amountFen": 35000, "balanceAfterFen": null, "counterpartyAccountNo": null, "counterpartyName": null, "workerId": null, "wagePeriod": null, "eventTime": "2025-04-10T09:00:00+08:00"}""";

        GenericRecord missing = ContractJson.read(BankTransaction.getClassSchema(), withoutOptionals);
        GenericRecord nulls = ContractJson.read(BankTransaction.getClassSchema(), withNulls);

        assertThat(missing).isEqualTo(nulls);
        assertThat(missing.get("balanceAfterFen")).isNull();
        assertThat(ContractJson.write(missing)).isEqualTo(withNulls);
    }

    @Test
    void shouldRejectMissingRequiredField() {
        String line = BANK.replace("\"amountFen\": 12000000, ", "");

        assertThatThrownBy(() -> ContractJson.read(BankTransaction.getClassSchema(), line))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("missing required field amountFen");
    }

    @Test
    void shouldRejectNullRequiredFieldAsMissing() {
        String line = BANK.replace("\"amountFen\": 12000000", "\"amountFen\": null");

        assertThatThrownBy(() -> ContractJson.read(BankTransaction.getClassSchema(), line))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("missing required field amountFen");
    }

    @Test
    void shouldNameTheFullPathOfAMissingNestedField() {
        String line = PROJECT.replace("{\"creditCode\": \"91620724LLJY1JJC17\", ", "{");

        assertThatThrownBy(() -> ContractJson.read(Project.getClassSchema(), line))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("missing required field constructionUnit.creditCode");
    }

    @Test
    void shouldNameTheArrayElementOfAWronglyTypedField() {
        String line = PROJECT.replace("\"name\": \"SX-H1劳务分包有限公司\"", "\"name\": 7");

        assertThatThrownBy(() -> ContractJson.read(Project.getClassSchema(), line))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("field subcontractors[0].name must be a string, got an integer");
    }

    @Test
    void shouldReadNestedRecordsArraysAndOptionalRecords() throws Exception {
        GenericRecord project = ContractJson.read(Project.getClassSchema(), PROJECT);

        assertThat(((GenericRecord) project.get("constructionUnit")).get("name"))
                .isEqualTo("SX-H1投资建设单位");
        assertThat((List<?>) project.get("subcontractors")).hasSize(1);
        assertThat(((GenericRecord) project.get("payrollAccount")).get("bankCode"))
                .isEqualTo("ZYRCB");
        assertThat(project.get("governmentInvested")).isEqualTo(false);
        assertThat(project.get("payDay")).isNull();
    }

    @Test
    void shouldReadAProjectLineWithoutContactsAsOneWithNoneAndWriteThemEmpty() throws Exception {
        GenericRecord project = ContractJson.read(Project.getClassSchema(), PROJECT);

        assertThat((List<?>) project.get("contacts")).isEmpty();
        assertThat(ContractJson.write(project))
                .isEqualTo(PROJECT.substring(0, PROJECT.length() - 1) + ", \"contacts\": []}");
    }

    @Test
    void shouldReadAProjectsContactsWithTheirRoles() throws Exception {
        GenericRecord project = ContractJson.read(Project.getClassSchema(), PROJECT_WITH_CONTACTS);

        assertThat((List<?>) project.get("contacts"))
                .extracting(c -> ((GenericRecord) c).get("role").toString(), c -> ((GenericRecord) c).get("phone"))
                .containsExactly(tuple("LABOR_MANAGER", "13800000417"), tuple("CONSTRUCTION_UNIT", "13800002961"));
    }

    @Test
    void shouldRejectAContactRoleTheContractDoesNotKnowNamingTheField() {
        String line = PROJECT_WITH_CONTACTS.replace("\"CONSTRUCTION_UNIT\"", "\"SUPERVISOR\"");

        assertThatThrownBy(() -> ContractJson.read(Project.getClassSchema(), line))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("unknown ContactRole symbol 'SUPERVISOR' in field contacts[1].role");
    }

    @Test
    void shouldRejectAPhoneSentAsANumberWithoutEchoingIt() {
        String line = PROJECT_WITH_CONTACTS.replace("\"13800000417\"", "13800000417");

        assertThatThrownBy(() -> ContractJson.read(Project.getClassSchema(), line))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("field contacts[0].phone must be a string, got an integer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "1.0", "1e3"})
    void shouldRejectAFractionForALongInsteadOfRoundingMoney(String amount) {
        String line = BANK.replace("\"amountFen\": 12000000", "\"amountFen\": " + amount);

        assertThatThrownBy(() -> ContractJson.read(BankTransaction.getClassSchema(), line))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("field amountFen must be an integer, got a fractional number");
    }

    @Test
    void shouldRejectANumberInAStringForALong() {
        String line = BANK.replace("\"amountFen\": 12000000", "\"amountFen\": \"12000000\"");

        assertThatThrownBy(() -> ContractJson.read(BankTransaction.getClassSchema(), line))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("field amountFen must be an integer, got a string");
    }

    @Test
    void shouldRejectAnIntegerTooLargeForALong() {
        String line = BANK.replace("\"amountFen\": 12000000", "\"amountFen\": 9223372036854775808");

        assertThatThrownBy(() -> ContractJson.read(BankTransaction.getClassSchema(), line))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("field amountFen is out of range for a long");
    }

    @Test
    void shouldRejectAnIntegerTooLargeForAnInt() {
        String line = PROJECT.replace("\"payDay\": null", "\"payDay\": 2147483648");

        assertThatThrownBy(() -> ContractJson.read(Project.getClassSchema(), line))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("field payDay is out of range for an int");
    }

    @Test
    void shouldReadAPresentOptionalInt() throws Exception {
        String line = PROJECT.replace("\"payDay\": null", "\"payDay\": 15");

        assertThat(ContractJson.read(Project.getClassSchema(), line).get("payDay"))
                .isEqualTo(15);
    }

    @Test
    void shouldRejectAStringForABoolean() {
        String line = PROJECT.replace("\"governmentInvested\": false", "\"governmentInvested\": \"false\"");

        assertThatThrownBy(() -> ContractJson.read(Project.getClassSchema(), line))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("field governmentInvested must be true or false, got a string");
    }

    @Test
    void shouldIgnoreFieldsTheSchemaDoesNotKnow() throws Exception {
        String line = CLOCKIN.replace("{", "{\"temperature\": 36.6, \"extra\": {\"a\": [1]}, ");

        String written = ContractJson.write(ContractJson.read(ClockIn.getClassSchema(), line));

        assertThat(written).isEqualTo(CLOCKIN);
    }

    @Test
    void shouldReadAMapOfDoublesAcceptingIntegers() throws Exception {
        String line = ALERT.replace("\"daysOverdue\": 20.0", "\"daysOverdue\": 20");

        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>)
                ContractJson.read(Alert.getClassSchema(), line).get("metrics");

        assertThat(metrics).containsEntry("daysOverdue", 20.0).containsEntry("unpaidFen", 12_000_000.0);
    }

    @Test
    void shouldNotEchoAMapKeyInAMessage() {
        String line = ALERT.replace("\"daysOverdue\": 20.0", "\"620724197811035730\": \"x\"");

        assertThatThrownBy(() -> ContractJson.read(Alert.getClassSchema(), line))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("field metrics[*] must be a number, got a string");
    }

    @Test
    void shouldWriteMapKeysSortedWhateverTheInsertionOrder() throws Exception {
        GenericRecord alert = ContractJson.read(Alert.getClassSchema(), ALERT);
        Map<String, Double> reversed = new LinkedHashMap<>();
        reversed.put("unpaidFen", 1.2E7);
        reversed.put("daysOverdue", 20.0);
        alert.put("metrics", reversed);

        assertThat(ContractJson.write(alert)).isEqualTo(ALERT);
    }

    @Test
    void shouldWriteTheSameLineForAGeneratedRecordAsForTheGenericOne() throws Exception {
        BankTransaction specific = BankTransaction.newBuilder()
                .setTxnId("ZYRCB-20250000001")
                .setBankCode("ZYRCB")
                .setAccountNo("6252601815908301661")
                .setType(BankTransactionType.LABOR_COST_DEPOSIT)
                .setAmountFen(12000000L)
                .setBalanceAfterFen(12000000L)
                .setCounterpartyAccountNo("6291186252760189555")
                .setCounterpartyName("SX-H1投资建设单位")
                .setEventTime(Instant.parse("2025-03-03T02:00:00Z"))
                .build();

        assertThat(ContractJson.write(specific)).isEqualTo(BANK);
    }

    @Test
    void shouldWriteAGeneratedRecordWithDatesMapsAndArrays() {
        Alert alert = Alert.newBuilder()
                .setAlertId("PW05-SX-F05A-2025-04")
                .setProjectId("SX-F05A")
                .setRuleId("PW05")
                .setLevel(AlertLevel.YELLOW)
                .setTransition(AlertTransition.RAISED)
                .setScope("2025-04")
                .setEventTime(Instant.parse("2025-05-31T16:00:00Z"))
                .setMessage("SX-F05A项目2025年4月工资逾期未发放")
                .setLegalBasis("《保障农民工工资支付条例》第三十条")
                .setMetrics(Map.of("unpaidFen", 1.2E7, "daysOverdue", 20.0))
                .setRecipients(List.of("县人社局", "城关镇"))
                .setTaskForce(false)
                .setRebound(false)
                .build();

        assertThat(ContractJson.write(alert)).isEqualTo(ALERT);
    }

    @Test
    void shouldWriteChineseAsUtf8TextNotEscapes() throws Exception {
        String written = ContractJson.write(ContractJson.read(Worker.getClassSchema(), WORKER));

        assertThat(written).contains("\"team\": \"木工班\"").doesNotContain("\\u");
    }

    @Test
    void shouldReadBytesFromBase64() throws Exception {
        GenericRecord deadLetter = ContractJson.read(DeadLetter.getClassSchema(), DEAD_LETTER);

        ByteBuffer payload = (ByteBuffer) deadLetter.get("payload");
        assertThat(StandardCharsets.UTF_8.decode(payload).toString()).isEqualTo("{\"txnId\": 1}");
    }

    @Test
    void shouldRefuseToWriteANonFiniteDouble() throws Exception {
        GenericRecord alert = ContractJson.read(Alert.getClassSchema(), ALERT);
        alert.put("metrics", Map.of("ratio", Double.NaN));

        assertThatThrownBy(() -> ContractJson.write(alert))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metrics[*]");
    }

    @Test
    void shouldRejectMalformedJsonWithoutEchoingTheIdNumberInIt() {
        // Jackson quotes an unrecognised token in its message.
        String line = "{\"workerId\": ID620724197811035730}";

        assertThatThrownBy(() -> ContractJson.read(Worker.getClassSchema(), line))
                .isInstanceOf(ContractViolation.class)
                .hasMessageStartingWith("not valid JSON: Unrecognized token 'ID***'")
                .hasMessageNotContaining("6207")
                .hasMessageNotContaining("5730");
    }

    @Test
    void shouldRejectATruncatedLine() {
        String line = CLOCKIN.substring(0, CLOCKIN.length() - 10);

        assertThatThrownBy(() -> ContractJson.read(ClockIn.getClassSchema(), line))
                .isInstanceOf(ContractViolation.class)
                .hasMessageStartingWith("not valid JSON: ");
    }

    @Test
    void shouldRejectAFieldSentTwice() {
        String line = BANK.replace("{", "{\"amountFen\": 1, ");

        assertThatThrownBy(() -> ContractJson.read(BankTransaction.getClassSchema(), line))
                .isInstanceOf(ContractViolation.class)
                .hasMessageStartingWith("not valid JSON: Duplicate field 'amountFen'");
    }

    @Test
    void shouldRejectTwoObjectsOnOneLine() {
        String line = CLOCKIN + " " + CLOCKIN;

        assertThatThrownBy(() -> ContractJson.read(ClockIn.getClassSchema(), line))
                .isInstanceOf(ContractViolation.class)
                .hasMessageStartingWith("not valid JSON: more than one JSON value on the line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void shouldRejectAnEmptyLine(String line) {
        assertThatThrownBy(() -> ContractJson.read(ClockIn.getClassSchema(), line))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("not valid JSON: the line is empty");
    }

    @Test
    void shouldRejectALineThatIsNotAnObject() {
        assertThatThrownBy(() -> ContractJson.read(ClockIn.getClassSchema(), "[" + CLOCKIN + "]"))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("a line must be one JSON object, got an array");
    }

    @Test
    void shouldReturnGenericRecordsOfTheGivenSchema() throws Exception {
        GenericRecord clockIn = ContractJson.read(ClockIn.getClassSchema(), CLOCKIN);

        assertThat(clockIn).isInstanceOf(GenericData.Record.class);
        assertThat(clockIn.getSchema()).isSameAs(ClockIn.getClassSchema());
        assertThat(clockIn.get("direction")).hasToString("IN");
    }
}
