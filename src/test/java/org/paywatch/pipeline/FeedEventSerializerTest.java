package org.paywatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;
import org.junit.jupiter.api.Test;
import org.paywatch.contract.BankTransactionType;
import org.paywatch.contract.Direction;
import org.paywatch.contract.ProjectCategory;
import org.paywatch.contract.ProjectStatus;
import org.paywatch.contract.TaxChangeType;
import org.paywatch.contract.WageType;
import org.paywatch.domain.BankTransaction;
import org.paywatch.domain.ClockIn;
import org.paywatch.domain.Enterprise;
import org.paywatch.domain.Feed;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.Origin;
import org.paywatch.domain.ProgressReport;
import org.paywatch.domain.Project;
import org.paywatch.domain.TaxChange;
import org.paywatch.domain.WorkerRegistration;

/**
 * FeedEventSerializer held to Flink's contract for serializers (round trips alone and in sequence, copies, snapshot,
 * duplicates used by concurrent threads), with a record of each feed, every field set, and records with neither
 * origin nor project id.
 */
class FeedEventSerializerTest extends SerializerTestBase<FeedEvent> {

    FeedEventSerializerTest() {
        // The domain classes have no equals: records are equal when their fields are, recursively.
        super(new DeeplyEqualsChecker()
                .withCustomCheck(
                        (a, b) -> a instanceof FeedEvent && b instanceof FeedEvent,
                        (a, b, checker) -> sameFields(a, b)));
    }

    @Override
    protected TypeSerializer<FeedEvent> createSerializer() {
        return FeedEventType.INSTANCE.createSerializer(new SerializerConfigImpl());
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<FeedEvent> getTypeClass() {
        return FeedEvent.class;
    }

    @Override
    protected FeedEvent[] getTestData() {
        List<FeedEvent> data = new ArrayList<>();
        for (Feed feed : Feed.values()) {
            data.add(everyFieldSet(feed));
        }
        for (Feed feed : Feed.values()) {
            FeedEvent bare = everyFieldSet(feed);
            bare.origin = null;
            bare.projectId = null;
            data.add(bare);
        }
        return data.toArray(new FeedEvent[0]);
    }

    @Test
    void shouldCopyTheRecordDeeply() {
        TypeSerializer<FeedEvent> serializer = createSerializer();
        for (Feed feed : Feed.values()) {
            FeedEvent original = everyFieldSet(feed);
            FeedEvent copy = serializer.copy(original);
            assertThat(sameFields(original, copy)).as(feed.name()).isTrue();

            copy.origin.offset = -1;
            switch (feed) {
                case PROJECTS -> {
                    copy.project.constructionUnit.name = "changed";
                    copy.project.subcontractors.get(0).name = "changed";
                }
                case WORKERS -> copy.worker.team = "changed";
                case PROGRESS -> copy.progress.period = "changed";
                case BANK -> copy.bank.amountFen = -1;
                case CLOCKINS -> copy.clockIn.deviceId = "changed";
                case TAX -> copy.tax.period = "changed";
            }
            assertThat(sameFields(original, everyFieldSet(feed)))
                    .as("%s: the original is untouched by changes to its copy", feed)
                    .isTrue();
        }
    }

    @Test
    void shouldSendOnlyThePayloadOfTheRecordsFeed() throws Exception {
        TypeSerializer<FeedEvent> serializer = createSerializer();
        FeedEvent bank = everyFieldSet(Feed.BANK);
        bank.project = (Project) payload(Feed.PROJECTS); // no record has two: a stray one must not travel

        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(bank, out);
        FeedEvent received = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(received.project).isNull();
        assertThat(received.bank.txnId).isEqualTo("T-1");
    }

    @Test
    void shouldRestoreFromItsSnapshotAsIs() throws Exception {
        TypeSerializer<FeedEvent> serializer = createSerializer();
        DataOutputSerializer out = new DataOutputSerializer(1024);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());

        TypeSerializerSnapshot<FeedEvent> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        TypeSerializerSchemaCompatibility<FeedEvent> compatibility =
                createSerializer().snapshotConfiguration().resolveSchemaCompatibility(read);

        assertThat(compatibility.isCompatibleAsIs()).isTrue();
        assertThat(read.restoreSerializer()).isEqualTo(serializer);
    }

