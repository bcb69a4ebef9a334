package io.preflight.facts.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.preflight.facts.AppConstraint;
import io.preflight.facts.ClusterNode;
import io.preflight.facts.CollectionProblem;
import io.preflight.facts.DiskSpace;
import io.preflight.facts.DockerDaemon;
import io.preflight.facts.Fact;
import io.preflight.facts.MarathonApp;
import io.preflight.facts.MesosAgent;
import io.preflight.facts.MesosFlagSetting;
import io.preflight.facts.Role;
import io.preflight.facts.TimeSync;
import io.preflight.facts.bundle.Bundle;
import io.preflight.facts.bundle.BundleReader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticClusterTest {
    @TempDir
    Path tmp;

    @Test
    void fiftyNodeBundleReadsBackWithOnlyTheInjectedFaults() throws Exception {
        SyntheticCluster.Generated g = SyntheticCluster.write(tmp.resolve("synthetic-50"), 50, 42);
        Bundle b = BundleReader.read(tmp.resolve("synthetic-50"));
        List<Fact> facts = b.facts();
        SyntheticCluster.Faults f = g.faults();

        assertEquals(50, g.nodes());
        assertEquals(3, g.masters().size());
        assertEquals(47, g.agents().size());
        assertEquals(50, count(facts, ClusterNode.class, n -> true));
        assertEquals(3, count(facts, ClusterNode.class, ClusterNode::isMaster));
        assertEquals(g.publicAgents(), count(facts, ClusterNode.class, n -> n.role() == Role.AGENT_PUBLIC));
        assertEquals(47, count(facts, MesosAgent.class, a -> true));
        assertEquals(g.publicAgents(), count(facts, MesosAgent.class, MesosAgent::publicAgent));
        assertEquals(5, g.apps());
        assertEquals(5, count(facts, MarathonApp.class, a -> true));
        assertEquals(g.constraints(), count(facts, AppConstraint.class, c -> true));

        // the only collection problems are the injected ones
        Set<String> problems = subjects(facts, CollectionProblem.class, p -> true, p -> p.subject() + " " + p.what());
        Set<String> expected = new TreeSet<>();
        for (String h : f.unreachable()) expected.add(h + " ssh-probe");
        for (String h : f.mastersWithoutMetrics()) expected.add(h + " mesos /metrics/snapshot");
        assertEquals(expected, problems);
        assertEquals(f.problems(), count(facts, CollectionProblem.class, p -> true));

        // each injected fault shows in the facts the rules read, and nowhere else
        assertEquals(new TreeSet<>(f.ntpUnsynced()), subjects(facts, TimeSync.class, t -> !t.synced(), Fact::subject));
        assertEquals(new TreeSet<>(f.dockerDown()),
                subjects(facts, DockerDaemon.class, d -> !d.answering(), Fact::subject));
        assertEquals(new TreeSet<>(f.inactiveAgents()),
                subjects(facts, MesosAgent.class, a -> !a.active(), Fact::subject));
        assertEquals(new TreeSet<>(f.lowDisk()),
                subjects(facts, DiskSpace.class, d -> d.freeRatio() < 0.10, Fact::subject));
        assertEquals(new TreeSet<>(f.operatorFlags().keySet()), subjects(facts, MesosFlagSetting.class,
                s -> s.file().equals(SyntheticCluster.OPERATOR_ENV_FILE) && !s.dcosManaged(), Fact::subject));
        assertEquals(new TreeSet<>(f.invalidConstraintApps()),
                subjects(facts, AppConstraint.class, c -> c.problem() != null, Fact::subject));
        assertEquals(2, f.invalidConstraintApps().size());

        // every reachable node's probe was read
        assertEquals(50 - f.unreachable().size(), count(facts, TimeSync.class, t -> true));
        assertEquals(3 * (50 - f.unreachable().size()), count(facts, DiskSpace.class, d -> true));
    }

    @Test
    void sameSeedSameBytes() {
        SyntheticCluster.Generated a = SyntheticCluster.bundle(120, 7);
        SyntheticCluster.Generated b = SyntheticCluster.bundle(120, 7);
        assertEquals(a.manifest(), b.manifest());
        assertEquals(a.files().keySet(), b.files().keySet());
        for (String k : a.files().keySet()) assertArrayEquals(a.files().get(k), b.files().get(k), k);
    }

    @Test
    void largeClustersHaveFiveMastersAndCappedFaultShares() {
        SyntheticCluster.Generated g = SyntheticCluster.bundle(1000, 1);
        assertEquals(5, g.masters().size());
        assertEquals(100, g.apps());
        assertEquals(10, g.faults().ntpUnsynced().size());
        assertEquals(5, g.faults().lowDisk().size());
        assertEquals(new HashSet<>(g.agents()).size(), g.agents().size());
    }

    @Test
    void refusesTinyClusters() {
        assertThrows(IllegalArgumentException.class, () -> SyntheticCluster.bundle(5, 1));
    }

    private static <T extends Fact> long count(List<Fact> facts, Class<T> type, Predicate<T> p) {
        return facts.stream().filter(type::isInstance).map(type::cast).filter(p).count();
    }

    private static <T extends Fact> Set<String> subjects(List<Fact> facts, Class<T> type, Predicate<T> p,
                                                         java.util.function.Function<T, String> key) {
        Set<String> out = new TreeSet<>();
        facts.stream().filter(type::isInstance).map(type::cast).filter(p).map(key).forEach(out::add);
        return out;
    }
}
