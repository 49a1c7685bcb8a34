package org.paywatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schemas are a public contract: banks and vendors keep writing with the version they built
 * against. The current schema must read every released version, and every release must be kept.
 */
class SchemaCompatibilityTest {

    private static final Path SCHEMAS = Path.of("schemas");
    private static final Path HISTORY = Path.of("schemas/history");
    private static final Pattern VERSION_FILE = Pattern.compile("v([1-9][0-9]*)\\.avsc");

    static List<String> recordNames() throws IOException {
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(file -> file.endsWith(".avsc"))
                    .map(file -> file.substring(0, file.length() - ".avsc".length()))
                    .sorted()
                    .toList();
        }
    }

    private static String currentText(String name) {
        try {
            return Files.readString(SCHEMAS.resolve(name + ".avsc"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything that stops schemas/<name>.avsc from being released as it is; empty if nothing. */
    private static List<String> releaseProblems(String name, Schema current, List<String> history) {
        List<String> problems = new ArrayList<>();
        for (int v = 1; v <= history.size(); v++) {
            Schema writer = SchemaHistory.parse(history.get(v - 1));
            SchemaCompatibility.SchemaPairCompatibility check =
                    SchemaCompatibility.checkReaderWriterCompatibility(current, writer);
            for (SchemaCompatibility.Incompatibility incompatibility :
                    check.getResult().getIncompatibilities()) {
                problems.add(String.format(
                        "schemas/%s.avsc cannot read data written with schemas/history/%s/v%d.avsc: %s at %s (%s)",
                        name,
                        name,
                        v,
                        incompatibility.getType(),
                        fieldNames(current, incompatibility.getLocation()),
                        incompatibility.getMessage()));
            }
        }
        // Parsing canonical form: what the single-object fingerprint covers. Docs and defaults are
        // not part of it, so editing only those is not a new version.
        String newest = history.isEmpty()
                ? null
                : SchemaNormalization.toParsingForm(SchemaHistory.parse(history.get(history.size() - 1)));
        if (!SchemaNormalization.toParsingForm(current).equals(newest)) {
            problems.add(String.format(
                    "schemas/%s.avsc changed: add it as schemas/history/%s/v%d.avsc", name, name, history.size() + 1));
        }
        return problems;
    }

    /** Avro's JSON pointer into the reader ("/fields/4/type") as field names ("amountFen"). */
    private static String fieldNames(Schema reader, String pointer) {
        List<String> names = new ArrayList<>();
        Schema at = reader;
        String[] steps = pointer.split("/");
        try {
            for (int i = 1; i < steps.length; i++) {
                if (steps[i].equals("fields")) {
                    Schema.Field field = at.getFields().get(Integer.parseInt(steps[++i]));
                    names.add(field.name());
                    at = field.schema();
                } else if (steps[i].equals("items")) {
                    at = at.getElementType();
                } else if (steps[i].equals("values")) {
                    at = at.getValueType();
                } else if (at.getType() == Schema.Type.UNION && steps[i].matches("\\d+")) {
                    at = at.getTypes().get(Integer.parseInt(steps[i]));
                }
            }
        } catch (RuntimeException unexpectedShape) {
            return pointer;
        }
        return names.isEmpty() ? "the record" : "field " + String.join(".", names);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordNames")
    void shouldReadEveryReleasedVersionAndBeTheNewestOne(String name) {
        Schema current = SchemaHistory.parse(currentText(name));

        assertThat(releaseProblems(name, current, SchemaHistory.versions(name))).isEmpty();
    }

    @Test
    void shouldNumberEachHistoryFromV1WithoutGapsSoThatTheCodecFindsEveryVersion() throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> names = recordNames();
        try (Stream<Path> folders = Files.list(HISTORY)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                String name = folder.getFileName().toString();
                if (!names.contains(name)) {
                    problems.add("schemas/history/" + name + "/ has no schemas/" + name + ".avsc");
                }
                List<Integer> numbers = new ArrayList<>();
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.toList()) {
                        Matcher version =
                                VERSION_FILE.matcher(file.getFileName().toString());
                        if (!version.matches()) {
                            problems.add(
                                    "schemas/history/" + name + "/" + file.getFileName() + " is not named vN.avsc");
                            continue;
                        }
                        numbers.add(Integer.parseInt(version.group(1)));
                        String recordName =
                                SchemaHistory.parse(Files.readString(file)).getName();
                        if (!recordName.equals(name)) {
                            problems.add("schemas/history/" + name + "/" + file.getFileName() + " holds " + recordName);
                        }
                    }
                }
                List<Integer> expected =
                        IntStream.rangeClosed(1, numbers.size()).boxed().toList();
                if (!numbers.stream().sorted().toList().equals(expected)) {
                    problems.add(
                            "schemas/history/" + name + "/ must hold v1 … v" + numbers.size() + ", holds " + numbers);
                }
                if (SchemaHistory.versions(name).size() != numbers.size()) {
                    problems.add("schemas/history/" + name + "/ is not all on the classpath");
                }
            }
        }

        assertThat(problems).isEmpty();
    }

    // The check must bite: each of these edits of a released schema is reported.

    @Test
    void shouldReportARenamedField() {
        Schema renamed = SchemaHistory.parse(currentText("BankTransaction").replace("\"amountFen\"", "\"amountYuan\""));

        assertThat(releaseProblems("BankTransaction", renamed, SchemaHistory.versions("BankTransaction")))
                .anySatisfy(problem -> assertThat(problem)
                        .startsWith(
                                "schemas/BankTransaction.avsc cannot read data written with schemas/history/BankTransaction/v1.avsc")
                        .contains("amountYuan"));
    }

    @Test
    void shouldReportAChangedFieldType() {
        String text = currentText("BankTransaction");
        String amount = "{\"name\": \"amountFen\", \"type\": \"long\"";
        assertThat(text).contains(amount);
        Schema retyped = SchemaHistory.parse(text.replace(amount, "{\"name\": \"amountFen\", \"type\": \"string\""));

        assertThat(releaseProblems("BankTransaction", retyped, SchemaHistory.versions("BankTransaction")))
                .anySatisfy(
                        problem -> assertThat(problem).contains("TYPE_MISMATCH").contains("amountFen"));
    }

    @Test
    void shouldReportARemovedEnumSymbol() {
        Schema narrower = SchemaHistory.parse(currentText("ClockIn").replace("[\"IN\", \"OUT\"]", "[\"IN\"]"));

        assertThat(releaseProblems("ClockIn", narrower, SchemaHistory.versions("ClockIn")))
                .anySatisfy(problem -> assertThat(problem).contains("MISSING_ENUM_SYMBOLS"));
    }

    @Test
    void shouldReportANewFieldWithoutADefault() {
        String text = currentText("ClockIn");
        Schema added = SchemaHistory.parse(text.replace(
                "\"fields\": [", "\"fields\": [{\"name\": \"gate\", \"type\": \"string\", \"doc\": \"闸机 / Gate.\"},"));

        assertThat(releaseProblems("ClockIn", added, SchemaHistory.versions("ClockIn")))
                .anySatisfy(problem -> assertThat(problem).contains("READER_FIELD_MISSING_DEFAULT_VALUE"));
    }

    @Test
    void shouldAskForANewVersionWhenACompatibleChangeIsNotYetInHistory() {
        String evolved = currentText("ClockIn")
                .replace(
                        "\"fields\": [",
                        "\"fields\": [{\"name\": \"gate\", \"type\": [\"null\", \"string\"], \"default\": null, \"doc\": \"闸机 / Gate.\"},");
        List<String> history = SchemaHistory.versions("ClockIn");
        List<String> released =
                Stream.concat(history.stream(), Stream.of(evolved)).toList();

        assertThat(releaseProblems("ClockIn", SchemaHistory.parse(evolved), history))
                .containsExactly("schemas/ClockIn.avsc changed: add it as schemas/history/ClockIn/v2.avsc");
        assertThat(releaseProblems("ClockIn", SchemaHistory.parse(evolved), released))
                .isEmpty();
    }

    @Test
    void shouldNotAskForANewVersionWhenOnlyDocsChange() {
        Schema redocumented = SchemaHistory.parse(currentText("ClockIn").replace("考勤设备编号", "考勤机编号"));

        assertThat(releaseProblems("ClockIn", redocumented, SchemaHistory.versions("ClockIn")))
                .isEmpty();
    }

    /** Records and fields whose doc is not both Chinese (Han) and English (ASCII letters). */
    private static List<String> undocumented(Schema schema) {
        List<String> problems = new ArrayList<>();
        collectUndocumented(schema, schema.getName(), problems, new HashSet<>());
        return problems;
    }

    private static void collectUndocumented(Schema schema, String path, List<String> problems, Set<String> seen) {
        switch (schema.getType()) {
            case RECORD:
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                if (!bilingual(schema.getDoc())) {
                    problems.add("record " + schema.getFullName());
                }
                for (Schema.Field field : schema.getFields()) {
                    String fieldPath = path + "." + field.name();
                    if (!bilingual(field.doc())) {
                        problems.add("field " + fieldPath);
                    }
                    collectUndocumented(field.schema(), fieldPath, problems, seen);
                }
                break;
            case UNION:
                schema.getTypes().forEach(branch -> collectUndocumented(branch, path, problems, seen));
                break;
            case ARRAY:
                collectUndocumented(schema.getElementType(), path + "[]", problems, seen);
                break;
            case MAP:
                collectUndocumented(schema.getValueType(), path + "{}", problems, seen);
                break;
            default:
                break;
        }
    }

    private static boolean bilingual(String doc) {
        return doc != null
                && doc.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                && doc.chars().anyMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordNames")
    void shouldDocumentEveryRecordAndFieldInChineseAndEnglish(String name) {
        assertThat(undocumented(SchemaHistory.parse(currentText(name)))).isEmpty();
    }

    @Test
    void shouldReportAFieldDocumentedInOneLanguageOnly() {
        Schema project = SchemaHistory.parse(currentText("Project")
                .replace("\"统一社会信用代码 / Unified social credit code.\"", "\"Unified social credit code.\"")
                .replace("\"企业名称 / Enterprise name.\"", "\"企业名称\""));

        assertThat(undocumented(project))
                .containsExactly("field Project.constructionUnit.creditCode", "field Project.constructionUnit.name");
    }
}
