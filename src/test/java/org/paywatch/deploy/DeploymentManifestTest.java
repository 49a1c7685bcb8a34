package org.paywatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.pipeline.KafkaRiskMonitor;

/**
 * deploy/ is what a county's platform team applies with kubectl: every operator resource there (the
 * FlinkDeployment, the savepoint's FlinkStateSnapshot) must pass the Flink Kubernetes Operator's CRD schema as
 * the API server applies it (unknown fields refused), the FlinkDeployment must ask Flink 2.2 only for options
 * it has and keep its checkpoints durable and retained. docker-compose.yml runs the same job and must agree
 * with it on where checkpoints go, how the job restarts and where metrics are served.
 */
class DeploymentManifestTest {
    private static final Path DEPLOY = Path.of("deploy");
    private static final Path MANIFEST = DEPLOY.resolve("flink-deployment.yaml");
    private static final Path COMPOSE = Path.of("docker-compose.yml");
    /** Shipped in org.apache.flink:flink-kubernetes-operator-api:1.10.0 (a test dependency). */
    private static final String OPERATOR_CRDS = "META-INF/fabric8/%s.flink.apache.org-v1.yml";

    private static CustomResourceSchema flinkDeploymentSchema;
    private static final Map<String, CustomResourceSchema> OPERATOR_SCHEMAS = new TreeMap<>();
    private static FlinkOptionCatalog flinkOptions;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSchemas() throws Exception {
        for (String plural : List.of("flinkdeployments", "flinkstatesnapshots")) {
            CustomResourceSchema schema =
                    CustomResourceSchema.fromClasspath(OPERATOR_CRDS.formatted(plural), "v1beta1");
            OPERATOR_SCHEMAS.put(schema.kind(), schema);
        }
        flinkDeploymentSchema = OPERATOR_SCHEMAS.get("FlinkDeployment");
        flinkOptions = FlinkOptionCatalog.flinkCore();
    }

    @Test
    void shouldMatchTheOperatorsCrdSchemasAndFlinkOptionsForEveryOperatorResourceInDeploy() throws Exception {
        Map<String, JsonNode> resources = operatorResourcesIn(DEPLOY);
        assertThat(resources).containsKeys(MANIFEST + "#1", DEPLOY.resolve("savepoint.yaml") + "#1");
        assertThat(problemsOf(resources)).isEmpty();
        assertThat(resources
                        .get(DEPLOY.resolve("savepoint.yaml") + "#1")
                        .at("/spec/jobReference/name")
                        .asText())
                .isEqualTo(resources.get(MANIFEST + "#1").at("/metadata/name").asText());
    }

    @Test
    void shouldNameAMisspeltFieldOfAFlinkDeploymentInTheFolder() throws Exception {
        Files.writeString(
                dir.resolve("flink-deployment.yaml"), shippedWith("upgradeMode: savepoint", "upgradeMod: savepoint"));
        assertThat(problemsOf(operatorResourcesIn(dir)))
                .singleElement()
                .asString()
                .contains("#1: spec.job.upgradeMod: unknown field", "known here:", "upgradeMode");
    }

    @Test
    void shouldNameAFieldPutUnderTheWrongParent() throws Exception {
        JsonNode misplaced = parse(shippedWith("  serviceAccount: flink", "  serviceAccount: flink\n  parallelism: 2"));
        assertThat(flinkDeploymentSchema.problems(misplaced))
                .singleElement()
                .asString()
                .startsWith("spec.parallelism: unknown field");
    }

    @Test
    void shouldRefuseAFlinkVersionOutsideTheOperatorsEnum() throws Exception {
        // Why the manifest says v1_20 while the image runs Flink 2.2: operator 1.10 knows no 2.x version.
        JsonNode flink22 = parse(shippedWith("flinkVersion: v1_20", "flinkVersion: v2_2"));
        assertThat(flinkDeploymentSchema.problems(flink22))
                .singleElement()
                .asString()
                .startsWith("spec.flinkVersion: \"v2_2\" is not one of")
                .contains("v1_20");
    }

