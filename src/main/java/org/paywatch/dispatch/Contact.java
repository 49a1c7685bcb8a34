package org.paywatch.dispatch;

/**
 * One person or endpoint to tell: the unit (the alert's recipient name), who, how, where. The address is a
 * mobile number for {@link Channel#SMS} (personal data: print it with {@link Phones#mask}) or a URL for
 * {@link Channel#WEBHOOK}, whose person is "".
 */
public record Contact(String unit, String person, Channel channel, String address) {}
