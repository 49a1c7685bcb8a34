package org.paywatch.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.paywatch.policy.rules.AccountFrozen;
import org.paywatch.policy.rules.AccountMisuse;
import org.paywatch.policy.rules.LaborCostDepositOverdue;
import org.paywatch.policy.rules.PayrollHeadcountShort;
import org.paywatch.policy.rules.WagesNotPaidMonthly;

/** The rules this build implements, built from their configured settings. New rules are added here. */
public final class RuleCatalog {
    private static final Map<String, Function<RuleSettings, Rule>> IMPLEMENTED = new LinkedHashMap<>();

    static {
        IMPLEMENTED.put(LaborCostDepositOverdue.ID, LaborCostDepositOverdue::new);
        IMPLEMENTED.put(WagesNotPaidMonthly.ID, WagesNotPaidMonthly::new);
        IMPLEMENTED.put(PayrollHeadcountShort.ID, PayrollHeadcountShort::new);
        IMPLEMENTED.put(AccountMisuse.ID, AccountMisuse::new);
        IMPLEMENTED.put(AccountFrozen.ID, AccountFrozen::new);
    }

    private final List<Rule> rules;

    private RuleCatalog(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Every implemented rule must be configured, and every configured rule must be implemented. */
    public static RuleCatalog from(PolicyConfig config) {
        List<Rule> rules = new ArrayList<>();
        for (String id : config.rules.keySet()) {
            if (!IMPLEMENTED.containsKey(id)) {
                throw new PolicyConfigException("rules." + id + " is not a rule this build implements: known are "
                        + String.join(", ", IMPLEMENTED.keySet()));
            }
        }
        for (Map.Entry<String, Function<RuleSettings, Rule>> e : IMPLEMENTED.entrySet()) {
            RuleSettings settings = config.rules.get(e.getKey());
            if (settings == null) {
                throw new PolicyConfigException("rules." + e.getKey() + " is missing: configure its name, basis and thresholds");
            }
            rules.add(e.getValue().apply(settings));
        }
        config.routing.validate();
        return new RuleCatalog(rules);
    }

    public List<Rule> rules() {
        return rules;
    }
}