    @Test
    void shouldRefuseAnUnquotedNumberInTheFlinkConfiguration() throws Exception {
        JsonNode unquoted =
                parse(shippedWith("taskmanager.numberOfTaskSlots: \"2\"", "taskmanager.numberOfTaskSlots: 2"));
        assertThat(flinkDeploymentSchema.problems(unquoted))
                .containsExactly(
                        "spec.flinkConfiguration[taskmanager.numberOfTaskSlots]: expected a string, found 2 (quote it)");
    }

    @Test
    void shouldNameAMisspeltFlinkOptionAnOldNameABadValueAndAMissingReporter() throws Exception {
        String manifest = shippedWith("execution.checkpointing.dir:", "execution.checkpoint.dir:")
                .replace("high-availability.storageDir:", "high-availability.zookeeper.storageDir:")
                .replace("RETAIN_ON_CANCELLATION", "RETAIN_ON_CANCELATION")
                .replace("PrometheusReporterFactory", "PrometheusReporterFactry");
        assertThat(flinkOptions.problems(flinkConfiguration(parse(manifest))))
                .containsExactlyInAnyOrder(
                        "execution.checkpoint.dir is not a Flink 2.2 configuration option (misspelt, or from a module the catalog does not scan)",
                        "high-availability.zookeeper.storageDir is an old name that Flink 2.2 only reads as a fallback: write high-availability.storageDir",
                        "execution.checkpointing.externalized-checkpoint-retention: the value "
                                + "\"RETAIN_ON_CANCELATION\" is not valid: Could not parse value "
                                + "'RETAIN_ON_CANCELATION' for key "
                                + "'execution.checkpointing.externalized-checkpoint-retention'.",
                        "metrics.reporter.prom.factory.class: no class "
                                + "org.apache.flink.metrics.prometheus.PrometheusReporterFactry (Flink's reporters are "
                                + "org.apache.flink.metrics.*.*ReporterFactory)");
    }

