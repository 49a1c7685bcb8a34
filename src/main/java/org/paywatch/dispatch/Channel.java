package org.paywatch.dispatch;

/** How a contact is told. */
public enum Channel { SMS, WEBHOOK }
