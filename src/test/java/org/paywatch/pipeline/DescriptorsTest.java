package org.paywatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.junit.jupiter.api.Test;
import org.paywatch.domain.FeedEvent;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.ProjectBook;

/**
 * A savepoint finds each piece of state by its name and reads it with the serializer of its type: these are the
 * names and types that savepoints of this release hold, and a change to one needs its migration or a new uid.
 */
class DescriptorsTest {
    private static final TypeInformation<List<FeedEvent>> RECORDS = Types.LIST(TypeInformation.of(FeedEvent.class));
    /** The project monitor's records, under the unreleased uid project-monitor-v2: dates without Kryo. */
    private static final TypeInformation<List<FeedEvent>> PROJECT_MONITOR_RECORDS =
            Types.LIST(WholeValueWrites.of(Descriptors.projectMonitorRecord()));

    @Test
    void shouldKeepTheStateNamesAndSerializersThatSavepointsOfThisReleaseHold() {
        // under the unreleased uid deduplicate-transactions-v2: (content fingerprint, field hashes)
        assertState(
                Descriptors.transactionContent(),
                "content",
                StateDescriptor.Type.VALUE,
                Types.TUPLE(Types.LONG, Types.LONG));
        assertState(Descriptors.accountProject(), "project", StateDescriptor.Type.VALUE, Types.STRING);
        assertState(Descriptors.awaitingAccount(), "awaiting-account", StateDescriptor.Type.LIST, RECORDS);
        assertState(
                Descriptors.enterpriseProjects(),
                "projects",
                StateDescriptor.Type.MAP,
                Types.MAP(Types.STRING, Types.BOOLEAN));
        assertState(Descriptors.awaitingEnterprise(), "awaiting-enterprise", StateDescriptor.Type.LIST, RECORDS);
        assertState(Descriptors.recentTaxChanges(), "recent-tax-changes", StateDescriptor.Type.LIST, RECORDS);
        assertState(
                Descriptors.projectBook(),
                "book",
                StateDescriptor.Type.VALUE,
                WholeValueWrites.of(StatePojo.of(ProjectBook.class)));
        assertState(
                Descriptors.alertMemory(),
                "alerts",
                StateDescriptor.Type.VALUE,
                WholeValueWrites.of(StatePojo.of(AlertMemory.class)));
        assertState(Descriptors.pendingRecords(), "pending", StateDescriptor.Type.LIST, PROJECT_MONITOR_RECORDS);
        assertState(
                Descriptors.awaitingProject(), "awaiting-project", StateDescriptor.Type.LIST, PROJECT_MONITOR_RECORDS);
        assertState(
                Descriptors.recordCounts(),
                "record-counts",
                StateDescriptor.Type.LIST,
                Types.LIST(TypeInformation.of(RecordCounts.Total.class)));
    }

    @Test
    void shouldGiveEveryOperatorADescriptorWithNoSerializerOfAnotherJob() {
        StateDescriptor<?, ProjectBook> firstJobs = Descriptors.projectBook();
        firstJobs.initializeSerializerUnlessSet(new ExecutionConfig());

        assertThat(Descriptors.projectBook().isSerializerInitialized()).isFalse();
    }

    private static void assertState(
            StateDescriptor<?, ?> descriptor, String name, StateDescriptor.Type kind, TypeInformation<?> type) {
        ExecutionConfig config = new ExecutionConfig();
        descriptor.initializeSerializerUnlessSet(config);
        assertThat(descriptor.getName()).isEqualTo(name);
        assertThat(descriptor.getType()).as(name).isEqualTo(kind);
        assertThat((Object) descriptor.getSerializer())
                .as(name)
                .isEqualTo(type.createSerializer(config.getSerializerConfig()));
    }
}
