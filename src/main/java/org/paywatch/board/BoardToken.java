package org.paywatch.board;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.paywatch.domain.ConfigurationProblem;

/** The secret a board exposed beyond this machine asks of every request: the first line of --token-file. */
public final class BoardToken {
    private final byte[] digest;

    private BoardToken(String token) {
        this.digest = sha256(token);
    }

    public static BoardToken fromFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationProblem("--token-file " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + "): give a file whose first line is the board's secret token");
        }
        String token = lines.isEmpty() ? "" : lines.get(0).strip();
        if (token.isEmpty()) {
            throw new ConfigurationProblem(
                    "--token-file " + file + " has no token on its first line: write a secret token there, "
                            + "e.g. the output of `openssl rand -hex 24`");
        }
        return new BoardToken(token);
    }

    /** Compared as digests in constant time, so the time of a refusal tells nothing about the token. */
    boolean admits(String candidate) {
        return candidate != null && MessageDigest.isEqual(digest, sha256(candidate));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
