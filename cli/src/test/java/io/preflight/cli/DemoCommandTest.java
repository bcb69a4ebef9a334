package io.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code preflight demo}: the built-in simulated cluster, checked live over loopback, NO-GO by design. */
@Timeout(value = 45, unit = TimeUnit.SECONDS)
class DemoCommandTest {
    @Test
    void demoChecksTheSimulatedClusterLiveAndFindsTheDesignedFault() throws IOException {
        CliRun run = CliRun.of("demo", "--format", "json", "--gate");
        assertEquals(Main.NO_GO, run.exit(), run.err());
        assertTrue(run.err().startsWith("starting a simulated 8-node DC/OS 2.0.6 cluster on loopback ..."), run.err());
        assertTrue(run.err().contains("probing nodes: 8/8 done, 0 failed"), run.err());

        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals("NO_GO", report.get("verdict").asText());
        assertEquals("demo-dcos-2.0", report.get("cluster").asText());
        assertEquals(8, report.get("coverage").get("nodesExpected").asInt());
        assertEquals(8, report.get("coverage").get("nodesReported").asInt());
        Set<String> findings = new TreeSet<>();
        for (JsonNode f : report.get("findings")) findings.add(f.get("ruleId").asText() + " " + f.get("subject").asText());
        assertEquals(new TreeSet<>(Set.of(
                "NODE-NTP-UNSYNCED 127.0.0.6",
                "MESOS-UPGRADE-ORDER 2.0.6 -> 2.2.1",
                "MESOS-FLAG-DCOS-SET MESOS_DOCKER_STOP_TIMEOUT",
                "MESOS-FLAG-DCOS-SET MESOS_MAX_SLAVE_PING_TIMEOUTS",
                "MESOS-FLAG-DCOS-SET MESOS_REGISTRY_STRICT")), findings);
    }

    @Test
    void anUnknownFormatIsOneLineAndExit2() {
        CliRun run = CliRun.of("demo", "--format", "xml");
        assertEquals(Main.TOOL_ERROR, run.exit());
        assertEquals("preflight: --format: unknown format 'xml' (valid: text, json)\n", run.err().replace("\r\n", "\n"));
        assertEquals("", run.out());
    }

    @Test
    void demoIsNotAGateByDefault() {
        CliRun run = CliRun.of("demo");
        assertEquals(Main.GO, run.exit(), run.err());
        assertTrue(run.out().startsWith("starting a simulated 8-node DC/OS 2.0.6 cluster on loopback ...\nNO-GO  "),
                run.out());
    }
}
