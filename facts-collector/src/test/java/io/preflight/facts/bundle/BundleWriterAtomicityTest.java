package io.preflight.facts.bundle;

import static io.preflight.facts.bundle.BundleSamples.FAKE;
import static io.preflight.facts.bundle.BundleSamples.bodies;
import static io.preflight.facts.bundle.BundleSamples.contents;
import static io.preflight.facts.bundle.BundleSamples.listing;
import static io.preflight.facts.bundle.BundleSamples.manifest;
import static io.preflight.facts.bundle.BundleSamples.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.facts.Role;
import io.preflight.facts.parse.PayloadKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The target never names a half-written bundle, and a failed write leaves nothing behind. */
class BundleWriterAtomicityTest {
    @TempDir
    Path tmp;

    /** Gives the first payloads, then fails like a collector losing its connection. */
    private static BundleWriter.PayloadSource failingAfter(int good) {
        AtomicInteger calls = new AtomicInteger();
        Map<String, byte[]> b = bodies();
        return p -> {
            if (calls.getAndIncrement() >= good) throw new IOException("connection reset while collecting " + p.file());
            return b.get(p.file());
        };
    }

    private static Manifest otherManifest() {
        Manifest m = manifest();
        return Manifest.of(m.tool(), BundleSamples.T1, new Manifest.Cluster("prod-west", null, null, null),
                m.nodes(), m.payloads(), List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"b", "b.tar.gz"})
    void failureMidWayLeavesNoTargetAndNoTemporary(String name) throws IOException {
        Path target = tmp.resolve(name);
        List<String> before = listing(tmp);
        IOException e = assertThrows(IOException.class, () -> BundleWriter.write(target, manifest(), failingAfter(2)));
        assertEquals("connection reset while collecting nodes/10.0.0.7/probe.txt", e.getMessage());
        assertFalse(Files.exists(target));
        assertEquals(before, listing(tmp), "no stray temporary");
    }

    @ParameterizedTest
    @ValueSource(strings = {"b", "b.tar.gz"})
    void failureKeepsTheExistingBundleIntact(String name) throws IOException {
        Path target = tmp.resolve(name);
        BundleWriter.write(target, manifest(), bodies());
        Map<String, byte[]> old = contents(target);
        List<String> before = listing(tmp);

        assertThrows(IOException.class, () -> BundleWriter.write(target, otherManifest(), failingAfter(3)));

        assertEquals(before, listing(tmp));
        Map<String, byte[]> now = contents(target);
        assertEquals(old.keySet(), now.keySet());
        for (String f : old.keySet()) assertArrayEquals(old.get(f), now.get(f), f);
        assertEquals(manifest(), BundleReader.read(target, FAKE, BundleFiles.Limits.DEFAULT).manifest());
    }

