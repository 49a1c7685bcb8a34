package org.paywatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.paywatch.contract.BankTransaction;
import org.paywatch.contract.BankTransactionType;

class ContractFingerprintsTest {

    static java.util.List<ContractFingerprints.Version> versions() {
        return ContractFingerprints.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void shouldWriteTheCanonicalFormExactlyAsAvroDoes(ContractFingerprints.Version version) {
        assertThat(ContractFingerprints.canonicalForm(version.schema(), false))
                .isEqualTo(SchemaNormalization.toParsingForm(version.schema()));
    }

    @Test
    void shouldPublishTheHeaderTheGeneratedClassWrites() throws Exception {
        ByteBuffer written = BankTransaction.newBuilder()
                .setTxnId("T1")
                .setBankCode("ZYRCB")
                .setAccountNo("A1")
                .setType(BankTransactionType.FREEZE)
                .setAmountFen(0L)
                .setEventTime(Instant.EPOCH)
                .build()
                .toByteBuffer();
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            header.append(i == 0 ? "" : " ").append(String.format("%02X", written.get(i)));
        }

        ContractFingerprints.Version current =
                ContractFingerprints.versions("BankTransaction").get(0);
        assertThat(current.current()).isTrue();
        assertThat(current.header()).isEqualTo(header.toString());
    }

    @Test
    void shouldKnowBankTransactionsRightFingerprintAndPythonAvrosWrongOne() {
        ContractFingerprints.Version bank =
                ContractFingerprints.versions("BankTransaction").get(0);

        assertThat(bank.fingerprintHex()).isEqualTo("fa1c3e038859297b");
        assertThat(bank.header()).isEqualTo("C3 01 7B 29 59 88 03 3E 1C FA");
        assertThat(String.format("%016x", ContractFingerprints.mistakenFingerprint(bank.schema())))
                .isEqualTo("a86553bacb0cc2a1");
        assertThat(ContractFingerprints.mistakenFor(0xa86553bacb0cc2a1L)).contains(bank);
    }
}
