package io.preflight.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.preflight.facts.*;
import java.nio.file.*;
import java.util.List;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;
import org.junit.jupiter.api.Test;

class DroolsProbeTest {
    @Test
    void recordsWork() throws Exception {
        long t0 = System.nanoTime();
        KnowledgeBuilder kb = KnowledgeBuilderFactory.newKnowledgeBuilder();
        kb.add(ResourceFactory.newClassPathResource("probe/probe.drl"), ResourceType.DRL);
        if (kb.hasErrors()) throw new AssertionError(kb.getErrors().toString());
        KieBase kbase = kb.newKieBase();
        System.out.println("build ms " + (System.nanoTime() - t0) / 1e6);
        KieSession s = kbase.newKieSession();
        FindingSink out = new FindingSink();
        s.setGlobal("out", out);
        s.insert(new TimeSync("a", "src", false, null, null, "chrony", "leap"));
        s.insert(new TimeSync("b", "src", true, null, null, "chrony", "ok"));
        s.insert(new ClusterNode("m1", "s", Role.MASTER, "x"));
        s.insert(new DcosConfig("config.yaml(running)", "s", ConfigScope.RUNNING, null, List.of("m1", "m2", "m3"), "static", null, null, null, null, null));
        s.fireAllRules();
        System.out.println(out.findings());
        assertEquals(2, out.findings().size());
        assertEquals("Node clock is not synchronized", out.findings().stream().filter(f -> f.ruleId().equals("NODE-NTP-UNSYNCED")).findFirst().get().title());
    }
}
