package org.paywatch.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.paywatch.contract.Alert;
import org.paywatch.dispatch.Delivery;
import org.paywatch.dispatch.DispatchConfig;
import org.paywatch.dispatch.DispatchConfigFile;
import org.paywatch.dispatch.DispatchInputs;
import org.paywatch.dispatch.Dispatcher;
import org.paywatch.dispatch.GatewaySettings;
import org.paywatch.dispatch.Ledger;
import org.paywatch.dispatch.NoticeStatus;
import org.paywatch.dispatch.NotificationPoints;
import org.paywatch.dispatch.ParkedNotices;
import org.paywatch.dispatch.SmsGateway;
import org.paywatch.dispatch.WebhookSender;
import org.paywatch.io.AvroCodec;
import org.paywatch.io.ContractMapping;
import org.paywatch.io.ContractViolation;
import org.paywatch.io.influx.InfluxHttp;
import org.paywatch.policy.ConfigurationProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `paywatch dispatch`: tells the right people of every alert transition, by SMS and webhook, once, and
 * keeps the record. Reads `paywatch.alerts` as a consumer group (live), or a replay's alerts file (audits
 * and tests, in the alerts' own time). Its sub-commands keep silences and print the record.
 */
@Command(name = "dispatch", mixinStandardHelpOptions = true,
        subcommands = {DispatchSilenceCommand.class, DispatchLogCommand.class},
        description = "Send every alert transition to its recipients (the responsibility list, the directory of the job file and "
                + "the projects' contacts) by SMS through the bureau's gateway and by webhook: RED at once, BLUE and YELLOW grouped "
                + "into digests, held in quiet hours; each (transition, recipient) once, recorded in the ledger of the state folder.")
