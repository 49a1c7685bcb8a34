package org.paywatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.domain.ContractCheck;
import org.paywatch.domain.Feed;
import org.paywatch.domain.Origin;
import org.paywatch.domain.Received;
import org.paywatch.io.AvroCodec;
import org.paywatch.io.ContractExamples;
import org.paywatch.io.ContractFingerprints;
import org.paywatch.io.ContractReadme;
import org.paywatch.io.ContractViolation;
import org.paywatch.io.FeedDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `paywatch contract`: the data contract for a producer's engineer: fingerprints, a payload checked, an example. */
@Command(
        name = "contract",
        mixinStandardHelpOptions = true,
        description =
                "The data contract for producers: fingerprints, checking a payload as the job would, an example payload.",
        subcommands = {
            ContractCommand.Fingerprints.class,
            ContractCommand.Check.class,
            ContractCommand.Example.class,
            ContractCommand.Readme.class
        })
public final class ContractCommand {

    /** The job file whose topics are meant. */
    static class JobFile {
        @Option(
                names = "--config",
                paramLabel = "FILE",
                defaultValue = "jobs/risk-monitor.yaml",
                description = "the job file naming the topics (default: ${DEFAULT-VALUE})")
        Path config;

        JobConfig load() {
            return JobConfigFile.load(config);
        }
    }

    @Command(
            name = "fingerprints",
            mixinStandardHelpOptions = true,
            description = "Print every record version with its CRC-64-AVRO fingerprint and the 10-byte header to send.")
    static final class Fingerprints implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-16s %-13s %-18s %s%n", "record", "version", "fingerprint", "header (hex)");
            for (ContractFingerprints.Version v : ContractFingerprints.all()) {
                out.printf(
                        "%-16s %-13s %-18s %s%n",
                        v.recordName(), v.label() + (v.current() ? " current" : ""), v.fingerprintHex(), v.header());
            }
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description =
                    "Decode a payload exactly as the job does and say in one line whether it is accepted, and why not. "
                            + "Exit 0 when accepted, 1 when rejected.")
    static final class Check implements Callable<Integer> {
        @Option(
                names = "--topic",
                required = true,
                paramLabel = "TOPIC",
                description = "the input topic the payload is for")
        String topic;

        @Parameters(paramLabel = "FILE", description = "the payload, raw bytes or hex text; - for standard input")
        String file;

        @picocli.CommandLine.Mixin
        JobFile job;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            JobConfig config = job.load();
            Feed feed = feedOf(config, topic);
            byte[] payload = payloadFrom(readAll(file));
            long now = System.currentTimeMillis();
            // The live job's path: the source's decoder, then the entry operator's contract check.
            Received received = FeedDecoder.configured(config)
                    .decode(feed, new Origin(topic, 0, 0), payload, now, now, "the wall clock");
            String reason = received.error != null ? received.error : ContractCheck.violation(received.event);
            PrintWriter out = spec.commandLine().getOut();
            if (reason != null) {
                out.println("rejected: " + reason);
                out.flush();
                return 1;
            }
            out.println("accepted: " + describe(feed, payload));
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "example",
            mixinStandardHelpOptions = true,
            description = "Write a valid example payload for a topic (single-object encoding).")
    static final class Example implements Callable<Integer> {
        @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "the input topic")
        String topic;

        @Option(names = "--out", paramLabel = "FILE", description = "write here instead of standard output")
        Path outFile;

        @Option(names = "--hex", description = "write hex text instead of raw bytes")
        boolean hex;

        @picocli.CommandLine.Mixin
        JobFile job;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            byte[] payload = ContractExamples.payload(feedOf(job.load(), topic));
            byte[] written =
                    hex ? (ContractExamples.hex(payload, 16) + "\n").getBytes(StandardCharsets.US_ASCII) : payload;
            if (outFile != null) {
                Files.write(outFile, written);
            } else if (hex) {
                spec.commandLine().getOut().print(new String(written, StandardCharsets.US_ASCII));
                spec.commandLine().getOut().flush();
            } else {
                System.out.write(written);
                System.out.flush();
            }
            return 0;
        }
    }

    @Command(
            name = "readme",
            mixinStandardHelpOptions = true,
            description =
                    "Print schemas/README.md as generated from the schemas, their history and the job file's topics.")
    static final class Readme implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        JobFile job;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.print(ContractReadme.text(job.load().kafka.topics));
            out.flush();
            return 0;
        }
    }

    static Feed feedOf(JobConfig config, String topic) {
        Map<String, Feed> inputs = config.kafka.topics.inputs();
        Feed feed = inputs.get(topic);
        if (feed == null) {
            throw new ConfigurationProblem(
                    "--topic " + topic + " is not an input topic: use one of " + String.join(", ", inputs.keySet()));
        }
        return feed;
    }

    private static byte[] readAll(String file) throws IOException {
        if (file.equals("-")) {
            return System.in.readAllBytes();
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new ConfigurationProblem(file + " is not a file: name the payload file, or - for standard input");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return in.readAllBytes();
        }
    }

    /** Hex text ("C3 01 7B …", any spacing or line breaks, optional 0x) is read as the bytes it spells; else raw. */
    static byte[] payloadFrom(byte[] content) {
        String text = new String(content, StandardCharsets.ISO_8859_1)
                .replace("0x", "")
                .replaceAll("\\s+", "");
        if (text.isEmpty() || text.length() % 2 != 0 || !text.matches("[0-9A-Fa-f]+")) {
            return content;
        }
        byte[] bytes = new byte[text.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    /** Record type, version and key, personal numbers shown by their last four characters only. */
    private static String describe(Feed feed, byte[] payload) {
        Class<? extends org.apache.avro.specific.SpecificRecordBase> type = FeedDecoder.contractClass(feed);
        String recordName = org.apache.avro.specific.SpecificData.getForClass(type)
                .getSchema(type)
                .getName();
        String encoding = "plain Avro binary";
        if (payload.length >= 10 && payload[0] == (byte) 0xC3 && payload[1] == 1) {
            long fingerprint = java.nio.ByteBuffer.wrap(payload, 2, 8)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .getLong();
            encoding = ContractFingerprints.byFingerprint(fingerprint)
                    .map(v -> v.label() + ", single-object encoding")
                    .orElse("single-object encoding");
        }
        SpecificRecord record;
        try {
            record = AvroCodec.of(type).decode(payload);
        } catch (ContractViolation cannotHappenAfterTheJobDecodedIt) {
            return recordName + " (" + encoding + ")";
        }
        List<String> key = new ArrayList<>();
        for (String field : ContractExamples.keyFields(feed)) {
            String value =
                    String.valueOf(record.get(record.getSchema().getField(field).pos()));
            boolean personal = field.equals("workerId") || field.equals("accountNo");
            key.add(field + "=" + (personal ? masked(value) : value));
        }
        return recordName + " (" + encoding + "), key " + String.join(", ", key);
    }

    private static String masked(String number) {
        return number.length() <= 4 ? "****" : "…" + number.substring(number.length() - 4);
    }
}
