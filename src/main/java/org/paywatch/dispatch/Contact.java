package org.paywatch.dispatch;

/** One person or endpoint to tell: the unit (the alert's recipient name), who, how, where. */
public record Contact(String unit, String person, Channel channel, String address) {}
