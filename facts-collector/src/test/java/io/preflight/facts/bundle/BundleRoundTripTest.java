package io.preflight.facts.bundle;

import static io.preflight.facts.bundle.BundleSamples.FAKE;
import static io.preflight.facts.bundle.BundleSamples.bodies;
import static io.preflight.facts.bundle.BundleSamples.contents;
import static io.preflight.facts.bundle.BundleSamples.manifest;
import static io.preflight.facts.bundle.BundleSamples.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.facts.ClusterNode;
import io.preflight.facts.CollectionProblem;
import io.preflight.facts.Fact;
import io.preflight.facts.Role;
import io.preflight.facts.parse.PayloadKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BundleRoundTripTest {
    @TempDir
    Path tmp;

    private static Bundle read(Path p) throws BundleException {
        return BundleReader.read(p, FAKE, BundleFiles.Limits.DEFAULT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod-east", "prod-east.tar.gz", "prod-east.tgz"})
    void writesAndReadsBackTheSameManifestAndFacts(String name) throws Exception {
        Path target = tmp.resolve(name);
        BundleWriter.write(target, manifest(), bodies());
        assertEquals(Files.isDirectory(target), !name.contains(".t"), "directory vs archive by name");

        Bundle b = read(target);
        assertEquals(manifest(), b.manifest());
        List<Fact> expected = List.of(
                new ClusterNode("10.0.0.1", "bundle:manifest.json", Role.MASTER, "master_list,mesos"),
                new ClusterNode("10.0.0.7", "bundle:manifest.json", Role.AGENT, "mesos"),
                new ClusterNode("10.0.0.8", "bundle:manifest.json", Role.AGENT_PUBLIC, "mesos"),
                new CollectionProblem("10.0.0.9", "ssh://10.0.0.9:22", CollectionProblem.Kind.UNREACHABLE,
                        "ssh-probe", "connection refused"),
                new BundleSamples.Parsed("prod-east", "http://10.0.0.1:5050/master/state", PayloadKind.MESOS_STATE,
                        Role.UNKNOWN, BundleSamples.STATE),
                new BundleSamples.Parsed("10.0.0.1", "http://10.0.0.1:5050/flags", PayloadKind.MESOS_FLAGS,
                        Role.MASTER, BundleSamples.FLAGS),
                new BundleSamples.Parsed("10.0.0.7", "ssh://10.0.0.7:22", PayloadKind.NODE_PROBE, Role.AGENT,
                        BundleSamples.PROBE),
                new BundleSamples.Parsed("prod-east", "ssh://10.0.0.1:22/opt/mesosphere/etc/user.config.yaml",
                        PayloadKind.CONFIG_RUNNING, Role.UNKNOWN, BundleSamples.CONFIG));
        assertEquals(expected, b.facts());
    }

    @Test
    void directoryHasTheDocumentedLayoutAndKeepsPayloadsByteForByte() throws Exception {
        Path target = tmp.resolve("b");
        BundleWriter.write(target, manifest(), bodies());
        Map<String, byte[]> files = contents(target);
        assertEquals(Set.of("manifest.json", "cluster/mesos-state.json", "cluster/config-running.yaml",
                "nodes/10.0.0.1/mesos-flags.json", "nodes/10.0.0.7/probe.txt"), files.keySet());
        for (Map.Entry<String, byte[]> e : bodies().entrySet()) {
            assertArrayEquals(e.getValue(), files.get(e.getKey()), e.getKey() + " is stored raw");
        }
        String m = text(files.get("manifest.json"));
        assertTrue(m.contains("\"formatVersion\" : 1"), m);
        assertTrue(m.contains("\"kind\" : \"mesos-flags\""), m);
        assertTrue(m.contains("\"file\" : \"nodes/10.0.0.1/mesos-flags.json\""), m);
        assertTrue(m.contains("\"role\" : \"agent_public\""), m);
        assertTrue(m.contains("\"kind\" : \"UNREACHABLE\""), m);
        assertTrue(m.contains("\"createdAt\" : \"2026-11-22T20:00:00Z\""), m);
    }

    @Test
    void archiveHasOneTopFolderNamedLikeTheArchiveAndIsReproducible() throws Exception {
        Path a = tmp.resolve("one/prod-east.tar.gz");
        Path b = tmp.resolve("two/prod-east.tar.gz");
        BundleWriter.write(a, manifest(), bodies());
        BundleWriter.write(b, manifest(), bodies());
        assertTrue(contents(a).keySet().stream().allMatch(n -> n.startsWith("prod-east/")), contents(a).keySet().toString());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "same manifest and payloads, same bytes");
    }

    @Test
    void readsArchivesWithEntriesAtTheTopLevelOrUnderDotSlash() throws Exception {
        String m = text(ManifestCodec.write(manifest()));
        Path flat = tmp.resolve("flat.tar.gz");
        BundleSamples.tarGz(flat, BundleSamples.bundleEntries("", m));
        assertEquals(manifest(), read(flat).manifest());
        Path dotted = tmp.resolve("dotted.tar.gz");
        BundleSamples.tarGz(dotted, BundleSamples.bundleEntries("./", m));
        assertEquals(8, read(dotted).facts().size());
    }

    @Test
    void ignoresUnknownManifestFieldsAndUnlistedFiles() throws Exception {
        Path target = tmp.resolve("b");
        BundleWriter.write(target, manifest(), bodies());
        Path mf = target.resolve("manifest.json");
        String json = Files.readString(mf).replaceFirst("\\{", "{\n  \"futureField\" : {\"x\": [1, 2]},")
                .replace("\"seenBy\" : \"mesos\"", "\"seenBy\" : \"mesos\", \"rack\" : \"r1\"");
        Files.writeString(mf, json);
        Files.writeString(target.resolve("cluster/notes.txt"), "not listed");
        assertEquals(manifest(), read(target).manifest());
    }

    @Test
    void acceptsRoleAliasesAndUnknownAndMissingOptionalFields() throws Exception {
        Path target = tmp.resolve("b");
        BundleWriter.write(target, manifest(), bodies());
        Path mf = target.resolve("manifest.json");
        String json = Files.readString(mf)
                .replace("\"role\" : \"agent_public\"", "\"role\" : \"slave_public\"")
                .replace("\"role\" : \"agent\",", "\"role\" : \"unknown\",")
                .replace("\"seenBy\" : \"master_list,mesos\"", "\"other\" : 1")
                .replace("\"detail\" : \"connection refused\",", "");
        Files.writeString(mf, json);
        Manifest m = read(target).manifest();
        assertEquals(Role.AGENT_PUBLIC, m.node("10.0.0.8").role());
        assertEquals(Role.UNKNOWN, m.node("10.0.0.7").role());
        assertEquals("", m.node("10.0.0.1").seenBy());
        assertEquals("", m.problems().get(0).detail());
    }

    @Test
    void kindNamesAreTheEnumNamesInKebabCase() {
        assertEquals("mesos-state", Manifest.kindName(PayloadKind.MESOS_STATE));
        assertEquals("node-probe", Manifest.kindName(PayloadKind.NODE_PROBE));
        assertEquals("config-running", Manifest.kindName(PayloadKind.CONFIG_RUNNING));
        for (PayloadKind k : PayloadKind.values()) assertEquals(k, Manifest.kindByName(Manifest.kindName(k)));
        assertEquals("nodes/10.0.0.1/probe.txt", Manifest.fileFor(PayloadKind.NODE_PROBE, "10.0.0.1"));
        assertEquals("cluster/marathon-apps.json", Manifest.fileFor(PayloadKind.MARATHON_APPS, "prod-east"));
    }
}
