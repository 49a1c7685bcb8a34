package org.paywatch.dispatch;

import java.util.Map;

/**
 * What became of one (alert transition, recipient): the record the bureau keeps. Final statuses are
 * never changed again; HELD and SENDING are the outbox's working states.
 */
public enum NoticeStatus {
    /** Waiting in the recipient's group window, quiet hours or the next day's digest (its reason says which). */
    HELD("待发", false),
    /** Handed to the gateway; a crash here re-sends it with the same idempotency key. */
    SENDING("发送中", false),
    DELIVERED("已送达", true),
    /** A failed attempt that was tried again (an event of the record, not a state). */
    RETRIED("重试", true),
    /** Failed after every attempt; `dispatch --retry-parked` sends it again. */
    PARKED("发送失败已搁置", true),
    /** The recipient has no contact in the directory or the project's registry. */
    UNREACHABLE("无联系方式", true),
    /** The unit does not want this level. */
    NOT_WANTED("按设置不接收该级别", true),
    /** Sent as part of a digest (its digest key says which). */
    DIGESTED("已并入汇总", true),
    /** Cleared again within the debounce window: nothing was sent for either. */
    DEBOUNCED("短时内已消除, 未发送", true),
    /** A RED for the same alert went out instead. */
    SUPERSEDED("已由红色预警替代", true),
    /** Muted by a silence (its reason names it). */
    SILENCED("已静默", true);

    /** How `dispatch log` says it. */
    public final String chinese;

    public final boolean isFinal;

    NoticeStatus(String chinese, boolean isFinal) {
        this.chinese = chinese;
        this.isFinal = isFinal;
    }

    /** The count of each final outcome but retries, as `dispatch` and the demo's screen print it: "delivered=3 parked=0 …". */
    public static String summary(Map<NoticeStatus, Integer> outcomes) {
        StringBuilder s = new StringBuilder();
        for (NoticeStatus st : values()) {
            if (st.isFinal && st != RETRIED) {
                s.append(s.isEmpty() ? "" : " ")
                        .append(st.name().toLowerCase())
                        .append('=')
                        .append(outcomes.getOrDefault(st, 0));
            }
        }
        return s.toString();
    }
}
