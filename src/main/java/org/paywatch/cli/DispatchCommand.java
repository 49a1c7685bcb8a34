package org.paywatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paywatch.contract.Alert;
import org.paywatch.dispatch.Delivery;
import org.paywatch.dispatch.DispatchConfig;
import org.paywatch.dispatch.DispatchConfigFile;
import org.paywatch.dispatch.DispatchInputs;
import org.paywatch.dispatch.Dispatcher;
import org.paywatch.dispatch.GatewaySettings;
import org.paywatch.dispatch.KafkaDispatch;
import org.paywatch.dispatch.Ledger;
import org.paywatch.dispatch.NoticeStatus;
import org.paywatch.dispatch.NotificationPoints;
import org.paywatch.dispatch.ParkedNotices;
import org.paywatch.dispatch.SmsGateway;
import org.paywatch.dispatch.WebhookSender;
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.io.influx.InfluxHttp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `paywatch dispatch`: tells the right people of every alert transition, by SMS and webhook, once, and
 * keeps the record. Reads `paywatch.alerts` as a consumer group (live), or a replay's alerts file (audits
 * and tests, in the alerts' own time). Its sub-commands keep silences and print the record.
 */
@Command(
        name = "dispatch",
        mixinStandardHelpOptions = true,
        subcommands = {DispatchSilenceCommand.class, DispatchLogCommand.class},
        description = "Send every alert transition to its recipients (the responsibility list, the directory of "
                + "the job file and the projects' contacts) by SMS through the bureau's gateway and by "
                + "webhook: RED at once, BLUE and YELLOW grouped into digests, held in quiet hours; each "
                + "(transition, recipient) once, recorded in the ledger of the state folder.")
public final class DispatchCommand implements Callable<Integer> {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            defaultValue = "jobs/alert-dispatch.yaml",
            description = "the dispatch job file (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--state", paramLabel = "DIR", description = "the ledger's folder; overrides dispatch.stateDir")
    Path state;

    @Option(
            names = "--alerts-file",
            paramLabel = "FILE",
            description =
                    "dispatch the alerts of a replay (JSON lines) in their own time, then stop, instead of reading Kafka")
    Path alertsFile;

    @Option(
            names = "--registry",
            paramLabel = "DIR",
            description =
                    "with --alerts-file: the replay folder whose projects.jsonl names the projects and their contacts")
    Path registry;

    @Option(names = "--gateway", paramLabel = "URL", description = "overrides gateway.url (the SMS gateway)")
    String gateway;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "overrides kafka.bootstrapServers")
    String kafka;

    @Option(names = "--influx", paramLabel = "URL", description = "overrides influx.url (empty: no InfluxDB)")
    String influx;

    @Option(
            names = "--retry-parked",
            description = "send again the messages parked after failing every attempt, then stop")
    boolean retryParked;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DispatchConfig c = DispatchConfigFile.load(config);
        Path stateDir = state != null ? state : c.stateDir();
        if (stateDir == null) {
            throw new ConfigurationProblem(
                    "no state folder: set dispatch.stateDir in " + config + " or pass --state DIR");
        }
        stateDir.toFile().mkdirs();
        GatewaySettings settings =
                (gateway == null ? c.gateway() : c.gateway().withUrl(java.net.URI.create(gateway))).settings();
        Delivery delivery = Delivery.byChannel(
                new SmsGateway(settings, c.sms().signature()), new WebhookSender(settings.retryPolicy()));
        Map<NoticeStatus, Integer> outcomes = new EnumMap<>(NoticeStatus.class);
        try (Ledger ledger = Ledger.open(stateDir)) {
            Dispatcher dispatcher =
                    new Dispatcher(c, ledger, delivery).listen(n -> outcomes.merge(n.status(), 1, Integer::sum));
            String influxUrl = influx != null
                    ? influx
                    : c.influx() == null ? null : c.influx().url();
            if (influxUrl != null && !influxUrl.isBlank()) {
                dispatcher.listen(new NotificationPoints(
                        new InfluxHttp(influxUrl), c.influx().database()));
            }
            if (retryParked) {
                dispatcher.retryParked(System.currentTimeMillis());
                out.println("dispatch: parked messages sent again: " + NoticeStatus.summary(outcomes));
                return 0;
            }
            if (alertsFile != null) {
                return fromFile(dispatcher, out, outcomes);
            }
            if (registry != null) {
                throw new ConfigurationProblem(
                        "--registry goes with --alerts-file: live, the projects come from kafka.projectsTopic");
            }
            return fromKafka(dispatcher, c, out);
        }
    }

    private int fromFile(Dispatcher dispatcher, PrintWriter out, Map<NoticeStatus, Integer> outcomes) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        dispatcher.listen(ParkedNotices.toFile(Path.of(alertsFile + ".failed")));
        if (registry != null) {
            DispatchInputs.projects(
                    registry,
                    dispatcher::register,
                    bad -> err.println("paywatch dispatch: " + registry.resolve("projects.jsonl") + ":" + bad.number()
                            + " skipped: " + bad.reason()));
        }
        List<Alert> alerts = new ArrayList<>();
        DispatchInputs.alerts(
                alertsFile,
                alerts::add,
                bad -> err.println(
                        "paywatch dispatch: " + alertsFile + ":" + bad.number() + " skipped: " + bad.reason()));
        dispatcher.resume();
        for (Alert a : alerts) {
            dispatcher.alert(a, a.getEventTime().toEpochMilli());
        }
        dispatcher.finish();
        out.printf(
                "dispatch: alerts=%d %s -> ledger %s%n",
                alerts.size(),
                NoticeStatus.summary(outcomes),
                state != null ? state : dispatcher.config().stateDir());
        return outcomes.getOrDefault(NoticeStatus.PARKED, 0) == 0 ? 0 : 1;
    }

    /** Live, until Ctrl-C. */
    private int fromKafka(Dispatcher dispatcher, DispatchConfig c, PrintWriter out) throws Exception {
        String bootstrap = kafka != null ? kafka : c.kafka().bootstrapServers();
        PrintWriter err = spec.commandLine().getErr();
        KafkaDispatch live = new KafkaDispatch(
                dispatcher, bootstrap, c.kafka(), problem -> err.println("paywatch dispatch: " + problem));
        Thread main = Thread.currentThread();
        Thread onStop = new Thread(
                () -> {
                    live.stop();
                    try {
                        main.join(30_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "paywatch-dispatch-stop");
        Runtime.getRuntime().addShutdownHook(onStop);
        out.println("paywatch dispatch: reading " + c.kafka().alertsTopic() + " at " + bootstrap + " as "
                + c.kafka().groupId() + "; Ctrl-C stops");
        out.flush();
        live.run();
        if (live.failure() != null) {
            err.println("paywatch dispatch: stopped: " + JobHealth.rootCause(live.failure())
                    + ". Start it again: it goes on from "
                    + "the offsets it committed, and the ledger keeps anything from being sent twice");
            return 1;
        }
        return 0;
    }
}
