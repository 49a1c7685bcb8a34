package org.paywatch.policy;

/** A rule's stable id, its Chinese name and its basis, as configured in jobs/*.yaml. */
public record RuleInfo(String id, String name, String basis) {}