    @Test
    void shouldWriteEachPartAsTheProjectMonitorsStateTypesIt() {
        // The monitor's record type has no Kryo inside (StateTypesTest): nor then have the records it reads.
        PojoTypeInfo<FeedEvent> record = (PojoTypeInfo<FeedEvent>) Descriptors.projectMonitorRecord();
        SerializerConfigImpl config = new SerializerConfigImpl();
        TypeSerializer<?>[] payloads = new TypeSerializer<?>[Feed.values().length];
        for (Feed feed : Feed.values()) {
            payloads[feed.ordinal()] = record.getTypeAt(payloadField(feed)).createSerializer(config);
        }
        FeedEventSerializer typedAsTheState = new FeedEventSerializer(
                record.getTypeAt("origin").createSerializer(config), StringSerializer.INSTANCE, payloads);

        assertThat(FeedEventType.INSTANCE.createSerializer(config)).isEqualTo(typedAsTheState);
    }

    private static String payloadField(Feed feed) {
        return switch (feed) {
            case PROJECTS -> "project";
            case WORKERS -> "worker";
            case PROGRESS -> "progress";
            case BANK -> "bank";
            case CLOCKINS -> "clockIn";
            case TAX -> "tax";
        };
    }

    private static boolean sameFields(Object a, Object b) {
        try {
            assertThat(b).usingRecursiveComparison().isEqualTo(a);
            return true;
        } catch (AssertionError different) {
            return false;
        }
    }

    /** A record of the feed with every field of it and its payload set, the same each time. */
    static FeedEvent everyFieldSet(Feed feed) {
        FeedEvent e = FeedEvent.of(new Origin(feed.defaultTopic, 3, 1234L), payload(feed));
        e.projectId = "P-1"; // bank and tax records learn it in the directories
        return e;
    }

    private static Object payload(Feed feed) {
        return switch (feed) {
            case PROJECTS -> {
                Project p = new Project();
                p.projectId = "P-1";
                p.name = "School gym";
                p.category = ProjectCategory.HOUSING;
                p.town = "Town";
                p.contractValueFen = 12_000_000_00L;
                p.startDate = LocalDate.of(2025, 3, 1);
                p.plannedEndDate = LocalDate.of(2026, 6, 30);
                p.governmentInvested = true;
                p.constructionUnit = new Enterprise("91000000000000001A", "Owner");
                p.generalContractor = new Enterprise("91000000000000002B", "Builder");
                p.subcontractors = new ArrayList<>(List.of(new Enterprise("91000000000000003C", "Steel")));
                p.payrollBankCode = "B1";
                p.payrollAccountNo = "A-1";
                p.onboardedDate = LocalDate.of(2025, 3, 10);
                p.wageDepositFen = 300_000_00L;
                p.payDay = 15;
                p.status = ProjectStatus.ACTIVE;
                p.updatedAt = 1_740_000_000_000L;
                yield p;
            }
            case WORKERS -> {
                WorkerRegistration w = new WorkerRegistration();
                w.projectId = "P-1";
                w.workerId = "W-1";
                w.employerCreditCode = "91000000000000003C";
                w.team = "Steel fixers";
                w.wageType = WageType.DAILY;
                w.wageRateFen = 350_00L;
                w.entryDate = LocalDate.of(2025, 4, 1);
                w.exitDate = LocalDate.of(2025, 9, 30);
                w.updatedAt = 1_740_000_000_001L;
                yield w;
            }
            case PROGRESS -> {
                ProgressReport r = new ProgressReport();
                r.projectId = "P-1";
                r.period = "2025-04";
                r.completedValueFen = 1_000_000_00L;
                r.progressPaymentFen = 800_000_00L;
                r.reportedAt = 1_740_000_000_002L;
                yield r;
            }
            case BANK -> {
                BankTransaction b = new BankTransaction();
                b.txnId = "T-1";
                b.bankCode = "B1";
                b.accountNo = "A-1";
                b.type = BankTransactionType.WAGE_PAYOUT;
                b.amountFen = 35_000L;
                b.balanceAfterFen = 1_000_000L;
                b.counterpartyAccountNo = "A-2";
                b.counterpartyName = "N";
                b.workerId = "W-1";
                b.wagePeriod = "2025-04";
                b.eventTime = 1_740_000_000_003L;
                yield b;
            }
            case CLOCKINS -> {
                ClockIn c = new ClockIn();
                c.projectId = "P-1";
                c.workerId = "W-1";
                c.deviceId = "D-1";
                c.direction = Direction.IN;
                c.eventTime = 1_740_000_000_004L;
                yield c;
            }
            case TAX -> {
                TaxChange t = new TaxChange();
                t.creditCode = "91000000000000003C";
                t.changeType = TaxChangeType.IIT_DROP;
                t.period = "2025-04";
                t.previousFen = 100_00L;
                t.currentFen = 50_00L;
                t.eventTime = 1_740_000_000_005L;
                yield t;
            }
        };
    }
}
