package org.paywatch.domain;

/** The six input feeds of CONTRACTS.md, with their default Kafka topics. */
public enum Feed {
    PROJECTS("paywatch.registry.projects", "projects.jsonl"),
    WORKERS("paywatch.registry.workers", "workers.jsonl"),
    PROGRESS("paywatch.registry.progress", "progress.jsonl"),
    BANK("paywatch.bank.transactions", "bank.jsonl"),
    CLOCKINS("paywatch.attendance.clockins", "clockins.jsonl"),
    TAX("paywatch.tax.changes", "tax.jsonl");

    public final String defaultTopic;
    public final String replayFile;

    Feed(String defaultTopic, String replayFile) {
        this.defaultTopic = defaultTopic;
        this.replayFile = replayFile;
    }
}
