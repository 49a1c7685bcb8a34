package org.paywatch.dispatch;

/** How a message reaches its recipient: a text to a mobile number, or JSON posted to a unit's system. */
public enum Channel {
    SMS,
    WEBHOOK
}
