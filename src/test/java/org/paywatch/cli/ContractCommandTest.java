package org.paywatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `paywatch contract`: what a bank's engineer runs against a payload before sending it. */
class ContractCommandTest {
    private static final String BANK = "paywatch.bank.transactions";

    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cl = Paywatch.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void shouldPrintEveryVersionsFingerprintAndHeader() {
        assertThat(run("contract", "fingerprints")).isZero();

        assertThat(out.toString())
                .contains("BankTransaction  v1 current    fa1c3e038859297b   C3 01 7B 29 59 88 03 3E 1C FA");
        assertThat(out.toString().lines().filter(l -> l.startsWith("Project "))).hasSize(2);
    }

    @Test
    void shouldAcceptItsOwnExampleAsHexAndAsBytesNamingTypeVersionAndKey() throws Exception {
        Path hex = dir.resolve("bank.hex");
        Path raw = dir.resolve("bank.bin");
        assertThat(run("contract", "example", "--topic", BANK, "--hex", "--out", hex.toString()))
                .isZero();
        assertThat(run("contract", "example", "--topic", BANK, "--out", raw.toString()))
                .isZero();
        assertThat(Files.readString(hex)).startsWith("C3 01 7B 29 59 88 03 3E 1C FA");

        for (Path payload : new Path[] {hex, raw}) {
            assertThat(run("contract", "check", "--topic", BANK, payload.toString()))
                    .isZero();
            assertThat(out.toString().strip())
                    .isEqualTo("accepted: BankTransaction (v1, single-object encoding), key accountNo=…OUNT");
        }
    }

    @Test
    void shouldRejectJsonInOneLineWithExitCodeOne() throws Exception {
        Path json = Files.writeString(dir.resolve("bank.json"), "{\"txnId\": \"T1\", \"amountFen\": \"1050000\"}\n");

        assertThat(run("contract", "check", "--topic", BANK, json.toString())).isEqualTo(1);
        assertThat(out.toString().strip().lines())
                .containsExactly(
                        "rejected: this is JSON, not Avro: send Avro single-object encoding: C3 01, the schema's "
                                + "8-byte fingerprint little-endian, then the Avro binary (schemas/README.md); JSON lines "
                                + "are read only by `paywatch replay`");
    }

    @Test
    void shouldReadStandardInputAndExplainAPayloadForAnotherTopic() throws Exception {
        Path project = dir.resolve("project.bin");
        run("contract", "example", "--topic", "paywatch.registry.projects", "--out", project.toString());
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(project)));
            assertThat(run("contract", "check", "--topic", BANK, "-")).isEqualTo(1);
        } finally {
            System.setIn(stdin);
        }
        assertThat(out.toString())
                .startsWith("rejected: header C3 01 ")
                .contains("is that of Project v2, not of a BankTransaction");
    }

    @Test
    void shouldRejectATruncatedPayloadNamingTheField() throws Exception {
        Path raw = dir.resolve("bank.bin");
        run("contract", "example", "--topic", BANK, "--out", raw.toString());
        byte[] whole = Files.readAllBytes(raw);
        Files.write(raw, Arrays.copyOf(whole, whole.length - 2));

        assertThat(run("contract", "check", "--topic", BANK, raw.toString())).isEqualTo(1);
        assertThat(out.toString()).startsWith("rejected: field eventTime: the record is truncated");
    }

    @Test
    void shouldApplyTheJobsContractCheckAfterDecoding() throws Exception {
        Path raw = dir.resolve("negative.bin");
        byte[] negative = org.paywatch.io.AvroCodec.of(org.paywatch.contract.BankTransaction.class)
                .encode(org.paywatch.contract.BankTransaction.newBuilder((org.paywatch.contract.BankTransaction)
                                org.paywatch.io.ContractExamples.of(org.paywatch.domain.Feed.BANK))
                        .setAmountFen(-1L)
                        .build());
        Files.write(raw, negative);

        assertThat(run("contract", "check", "--topic", BANK, raw.toString())).isEqualTo(1);
        assertThat(out.toString()).startsWith("rejected: ").contains("amountFen");
    }

    @Test
    void shouldListTheInputTopicsWhenTheTopicIsNotOne() {
        assertThat(run("contract", "example", "--topic", "paywatch.bank", "--hex"))
                .isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("paywatch contract example: --topic paywatch.bank is not an input topic: use one of "
                        + "paywatch.registry.projects, paywatch.registry.workers, paywatch.registry.progress, "
                        + "paywatch.bank.transactions, paywatch.attendance.clockins, paywatch.tax.changes");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void shouldPrintTheCommittedSchemasReadme() throws Exception {
        assertThat(run("contract", "readme")).isZero();
        assertThat(out.toString()).isEqualTo(Files.readString(Path.of("schemas/README.md"), StandardCharsets.UTF_8));
    }
}
