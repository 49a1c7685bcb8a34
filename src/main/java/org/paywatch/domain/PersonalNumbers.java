package org.paywatch.domain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * ID-card and bank-card numbers never leave the entry operator in clear: known fields are replaced
 * by a keyed HMAC pseudonym (stable, so the same worker or account joins across feeds), and the
 * bytes of a dead letter are masked ({@link #maskedPayload}). A project's contacts (names and phone
 * numbers) do not leave it at all.
 */
public final class PersonalNumbers {
    /** A number keeps this many characters at its end when masked, so the sender can tell which it was. */
    private static final int KEPT = 4;
    /** The shortest digit run that could be an account, card or ID-card number. */
    private static final int NUMBER_LENGTH = 8;

    private static final byte MASK = '*';

    private final Mac mac;

    public PersonalNumbers(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("the pseudonymisation key must be at least 16 bytes");
        }
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A worker's or an account's pseudonym as {@link #worker} and {@link #account} make them. */
    public static final java.util.regex.Pattern PSEUDONYM = java.util.regex.Pattern.compile("\\b[WA]-[0-9a-f]{24}\\b");

    /** Pseudonym of an ID-card number, e.g. "W-3f9a…"; upper-cased first so "x" and "X" agree. */
    public String worker(String idCardNo) {
        return idCardNo == null ? null : "W-" + hmac("worker:" + idCardNo.trim().toUpperCase());
    }

    /** Pseudonym of a bank account number, e.g. "A-71c2…". */
    public String account(String accountNo) {
        return accountNo == null ? null : "A-" + hmac("account:" + accountNo.trim());
    }

    /** Replaces every personal number of a decoded record by its pseudonym, in place, and drops a project's contacts. */
    public void pseudonymise(FeedEvent e) {
        for (PersonalField f : PersonalField.of(e.feed)) {
            switch (f.kind) {
                case ACCOUNT -> f.set(e, account(f.get(e)));
                case ID_CARD -> f.set(e, worker(f.get(e)));
                case NAME -> {
                    // not a number: nothing downstream joins on it
                }
                case PHONE -> {
                    // dropped with the contacts below
                }
            }
        }
        if (e.feed == Feed.PROJECTS) {
            // The monitor tells no one itself: the dispatcher reads the contacts from the registry. Names
            // and phones kept here would only sit in state and checkpoints, so none are.
            e.project.contacts = new ArrayList<>();
        }
    }

    private String hmac(String value) {
        byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 12);
    }

    /**
     * The bytes of a dead letter: {@code payload} with its personal data masked, in a new array of
     * the same length (empty for null), so an Avro record still decodes and a JSON line stays JSON.
     *
     * <p>For a record that decoded ({@code decodedOrNull}, before pseudonymisation), each personal
     * field's value is masked wherever it stands, every other byte left as sent (the txnId above all,
     * which the bank needs to find the record): a number, a phone number too, keeps its last 4
     * characters if it has 8 or more (as in bytes that did not decode), a name its first character.
     * If a value cannot be found as it was decoded (a JSON escape other than backslash-u for
     * non-ASCII), every long digit run is masked too, as below.
     *
     * <p>In bytes that did not decode, nothing tells a personal number from another: every run of 8
     * or more digits (an ID card may end in X) keeps only its last 4, and a run that reaches the end
     * of the payload is masked whole, since it may be the head of a longer number cut off.
     */
    public static byte[] maskedPayload(byte[] payload, FeedEvent decodedOrNull) {
        if (payload == null) {
            return new byte[0];
        }
        byte[] masked = payload.clone();
        if (decodedOrNull == null) {
            maskNumberRuns(masked, true);
        } else if (!maskFields(payload, masked, decodedOrNull)) {
            maskNumberRuns(masked, false); // it decoded, so it is whole: no number is cut off at its end
        }
        return masked;
    }

    /** Masks each personal value of {@code e} wherever it stands in {@code payload}; false if one is not there. */
    private static boolean maskFields(byte[] payload, byte[] masked, FeedEvent e) {
        boolean allFound = true;
        for (PersonalField f : PersonalField.of(e.feed)) {
            for (String value : f.values(e)) {
                if (value != null && !value.isEmpty()) {
                    allFound &= maskValue(payload, masked, value, f.kind);
                }
            }
        }
        return allFound;
    }

    private static boolean maskValue(byte[] payload, byte[] masked, String value, Kind kind) {
        boolean found = false;
        for (Spelling s : Spelling.of(value)) {
            int from = kind.keptAtStart(s);
            int to = s.bytes.length - kind.keptAtEnd(s);
            if (from >= to) {
                return true; // nothing of it to hide
            }
            for (int at = indexOf(payload, s.bytes, 0); at >= 0; at = indexOf(payload, s.bytes, at + 1)) {
                // A long value is masked even inside another text (a txnId made from an account number);
                // a short one only where it is a whole string, not a piece of something else.
                if (s.bytes.length >= NUMBER_LENGTH || isWholeString(payload, at, s.bytes.length)) {
                    Arrays.fill(masked, at + from, at + to, MASK);
                    found = true;
                }
            }
        }
        return found;
    }

    /** A JSON string between its quotes, or an Avro string after its length. */
    private static boolean isWholeString(byte[] payload, int at, int length) {
        int end = at + length;
        if (at > 0 && end < payload.length && payload[at - 1] == '"' && payload[end] == '"') {
            return true;
        }
        byte[] avroLength = zigZagVarint(length);
        return at >= avroLength.length
                && Arrays.equals(payload, at - avroLength.length, at, avroLength, 0, avroLength.length);
    }

    /** How Avro writes a string's length: zig-zag, then 7 bits a byte, least significant first. */
    private static byte[] zigZagVarint(long n) {
        long v = (n << 1) ^ (n >> 63);
        ByteArrayOutputStream out = new ByteArrayOutputStream(10);
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        for (int i = from; i <= haystack.length - needle.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Masks every run of {@link #NUMBER_LENGTH} or more digits (a trailing X or x counts, for ID
     * cards) but its last {@link #KEPT} characters; with {@code mayBeCut}, a run reaching the end is
     * masked whole.
     */
    private static void maskNumberRuns(byte[] bytes, boolean mayBeCut) {
        int i = 0;
        while (i < bytes.length) {
            if (!isDigit(bytes[i])) {
                i++;
                continue;
            }
            int start = i;
            while (i < bytes.length && isDigit(bytes[i])) {
                i++;
            }
            if (i == bytes.length && mayBeCut) {
                Arrays.fill(bytes, start, i, MASK);
                return;
            }
            int end = i < bytes.length && isX(bytes[i]) ? i + 1 : i;
            if (end - start >= NUMBER_LENGTH) {
                Arrays.fill(bytes, start, end - KEPT, MASK);
            }
            i = end;
        }
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isX(byte b) {
        return b == 'X' || b == 'x';
    }

    /** What a personal field holds, which decides its pseudonym and its mask. */
    private enum Kind {
        ACCOUNT,
        ID_CARD,
        NAME,
        PHONE;

        /** Bytes of a spelling left in clear at its start: a name's first character. */
        int keptAtStart(Spelling s) {
            return this == NAME ? s.firstCharLength : 0;
        }

        /** Bytes left in clear at its end: a number's last 4 characters, if it has 8 or more. */
        int keptAtEnd(Spelling s) {
            if (this == NAME || s.bytes.length < NUMBER_LENGTH) {
                return 0;
            }
            for (int i = s.bytes.length - KEPT; i < s.bytes.length; i++) {
                if (!isDigit(s.bytes[i]) && !isX(s.bytes[i])) {
                    return 0;
                }
            }
            return KEPT;
        }
    }

    /** The fields of the contract that hold personal data, read from a decoded record. */
    private enum PersonalField {
        PAYROLL_ACCOUNT(
                Feed.PROJECTS, Kind.ACCOUNT, e -> e.project.payrollAccountNo, (e, v) -> e.project.payrollAccountNo = v),
        WORKER(Feed.WORKERS, Kind.ID_CARD, e -> e.worker.workerId, (e, v) -> e.worker.workerId = v),
        CLOCKIN_WORKER(Feed.CLOCKINS, Kind.ID_CARD, e -> e.clockIn.workerId, (e, v) -> e.clockIn.workerId = v),
        ACCOUNT(Feed.BANK, Kind.ACCOUNT, e -> e.bank.accountNo, (e, v) -> e.bank.accountNo = v),
        COUNTERPARTY_ACCOUNT(
                Feed.BANK, Kind.ACCOUNT, e -> e.bank.counterpartyAccountNo, (e, v) -> e.bank.counterpartyAccountNo = v),
        COUNTERPARTY_NAME(Feed.BANK, Kind.NAME, e -> e.bank.counterpartyName, null), // masked, not pseudonymised
        PAYEE(Feed.BANK, Kind.ID_CARD, e -> e.bank.workerId, (e, v) -> e.bank.workerId = v),
        // one value per contact; not pseudonymised: pseudonymise drops the contacts
        CONTACT_NAME(Feed.PROJECTS, Kind.NAME, e -> contacts(e, c -> c.name)),
        CONTACT_PHONE(Feed.PROJECTS, Kind.PHONE, e -> contacts(e, c -> c.phone));

        final Feed feed;
        final Kind kind;
        private final Function<FeedEvent, String> getter;
        private final BiConsumer<FeedEvent, String> setter;
        private final Function<FeedEvent, List<String>> values;

        PersonalField(Feed feed, Kind kind, Function<FeedEvent, String> getter, BiConsumer<FeedEvent, String> setter) {
            this.feed = feed;
            this.kind = kind;
            this.getter = getter;
            this.setter = setter;
            this.values = e -> Collections.singletonList(getter.apply(e));
        }

        /** A field that a record holds once per item of a list. */
        PersonalField(Feed feed, Kind kind, Function<FeedEvent, List<String>> values) {
            this.feed = feed;
            this.kind = kind;
            this.getter = null;
            this.setter = null;
            this.values = values;
        }

        private static List<String> contacts(FeedEvent e, Function<ProjectContact, String> field) {
            return e.project.contacts == null
                    ? List.of()
                    : e.project.contacts.stream().map(field).toList();
        }

        static List<PersonalField> of(Feed feed) {
            List<PersonalField> fields = new ArrayList<>();
            for (PersonalField f : values()) {
                if (f.feed == feed) {
                    fields.add(f);
                }
            }
            return fields;
        }

        String get(FeedEvent e) {
            return getter.apply(e);
        }

        /** Every value of the field in the record, null ones included. */
        List<String> values(FeedEvent e) {
            return values.apply(e);
        }

        void set(FeedEvent e, String value) {
            setter.accept(e, value);
        }
    }

    /**
     * A way a value can stand in a payload: its UTF-8 bytes (Avro, and JSON as we write it), or JSON
     * with every non-ASCII character escaped as backslash-u (as Python's json and PHP write by default),
     * in lower or upper case hex.
     */
    private record Spelling(byte[] bytes, int firstCharLength) {
        static List<Spelling> of(String value) {
            List<Spelling> all = new ArrayList<>();
            for (Spelling s : List.of(spell(value, null), spell(value, "\\u%04x"), spell(value, "\\u%04X"))) {
                if (all.stream().noneMatch(known -> Arrays.equals(known.bytes, s.bytes))) {
                    all.add(s);
                }
            }
            return all;
        }

        private static Spelling spell(String value, String escape) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(value.length() * 3);
            int first = 0;
            for (int i = 0; i < value.length(); ) {
                int codePoint = value.codePointAt(i);
                int units = Character.charCount(codePoint);
                if (escape != null && codePoint > 0x7F) {
                    for (int u = i; u < i + units; u++) {
                        out.writeBytes(
                                String.format(escape, (int) value.charAt(u)).getBytes(StandardCharsets.US_ASCII));
                    }
                } else {
                    out.writeBytes(value.substring(i, i + units).getBytes(StandardCharsets.UTF_8));
                }
                i += units;
                if (first == 0) {
                    first = out.size();
                }
            }
            return new Spelling(out.toByteArray(), first);
        }
    }
}
