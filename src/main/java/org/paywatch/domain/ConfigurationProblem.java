package org.paywatch.domain;

/**
 * Something the person running paywatch must fix — a policy setting missing, unknown or out of range,
 * a bad option, a folder or service that is not there. The message is one sentence naming the problem
 * and the fix; the CLI prints it and exits 2.
 */
public class ConfigurationProblem extends RuntimeException {
    public ConfigurationProblem(String message) {
        super(message);
    }
}
