package org.paywatch.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/** The policy part of a job file: every rule's settings and the routing table. */
public class PolicyConfig implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public Map<String, RuleSettings> rules = new LinkedHashMap<>();
    public ResponsibilityList routing = new ResponsibilityList();
}
