package org.paywatch.pipeline;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.paywatch.config.JobConfig;
import org.paywatch.domain.AlertEvent;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.Received;
import org.paywatch.domain.Rejection;
import org.paywatch.io.influx.InfluxPoint;
import org.paywatch.io.influx.RiskPoints;

/**
 * The risk monitor's topology, and nothing else: received records -> entry (check, pseudonymise,
 * dead-letter) -> resolve accounts and enterprises to projects -> keyed project monitor -> sinks.
 * Sources and sinks are parameters, so the live job, the replay and the tests share it whole.
 * {@link KafkaRiskMonitor} runs it against Kafka and InfluxDB.
 */
public final class RiskMonitorJob {
    private RiskMonitorJob() {}

    /**
     * @param received  every input record, with event-time timestamps and watermarks already assigned
     * @param timeLimit the as-of instant of a replay (no deadline after it is judged), Long.MAX_VALUE live
     */
    public static void build(
            DataStream<Received> received, JobSinks sinks, JobConfig config, byte[] pseudonymKey, long timeLimit) {
        long grace = config.entry.registryGracePeriod.toMillis();
        Duration retention = config.entry.transactionIdRetention;
        long settledHistoryDays = config.entry.settledHistory.toDays();

        // Every stream of FeedEvents is a FeedEventType (Descriptors.BANK and TAX too): Flink's POJO type of it would
        // build all six payloads of each record it reads.
        SingleOutputStreamOperator<FeedEvent> entered = received.process(
                        new Entry(pseudonymKey, config.entry.deadLetterPayloadBytes), FeedEventType.INSTANCE)
                .uid("entry")
                .name("entry: check contract, pseudonymise");

        SingleOutputStreamOperator<FeedEvent> bank = entered.getSideOutput(Descriptors.BANK)
                .keyBy(TransactionDeduplication::key, Types.LONG)
                .process(new TransactionDeduplication(retention.toMillis()), FeedEventType.INSTANCE)
                .uid("deduplicate-transactions-v2")
                .name("apply each txnId once");

        SingleOutputStreamOperator<FeedEvent> resolvedBank = bank.keyBy(e -> e.bank.accountNo, Types.STRING)
                .connect(entered.getSideOutput(Descriptors.ACCOUNT_BINDINGS).keyBy(b -> b.accountNo, Types.STRING))
                .process(new AccountDirectory(grace, timeLimit), FeedEventType.INSTANCE)
                .uid("resolve-accounts")
                .name("resolve account -> project");

        SingleOutputStreamOperator<FeedEvent> resolvedTax = entered.getSideOutput(Descriptors.TAX)
                .keyBy(e -> e.tax.creditCode, Types.STRING)
                .connect(entered.getSideOutput(Descriptors.ENTERPRISE_ROLES).keyBy(r -> r.creditCode, Types.STRING))
                .process(new EnterpriseDirectory(grace, timeLimit), FeedEventType.INSTANCE)
                .uid("resolve-enterprises")
                .name("resolve enterprise -> projects");

        SingleOutputStreamOperator<AlertEvent> alerts = entered.union(resolvedBank, resolvedTax)
                .keyBy(e -> e.projectId, Types.STRING)
                .transform(
                        "project monitor (rules, deadlines)",
                        TypeInformation.of(AlertEvent.class),
                        new WatermarkLagOperator<>(
                                new ProjectMonitor(config.policy(), grace, timeLimit, settledHistoryDays)))
                .uid("project-monitor-v2");

        DataStream<Rejection> rejected = entered.getSideOutput(Descriptors.REJECTED)
                .union(
                        bank.getSideOutput(Descriptors.REJECTED),
                        resolvedBank.getSideOutput(Descriptors.REJECTED),
                        alerts.getSideOutput(Descriptors.REJECTED));

        // One writer for the alerts: a read_committed consumer reads a partition only up to its oldest open
        // transaction, so with a writer per subtask an alert committed by one waits behind the other's next
        // transaction, one checkpoint more (docs/performance.md, latency). Alerts are transitions, a few a project a
        // day: one writer carries a province's. A project's alerts still arrive in order (one monitor subtask, one
        // channel).
        alerts.sinkTo(sinks.alerts()).setParallelism(1).uid("alerts-sink").name("alerts");
        rejected.sinkTo(sinks.rejected()).uid("dead-letter-sink").name("dead letters");
        if (sinks.influx() != null) {
            DataStream<InfluxPoint> points = alerts.map(RiskPoints::alert)
                    .returns(InfluxPointType.INSTANCE)
                    .uid("alert-points")
                    .name("alert -> point")
                    .union(alerts.getSideOutput(Descriptors.SNAPSHOTS)
                            .flatMap(new SnapshotPoints())
                            .returns(InfluxPointType.INSTANCE)
                            .uid("risk-points")
                            .name("project_risk, project_month -> points"));
            points.sinkTo(sinks.influx()).uid("influx-sink").name("InfluxDB");
        }
    }
}
