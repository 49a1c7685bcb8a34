package org.paywatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.ProjectContact;
import org.paywatch.domain.Received;
import org.paywatch.domain.Rejection;
import org.paywatch.domain.AlertEvent;
import org.paywatch.policy.ProjectBook;
import org.paywatch.domain.RiskSnapshot;

/**
 * What the job keeps in state and sends between operators are Flink POJOs: Flink serializes them
 * field by field and lets fields be added later without losing a savepoint (a Kryo blob would not).
 */
class StateTypesTest {
    @Test
    void shouldKeepTheBookAndTheRecordsAsEvolvablePojos() {
        for (Class<?> type : new Class<?>[] {ProjectBook.class, FeedEvent.class, Received.class, Rejection.class,
                AlertEvent.class, RiskSnapshot.class, AccountBinding.class, EnterpriseRole.class,
                ProjectContact.class}) {
            assertThat(TypeInformation.of(type)).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
        }
    }
}
