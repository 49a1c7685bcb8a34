package org.paywatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.paywatch.domain.ClockIn;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.Origin;
import org.paywatch.domain.Project;

class PendingRecordsTest {
    private static final Comparator<FeedEvent> ORDER =
            Comparator.comparingLong(FeedEvent::eventTime).thenComparing(PendingRecords.IN_ORDER);

    private final PendingRecords pending = new PendingRecords();

    private static FeedEvent clockIn(long at, long offset) {
        ClockIn c = new ClockIn();
        c.eventTime = at;
        return FeedEvent.of(new Origin("clockins", 0, offset), c);
    }

    private static FeedEvent registration(long at, long offset) {
        Project p = new Project();
        p.updatedAt = at;
        return FeedEvent.of(new Origin("projects", 0, offset), p);
    }

    private static List<Long> offsets(List<FeedEvent> records) {
        return records.stream().map(e -> e.origin.offset).toList();
    }

    @Test
    void shouldTakeRecordsByEventTimeWhateverTheOrderTheyArrivedIn() {
        pending.add(clockIn(30, 1));
        pending.add(clockIn(10, 2));
        pending.add(clockIn(20, 3));

        assertThat(offsets(pending.takeInstant(100))).containsExactly(2L);
        assertThat(offsets(pending.takeInstant(100))).containsExactly(3L);
        assertThat(offsets(pending.takeInstant(100))).containsExactly(1L);
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    void shouldTakeTheRecordsOfAnInstantTogetherTheRegistryFirstThenInLogOrder() {
        pending.add(clockIn(10, 7));
        pending.add(clockIn(10, 5));
        pending.add(registration(10, 9));
        pending.add(clockIn(11, 1));

        assertThat(pending.takeInstant(10))
                .extracting(e -> e.origin.topic + ":" + e.origin.offset)
                .containsExactly("projects:9", "clockins:5", "clockins:7");
        assertThat(pending.size()).isEqualTo(1);
    }

    @Test
    void shouldSayWhenARecordBecomesTheEarliestSoThatItsTimeIsWhenTheProjectIsNextDue() {
        assertThat(pending.add(clockIn(20, 1))).isTrue();
        assertThat(pending.add(clockIn(30, 2))).isFalse();
        assertThat(pending.add(clockIn(20, 3))).isFalse();
        assertThat(pending.add(clockIn(10, 4))).isTrue();
        assertThat(pending.earliest()).isEqualTo(10);
    }

    @Test
    void shouldTakeNothingAfterTheLimit() {
        pending.add(clockIn(20, 1));

        assertThat(pending.takeInstant(19)).isEmpty();
        assertThat(pending.size()).isEqualTo(1);
        assertThat(offsets(pending.takeInstant(20))).containsExactly(1L);
    }

    @Test
    void shouldKeepTheOrderWhileRecordsAreTakenFromTheFrontAndAddedAtTheBack() {
        List<Long> taken = new ArrayList<>();
        long offset = 0;
        for (long t = 0; t < 1_000; t++) {
            pending.add(clockIn(t * 2 + 1, offset++));
            pending.add(clockIn(t * 2, offset++)); // a little out of order, as records arrive
            if (t % 3 == 0) {
                for (int i = 0; i < 5; i++) {
                    pending.takeInstant(Long.MAX_VALUE).forEach(e -> taken.add(e.eventTime()));
                }
            }
        }
        while (!pending.isEmpty()) {
            pending.takeInstant(Long.MAX_VALUE).forEach(e -> taken.add(e.eventTime()));
        }

        assertThat(taken).hasSize(2_000).isSorted();
    }

    @Test
    void shouldTakeWhatASortedListWouldGiveHoweverRecordsArriveAndAreTaken() {
        SplittableRandom random = new SplittableRandom(7);
        List<FeedEvent> model = new ArrayList<>();
        long offset = 0;
        for (int step = 0; step < 20_000; step++) {
            if (random.nextInt(3) > 0) {
                long at = random.nextLong(500);
                FeedEvent e = random.nextBoolean() ? clockIn(at, offset++) : registration(at, offset++);
                boolean earliest = model.stream().allMatch(m -> ORDER.compare(e, m) < 0);
                assertThat(pending.add(e)).isEqualTo(earliest);
                model.add(e);
            } else {
                long upTo = random.nextLong(500);
                model.sort(ORDER);
                List<FeedEvent> expected = model.isEmpty() || model.get(0).eventTime() > upTo
                        ? List.of()
                        : model.stream()
                                .filter(m -> m.eventTime() == model.get(0).eventTime())
                                .toList();
                assertThat(pending.takeInstant(upTo)).containsExactlyElementsOf(expected);
                model.removeAll(expected);
            }
            assertThat(pending.size()).isEqualTo(model.size());
        }
    }
}
