package org.paywatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paywatch.policy.ProjectFixture.at;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paywatch.contract.TaxChangeType;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.Origin;
import org.paywatch.domain.TaxChange;

/**
 * The enterprise directory in Flink's operator harness: a tax change reaches every project of the
 * enterprise, whether the registry's roles arrived before it, after it, or some before and some after.
 */
class EnterpriseDirectoryTest {
    private static final long GRACE = TimeUnit.HOURS.toMillis(24);
    private static final String GC = "91620724GC000001XX";
    private KeyedTwoInputStreamOperatorTestHarness<String, FeedEvent, EnterpriseRole, FeedEvent> harness;
    private long offset;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new EnterpriseDirectory(GRACE, Long.MAX_VALUE)),
                e -> e.tax.creditCode,
                r -> r.creditCode,
                Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void tax(String when) throws Exception {
        TaxChange t = new TaxChange();
        t.creditCode = GC;
        t.changeType = TaxChangeType.ABNORMAL_STATUS;
        t.eventTime = at(when);
        harness.processElement1(new StreamRecord<>(FeedEvent.of(new Origin("tax", 0, offset++), t), t.eventTime));
    }

    private void role(String projectId) throws Exception {
        harness.processElement2(new StreamRecord<>(new EnterpriseRole(GC, projectId)));
    }

    private List<String> reached() {
        return harness.extractOutputValues().stream().map(e -> e.projectId).toList();
    }

    @Test
    void shouldReachEveryProjectKnownBeforeTheChange() throws Exception {
        role("P-A");
        role("P-B");
        tax("2025-04-08T10:00");
        assertThat(reached()).containsExactly("P-A", "P-B");
    }

    @Test
    void shouldReachEveryProjectWhoseRoleArrivesAfterTheChange() throws Exception {
        tax("2025-04-08T10:00");
        role("P-A");
        role("P-B");
        assertThat(reached()).containsExactly("P-A", "P-B");
    }

    @Test
    void shouldReachAProjectWhoseRoleArrivesAfterTheChangeReachedAnother() throws Exception {
        role("P-A");
        tax("2025-04-08T10:00");
        role("P-B");
        assertThat(reached()).containsExactly("P-A", "P-B");
    }

    @Test
    void shouldNotSendAgainWhenTheRegistryRepeatsARole() throws Exception {
        role("P-A");
        tax("2025-04-08T10:00");
        role("P-A");
        assertThat(reached()).containsExactly("P-A");
    }

    @Test
    void shouldNotSendAChangeOlderThanTheGracePeriodToANewProject() throws Exception {
        role("P-A");
        tax("2025-04-08T10:00");
        harness.processBothWatermarks(new Watermark(at("2025-04-09T10:00")));
        role("P-B");
        assertThat(reached()).containsExactly("P-A");
    }

    @Test
    void shouldKeepNothingOfAChangeThatReachedNoProjectWithinTheGracePeriod() throws Exception {
        tax("2025-04-08T10:00");
        assertThat(harness.numKeyedStateEntries())
                .as("the change waiting for a project")
                .isEqualTo(1);

        harness.processBothWatermarks(new Watermark(at("2025-04-09T10:00")));

        assertThat(reached()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void shouldKeepOnlyTheEnterprisesProjectsOnceTheGracePeriodOfAChangeIsOver() throws Exception {
        role("P-A");
        tax("2025-04-08T10:00");
        assertThat(harness.numKeyedStateEntries())
                .as("the projects and the change kept for projects to come")
                .isEqualTo(2);

        harness.processBothWatermarks(new Watermark(at("2025-04-09T10:00")));

        assertThat(harness.numKeyedStateEntries()).as("the projects alone").isEqualTo(1);
    }

    @Test
    void shouldKeepOnlyTheEnterprisesProjectsOnceAWaitingChangeIsSentOnAndItsGracePeriodIsOver() throws Exception {
        tax("2025-04-08T10:00");
        role("P-A");
        assertThat(reached()).containsExactly("P-A");

        harness.processBothWatermarks(new Watermark(at("2025-04-09T10:00")));

        assertThat(harness.numKeyedStateEntries()).as("the projects alone").isEqualTo(1);
    }
}
