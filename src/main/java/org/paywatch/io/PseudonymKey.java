package org.paywatch.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.paywatch.domain.ConfigurationProblem;

/** The secret of the ID-card and bank-card pseudonyms: from the environment, or from a key file. */
public final class PseudonymKey {
    public static final String ENV = "PAYWATCH_HMAC_KEY";
    private static final int MIN_BYTES = 16;

    private PseudonymKey() {}

    public static byte[] load(String keyFile) {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            byte[] key = env.trim().getBytes(StandardCharsets.UTF_8);
            if (key.length < MIN_BYTES) {
                throw new ConfigurationProblem(
                        ENV + " is too short: use at least " + MIN_BYTES + " characters of secret");
            }
            return key;
        }
        if (keyFile == null || keyFile.isBlank()) {
            throw new ConfigurationProblem(
                    "no pseudonymisation key: set " + ENV + " or entry.pseudonymKeyFile in the job file");
        }
        Path path = Path.of(keyFile);
        try {
            byte[] key = Files.readAllBytes(path);
            if (key.length < MIN_BYTES) {
                throw new ConfigurationProblem(
                        "the key file " + path + " is too short: it needs at least " + MIN_BYTES + " bytes of secret");
            }
            return key;
        } catch (IOException e) {
            throw new ConfigurationProblem("cannot read the key file " + path
                    + ": create it (e.g. head -c 32 /dev/urandom > " + path + ") or set " + ENV);
        }
    }

    /** Whether a key is configured at all (the environment, or an existing key file). */
    public static boolean configured(String keyFile) {
        String env = System.getenv(ENV);
        return env != null && !env.isBlank() || keyFile != null && Files.exists(Path.of(keyFile));
    }

    /** A fresh random key, for the demo and tests: pseudonyms then hold for that run only. */
    public static byte[] random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
