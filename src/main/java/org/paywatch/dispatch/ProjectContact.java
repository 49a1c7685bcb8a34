package org.paywatch.dispatch;

public record ProjectContact(String role, String name, String phone) {}
