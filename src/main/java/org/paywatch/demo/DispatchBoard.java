package org.paywatch.demo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.paywatch.dispatch.Channel;
import org.paywatch.dispatch.Notice;
import org.paywatch.dispatch.NoticeStatus;
import org.paywatch.dispatch.Outbox;
import org.paywatch.dispatch.Phones;

/** What the demo's screen shows of dispatch: the count of notices by outcome and the latest messages sent. */
final class DispatchBoard implements Outbox.Listener {
    private static final int LATEST = 5;

    private final Map<NoticeStatus, Integer> outcomes = new EnumMap<>(NoticeStatus.class);
    private final Deque<String> latest = new ArrayDeque<>();

    @Override
    public synchronized void recorded(Notice n) {
        if (n.status().isFinal) {
            outcomes.merge(n.status(), 1, Integer::sum);
        }
        if (n.status() == NoticeStatus.DELIVERED && n.channel() == Channel.SMS) {
            latest.addFirst("→ " + n.unit() + " " + (n.person() == null ? "" : n.person() + " ")
                    + Phones.mask(n.address()) + "：" + n.text().replace('\n', ' '));
            while (latest.size() > LATEST) {
                latest.removeLast();
            }
        }
    }

    synchronized int delivered() {
        return outcomes.getOrDefault(NoticeStatus.DELIVERED, 0);
    }

    synchronized String counts() {
        return NoticeStatus.summary(outcomes);
    }

    synchronized List<String> latest() {
        return new ArrayList<>(latest);
    }
}
