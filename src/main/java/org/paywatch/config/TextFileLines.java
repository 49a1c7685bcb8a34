package org.paywatch.config;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
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
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long number;

    private TextFileLines(InputStream in) throws IOException {
        this.in = in;
        in.mark(3);
        if (!(in.read() == 0xEF && in.read() == 0xBB && in.read() == 0xBF)) {
            in.reset();
        }
    }

    public static TextFileLines open(Path file) throws IOException {
        return new TextFileLines(new BufferedInputStream(Files.newInputStream(file)));
    }

    /** The next line, or null after the last one. */
    public Line next() throws IOException {
        bytes.reset();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b == '\r') {
                in.mark(1);
                if (in.read() != '\n') {
                    in.reset();
                }
                break;
            }
            bytes.write(b);
        }
        if (b == -1 && bytes.size() == 0) {
            return null;
        }
        number++;
        return decoded(number, bytes.toByteArray());
    }

    private Line decoded(long number, byte[] raw) {
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
        return new Line(number, raw, null, String.format("is not UTF-8 text (byte 0x%02X at column %d): save the file as UTF-8",
                raw[source.position()] & 0xFF, column));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
