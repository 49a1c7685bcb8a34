package org.paywatch.policy;

/** A policy setting that is missing, unknown or out of range; the message is one sentence for the operator. */
public class PolicyConfigException extends RuntimeException {
    public PolicyConfigException(String message) {
        super(message);
    }
}
