package org.paywatch.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.paywatch.domain.AlertEvent;
import org.paywatch.domain.Feed;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.Rejection;
import org.paywatch.domain.RejectionCause;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.BusinessCalendar;
import org.paywatch.policy.PolicyConfig;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.ProjectSupervision;
import org.paywatch.policy.ResponsibilityList;
import org.paywatch.policy.RuleCatalog;

/**
 * The keyed project monitor: holds each project's book, its alert memory and its timers and lets
 * {@link ProjectSupervision} decide everything. Records are applied in event-time order as the
 * watermark passes them, so that records and deadlines interleave as they happened (a deposit one
 * second before midnight, read late, prevents the alert rather than clearing it). A daily event-time timer at midnight (Asia/Shanghai)
 * re-assesses the day-counted deadlines and writes the daily risk snapshot, so deadlines pass even
 * when the project's feeds are silent. Records for a project not registered yet wait for the grace
 * period. Late records are applied, never dropped: the book is a ledger.
 */
public class ProjectMonitor extends KeyedProcessFunction<String, FeedEvent, AlertEvent>
        implements CheckpointedFunction {
    private final PolicyConfig policy;
    private final long graceMillis;
    private final long timeLimit;
    private final long settledHistoryDays;

    private transient ProjectSupervision supervision;
    private transient ValueState<ProjectBook> book;
    private transient ValueState<AlertMemory> alerts;
    private transient AwaitingRegistry awaiting;
    /**
     * Records ahead of the watermark, by project (the subtask's keys). Held on the heap, not in keyed state, and
     * written to operator state at checkpoints: a keyed map entry and a timer per record were a quarter of the
     * monitor's time. A project has one timer at its earliest record, not one per record.
     */
    private transient Map<String, PendingRecords> pending;

    private transient ListState<FeedEvent> pendingAtCheckpoint;

    private transient RecordCounts counts;

    /**
     * @param timeLimit the as-of instant of a replay (no timer fires after it), or Long.MAX_VALUE live
     * @param settledHistoryDays how long settled pay periods stay in a project's book
     */
    public ProjectMonitor(PolicyConfig policy, long graceMillis, long timeLimit, long settledHistoryDays) {
        this.policy = policy;
        this.graceMillis = graceMillis;
        this.timeLimit = timeLimit;
        this.settledHistoryDays = settledHistoryDays;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        counts = RecordCounts.restore(context, getRuntimeContext());
        pending = new HashMap<>();
        // Union state: after rescaling, each subtask keeps the records of its own key groups (keyed by project id).
        pendingAtCheckpoint = context.getOperatorStateStore().getUnionListState(Descriptors.pendingRecords());
        if (context.isRestored()) {
            TaskInfo task = getRuntimeContext().getTaskInfo();
            for (FeedEvent e : pendingAtCheckpoint.get()) {
                int subtask = KeyGroupRangeAssignment.assignKeyToParallelOperator(
                        e.projectId, task.getMaxNumberOfParallelSubtasks(), task.getNumberOfParallelSubtasks());
                if (subtask == task.getIndexOfThisSubtask()) {
                    pending.computeIfAbsent(e.projectId, k -> new PendingRecords())
                            .add(e);
                }
            }
        }
    }

    @Override
    public void open(OpenContext openContext) {
        ResponsibilityList routing = policy.routing;
        supervision = new ProjectSupervision(RuleCatalog.from(policy), routing);
        book = getRuntimeContext().getState(Descriptors.projectBook());
        alerts = getRuntimeContext().getState(Descriptors.alertMemory());
        awaiting = new AwaitingRegistry(getRuntimeContext(), Descriptors.awaitingProject(), graceMillis, timeLimit);
        counts.open();
    }

    /** How many records wait for the watermark on this subtask. */
    int recordsAhead() {
        int n = 0;
        for (PendingRecords p : pending.values()) {
            n += p.size();
        }
        return n;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        counts.snapshot();
        List<FeedEvent> all = new ArrayList<>();
        for (PendingRecords p : pending.values()) {
            p.forEach(all::add);
        }
        pendingAtCheckpoint.update(all);
    }

    @Override
    public void processElement(FeedEvent e, Context ctx, Collector<AlertEvent> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (e.eventTime() > watermark) {
            // Applied when the watermark passes it, in event-time order with the deadlines around it.
            String project = ctx.getCurrentKey();
            PendingRecords ahead = pending.get(project);
            if (ahead == null) {
                ahead = new PendingRecords();
                pending.put(project, ahead);
            }
            if (ahead.add(e)) {
                ctx.timerService().registerEventTimeTimer(e.eventTime());
            }
            countWaiting(e, +1);
        } else {
            count(Outcome.LATE, e);
            process(List.of(e), watermark, ctx, out); // late: applied now, never dropped
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertEvent> out) throws Exception {
        PendingRecords ahead = pending.get(ctx.getCurrentKey());
        applyDue(ahead, timestamp, ctx, out);
        List<FeedEvent> givenUp = awaiting.expire(timestamp);
        for (FeedEvent e : givenUp) {
            if (e.feed == Feed.TAX) {
                continue; // counted where it fanned out to projects
            }
            countWaiting(e, -1);
            counts.deadLettered(e.feed, RejectionCause.UNREGISTERED);
            ctx.output(
                    Descriptors.REJECTED,
                    Rejection.of(
                            e.origin,
                            RejectionCause.UNREGISTERED,
                            "project " + ctx.getCurrentKey() + " was not registered " + awaiting.givenUpBy(e),
                            e.eventTime()));
        }
        ProjectBook b = book.value();
        if (b != null && timestamp == BusinessCalendar.startOfDay(BusinessCalendar.date(timestamp))) {
            AlertMemory memory = memory();
            List<AlertEvent> transitions = supervision.review(b, memory, timestamp);
            emit(b, memory, transitions, timestamp, ctx, out, true);
            b.forgetSettledBefore(BusinessCalendar.date(timestamp).minusDays(settledHistoryDays), policy.wages, memory);
            book.update(b);
            remember(memory, transitions);
            scheduleReview(timestamp, ctx);
        }
        if (ahead != null) {
            if (b != null) { // the review neither creates nor removes the book (and on RocksDB a read costs the book)
                // A registered project's only deadline before the next midnight is that midnight's review (records
                // of a project still waiting for its registration also wait for their give-up timers, one by one).
                long upTo =
                        Math.min(ctx.timerService().currentWatermark(), BusinessCalendar.nextMidnight(timestamp) - 1);
                applyDue(ahead, upTo, ctx, out);
            }
            if (ahead.isEmpty()) {
                pending.remove(ctx.getCurrentKey());
            } else {
                ctx.timerService().registerEventTimeTimer(ahead.earliest());
            }
        }
    }

    /** Applies the project's records up to {@code upTo}, one instant at a time. */
    private void applyDue(PendingRecords ahead, long upTo, Context ctx, Collector<AlertEvent> out) throws Exception {
        if (ahead == null) {
            return;
        }
        for (List<FeedEvent> due = ahead.takeInstant(upTo); !due.isEmpty(); due = ahead.takeInstant(upTo)) {
            long instant = due.get(0).eventTime();
            for (FeedEvent e : due) {
                countWaiting(e, -1);
            }
            process(due, instant, ctx, out);
        }
    }

    /** Applies records of one instant together; before its registration a project's records wait. */
    private void process(List<FeedEvent> events, long now, Context ctx, Collector<AlertEvent> out) throws Exception {
        ProjectBook b = book.value();
        List<FeedEvent> batch = new ArrayList<>(events);
        if (b == null) {
            if (events.stream().noneMatch(e -> e.feed == Feed.PROJECTS)) {
                for (FeedEvent e : events) {
                    awaiting.hold(e, ctx.timerService());
                }
                countWaiting(events, +1);
                return;
            }
            b = new ProjectBook();
            List<FeedEvent> released = awaiting.release();
            countWaiting(released, -1);
            batch.addAll(released);
        }
        for (FeedEvent e : batch) {
            count(Outcome.APPLIED, e);
        }
        AlertMemory memory = memory();
        List<AlertEvent> transitions = supervision.apply(b, memory, batch, now);
        emit(b, memory, transitions, now, ctx, out, false);
        book.update(b);
        remember(memory, transitions);
        scheduleReview(now, ctx);
    }

    private AlertMemory memory() throws Exception {
        AlertMemory memory = alerts.value();
        return memory == null ? new AlertMemory() : memory;
    }

    /**
     * The lifecycle changes the memory only where it emits a transition, so a clock-in that changes no alert writes
     * nothing; a project with nothing to remember keeps no alert memory in state.
     */
    private void remember(AlertMemory memory, List<AlertEvent> transitions) throws Exception {
        if (transitions.isEmpty()) {
            return;
        }
        if (memory.isEmpty()) {
            alerts.clear();
        } else {
            alerts.update(memory);
        }
    }

    private void emit(
            ProjectBook b,
            AlertMemory memory,
            List<AlertEvent> transitions,
            long now,
            Context ctx,
            Collector<AlertEvent> out,
            boolean daily) {
        transitions.forEach(out::collect);
        if (daily || !transitions.isEmpty()) {
            ctx.output(Descriptors.SNAPSHOTS, supervision.snapshot(b, memory, now));
        }
    }

    /** Tax changes are counted where they fan out to projects, not in each project they reach. */
    private void countWaiting(List<FeedEvent> events, int change) {
        for (FeedEvent e : events) {
            countWaiting(e, change);
        }
    }

    private void countWaiting(FeedEvent e, int change) {
        if (e.feed != Feed.TAX) {
            counts.waiting(e.feed, change);
        }
    }

    /** Tax changes are counted once, where they fan out to projects, not in each project they reach. */
    private void count(Outcome outcome, FeedEvent e) {
        if (e.feed != Feed.TAX) {
            counts.add(outcome, e.feed);
        }
    }

    private void scheduleReview(long now, Context ctx) {
        long next = BusinessCalendar.nextMidnight(now);
        // A replay's days run to its as-of for every project, whether or not its feeds
        // have records that late; live, the end of a bounded input (a test's) brings
        // the final watermark: one last review, not one per day to the end of time.
        boolean daysRemain = timeLimit < Long.MAX_VALUE || ctx.timerService().currentWatermark() < Long.MAX_VALUE;
        if (next <= timeLimit && daysRemain) {
            ctx.timerService().registerEventTimeTimer(next);
        }
    }
}