public final class DispatchCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", defaultValue = "jobs/alert-dispatch.yaml",
            description = "the dispatch job file (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--state", paramLabel = "DIR", description = "the ledger's folder; overrides dispatch.stateDir")
    Path state;

    @Option(names = "--alerts-file", paramLabel = "FILE",
            description = "dispatch the alerts of a replay (JSON lines) in their own time, then stop, instead of reading Kafka")
    Path alertsFile;

    @Option(names = "--registry", paramLabel = "DIR",
            description = "with --alerts-file: the replay folder whose projects.jsonl names the projects and their contacts")
    Path registry;

    @Option(names = "--gateway", paramLabel = "URL", description = "overrides gateway.url (the SMS gateway)")
    String gateway;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "overrides kafka.bootstrapServers")
    String kafka;

    @Option(names = "--influx", paramLabel = "URL", description = "overrides influx.url (empty: no InfluxDB)")
    String influx;

    @Option(names = "--retry-parked", description = "send again the messages parked after failing every attempt, then stop")
    boolean retryParked;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DispatchConfig c = DispatchConfigFile.load(config);
        Path stateDir = state != null ? state : c.stateDir();
        if (stateDir == null) {
            throw new ConfigurationProblem("no state folder: set dispatch.stateDir in " + config + " or pass --state DIR");
        }
        stateDir.toFile().mkdirs();
        GatewaySettings settings = new GatewaySettings(gateway != null ? gateway : c.gateway().url().toString(), c.gateway().headers(),
                c.gateway().bodyTemplate(), c.gateway().timeout(), c.gateway().maxAttempts(), c.gateway().initialBackoff(),
                c.gateway().maxBackoff());
        Delivery delivery = Delivery.byChannel(new SmsGateway(settings, c.sms().signature()), new WebhookSender(settings.retryPolicy()));
        Map<NoticeStatus, Integer> outcomes = new EnumMap<>(NoticeStatus.class);
        try (Ledger ledger = Ledger.open(stateDir)) {
            Dispatcher dispatcher = new Dispatcher(c, ledger, delivery).listen(n -> outcomes.merge(n.status(), 1, Integer::sum));
            String influxUrl = influx != null ? influx : c.influx() == null ? null : c.influx().url();
            if (influxUrl != null && !influxUrl.isBlank()) {
                dispatcher.listen(new NotificationPoints(new InfluxHttp(influxUrl), c.influx().database()));
            }
            if (retryParked) {
                dispatcher.retryParked(System.currentTimeMillis());
                out.println("dispatch: parked messages sent again: " + summary(outcomes));
                return 0;
            }
            if (alertsFile != null) {
                return fromFile(dispatcher, out, outcomes);
            }
            if (registry != null) {
                throw new ConfigurationProblem("--registry goes with --alerts-file: live, the projects come from kafka.projectsTopic");
            }
            return fromKafka(dispatcher, c, out);
        }
    }

    private int fromFile(Dispatcher dispatcher, PrintWriter out, Map<NoticeStatus, Integer> outcomes) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        dispatcher.listen(ParkedNotices.toFile(Path.of(alertsFile + ".failed")));
        if (registry != null) {
            DispatchInputs.projects(registry, dispatcher::register,
                    bad -> err.println("paywatch dispatch: " + registry.resolve("projects.jsonl") + ":" + bad.number() + " skipped: " + bad.reason()));
        }
        List<Alert> alerts = new ArrayList<>();
        DispatchInputs.alerts(alertsFile, alerts::add,
                bad -> err.println("paywatch dispatch: " + alertsFile + ":" + bad.number() + " skipped: " + bad.reason()));
        dispatcher.resume();
        for (Alert a : alerts) {
            dispatcher.alert(a, a.getEventTime().toEpochMilli());
        }
        dispatcher.finish();
        out.printf("dispatch: alerts=%d %s -> ledger %s%n", alerts.size(), summary(outcomes), state != null ? state : dispatcher.config().stateDir());
        return outcomes.getOrDefault(NoticeStatus.PARKED, 0) == 0 ? 0 : 1;
    }

    /** Live: the projects topic for contacts, the alerts topic as a consumer group committing only what the ledger holds. */
    private int fromKafka(Dispatcher dispatcher, DispatchConfig c, PrintWriter out) throws Exception {
        String bootstrap = kafka != null ? kafka : c.kafka().bootstrapServers();
        AvroCodec<Alert> alertCodec = AvroCodec.of(Alert.class);
        AvroCodec<org.paywatch.contract.Project> projectCodec = AvroCodec.of(org.paywatch.contract.Project.class);
        AtomicBoolean stop = new AtomicBoolean();
        try (KafkaConsumer<byte[], byte[]> alerts = consumer(bootstrap, Map.of(ConsumerConfig.GROUP_ID_CONFIG, c.kafka().groupId(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100));
             KafkaConsumer<byte[], byte[]> projects = consumer(bootstrap, Map.of());
             KafkaProducer<String, String> failed = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                     new StringSerializer(), new StringSerializer())) {
            dispatcher.listen(ParkedNotices.to(json -> failed.send(new ProducerRecord<>(c.kafka().failedTopic(), json))));
            List<TopicPartition> projectPartitions = projects.partitionsFor(c.kafka().projectsTopic(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            projects.assign(projectPartitions);
            projects.seekToBeginning(projectPartitions);
            Map<TopicPartition, Long> registryEnd = projects.endOffsets(projectPartitions);
            // The registry first, so that the projects' contacts are known when their alerts come.
            while (projectPartitions.stream().anyMatch(p -> projects.position(p) < registryEnd.get(p))) {
                register(dispatcher, projects.poll(Duration.ofMillis(500)), projectCodec);
            }
            alerts.subscribe(List.of(c.kafka().alertsTopic()));
            Thread main = Thread.currentThread();
            Thread onStop = new Thread(() -> {
                stop.set(true);
                alerts.wakeup();
                try {
                    main.join(30_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "paywatch-dispatch-stop");
            Runtime.getRuntime().addShutdownHook(onStop);
            out.println("paywatch dispatch: reading " + c.kafka().alertsTopic() + " at " + bootstrap + " as " + c.kafka().groupId()
                    + ", " + dispatcher.projects().size() + " projects known; Ctrl-C stops");
            out.flush();
            dispatcher.resume();
            while (!stop.get()) {
                register(dispatcher, projects.poll(Duration.ZERO), projectCodec);
                try {
                    for (ConsumerRecord<byte[], byte[]> r : alerts.poll(Duration.ofMillis(500))) {
                        try {
                            dispatcher.alert(alertCodec.decode(r.value()), System.currentTimeMillis());
                        } catch (ContractViolation notAnAlert) {
                            spec.commandLine().getErr().println("paywatch dispatch: " + r.topic() + "/" + r.partition() + "@" + r.offset()
                                    + " is not an alert, skipped: " + notAnAlert.getMessage());
                        }
                    }
                    alerts.commitSync(); // only now: the ledger has recorded every outcome of what was read
                } catch (WakeupException stopping) {
                    break;
                }
                dispatcher.tick(System.currentTimeMillis());
            }
        }
        return 0;
    }

    private static void register(Dispatcher dispatcher, Iterable<ConsumerRecord<byte[], byte[]>> records,
                                 AvroCodec<org.paywatch.contract.Project> codec) {
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                if (r.value() != null) {
                    dispatcher.register(ContractMapping.project(codec.decode(r.value())));
                }
            } catch (ContractViolation e) {
                // the risk monitor dead-letters it; here it just names no contact
            }
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, Map<String, Object> extra) {
        Map<String, Object> settings = new java.util.HashMap<>(extra);
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    static String summary(Map<NoticeStatus, Integer> outcomes) {
        StringBuilder s = new StringBuilder();
        for (NoticeStatus st : NoticeStatus.values()) {
            if (st.isFinal && st != NoticeStatus.RETRIED) {
                s.append(s.isEmpty() ? "" : " ").append(st.name().toLowerCase()).append('=').append(outcomes.getOrDefault(st, 0));
            }
        }
        return s.toString();
    }
}
