package io.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every example bundle end to end through {@code preflight check} (the real CLI, JSON report) and compares the
 * verdict, the exit code and the exact set of (rule id, subject) findings.
 */
class ScenarioTest {
    static final Path EXAMPLES = Path.of("..", "examples");
    static final String AGENTS = "10.0.2.242 10.0.0.231 10.0.3.6 10.0.6.50 10.0.6.64";

    /**
     * Every example cluster runs DC/OS's own env files (MESOS_DOCKER_STOP_TIMEOUT, MESOS_REGISTRY_STRICT,
     * MESOS_MAX_SLAVE_PING_TIMEOUTS: INFO once each) and, at 2.0.6, its next hop to 2.2.1 crosses Mesos 1.9 -> 1.10,
     * whose upgrade note is a WARNING. Neither changes a verdict.
     */
    static final Set<String> DCOS_DEFAULTS = Set.of("MESOS-FLAG-DCOS-SET MESOS_DOCKER_STOP_TIMEOUT",
            "MESOS-FLAG-DCOS-SET MESOS_REGISTRY_STRICT", "MESOS-FLAG-DCOS-SET MESOS_MAX_SLAVE_PING_TIMEOUTS");
    static final Set<String> HOP_20_22 = union(DCOS_DEFAULTS, Set.of("MESOS-UPGRADE-ORDER 2.0.6 -> 2.2.1"));

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("healthy-2.0", List.of(), "GO", HOP_20_22),
                Arguments.of("leapfrog-1.10", List.of("--target", "1.12.0"), "NO_GO", union(DCOS_DEFAULTS,
                        Set.of("PATH-LEAPFROG 1.10.2 -> 1.12.0", "PATH-EOS 1.10.2 -> 1.12.0",
                                "MESOS-UPGRADE-ORDER 1.10.2 -> 1.11.6", "MESOS-UPGRADE-ORDER 1.11.6 -> 1.12.0"),
                        each("SKEW-AGENT-BEHIND", AGENTS))),
                Arguments.of("missing-master", List.of(), "NO_GO", union(HOP_20_22, Set.of(
                        "MASTER-MISSING 10.0.6.70", "COLLECT-UNVERIFIED 10.0.6.70", "COLLECT-PARTIAL cluster"))),
                Arguments.of("ntp-unsynced", List.of(), "NO_GO", union(HOP_20_22, Set.of(
                        "NODE-NTP-UNSYNCED 10.0.2.242", "NODE-NTP-UNSYNCED 10.0.6.64"))),
                Arguments.of("unsupported-docker", List.of(), "NO_GO", union(HOP_20_22,
                        each("PLATFORM-UNSUPPORTED-TARGET", "10.0.2.242 10.0.0.231 10.0.3.6"),
                        each("PLATFORM-UNSUPPORTED-CURRENT", "10.0.2.242 10.0.0.231 10.0.3.6"))),
                Arguments.of("removed-mesos-flag", List.of(), "NO_GO", union(HOP_20_22, Set.of(
                        "MESOS-FLAG-REMOVED 10.0.0.231", "MESOS-CREDENTIALS-PLAINTEXT 10.0.0.231"))),
                Arguments.of("config-change", List.of("--target-config",
                        EXAMPLES.resolve("configs/config-change.yaml").toString()), "NO_GO", union(HOP_20_22, Set.of(
                        "CONFIG-CHANGED-DURING-UPGRADE config.yaml:master_list",
                        "CONFIG-CHANGED-DURING-UPGRADE config.yaml:security",
                        "CONFIG-SECURITY-MODE-CHANGE config.yaml:security",
                        "MASTER-LIST-CHANGED masters"))),
                Arguments.of("invalid-constraint", List.of(), "NO_GO", union(HOP_20_22, Set.of(
                        "APP-CONSTRAINT-INVALID /nginx-canary"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void bundleGivesItsDocumentedVerdictAndFindings(String bundle, List<String> extra, String verdict,
                                                    Set<String> expected) throws Exception {
        List<String> args = new ArrayList<>(List.of("check", "--bundle",
                EXAMPLES.resolve("bundles").resolve(bundle).toString(), "--format", "json"));
        args.addAll(extra);
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals("", run.err(), "stderr");
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals(verdict, report.get("verdict").asText());
        assertEquals("GO".equals(verdict) ? 0 : 1, run.exit());
        assertEquals(1, report.get("schemaVersion").asInt());
        Set<String> actual = new TreeSet<>();
        for (JsonNode f : report.get("findings")) actual.add(f.get("ruleId").asText() + " " + f.get("subject").asText());
        assertEquals(new TreeSet<>(expected), actual);
        assertEquals(8, report.at("/coverage/nodesExpected").asInt());
        assertTrue(Files.isDirectory(EXAMPLES.resolve("bundles").resolve(bundle)));
    }

    static Set<String> each(String id, String subjects) {
        Set<String> s = new TreeSet<>();
        for (String subject : subjects.split(" ")) s.add(id + " " + subject);
        return s;
    }

    @SafeVarargs
    static Set<String> union(Set<String>... sets) {
        Set<String> s = new TreeSet<>();
        for (Set<String> x : sets) s.addAll(x);
        return s;
    }
}
