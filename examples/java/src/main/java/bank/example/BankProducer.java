package bank.example;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A supervising bank's producer for paywatch, with the plain Apache Avro and Kafka clients and the published
 * schemas read at run time. Registers a project with its dedicated wage account, three workers and their
 * clock-ins, deposits the labour cost, then withdraws cash from the account: paywatch raises PW10
 * (专户资金违规使用) RED at once. It also sends one malformed record, amountFen written as a string, to show
 * its dead letter. Then it reads paywatch.alerts and paywatch.deadletter back with read_committed consumers
 * and prints what came back. Exit code 0 when both came back, 1 when not in time, 2 for a bad option.
 */
public final class BankProducer {
    /** Avro dates are calendar days in Asia/Shanghai; instants are UTC milliseconds. */
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final Map<String, String> options;
    private final Map<String, Schema> schemas = new HashMap<>();

    private BankProducer(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of(
                "--bootstrap", "127.0.0.1:9092",
                "--project", "JAVA-EXAMPLE-1",
                "--account", "6222020200100000202",
                "--schemas", "../../schemas",
                "--timeout", "120"));
        // the topics of jobs/risk-monitor.yaml (kafka.topics)
        options.putAll(Map.of(
                "--projects-topic", "paywatch.registry.projects",
                "--workers-topic", "paywatch.registry.workers",
                "--bank-topic", "paywatch.bank.transactions",
                "--clockins-topic", "paywatch.attendance.clockins",
                "--alerts-topic", "paywatch.alerts",
                "--deadletter-topic", "paywatch.deadletter"));
        boolean fingerprints = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--fingerprints")) {
                fingerprints = true;
            } else if (!options.containsKey(args[i]) || i + 1 == args.length) {
                System.err.println("unknown option or missing value: " + args[i] + "; the options are --fingerprints and "
                        + String.join(", ", options.keySet().stream().sorted().toList()) + ", each with a value");
                System.exit(2);
            } else {
                options.put(args[i], args[++i]);
            }
        }
        BankProducer producer = new BankProducer(options);
        System.exit(fingerprints ? producer.printFingerprints() : producer.run());
    }

    private int printFingerprints() throws IOException {
        for (String name : List.of("Project", "Worker", "BankTransaction", "ClockIn", "Alert", "DeadLetter")) {
            long fingerprint = SchemaNormalization.parsingFingerprint64(schema(name));
            System.out.printf("%s %016x %s%n", name, fingerprint, hex(header(schema(name))));
        }
        return 0;
    }

    private int run() throws Exception {
        String projectId = options.get("--project");
        String account = options.get("--account");
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        LocalDate today = LocalDate.now(SHANGHAI);
        LocalDate start = today.minusDays(10);
        List<String> workers = List.of("620724198603150011", "620724198603150012", "620724198603150013");
        long balance = 20_000_000; // fen: 200000.00 元
        long withdrawn = 5_000_000;

        Properties p = new Properties();
        p.put("bootstrap.servers", options.get("--bootstrap"));
        p.put("acks", "all");
        try (KafkaProducer<byte[], byte[]> kafka = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            send(kafka, "--projects-topic", projectId, encode(project(projectId, account, start, now)));
            for (String workerId : workers) {
                send(kafka, "--workers-topic", projectId + "/" + workerId, encode(worker(projectId, workerId, start, now)));
            }
            // the registry first, so that the job knows the account when the bank's records arrive
            kafka.flush();
            for (int daysAgo = 3; daysAgo >= 1; daysAgo--) {
                Instant at = today.minusDays(daysAgo).atTime(LocalTime.of(7, 30)).atZone(SHANGHAI).toInstant();
                for (String workerId : workers) {
                    GenericRecord c = record("ClockIn");
                    c.put("projectId", projectId);
                    c.put("workerId", workerId);
                    c.put("deviceId", "GATE-1");
                    c.put("direction", symbol(c, "direction", "IN"));
                    c.put("eventTime", at.toEpochMilli());
                    send(kafka, "--clockins-topic", projectId, encode(c));
                }
            }
            send(kafka, "--bank-topic", account, encode(bank(account, projectId + "-DEP-1", "LABOR_COST_DEPOSIT", balance,
                    balance, now.minus(Duration.ofDays(2)))));
            send(kafka, "--bank-topic", account, encode(bank(account, projectId + "-CASH-1", "CASH_WITHDRAWAL", withdrawn,
                    balance - withdrawn, now.minus(Duration.ofMinutes(30)))));
            kafka.flush();
            System.out.printf("sent project %s (account %s), %d workers, %d clock-ins, a labour-cost deposit of %s 元 and a "
                    + "cash withdrawal of %s 元 to %s%n", projectId, masked(account), workers.size(), 3 * workers.size(),
                    yuan(balance), yuan(withdrawn), options.get("--bootstrap"));

            String badTxn = projectId + "-BAD-1";
            RecordMetadata bad = send(kafka, "--bank-topic", account, amountAsText(account, badTxn, now.minus(Duration.ofMinutes(20))))
                    .get();
            System.out.printf("sent a malformed BankTransaction %s (amountFen as a string) to %s[%d]@%d%n",
                    "ZYRCB-" + badTxn, bad.topic(), bad.partition(), bad.offset());

            GenericRecord alert = firstCommitted("--alerts-topic", "Alert",
                    a -> a.get("projectId").toString().equals(projectId) && a.get("ruleId").toString().equals("PW10"));
            if (alert == null) {
                System.err.printf("no PW10 alert for %s on %s within %s s: is paywatch running against %s?%n", projectId,
                        options.get("--alerts-topic"), options.get("--timeout"), options.get("--bootstrap"));
                return 1;
            }
            System.out.printf("alert: %s %s %s for %s at %s: %s%n", alert.get("ruleId"), alert.get("transition"),
                    alert.get("level"), alert.get("projectId"),
                    Instant.ofEpochSecond((Long) alert.get("eventTime") / 1000).atZone(SHANGHAI).toOffsetDateTime(), alert.get("message"));
            GenericRecord dead = firstCommitted("--deadletter-topic", "DeadLetter",
                    d -> d.get("topic").toString().equals(bad.topic()) && (Integer) d.get("partition") == bad.partition()
                            && (Long) d.get("offset") == bad.offset());
            if (dead == null) {
                System.err.printf("no dead letter for %s[%d]@%d on %s within %s s%n", bad.topic(), bad.partition(),
                        bad.offset(), options.get("--deadletter-topic"), options.get("--timeout"));
                return 1;
            }
            System.out.printf("dead letter for %s[%d]@%d (%s): %s%n", dead.get("topic"), dead.get("partition"),
                    dead.get("offset"), dead.get("cause"), dead.get("reason"));
            return 0;
        }
    }

    // ---- the records: GenericRecord without logical-type conversions, so a date is its int and an instant its long ----

    private GenericRecord project(String projectId, String account, LocalDate start, Instant now) throws IOException {
        GenericRecord r = record("Project");
        Schema schema = r.getSchema();
        r.put("projectId", projectId);
        r.put("name", "高台县城关镇" + projectId + "示例工程");
        r.put("category", symbol(r, "category", "HOUSING"));
        r.put("town", "城关镇");
        // no contract value: the rules that scale with it (PW01, PW12, PW13) ask nothing of this example
        r.put("contractValueFen", 0L);
        r.put("startDate", (int) start.toEpochDay());
        r.put("plannedEndDate", (int) start.plusDays(300).toEpochDay());
        r.put("governmentInvested", false);
        r.put("constructionUnit", enterprise(schema, "91620724JVEXCU001X", "示例投资建设单位"));
        r.put("generalContractor", enterprise(schema, "91620724JVEXGC001X", "示例建设工程有限公司"));
        r.put("subcontractors", new GenericData.Array<GenericRecord>(0, schema.getField("subcontractors").schema()));
        Schema accountSchema = schema.getField("payrollAccount").schema().getTypes().get(1);
        GenericRecord payroll = new GenericData.Record(accountSchema);
        payroll.put("bankCode", "ZYRCB");
        payroll.put("accountNo", account);
        r.put("payrollAccount", payroll);
        r.put("onboardedDate", (int) start.plusDays(3).toEpochDay());
        r.put("wageDepositFen", 0L);
        r.put("payDay", null);
        r.put("status", symbol(r, "status", "ACTIVE"));
        r.put("updatedAt", now.minus(Duration.ofDays(11)).toEpochMilli());
        r.put("contacts", new GenericData.Array<GenericRecord>(0, schema.getField("contacts").schema()));
        return r;
    }

    private static GenericRecord enterprise(Schema project, String creditCode, String name) {
        GenericRecord e = new GenericData.Record(project.getField("constructionUnit").schema());
        e.put("creditCode", creditCode);
        e.put("name", name);
        return e;
    }

    private GenericRecord worker(String projectId, String workerId, LocalDate start, Instant now) throws IOException {
        GenericRecord w = record("Worker");
        w.put("projectId", projectId);
        w.put("workerId", workerId);
        w.put("employerCreditCode", "91620724JVEXGC001X");
        w.put("team", "钢筋班");
        w.put("wageType", symbol(w, "wageType", "DAILY"));
        w.put("wageRateFen", 35_000L);
        w.put("entryDate", (int) start.toEpochDay());
        w.put("exitDate", null);
        w.put("updatedAt", now.minus(Duration.ofDays(10)).toEpochMilli());
        return w;
    }

    private GenericRecord bank(String account, String txnId, String type, long fen, Long balanceAfter, Instant at) throws IOException {
        return bank(schema("BankTransaction"), account, txnId, type, fen, balanceAfter, at);
    }

    private static GenericRecord bank(Schema schema, String account, String txnId, String type, Object fen, Long balanceAfter,
                                      Instant at) {
        GenericRecord b = new GenericData.Record(schema);
        b.put("txnId", "ZYRCB-" + txnId);
        b.put("bankCode", "ZYRCB");
        b.put("accountNo", account);
        b.put("type", symbol(b, "type", type));
        b.put("amountFen", fen);
        b.put("balanceAfterFen", balanceAfter);
        b.put("counterpartyAccountNo", null);
        b.put("counterpartyName", null);
        b.put("workerId", null);
        b.put("wagePeriod", null);
        b.put("eventTime", at.toEpochMilli());
        return b;
    }

    /** A deposit whose amountFen is written as a string, under BankTransaction's own header: the dead letter's example. */
    private byte[] amountAsText(String account, String txnId, Instant at) throws IOException {
        Schema contract = schema("BankTransaction");
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : contract.getFields()) {
            fields.add(new Schema.Field(f, f.name().equals("amountFen") ? Schema.create(Schema.Type.STRING) : f.schema()));
        }
        Schema wrong = Schema.createRecord(contract.getName(), null, contract.getNamespace(), false, fields);
        GenericRecord b = bank(wrong, account, txnId, "LABOR_COST_DEPOSIT", "1050000", null, at);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header(contract));
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(wrong).write(b, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    // ---- the contract: schemas from the published folder, single-object encoding ----

    private Schema schema(String name) throws IOException {
        Schema s = schemas.get(name);
        if (s == null) {
            Path file = Path.of(options.get("--schemas"), name + ".avsc");
            s = new Schema.Parser().parse(Files.readString(file));
            schemas.put(name, s);
        }
        return s;
    }

    private GenericRecord record(String name) throws IOException {
        return new GenericData.Record(schema(name));
    }

    private static GenericData.EnumSymbol symbol(GenericRecord r, String field, String symbol) {
        return new GenericData.EnumSymbol(r.getSchema().getField(field).schema(), symbol);
    }

    /** C3 01 and the CRC-64-AVRO fingerprint of the Parsing Canonical Form, least significant byte first. */
    private static byte[] header(Schema schema) {
        return ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0xC3).put((byte) 0x01)
                .putLong(SchemaNormalization.parsingFingerprint64(schema)).array();
    }

    private static byte[] encode(GenericRecord r) throws IOException {
        // BinaryMessageEncoder writes the same 10-byte header as header() above, then the Avro binary
        return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), r.getSchema()).encode(r).array();
    }

    private java.util.concurrent.Future<RecordMetadata> send(KafkaProducer<byte[], byte[]> kafka, String topicOption, String key,
                                                              byte[] value) {
        // the key is the UTF-8 string itself; Kafka's default partitioner keeps one key's records in order
        return kafka.send(new ProducerRecord<>(options.get(topicOption), key.getBytes(StandardCharsets.UTF_8), value));
    }

    /** The first committed record of the topic that is wanted, read from the beginning; null after --timeout. */
    private GenericRecord firstCommitted(String topicOption, String recordName, Predicate<GenericRecord> wanted) throws IOException {
        Properties p = new Properties();
        p.put("bootstrap.servers", options.get("--bootstrap"));
        p.put("group.id", "paywatch-example-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        // alerts and dead letters are written in transactions: only committed ones are real
        p.put("isolation.level", "read_committed");
        BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(), schema(recordName));
        long deadline = System.nanoTime() + Duration.ofSeconds((long) Double.parseDouble(options.get("--timeout"))).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(options.get(topicOption)));
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    GenericRecord record;
                    try {
                        record = decoder.decode(r.value());
                    } catch (MissingSchemaException olderVersion) {
                        continue; // written with an older version of the schema, from before this run: not ours
                    }
                    if (wanted.test(record)) {
                        return record;
                    }
                }
            }
        }
        return null;
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(s.length() == 0 ? "" : " ").append(String.format("%02X", b));
        }
        return s.toString();
    }

    private static String yuan(long fen) {
        return String.format("%d.%02d", fen / 100, fen % 100);
    }

    private static String masked(String number) {
        return "*".repeat(number.length() - 4) + number.substring(number.length() - 4);
    }
}
