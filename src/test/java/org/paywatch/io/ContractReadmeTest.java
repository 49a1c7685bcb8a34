package org.paywatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.paywatch.config.JobConfigFile;

/** schemas/README.md is what the banks build against: it must say what the schemas and the job file say. */
class ContractReadmeTest {

    @Test
    void shouldBeUpToDateWithTheSchemasTheirHistoryAndTheTopics() throws Exception {
        String generated = ContractReadme.text(JobConfigFile.load(Path.of("jobs/risk-monitor.yaml")).kafka.topics);

        assertThat(Files.readString(Path.of("schemas/README.md")))
                .as("schemas/README.md is out of date: regenerate it with `mvn -B -q package -DskipTests && "
                        + ContractReadme.REGENERATE + "`")
                .isEqualTo(generated);
    }

    @Test
    void shouldPublishEachInputsHeaderTopicAndAnExampleThatDecodes() throws Exception {
        String readme = ContractReadme.text(JobConfigFile.load(Path.of("jobs/risk-monitor.yaml")).kafka.topics);

        assertThat(readme)
                .contains(
                        "## BankTransaction — topic `paywatch.bank.transactions`",
                        "- key: `accountNo`, UTF-8",
                        "v1 (current): fingerprint `fa1c3e038859297b`, header `C3 01 7B 29 59 88 03 3E 1C FA`",
                        "- instants (long timestamp-millis, UTC): `eventTime`",
                        "`a86553bacb0cc2a1` instead of `fa1c3e038859297b`",
                        "## Worker — topic `paywatch.registry.workers`",
                        "- key: `projectId` + \"/\" + `workerId`, UTF-8",
                        "- dates (int, days, Asia/Shanghai): `entryDate`, `exitDate`",
                        "(2025-03-03 is 20150)");
        for (org.paywatch.domain.Feed feed : org.paywatch.domain.Feed.values()) {
            byte[] example = ContractExamples.payload(feed);
            assertThat(readme).contains(ContractExamples.hex(example, 16));
            assertThat(AvroCodec.of(FeedDecoder.contractClass(feed)).decode(example))
                    .isEqualTo(ContractExamples.of(feed));
        }
    }
}