    @Test
    void shouldKeepRetainedCheckpointsAndSavepointsOnTheVolumeOfEveryFlinkProcess() throws Exception {
        JsonNode spec = parse(Files.readString(MANIFEST)).get("spec");
        Map<String, String> conf = flinkConfiguration(parse(Files.readString(MANIFEST)));
        assertThat(spec.at("/job/upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(conf)
                .containsEntry("high-availability.type", "kubernetes")
                .containsEntry("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION")
                .doesNotContainKey(
                        "restart-strategy.type") // the job sets job.restarts of its job file, which would win
                .containsEntry("metrics.reporter.prom.port", "9249");
        for (String role : List.of("jobManager", "taskManager")) {
            String volume = mountPathOfClaim(spec.get(role).get("podTemplate"), "paywatch-flink-data");
            for (String key : List.of(
                    "high-availability.storageDir",
                    "execution.checkpointing.dir",
                    "execution.checkpointing.savepoint-dir")) {
                assertThat(conf.get(key))
                        .as(role + " writes " + key + " to its volume")
                        .startsWith("file://" + volume + "/");
            }
        }
        JsonNode key = container(spec.at("/jobManager/podTemplate")).at("/env/0");
        assertThat(key.get("name").asText()).isEqualTo("PAYWATCH_HMAC_KEY");
        assertThat(key.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("paywatch-pseudonym-key");
        assertThat(spec.at("/job/entryClass").asText()).isEqualTo(KafkaRiskMonitor.class.getName());
    }

    @Test
    void shouldConfigureDockerComposeLikeTheFlinkDeployment() throws Exception {
        JsonNode services = YamlDocuments.read(COMPOSE).get(0).get("services");
        Map<String, String> jobManager = flinkProperties(services.get("jobmanager"));
        assertThat(flinkProperties(services.get("taskmanager"))).isEqualTo(jobManager);
        assertThat(flinkOptions.problems(jobManager)).isEmpty();

        Map<String, String> shared = new TreeMap<>();
        flinkConfiguration(parse(Files.readString(MANIFEST))).forEach((key, value) -> {
            if (Stream.of("execution.checkpointing.", "restart-strategy.", "metrics.reporter.")
                    .anyMatch(key::startsWith)) {
                shared.put(key, value.replaceAll("\\s", "")); // as Docker's entrypoint writes FLINK_PROPERTIES
            }
        });
        assertThat(jobManager).containsAllEntriesOf(shared);
        for (String service : List.of("jobmanager", "taskmanager")) {
            assertThat(services.at("/" + service + "/volumes").toString())
                    .as(service)
                    .contains("flink-data:/flink-data");
        }
    }

    /** Every resource of an operator kind in the folder's YAML files, as "file#n" (the n-th document of the file). */
    private static Map<String, JsonNode> operatorResourcesIn(Path folder) throws Exception {
        Map<String, JsonNode> resources = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml"))
                    .sorted()
                    .toList()) {
                List<JsonNode> documents = YamlDocuments.read(file);
                for (int i = 0; i < documents.size(); i++) {
                    if (OPERATOR_SCHEMAS.containsKey(
                            documents.get(i).path("kind").asText())) {
                        resources.put(file + "#" + (i + 1), documents.get(i));
                    }
                }
            }
        }
        return resources;
    }

    private static List<String> problemsOf(Map<String, JsonNode> resources) {
        List<String> problems = new ArrayList<>();
        resources.forEach((where, resource) -> {
            String kind = resource.get("kind").asText();
            OPERATOR_SCHEMAS.get(kind).problems(resource).forEach(p -> problems.add(where + ": " + p));
            if (kind.equals(flinkDeploymentSchema.kind())) {
                flinkOptions.problems(flinkConfiguration(resource)).forEach(p -> problems.add(where + ": " + p));
            }
        });
        return problems;
    }

    private static String shippedWith(String from, String to) throws Exception {
        String manifest = Files.readString(MANIFEST);
        assertThat(manifest).contains(from);
        return manifest.replace(from, to);
    }

    private static JsonNode parse(String yaml) {
        return YamlDocuments.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), MANIFEST.toString())
                .get(0);
    }

    private static Map<String, String> flinkConfiguration(JsonNode deployment) {
        Map<String, String> conf = new TreeMap<>();
        deployment
                .at("/spec/flinkConfiguration")
                .fields()
                .forEachRemaining(e -> conf.put(e.getKey(), e.getValue().asText()));
        return conf;
    }

    /** FLINK_PROPERTIES as the Flink image's entrypoint reads it: one key: value a line, spaces removed. */
    private static Map<String, String> flinkProperties(JsonNode service) {
        Map<String, String> conf = new TreeMap<>();
        for (String line : service.at("/environment/FLINK_PROPERTIES").asText().split("\n")) {
            String property = line.replaceAll("\\s", "");
            if (!property.isEmpty()) {
                int colon = property.indexOf(':');
                conf.put(property.substring(0, colon), property.substring(colon + 1));
            }
        }
        return conf;
    }

    private static JsonNode container(JsonNode podTemplate) {
        for (JsonNode c : podTemplate.at("/spec/containers")) {
            if (c.path("name").asText().equals("flink-main-container")) {
                return c;
            }
        }
        throw new AssertionError("no flink-main-container in " + podTemplate);
    }

    private static String mountPathOfClaim(JsonNode podTemplate, String claim) {
        for (JsonNode volume : podTemplate.at("/spec/volumes")) {
            if (volume.at("/persistentVolumeClaim/claimName").asText().equals(claim)) {
                for (JsonNode mount : container(podTemplate).get("volumeMounts")) {
                    if (mount.get("name").asText().equals(volume.get("name").asText())) {
                        return mount.get("mountPath").asText();
                    }
                }
            }
        }
        throw new AssertionError(
                "the claim " + claim + " is not mounted in the flink-main-container of " + podTemplate);
    }
}
