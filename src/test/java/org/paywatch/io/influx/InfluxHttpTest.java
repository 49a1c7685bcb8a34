package org.paywatch.io.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.local.InfluxServer;

class InfluxHttpTest {

    @TempDir
    static Path dataDir;

    static InfluxServer influx;
    static InfluxHttp http;

    @BeforeAll
    static void startInflux() throws Exception {
        influx = InfluxServer.start(dataDir);
        http = new InfluxHttp(influx.url() + "/");
        http.createDatabase("payroll");
    }

    @AfterAll
    static void stopInflux() {
        influx.close();
    }

    @Test
    void shouldReturnRowsWithTagsOfGroupedSeries() throws Exception {
        http.write("payroll", List.of("wages,project=P-1 amount=100i 1000", "wages,project=P-2 amount=250i 2000"));

        QueryResult result = http.query("payroll", "SELECT sum(amount) FROM wages GROUP BY project");

        assertThat(result.series()).hasSize(2);
        assertThat(result.rows())
                .extracting(row -> row.get("project"), row -> row.get("sum"))
                .containsExactly(Tuple.tuple("P-1", 100L), Tuple.tuple("P-2", 250L));
    }

    @Test
    void shouldCarryTheServersReasonWhenAWriteIsRefused() {
        assertThatThrownBy(() -> http.write("payroll", List.of("not line protocol")))
                .isInstanceOfSatisfying(InfluxResponseException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.serverError()).contains("unable to parse 'not line protocol'");
                    assertThat(e).hasMessageContaining(influx.url());
                });
    }

    @Test
    void shouldFailAQueryThatInfluxAnswersWithAnError() {
        assertThatThrownBy(() -> http.query("no_such_db", "SELECT * FROM wages"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("database not found");
    }
}
