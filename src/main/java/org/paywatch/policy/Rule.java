package org.paywatch.policy;

import java.util.Map;
import org.paywatch.domain.Feed;

/**
 * One rule of RULES.md. A rule is a pure function of the project book and the time: it returns the
 * alerts that are warranted now, by scope; {@link AlertLifecycle} turns the difference with the
 * open alerts into transitions.
 */
public interface Rule {
    RuleInfo info();

    /** Whether a record of this feed can change the rule's findings (otherwise only time can). */
    boolean reactsTo(Feed feed);

    /** The warranted alerts by scope ("" for a project-wide alert); an absent scope is clear. */
    Map<String, Finding> assess(ProjectBook book, long now);
}
