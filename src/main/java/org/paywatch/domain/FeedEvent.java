package org.paywatch.domain;

/**
 * One input record after entry: exactly one of the payload fields is set, according to {@link #feed}.
 * Personal numbers in it are already pseudonymised. {@link #projectId} is the project the record
 * concerns, once known (bank and tax records learn it from the registry).
 */
public class FeedEvent {
    public Feed feed;
    public Origin origin;
    public String projectId;

    public Project project;
    public WorkerRegistration worker;
    public ProgressReport progress;
    public BankTransaction bank;
    public ClockIn clockIn;
    public TaxChange tax;

    public static FeedEvent of(Origin origin, Object payload) {
        FeedEvent e = new FeedEvent();
        e.origin = origin;
        if (payload instanceof Project p) {
            e.feed = Feed.PROJECTS;
            e.project = p;
            e.projectId = p.projectId;
        } else if (payload instanceof WorkerRegistration w) {
            e.feed = Feed.WORKERS;
            e.worker = w;
            e.projectId = w.projectId;
        } else if (payload instanceof ProgressReport r) {
            e.feed = Feed.PROGRESS;
            e.progress = r;
            e.projectId = r.projectId;
        } else if (payload instanceof BankTransaction b) {
            e.feed = Feed.BANK;
            e.bank = b;
        } else if (payload instanceof ClockIn c) {
            e.feed = Feed.CLOCKINS;
            e.clockIn = c;
            e.projectId = c.projectId;
        } else if (payload instanceof TaxChange t) {
            e.feed = Feed.TAX;
            e.tax = t;
        } else {
            throw new IllegalArgumentException("not a feed record: " + payload);
        }
        return e;
    }

    /** Business time of the record: when it took effect or was booked. */
    public long eventTime() {
        return switch (feed) {
            case PROJECTS -> project.updatedAt;
            case WORKERS -> worker.updatedAt;
            case PROGRESS -> progress.reportedAt;
            case BANK -> bank.eventTime;
            case CLOCKINS -> clockIn.eventTime;
            case TAX -> tax.eventTime;
        };
    }

    /** A copy addressed to the given project (a tax change reaches every project of its enterprise). */
    public FeedEvent forProject(String id) {
        FeedEvent e = new FeedEvent();
        e.feed = feed;
        e.origin = origin;
        e.projectId = id;
        e.project = project;
        e.worker = worker;
        e.progress = progress;
        e.bank = bank;
        e.clockIn = clockIn;
        e.tax = tax;
        return e;
    }
}
