package org.paywatch.policy.rules;

import java.util.Map;
import org.paywatch.domain.Feed;
import org.paywatch.policy.Finding;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.Rule;
import org.paywatch.policy.RuleInfo;
import org.paywatch.policy.RuleSettings;

/**
 * PW04 专户余额不足 (RULES.md, "Funding"): Balance below the wages accrued and unpaid for closed periods: below 100% YELLOW, below 50% RED; balance / average daily payouts of the last 60 days under 15 days BLUE.
 */
public final class AccountBalanceShortfall implements Rule {
    public static final String ID = "PW04";

    private final RuleInfo info;
    private final double yellowBelowCover;
    private final double redBelowCover;
    private final int forecastWindowDays;
    private final int blueBelowDaysOfPayouts;

    public AccountBalanceShortfall(RuleSettings settings) {
        this.info = settings.info(ID);
        this.yellowBelowCover = settings.threshold(ID, "yellowBelowCover", 0, 10);
        this.redBelowCover = settings.threshold(ID, "redBelowCover", 0, 10);
        this.forecastWindowDays = settings.days(ID, "forecastWindowDays", 1, 366);
        this.blueBelowDaysOfPayouts = settings.days(ID, "blueBelowDaysOfPayouts", 1, 366);
        settings.checkAllRead(ID);
    }

    @Override
    public RuleInfo info() {
        return info;
    }

    @Override
    public boolean reactsTo(Feed feed) {
        return false;
    }

    @Override
    public Map<String, Finding> assess(ProjectBook book, long now) {
        return Map.of(); // not implemented yet
    }
}
