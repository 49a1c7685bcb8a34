package org.paywatch.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.paywatch.domain.FeedEvent;

/**
 * Resolves a tax change to every project where the enterprise has a role (construction unit, general
 * contractor, subcontractor), keyed by credit code: each enterprise holds only its own projects. The
 * project monitor decides whether the role still stands and the project is active. A change about an
 * enterprise with no project yet waits for the grace period; after that it concerns no project here
 * and is counted as applied, with nothing to do.
 *
 * <p>The registry and the tax feed are two inputs with no order between them: an enterprise's roles on
 * several projects may arrive after a tax change about it, and one by one. So every tax change is kept
 * for the grace period after it arrives, and a project that becomes known for the enterprise within
 * it receives the kept changes too: a change reaches every project of the enterprise whichever
 * arrived first. It is counted once, when it first reaches a project (or when it is given up).
 */
public class EnterpriseDirectory extends KeyedCoProcessFunction<String, FeedEvent, EnterpriseRole, FeedEvent>
        implements CheckpointedFunction {
    private final long graceMillis;
    private final long timeLimit;
    private transient MapState<String, Boolean> projects;
    /** Changes that reached no project yet. */
    private transient AwaitingRegistry awaiting;
    /** Changes that reached the projects known then, kept for the grace period for projects still to come. */
    private transient AwaitingRegistry recent;

    private transient RecordCounts counts;

    public EnterpriseDirectory(long graceMillis, long timeLimit) {
        this.graceMillis = graceMillis;
        this.timeLimit = timeLimit;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        counts = RecordCounts.restore(context, getRuntimeContext());
    }

    @Override
    public void open(OpenContext openContext) {
        projects = getRuntimeContext().getMapState(Descriptors.enterpriseProjects());
        awaiting = new AwaitingRegistry(getRuntimeContext(), Descriptors.awaitingEnterprise(), graceMillis, timeLimit);
        recent = new AwaitingRegistry(getRuntimeContext(), Descriptors.recentTaxChanges(), graceMillis, timeLimit);
        counts.open();
    }

    @Override
    public void processElement1(FeedEvent tax, Context ctx, Collector<FeedEvent> out) throws Exception {
        List<String> known = projectIds();
        if (known.isEmpty()) {
            awaiting.hold(tax, ctx.timerService());
            counts.waiting(tax.feed, +1);
            return;
        }
        fanOut(tax, known, out);
        recent.hold(tax, ctx.timerService());
    }

    @Override
    public void processElement2(EnterpriseRole role, Context ctx, Collector<FeedEvent> out) throws Exception {
        if (projects.contains(role.projectId)) {
            return; // every registry update repeats the roles: the project has had every change already
        }
        projects.put(role.projectId, true);
        for (FeedEvent e : recent.peek()) {
            out.collect(e.forProject(role.projectId)); // counted when it first fanned out
        }
        for (FeedEvent e : awaiting.release()) {
            counts.waiting(e.feed, -1);
            fanOut(e, List.of(role.projectId), out); // nothing waits while a project is known: this is the first
            recent.hold(e, ctx.timerService());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FeedEvent> out) throws Exception {
        for (FeedEvent e : awaiting.expire(timestamp)) {
            counts.waiting(e.feed, -1);
            counts.add(Outcome.APPLIED, e.feed);
        }
        recent.expire(timestamp);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        counts.snapshot();
    }

    private void fanOut(FeedEvent tax, List<String> projectIds, Collector<FeedEvent> out) {
        counts.add(Outcome.APPLIED, tax.feed);
        for (String id : projectIds) {
            out.collect(tax.forProject(id));
        }
    }

    private List<String> projectIds() throws Exception {
        List<String> ids = new ArrayList<>();
        for (String id : projects.keys()) {
            ids.add(id);
        }
        ids.sort(null);
        return ids;
    }
}
