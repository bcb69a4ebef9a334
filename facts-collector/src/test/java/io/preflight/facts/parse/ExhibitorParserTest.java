package io.preflight.facts.parse;

import static io.preflight.facts.parse.Fixtures.all;
import static io.preflight.facts.parse.Fixtures.bySubject;
import static io.preflight.facts.parse.Fixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.facts.ExhibitorServer;
import io.preflight.facts.Fact;
import io.preflight.facts.Role;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExhibitorParserTest {

    @Test
    void threeServingMastersOneLeader() throws Exception {
        List<Fact> facts = parse(PayloadKind.EXHIBITOR_STATUS, "c", Role.UNKNOWN,
                "exhibitor/cluster-status_3-masters-serving_dcos-docs-troubleshooting.json");
        List<ExhibitorServer> servers = all(facts, ExhibitorServer.class);
        assertEquals(3, servers.size());
        assertTrue(servers.stream().allMatch(s -> s.code() == 3 && s.serving()));
        assertEquals(List.of("10.0.6.68"), servers.stream().filter(ExhibitorServer::leader)
                .map(ExhibitorServer::subject).toList());
        assertFalse(bySubject(facts, ExhibitorServer.class, "10.0.6.70").leader());
    }

    @Test
    void afterRestore() throws Exception {
        List<Fact> facts = parse(PayloadKind.EXHIBITOR_STATUS, "c", Role.UNKNOWN,
                "exhibitor/cluster-status_3-masters-after-zk-restore_dcos-docs-backup-restore.json");
        assertTrue(bySubject(facts, ExhibitorServer.class, "172.31.12.169").leader());
        assertEquals(List.of("172.31.12.169", "172.31.13.255", "172.31.17.144"),
                all(facts, ExhibitorServer.class).stream().map(ExhibitorServer::subject).toList());
    }

    @Test
    void notServingServerAndObjectBody() throws Exception {
        List<Fact> facts = Payloads.parse(PayloadKind.EXHIBITOR_STATUS, "c", Role.UNKNOWN, "s",
                "[{\"code\":1,\"description\":\"Not serving\",\"hostname\":\"10.0.0.3\",\"isLeader\":false}]"
                        .getBytes(StandardCharsets.UTF_8));
        assertFalse(bySubject(facts, ExhibitorServer.class, "10.0.0.3").serving());
        PayloadException e = assertThrows(PayloadException.class, () -> Payloads.parse(PayloadKind.EXHIBITOR_STATUS,
                "c", Role.UNKNOWN, "s", "{\"servers\":[]}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("$: expected an array, got object", e.getMessage());
    }
}
