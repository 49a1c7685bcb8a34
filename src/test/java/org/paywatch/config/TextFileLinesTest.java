package org.paywatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A line that is not UTF-8 is one bad line, not a bad file; a BOM, CRLF and CR line ends are how files are saved. */
class TextFileLinesTest {
    private static final Charset GBK = Charset.forName("GBK");

    @TempDir
    Path dir;

    private Path file(byte[]... parts) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.write(p);
        }
        Path f = dir.resolve("bank.jsonl");
        Files.write(f, all.toByteArray());
        return f;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Each line as "number: text" or "number! problem". */
    private static List<String> lines(Path f) throws Exception {
        List<String> seen = new ArrayList<>();
        try (TextFileLines in = TextFileLines.open(f)) {
            for (TextFileLines.Line l = in.next(); l != null; l = in.next()) {
                seen.add(l.isText() ? l.number() + ": " + l.text() : l.number() + "! " + l.problem());
            }
        }
        return seen;
    }

    @Test
    void shouldReportAGbkLineInTheMiddleAndReadTheLinesAroundIt() throws Exception {
        Path f = file(utf8("{\"a\": 1}\n"), "{\"name\": \"工资\"}\n".getBytes(GBK), utf8("{\"name\": \"工资\"}\n"));
        assertThat(lines(f))
                .containsExactly(
                        "1: {\"a\": 1}",
                        "2! is not UTF-8 text (byte 0xB9 at column 11): save the file as UTF-8",
                        "3: {\"name\": \"工资\"}");
    }

    @Test
    void shouldCountTheColumnOfALatin1ByteInCharactersNotBytes() throws Exception {
        Path f = file(utf8("高台 caf"), "é\r\n".getBytes(StandardCharsets.ISO_8859_1), utf8("Zürich"));
        assertThat(lines(f))
                .containsExactly("1! is not UTF-8 text (byte 0xE9 at column 7): save the file as UTF-8", "2: Zürich");
    }

    @Test
    void shouldKeepTheBytesOfALineThatIsNotText() throws Exception {
        byte[] gbk = "工资".getBytes(GBK);
        try (TextFileLines in = TextFileLines.open(file(gbk, utf8("\n")))) {
            assertThat(in.next().bytes()).isEqualTo(gbk);
            assertThat(in.next()).isNull();
        }
    }

    @Test
    void shouldSkipAByteOrderMarkAndReadCrlfAndBlankLines() throws Exception {
        Path f = file(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("{\"a\": 1}\r\n\r\n{\"b\": 2}\r\n"));
        assertThat(lines(f)).containsExactly("1: {\"a\": 1}", "2: ", "3: {\"b\": 2}");
        try (TextFileLines in = TextFileLines.open(f)) {
            assertThat(in.next().bytes()).isEqualTo(utf8("{\"a\": 1}"));
        }
    }

    @Test
    void shouldEndALineAtALoneCarriageReturnAndReadALastLineWithoutLineEnd() throws Exception {
        assertThat(lines(file(utf8("a\rb\n\nc")))).containsExactly("1: a", "2: b", "3: ", "4: c");
    }

    @Test
    void shouldReadNoLineFromAnEmptyFileOrOneWithOnlyAByteOrderMark() throws Exception {
        assertThat(lines(file())).isEmpty();
        assertThat(lines(file(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})))
                .isEmpty();
    }

    @Test
    void shouldReadAFileShorterThanAByteOrderMark() throws Exception {
        assertThat(lines(file(utf8("{")))).containsExactly("1: {");
    }

    @Test
    void shouldReadLinesLongerThanTheReadBufferAndACrlfSplitAcrossTwoReads() throws Exception {
        String longLine = "高台".repeat(40_000); // 240,000 bytes: several reads of the file
        String filler = "x".repeat(65_535); // its CR is the last byte of the first read, its LF the first of the next
        assertThat(lines(file(utf8(filler + "\r\n" + longLine + "\n" + "last"))))
                .containsExactly("1: " + filler, "2: " + longLine, "3: last");
    }
}
