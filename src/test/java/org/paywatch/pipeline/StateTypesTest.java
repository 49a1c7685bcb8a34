package org.paywatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.junit.jupiter.api.Test;
import org.paywatch.domain.AlertEvent;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.ProjectContact;
import org.paywatch.domain.Received;
import org.paywatch.domain.Rejection;
import org.paywatch.domain.RiskSnapshot;
import org.paywatch.policy.OpenAlert;

/**
 * What the job keeps in state and sends between operators are Flink POJOs: Flink serializes them
 * field by field and lets fields be added later without losing a savepoint (a Kryo blob would not).
 */
class StateTypesTest {
    @Test
    void shouldKeepTheBookAndTheAlertMemoryAsEvolvablePojosOfTheirPrivateFields() {
        for (ValueStateDescriptor<?> state : List.of(Descriptors.projectBook(), Descriptors.alertMemory())) {
            state.initializeSerializerUnlessSet(new ExecutionConfig());
            assertThat(state.getSerializer()).as(state.getName()).isInstanceOf(PojoSerializer.class);
        }
        assertThat(Descriptors.projectBook().getName()).isEqualTo("book");
    }

    @Test
    void shouldTypeAPrivateFieldAsFlinkTypesThePublicFieldOfAPojo() {
        // OpenAlert's fields are public: Flink's own analysis and StatePojo must agree on it field by field.
        assertThat(StatePojo.of(OpenAlert.class)).isEqualTo(TypeInformation.of(OpenAlert.class));
        assertThat(StatePojo.of(Received.class)).isEqualTo(TypeInformation.of(Received.class));
    }

    @Test
    void shouldKeepTheRecordsAsEvolvablePojos() {
        for (Class<?> type : new Class<?>[] {
            FeedEvent.class,
            Received.class,
            Rejection.class,
            AlertEvent.class,
            RiskSnapshot.class,
            AccountBinding.class,
            EnterpriseRole.class,
            ProjectContact.class
        }) {
            assertThat(TypeInformation.of(type)).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
        }
    }
}
