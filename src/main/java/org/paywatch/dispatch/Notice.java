package org.paywatch.dispatch;

/**
 * One (alert transition, recipient) in the ledger, or one message sent for several of them (a digest).
 *
 * @param key       the idempotency key: derived from the alert transition and the contact, the same on every run
 * @param digestKey the digest that carried it (DIGESTED), or null
 * @param dueAt     business time at which a HELD notice goes out; 0 otherwise
 * @param at        business time of the last change
 */
public record Notice(
        String key,
        String alertId,
        String transition,
        String level,
        String projectId,
        String ruleId,
        long eventTime,
        String unit,
        String person,
        Channel channel,
        String address,
        String text,
        NoticeStatus status,
        String reason,
        int attempts,
        long dueAt,
        String digestKey,
        long at) {

    public Notice with(NoticeStatus newStatus, String newReason, long newAt) {
        return new Notice(
                key,
                alertId,
                transition,
                level,
                projectId,
                ruleId,
                eventTime,
                unit,
                person,
                channel,
                address,
                text,
                newStatus,
                newReason,
                attempts,
                dueAt,
                digestKey,
                newAt);
    }

    public Notice sent(NoticeStatus outcome, String outcomeReason, int tries, long newAt) {
        return new Notice(
                key,
                alertId,
                transition,
                level,
                projectId,
                ruleId,
                eventTime,
                unit,
                person,
                channel,
                address,
                text,
                outcome,
                outcomeReason,
                tries,
                0,
                digestKey,
                newAt);
    }

    public Notice inDigest(String digest, long newAt) {
        return new Notice(
                key,
                alertId,
                transition,
                level,
                projectId,
                ruleId,
                eventTime,
                unit,
                person,
                channel,
                address,
                text,
                NoticeStatus.DIGESTED,
                "并入汇总短信 " + digest.substring(0, 8),
                attempts,
                0,
                digest,
                newAt);
    }

    public boolean isDigest() {
        return alertId == null;
    }
}
