package org.paywatch.config;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The lines of a UTF-8 text file as people save them: a byte-order mark at the start is skipped, and LF,
 * CRLF or a lone CR ends a line. A line that is not UTF-8 (a GBK or Latin-1 editor somewhere upstream)
 * comes back with the reason instead of failing the whole file, so that a replay rejects that line alone.
 */
public final class TextFileLines implements Closeable {
    /** One line: its number from 1, its bytes without the line end, and its text, or, when it has none, why. */
    public record Line(long number, byte[] bytes, String text, String problem) {
        public boolean isText() {
            return text != null;
        }
    }

    private final InputStream in;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    // A buffer of our own, scanned for line ends: a synchronized read() per byte cost a tenth of a replay's reading.
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private byte[] line = new byte[512];
    private long number;

    private TextFileLines(InputStream in) throws IOException {
        this.in = in;
        while (limit < 3 && fill()) {
            // a byte-order mark is three bytes, which a first read may not give all of
        }
        if (limit >= 3 && buffer[0] == (byte) 0xEF && buffer[1] == (byte) 0xBB && buffer[2] == (byte) 0xBF) {
            position = 3;
        }
    }

    public static TextFileLines open(Path file) throws IOException {
        return new TextFileLines(Files.newInputStream(file));
    }

    /** The next line, or null after the last one. */
    public Line next() throws IOException {
        int length = 0;
        while (true) {
            if (position == limit) {
                position = 0;
                limit = 0;
                if (!fill()) {
                    if (length == 0) {
                        return null;
                    }
                    break;
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            length = append(length, start, position - start);
            if (position < limit) {
                if (buffer[position++] == '\r') {
                    if (position == limit) {
                        position = 0;
                        limit = 0;
                        fill();
                    }
                    if (position < limit && buffer[position] == '\n') {
                        position++;
                    }
                }
                break;
            }
        }
        number++;
        return decoded(number, Arrays.copyOf(line, length));
    }

    /** Reads more after what the buffer holds; false at the end of the file. */
    private boolean fill() throws IOException {
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n <= 0) {
            return false;
        }
        limit += n;
        return true;
    }

    private int append(int length, int from, int count) {
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(buffer, from, line, length, count);
        return length + count;
    }

    private Line decoded(long number, byte[] raw) {
        if (isAscii(raw)) {
            return new Line(number, raw, new String(raw, StandardCharsets.ISO_8859_1), null); // the same text, sooner
        }
        ByteBuffer source = ByteBuffer.wrap(raw);
        CharBuffer text = CharBuffer.allocate(raw.length); // UTF-8 never gives more chars than bytes
        utf8.reset();
        CoderResult result = utf8.decode(source, text, true);
        if (!result.isError()) {
            result = utf8.flush(text);
        }
        text.flip();
        if (!result.isError()) {
            return new Line(number, raw, text.toString(), null);
        }
        // the source stops at the first byte that is not UTF-8, and the text holds everything before it
        int column = Character.codePointCount(text, 0, text.length()) + 1;
        return new Line(
                number,
                raw,
                null,
                String.format(
                        "is not UTF-8 text (byte 0x%02X at column %d): save the file as UTF-8",
                        raw[source.position()] & 0xFF, column));
    }

    private static boolean isAscii(byte[] raw) {
        for (byte b : raw) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
