package org.paywatch.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.paywatch.domain.FeedEvent;

/**
 * Resolves a tax change to every project where the enterprise has a role (construction unit, general
 * contractor, subcontractor), keyed by credit code: each enterprise holds only its own projects. The
 * project monitor decides whether the role still stands and the project is active. A change about an
 * enterprise with no project yet waits for the grace period; after that it concerns no project here
 * and is counted as applied, with nothing to do.
 */
public class EnterpriseDirectory extends KeyedCoProcessFunction<String, FeedEvent, EnterpriseRole, FeedEvent> {
    private final long graceMillis;
    private final long timeLimit;
    private transient MapState<String, Boolean> projects;
    private transient AwaitingRegistry awaiting;
    private transient Outcome.Tally applied;

    public EnterpriseDirectory(long graceMillis, long timeLimit) {
        this.graceMillis = graceMillis;
        this.timeLimit = timeLimit;
    }

    @Override
    public void open(OpenContext openContext) {
        projects = getRuntimeContext().getMapState(new MapStateDescriptor<>("projects", String.class, Boolean.class));
        awaiting = new AwaitingRegistry(getRuntimeContext(), "awaiting-enterprise", graceMillis, timeLimit);
        applied = Outcome.APPLIED.tally(getRuntimeContext());
    }

    @Override
    public void processElement1(FeedEvent tax, Context ctx, Collector<FeedEvent> out) throws Exception {
        List<String> known = projectIds();
        if (known.isEmpty()) {
            awaiting.hold(tax, ctx.timerService());
            return;
        }
        fanOut(tax, known, out);
    }

    @Override
    public void processElement2(EnterpriseRole role, Context ctx, Collector<FeedEvent> out) throws Exception {
        projects.put(role.projectId, true);
        for (FeedEvent e : awaiting.release()) {
            fanOut(e, projectIds(), out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FeedEvent> out) throws Exception {
        for (FeedEvent ignored : awaiting.expire(timestamp)) {
            applied.add();
        }
    }

    private void fanOut(FeedEvent tax, List<String> projectIds, Collector<FeedEvent> out) {
        applied.add();
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
