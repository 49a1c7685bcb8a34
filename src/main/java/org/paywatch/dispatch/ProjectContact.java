package org.paywatch.dispatch;

/** A person the project registered to be told: role LABOR_MANAGER, CONSTRUCTION_UNIT or GENERAL_CONTRACTOR. */
public record ProjectContact(
        String role /* LABOR_MANAGER | CONSTRUCTION_UNIT | GENERAL_CONTRACTOR */, String name, String phone) {}
