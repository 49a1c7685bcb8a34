package org.paywatch.pipeline;

import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.util.OutputTag;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.Rejection;
import org.paywatch.domain.RiskSnapshot;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.ProjectBook;

/**
 * Every side output and every piece of Flink state of the risk monitor, in one place, as the Flink fraud-detection
 * demo keeps its {@code Descriptors}. A state's name and type are what a savepoint holds of it: changing one here
 * needs its migration or a new uid (CHANGELOG.md), and {@code DescriptorsTest} holds them to this release's.
 *
 * <p>The state descriptors are made anew for each operator that asks: a descriptor keeps the serializer of the
 * first job that registers it, and several jobs with their own configurations may run in one JVM (tests, the demo).
 */
public final class Descriptors {
    /** Bank records, on to deduplication and the account directory (FeedEventType, as every stream of them). */
    public static final OutputTag<FeedEvent> BANK = new OutputTag<>("bank", FeedEventType.INSTANCE);
    /** Tax changes, on to the enterprise directory. */
    public static final OutputTag<FeedEvent> TAX = new OutputTag<>("tax", FeedEventType.INSTANCE);
    /** A registered project's dedicated account, for the account directory. */
    public static final OutputTag<AccountBinding> ACCOUNT_BINDINGS = new OutputTag<>("account-bindings") {};
    /** The enterprises with a role on a registered project, for the enterprise directory. */
    public static final OutputTag<EnterpriseRole> ENTERPRISE_ROLES = new OutputTag<>("enterprise-roles") {};
    /** What any operator dead-letters. */
    public static final OutputTag<Rejection> REJECTED = new OutputTag<>("rejected") {};
    /** The project monitor's risk snapshots, for InfluxDB. */
    public static final OutputTag<RiskSnapshot> SNAPSHOTS = new OutputTag<>("project-risk") {};

    private Descriptors() {}

    /**
     * TransactionDeduplication (uid deduplicate-transactions-v2): what a txnId carried first, as (a fingerprint of its
     * content, its fields' 7-bit hashes): a tuple of two longs is 16 bytes, an array of them 20.
     */
    static ValueStateDescriptor<Tuple2<Long, Long>> transactionContent() {
        return new ValueStateDescriptor<>("content", Types.TUPLE(Types.LONG, Types.LONG));
    }

    /** AccountDirectory: the project an account is bound to. */
    static ValueStateDescriptor<String> accountProject() {
        return new ValueStateDescriptor<>("project", String.class);
    }

    /** AccountDirectory: bank records on an account nobody has bound yet. */
    static ListStateDescriptor<FeedEvent> awaitingAccount() {
        return new ListStateDescriptor<>("awaiting-account", FeedEvent.class);
    }

    /** EnterpriseDirectory: the projects where the enterprise has a role (a set). */
    static MapStateDescriptor<String, Boolean> enterpriseProjects() {
        return new MapStateDescriptor<>("projects", String.class, Boolean.class);
    }

    /** EnterpriseDirectory: tax changes about an enterprise with no project yet. */
    static ListStateDescriptor<FeedEvent> awaitingEnterprise() {
        return new ListStateDescriptor<>("awaiting-enterprise", FeedEvent.class);
    }

    /** EnterpriseDirectory: tax changes that reached the projects known then, kept for projects still to come. */
    static ListStateDescriptor<FeedEvent> recentTaxChanges() {
        return new ListStateDescriptor<>("recent-tax-changes", FeedEvent.class);
    }

    /**
     * ProjectMonitor: the project's book (a Flink POJO of its private fields, see StatePojo). The project monitor's
     * states are written to checkpoints a value at a time (WholeValueWrites: the same bytes, the same snapshot).
     */
    static ValueStateDescriptor<ProjectBook> projectBook() {
        return new ValueStateDescriptor<>("book", WholeValueWrites.of(StatePojo.of(ProjectBook.class)));
    }

    /** ProjectMonitor: what the alert lifecycle remembers of the project; absent while there is nothing to remember. */
    static ValueStateDescriptor<AlertMemory> alertMemory() {
        return new ValueStateDescriptor<>("alerts", WholeValueWrites.of(StatePojo.of(AlertMemory.class)));
    }

    /**
     * ProjectMonitor: the records ahead of the watermark at a checkpoint, every project's (operator union state: a
     * restored subtask keeps those of its key groups). Between checkpoints the monitor holds them on the heap.
     */
    static ListStateDescriptor<FeedEvent> pendingRecords() {
        return new ListStateDescriptor<>("pending", WholeValueWrites.of(projectMonitorRecord()));
    }

    /** ProjectMonitor: records of a project not registered yet. */
    static ListStateDescriptor<FeedEvent> awaitingProject() {
        return new ListStateDescriptor<>("awaiting-project", WholeValueWrites.of(projectMonitorRecord()));
    }

    /**
     * A record as the project monitor keeps it: its dates typed by Flink, not Kryo (StatePojo). The directories
     * keep theirs as they were: their uids are released and a serializer change there would need a migration.
     */
    @SuppressWarnings("unchecked")
    static TypeInformation<FeedEvent> projectMonitorRecord() {
        return (TypeInformation<FeedEvent>) StatePojo.typeOf(FeedEvent.class);
    }

    /** Every operator's totals of what became of its records (operator state, not keyed). */
    static ListStateDescriptor<RecordCounts.Total> recordCounts() {
        return new ListStateDescriptor<>("record-counts", RecordCounts.Total.class);
    }
}