    @ParameterizedTest
    @ValueSource(strings = {"b", "b.tar.gz"})
    void targetAppearsOnlyWhenComplete(String name) throws IOException {
        Path target = tmp.resolve(name);
        Map<String, byte[]> b = bodies();
        List<Boolean> seenDuringWrite = new ArrayList<>();
        BundleWriter.write(target, manifest(), p -> {
            seenDuringWrite.add(Files.exists(target));
            return b.get(p.file());
        });
        assertEquals(List.of(false, false, false, false), seenDuringWrite);
        assertTrue(Files.exists(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"b", "b.tar.gz"})
    void replacesAnExistingBundleAndLeavesNothingElse(String name) throws IOException {
        Path target = tmp.resolve(name);
        BundleWriter.write(target, manifest(), bodies());
        // an extra file in the old bundle must not survive into the new one
        if (Files.isDirectory(target)) Files.writeString(target.resolve("cluster/stale.json"), "{}");
        List<String> before = listing(tmp);

        BundleWriter.write(target, otherManifest(), bodies());

        assertEquals(before, listing(tmp));
        assertEquals(otherManifest(), BundleReader.read(target, FAKE, BundleFiles.Limits.DEFAULT).manifest());
        assertFalse(contents(target).keySet().stream().anyMatch(f -> f.endsWith("stale.json")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"b", "b.tar.gz"})
    void invalidManifestIsRefusedBeforeAnythingIsWritten(String name) throws IOException {
        Path target = tmp.resolve(name);
        Manifest m = manifest();
        List<Manifest.Payload> payloads = new ArrayList<>(m.payloads());
        payloads.add(Manifest.Payload.of(PayloadKind.MESOS_VERSION, "10.0.0.99", "http://10.0.0.99:5051/version",
                BundleSamples.T0));
        Manifest bad = Manifest.of(m.tool(), m.createdAt(), m.cluster(), m.nodes(), payloads, m.problems());
        BundleException e = assertThrows(BundleException.class, () -> BundleWriter.write(target, bad, bodies()));
        assertEquals(target + "/manifest.json (not written): $.payloads[4].subject: no node '10.0.0.99' in $.nodes for"
                + " this per-node mesos-version payload", e.getMessage());
        assertEquals(List.of(), listing(tmp));

        Manifest noRole = Manifest.of(m.tool(), m.createdAt(), m.cluster(),
                List.of(new Manifest.Node("10.0.0.1", null, "")), List.of(), List.of());
        e = assertThrows(BundleException.class, () -> BundleWriter.write(target, noRole, Map.of()));
        assertEquals(target + "/manifest.json (not written): $.nodes[0].role: missing", e.getMessage());
        assertEquals(List.of(), listing(tmp));
    }

    @ParameterizedTest
    @ValueSource(strings = {"b", "b.tar.gz"})
    void bodiesMustMatchTheManifest(String name) throws IOException {
        Path target = tmp.resolve(name);
        Map<String, byte[]> missing = new HashMap<>(bodies());
        missing.remove("cluster/config-running.yaml");
        BundleException e = assertThrows(BundleException.class, () -> BundleWriter.write(target, manifest(), missing));
        assertEquals(target + ": no bytes given for payload 'cluster/config-running.yaml'", e.getMessage());
        assertEquals(List.of(), listing(tmp));

        Map<String, byte[]> extra = new HashMap<>(bodies());
        extra.put("cluster/marathon-apps.json", utf8("{}"));
        e = assertThrows(BundleException.class, () -> BundleWriter.write(target, manifest(), extra));
        assertEquals(target + ": payload 'cluster/marathon-apps.json' is not listed in the manifest", e.getMessage());
        assertEquals(List.of(), listing(tmp));
    }

    @ParameterizedTest
    @ValueSource(strings = {"data", "data.tar.gz"})
    void neverReplacesSomethingThatIsNotABundle(String name) throws IOException {
        Path target = tmp.resolve(name);
        Files.createDirectories(target);
        Files.writeString(target.resolve("thesis.tex"), "years of work");
        BundleException e = assertThrows(BundleException.class, () -> BundleWriter.write(target, manifest(), bodies()));
        assertTrue(e.getMessage().startsWith(target + ": exists and is not a"), e.getMessage());
        assertEquals("years of work", Files.readString(target.resolve("thesis.tex")));
        assertEquals(List.of(name), listing(tmp));
    }

    @ParameterizedTest
    @ValueSource(strings = {"empty", "empty.tar.gz"})
    void writesIntoAnEmptyDirectoryOrOverAnyFileWithTheArchiveName(String name) throws IOException {
        Path target = tmp.resolve(name);
        if (name.endsWith(".tar.gz")) Files.writeString(target, "old"); else Files.createDirectories(target);
        BundleWriter.write(target, manifest(), bodies());
        assertEquals(Role.MASTER, BundleReader.read(target, FAKE, BundleFiles.Limits.DEFAULT).manifest()
                .node("10.0.0.1").role());
    }

    @ParameterizedTest
    @ValueSource(strings = {"out/sub/b", "out/sub/b.tar.gz"})
    void createsMissingParentFolders(String name) throws IOException {
        BundleWriter.write(tmp.resolve(name), manifest(), bodies());
        assertEquals(List.of(name.substring("out/sub/".length())), listing(tmp.resolve("out/sub")));
    }
}
