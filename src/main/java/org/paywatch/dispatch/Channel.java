package org.paywatch.dispatch;

public enum Channel { SMS, WEBHOOK }
