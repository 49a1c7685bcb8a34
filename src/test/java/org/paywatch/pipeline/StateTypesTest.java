package org.paywatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.CompositeType;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.api.java.typeutils.MapTypeInfo;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.paywatch.domain.AlertEvent;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.ProjectContact;
import org.paywatch.domain.Received;
import org.paywatch.domain.Rejection;
import org.paywatch.domain.RiskSnapshot;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.OpenAlert;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.ProjectFixture;

/**
 * What the job keeps in state and sends between operators are Flink POJOs: Flink serializes them
 * field by field and lets fields be added later without losing a savepoint (a Kryo blob would not).
 */
class StateTypesTest {
    @Test
    void shouldKeepTheBookAndTheAlertMemoryAsEvolvablePojosOfTheirPrivateFields() {
        for (ValueStateDescriptor<?> state : List.of(Descriptors.projectBook(), Descriptors.alertMemory())) {
            state.initializeSerializerUnlessSet(new ExecutionConfig());
            // what a savepoint holds of the serializer, and what evolves its fields on restore
            assertThat(state.getSerializer().snapshotConfiguration())
                    .as(state.getName())
                    .isInstanceOf(PojoSerializerSnapshot.class);
        }
        assertThat(Descriptors.projectBook().getName()).isEqualTo("book");
    }

    @Test
    void shouldReadTheBookByPseudonymAfterARestoreAndAStateCopy() throws Exception {
        ValueStateDescriptor<ProjectBook> state = Descriptors.projectBook();
        state.initializeSerializerUnlessSet(new ExecutionConfig());
        TypeSerializer<ProjectBook> serializer = state.getSerializer();
        ProjectFixture p = new ProjectFixture().crew(2, "2025-04-01", "2025-04-10");
        p.payout("2025-05-10T11:00", "W2", "2025-04", 35_000);
        int w2Days = p.book.attendedDays("2025-04", "W2");

        DataOutputSerializer out = new DataOutputSerializer(1024);
        serializer.serialize(p.book, out);
        ProjectBook restored = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        ProjectBook copied = serializer.copy(restored);

        for (ProjectBook b : List.of(restored, copied)) {
            assertThat(b.attendedWorkers("2025-04")).containsExactly("W1", "W2");
            assertThat(b.paidFen("2025-04", "W2")).isEqualTo(35_000);
            assertThat(b.workers()).containsOnlyKeys("W1", "W2");
        }
        // a worker already on the roster keeps their number: a clock-in after the restore lands on them
        restored.apply(clockIn("W2", "2025-04-11T08:00:00+08:00"));
        assertThat(restored.attendedDays("2025-04", "W2")).isEqualTo(w2Days + 1);
        assertThat(restored.attendedWorkers("2025-04")).containsExactly("W1", "W2");
        assertThat(copied.attendedDays("2025-04", "W2"))
                .as("the copy is the state's own")
                .isEqualTo(w2Days);
    }

    private static FeedEvent clockIn(String workerId, String at) {
        org.paywatch.domain.ClockIn c = new org.paywatch.domain.ClockIn();
        c.projectId = ProjectFixture.PROJECT;
        c.workerId = workerId;
        c.direction = org.paywatch.contract.Direction.IN;
        c.eventTime = java.time.OffsetDateTime.parse(at).toInstant().toEpochMilli();
        return FeedEvent.of(new org.paywatch.domain.Origin("test", 0, 0), c);
    }

    @Test
    void shouldKeepNothingOfTheProjectMonitorsStateInKryo() {
        // DescriptorsTest holds the book, alerts, pending and awaiting-project states to these types.
        assertThat(kryoTypesIn(StatePojo.of(ProjectBook.class), "book")).isEmpty();
        assertThat(kryoTypesIn(StatePojo.of(AlertMemory.class), "alerts")).isEmpty();
        assertThat(kryoTypesIn(Descriptors.projectMonitorRecord(), "record")).isEmpty();
    }

    @Test
    void shouldSendAlertsSnapshotsAndRejectionsBetweenOperatorsWithoutKryo() {
        // Received still carries Flink's GenericType<LocalDate>. FeedEvent travels as FeedEventType, typed as the
        // project monitor's state (FeedEventSerializerTest); the directories' released state keeps it as Flink types
        // it.
        for (Class<?> type : new Class<?>[] {AlertEvent.class, RiskSnapshot.class, Rejection.class}) {
            assertThat(kryoTypesIn(TypeInformation.of(type), type.getSimpleName()))
                    .isEmpty();
        }
    }

    @Test
    void shouldFindAKryoTypeDeepInsideAListInAMap() {
        // The walk must see through maps, lists and POJO fields, or the test above could not fail.
        TypeInformation<?> withKryo = Types.MAP(Types.STRING, Types.LIST(TypeInformation.of(KryoInside.class)));

        assertThat(kryoTypesIn(withKryo, "t")).containsExactly("t.value[].when");
    }

    /** A public POJO with one field that only Kryo can write. */
    public static class KryoInside {
        public String name;
        public Object when;
    }

    /** Where in a type tree Flink would fall back to Kryo (GenericTypeInfo), as paths from the root. */
    private static List<String> kryoTypesIn(TypeInformation<?> type, String path) {
        List<String> found = new ArrayList<>();
        if (type instanceof GenericTypeInfo<?>) {
            found.add(path);
        } else if (type instanceof MapTypeInfo<?, ?> map) {
            found.addAll(kryoTypesIn(map.getKeyTypeInfo(), path + ".key"));
            found.addAll(kryoTypesIn(map.getValueTypeInfo(), path + ".value"));
        } else if (type instanceof ListTypeInfo<?> list) {
            found.addAll(kryoTypesIn(list.getElementTypeInfo(), path + "[]"));
        } else if (type instanceof PojoTypeInfo<?> pojo) {
            for (int i = 0; i < pojo.getArity(); i++) {
                PojoField field = pojo.getPojoFieldAt(i);
                found.addAll(kryoTypesIn(
                        field.getTypeInformation(),
                        path + "." + field.getField().getName()));
            }
        } else if (type instanceof CompositeType<?> composite) {
            for (int i = 0; i < composite.getArity(); i++) {
                found.addAll(kryoTypesIn(composite.getTypeAt(i), path + "." + i));
            }
        }
        return found;
    }

    @Test
    void shouldTypeAPrivateFieldAsFlinkTypesThePublicFieldOfAPojo() {
        // OpenAlert's fields are public: Flink's own analysis and StatePojo must agree on it field by field.
        assertThat(StatePojo.of(OpenAlert.class)).isEqualTo(TypeInformation.of(OpenAlert.class));
        // Received has dates deep inside, which Flink's analysis leaves to Kryo and StatePojo does not.
        assertThat(kryoTypesIn(TypeInformation.of(Received.class), "received")).isNotEmpty();
        assertThat(kryoTypesIn(StatePojo.of(Received.class), "received")).isEmpty();
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
