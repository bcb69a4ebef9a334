package io.preflight.facts.bundle;

import static io.preflight.facts.bundle.BundleSamples.Entry;
import static io.preflight.facts.bundle.BundleSamples.FAKE;
import static io.preflight.facts.bundle.BundleSamples.bodies;
import static io.preflight.facts.bundle.BundleSamples.bundleEntries;
import static io.preflight.facts.bundle.BundleSamples.manifest;
import static io.preflight.facts.bundle.BundleSamples.tarGz;
import static io.preflight.facts.bundle.BundleSamples.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a bundle is refused, each with its exact one-line message. */
class BundleRejectionTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String VALID_KINDS = "mesos-state, mesos-slaves, mesos-flags, mesos-version, mesos-metrics,"
            + " marathon-info, marathon-leader, marathon-apps, marathon-deployments, exhibitor-status, node-probe,"
            + " config-running";

    @TempDir
    Path tmp;
    Path dir;
    String mf;

    @BeforeEach
    void writeValidBundle() throws IOException {
        dir = tmp.resolve("bundle");
        BundleWriter.write(dir, manifest(), bodies());
        mf = dir + "/manifest.json";
    }

    private String refusal(Path bundle) {
        return refusal(bundle, BundleFiles.Limits.DEFAULT);
    }

    private String refusal(Path bundle, BundleFiles.Limits limits) {
        BundleException e = assertThrows(BundleException.class, () -> BundleReader.read(bundle, FAKE, limits));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    private void edit(Consumer<ObjectNode> change) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readAllBytes(dir.resolve("manifest.json")));
        change.accept(root);
        Files.writeString(dir.resolve("manifest.json"), JSON.writeValueAsString(root));
    }

    private static ObjectNode at(ObjectNode root, String array, int i) {
        return (ObjectNode) root.get(array).get(i);
    }

    // ---- manifest ------------------------------------------------------------------------------------------

    @Test
    void unknownRole() throws IOException {
        edit(r -> at(r, "nodes", 2).put("role", "boss"));
        assertEquals(mf + ": $.nodes[2].role: unknown role 'boss' (valid: master, agent, agent_public, unknown)",
                refusal(dir));
    }

    @Test
    void newerFormatVersionIsRefusedBeforeAnythingElseIsLookedAt() throws IOException {
        edit(r -> {
            r.put("formatVersion", 2);
            r.put("nodes", "a different shape");
        });
        assertEquals(mf + ": formatVersion 2 is newer than this preflight reads (1)", refusal(dir));
    }

    @Test
    void formatVersionMustBeAPositiveInteger() throws IOException {
        edit(r -> r.put("formatVersion", "one"));
        assertEquals(mf + ": $.formatVersion: expected a positive integer, got \"one\"", refusal(dir));
        edit(r -> r.remove("formatVersion"));
        assertEquals(mf + ": $.formatVersion: missing", refusal(dir));
    }

    @Test
    void truncatedManifestNamesLineAndColumn() throws IOException {
        Files.writeString(dir.resolve("manifest.json"), "{\n  \"formatVersion\": 1,\n  \"nodes\": [\n");
        assertEquals(mf + ": line 4, column 1: unexpected end of JSON", refusal(dir));
    }

    @Test
    void malformedManifestNamesLineAndColumn() throws IOException {
        Files.writeString(dir.resolve("manifest.json"), "{\n  \"formatVersion\": 1,,\n}\n");
        assertEquals(mf + ": line 2, column 22: Unexpected character (',' (code 44)): was expecting double-quote to"
                + " start field name", refusal(dir));
    }

    @Test
    void duplicateManifestKeysAreRefused() throws IOException {
        Files.writeString(dir.resolve("manifest.json"), "{\"formatVersion\": 1,\n \"formatVersion\": 2}");
        assertEquals(mf + ": line 2, column 17: Duplicate field 'formatVersion'", refusal(dir));
    }

    @Test
    void manifestThatIsNotAnObject() throws IOException {
        Files.writeString(dir.resolve("manifest.json"), "[1]");
        assertEquals(mf + ": $: expected a JSON object, got an array", refusal(dir));
        Files.writeString(dir.resolve("manifest.json"), "");
        assertEquals(mf + ": empty file, expected a JSON object", refusal(dir));
    }

    @Test
    void missingManifest() throws IOException {
        Files.delete(dir.resolve("manifest.json"));
        assertEquals(mf + ": missing: not a fact bundle", refusal(dir));
    }

    @Test
    void missingAndMistypedFields() throws IOException {
        edit(r -> ((ObjectNode) r.get("cluster")).remove("name"));
        assertEquals(mf + ": $.cluster.name: missing", refusal(dir));
        edit(r -> ((ObjectNode) r.get("cluster")).put("name", 7));
        assertEquals(mf + ": $.cluster.name: expected a string, got 7", refusal(dir));
        edit(r -> {
            ((ObjectNode) r.get("cluster")).put("name", "prod-east");
            r.put("nodes", "none");
        });
        assertEquals(mf + ": $.nodes: expected an array, got the string 'none'", refusal(dir));
        edit(r -> r.putArray("nodes").add(3));
        assertEquals(mf + ": $.nodes[0]: expected an object, got 3", refusal(dir));
    }

    @Test
    void badTimestamps() throws IOException {
        edit(r -> at(r, "payloads", 1).put("collectedAt", "yesterday"));
        assertEquals(mf + ": $.payloads[1].collectedAt: not an ISO-8601 time (like 2026-11-22T20:00:00Z): 'yesterday'",
                refusal(dir));
    }

    @Test
    void unknownPayloadKind() throws IOException {
        edit(r -> at(r, "payloads", 0).put("kind", "mesos-roles"));
        assertEquals(mf + ": $.payloads[0].kind: unknown payload kind 'mesos-roles' (valid: " + VALID_KINDS + ")",
                refusal(dir));
    }

    @Test
    void unknownProblemKind() throws IOException {
        edit(r -> at(r, "problems", 0).put("kind", "FLAKY"));
        assertEquals(mf + ": $.problems[0].kind: unknown problem kind 'FLAKY' (valid: UNREACHABLE, TIMEOUT, AUTH,"
                + " HTTP_ERROR, HOST_KEY, MISSING, PARSE_ERROR, OTHER)", refusal(dir));
    }

    @Test
    void payloadPathsThatEscapeTheBundle() throws IOException {
        edit(r -> at(r, "payloads", 1).put("file", "../../etc/passwd"));
        assertEquals(mf + ": $.payloads[1].file: path escapes the bundle: '../../etc/passwd'", refusal(dir));
        edit(r -> at(r, "payloads", 1).put("file", "nodes/10.0.0.1/../../../secret.json"));
        assertEquals(mf + ": $.payloads[1].file: path escapes the bundle: 'nodes/10.0.0.1/../../../secret.json'",
                refusal(dir));
        edit(r -> at(r, "payloads", 1).put("file", "/etc/shadow"));
        assertEquals(mf + ": $.payloads[1].file: path escapes the bundle: '/etc/shadow'", refusal(dir));
        edit(r -> at(r, "payloads", 1).put("file", "nodes\\10.0.0.1\\mesos-flags.json"));
        assertEquals(mf + ": $.payloads[1].file: backslash in path: 'nodes\\10.0.0.1\\mesos-flags.json'", refusal(dir));
        edit(r -> at(r, "payloads", 1).put("file", "nodes//mesos-flags.json"));
        assertEquals(mf + ": $.payloads[1].file: not a normalized relative path: 'nodes//mesos-flags.json'", refusal(dir));
    }

    @Test
    void hostsThatCannotBeFolders() throws IOException {
        edit(r -> at(r, "nodes", 0).put("host", ".."));
        assertEquals(mf + ": $.nodes[0].host: host '..' is not a usable folder name", refusal(dir));
        edit(r -> at(r, "nodes", 0).put("host", "a/b"));
        assertEquals(mf + ": $.nodes[0].host: host 'a/b' contains a path separator", refusal(dir));
        edit(r -> {
            at(r, "nodes", 0).put("host", "10.0.0.1");
            at(r, "nodes", 1).put("host", "10.0.0.1");
        });
        assertEquals(mf + ": $.nodes[1].host: duplicate host '10.0.0.1'", refusal(dir));
    }

    @Test
    void payloadFileMustBeItsStandardPlace() throws IOException {
        edit(r -> at(r, "payloads", 1).put("file", "nodes/10.0.0.1/flags.json"));
        assertEquals(mf + ": $.payloads[1].file: expected 'nodes/10.0.0.1/mesos-flags.json' for a mesos-flags payload"
                + " of 10.0.0.1, got 'nodes/10.0.0.1/flags.json'", refusal(dir));
    }

    @Test
    void perNodePayloadOfAnUnknownNode() throws IOException {
        edit(r -> at(r, "payloads", 1).put("subject", "10.0.0.99").put("file", "nodes/10.0.0.99/mesos-flags.json"));
        assertEquals(mf + ": $.payloads[1].subject: no node '10.0.0.99' in $.nodes for this per-node mesos-flags payload",
                refusal(dir));
    }

    @Test
    void duplicatePayload() throws IOException {
        edit(r -> ((ArrayNode) r.get("payloads")).add(at(r, "payloads", 1).deepCopy()));
        assertEquals(mf + ": $.payloads[4].file: duplicate payload file 'nodes/10.0.0.1/mesos-flags.json'", refusal(dir));
    }

    // ---- payload files -------------------------------------------------------------------------------------

    @Test
    void listedPayloadMissing() throws IOException {
        Files.delete(dir.resolve("nodes/10.0.0.1/mesos-flags.json"));
        assertEquals(dir + "/nodes/10.0.0.1/mesos-flags.json: listed in manifest.json ($.payloads[1]) but missing from"
                + " the bundle", refusal(dir));
    }

    @Test
    void parserErrorsArePrefixedWithTheFile() throws IOException {
        Files.writeString(dir.resolve("nodes/10.0.0.1/mesos-flags.json"), "BAD {");
        assertEquals(dir + "/nodes/10.0.0.1/mesos-flags.json: line 3, column 7: unexpected end of JSON", refusal(dir));
    }

    @Test
    void parserCrashStillGivesOneLine() throws IOException {
        Files.writeString(dir.resolve("cluster/mesos-state.json"), "CRASH");
        assertEquals(dir + "/cluster/mesos-state.json: cannot parse this mesos-state payload:"
                + " java.lang.IllegalStateException: parser bug second line", refusal(dir));
    }

    @Test
    void symlinkedPayloadIsRefused() throws IOException {
        Path outside = tmp.resolve("outside.json");
        Files.writeString(outside, "{}");
        Path flags = dir.resolve("nodes/10.0.0.1/mesos-flags.json");
        Files.delete(flags);
        Files.createSymbolicLink(flags, outside);
        assertEquals(dir + "/nodes/10.0.0.1/mesos-flags.json: symbolic links are refused", refusal(dir));
        // a linked folder on the way counts too
        Path nodeDir = dir.resolve("nodes/10.0.0.1");
        Path moved = tmp.resolve("moved");
        Files.move(nodeDir, moved);
        Files.delete(moved.resolve("mesos-flags.json"));
        Files.writeString(moved.resolve("mesos-flags.json"), "{}");
        Files.createSymbolicLink(nodeDir, moved);
        assertEquals(dir + "/nodes/10.0.0.1/mesos-flags.json: symbolic links are refused", refusal(dir));
    }

    @Test
    void directoryFilesLargerThanTheLimits() throws IOException {
        Files.writeString(dir.resolve("nodes/10.0.0.1/mesos-flags.json"), "x".repeat(5000));
        assertEquals(dir + "/nodes/10.0.0.1/mesos-flags.json: 5000 bytes is more than the per-file limit of 4000 bytes",
                refusal(dir, new BundleFiles.Limits(1 << 20, 4000, 100)));
        long manifestSize = Files.size(dir.resolve("manifest.json"));
        assertEquals(dir + "/cluster/mesos-state.json: the bundle is larger than the limit of " + (manifestSize + 10)
                + " bytes", refusal(dir, new BundleFiles.Limits(manifestSize + 10, 1 << 20, 100)));
    }

    @Test
    void noSuchBundle() {
        Path nowhere = tmp.resolve("nowhere");
        assertEquals(nowhere + ": no such bundle (expected a directory or a .tar.gz file)", refusal(nowhere));
    }

    // ---- tar.gz --------------------------------------------------------------------------------------------

    private String manifestJson() {
        return text(ManifestCodec.write(manifest()));
    }

    private Path archive(List<Entry> entries) throws IOException {
        Path a = tmp.resolve("evil.tar.gz");
        Files.deleteIfExists(a);
        tarGz(a, entries);
        return a;
    }

    private List<Entry> validPlus(Entry extra) {
        List<Entry> l = new ArrayList<>(bundleEntries("b/", manifestJson()));
        l.add(extra);
        return l;
    }

    @Test
    void tarPathTraversal() throws IOException {
        Path a = archive(validPlus(Entry.file("b/../../evil.sh", "rm -rf /")));
        assertEquals(a + ": entry 'b/../../evil.sh': path escapes the bundle: 'b/../../evil.sh'", refusal(a));
        a = archive(validPlus(Entry.file("/etc/cron.d/evil", "x")));
        assertEquals(a + ": entry '/etc/cron.d/evil': path escapes the bundle: '/etc/cron.d/evil'", refusal(a));
    }

    @Test
    void tarLinksAndSpecialFilesAreRefused() throws IOException {
        Path a = archive(validPlus(Entry.symlink("b/cluster/marathon-apps.json", "/etc/passwd")));
        assertEquals(a + ": entry 'b/cluster/marathon-apps.json': symbolic links are refused", refusal(a));
        a = archive(validPlus(Entry.hardlink("b/cluster/marathon-apps.json", "/etc/passwd")));
        assertEquals(a + ": entry 'b/cluster/marathon-apps.json': hard links are refused", refusal(a));
        a = archive(validPlus(Entry.fifo("b/pipe")));
        assertEquals(a + ": entry 'b/pipe': not a regular file (refused)", refusal(a));
    }

    @Test
    void tarPayloadMissingNamesTheArchiveAndTheEntry() throws IOException {
        List<Entry> l = new ArrayList<>(bundleEntries("b/", manifestJson()));
        l.removeIf(e -> e.name().endsWith("probe.txt"));
        Path a = archive(l);
        assertEquals(a + ":b/nodes/10.0.0.7/probe.txt: listed in manifest.json ($.payloads[2]) but missing from the"
                + " bundle", refusal(a));
    }

    @Test
    void tarManifestErrorsNameTheEntry() throws IOException {
        Path a = archive(bundleEntries("b/", manifestJson().replace("\"agent_public\"", "\"boss\"")));
        assertEquals(a + ":b/manifest.json: $.nodes[2].role: unknown role 'boss' (valid: master, agent, agent_public,"
                + " unknown)", refusal(a));
    }

    @Test
    void tarWithoutManifestOrWithSeveralTopFolders() throws IOException {
        List<Entry> l = new ArrayList<>(bundleEntries("b/", manifestJson()));
        l.add(Entry.file("c/other.txt", "x"));
        Path a = archive(l);
        assertEquals(a + ": no manifest.json at the top level or inside one top folder: not a fact bundle", refusal(a));
        a = archive(List.of(Entry.dir("b/"), Entry.file("b/readme", "x")));
        assertEquals(a + ": no manifest.json at the top level or inside one top folder: not a fact bundle", refusal(a));
    }

    @Test
    void notAGzipFile() throws IOException {
        Path a = tmp.resolve("plain.tar.gz");
        Files.writeString(a, "this is not gzip");
        String m = refusal(a);
        assertTrue(m.startsWith(a + ": not a readable .tar.gz: "), m);
    }

    @Test
    void duplicateTarEntry() throws IOException {
        Path a = archive(validPlus(Entry.file("b/manifest.json", "{}")));
        assertEquals(a + ": entry 'b/manifest.json': duplicate entry", refusal(a));
    }

    @Test
    void decompressionBombIsRefusedFromTheEntryHeader() throws IOException {
        Path a = tmp.resolve("bomb.tar.gz");
        BundleSamples.zeroBomb(a, "b/cluster/mesos-state.json", 8L << 20);
        assertTrue(Files.size(a) < 64 * 1024, "compresses well: " + Files.size(a));
        assertEquals(a + ": entry 'b/cluster/mesos-state.json': 8388608 bytes is more than the per-file limit of 1 MiB",
                refusal(a, new BundleFiles.Limits(4L << 20, 1L << 20, 100)));
    }

    @Test
    void totalUncompressedSizeIsCapped() throws IOException {
        Path a = archive(bundleEntries("b/", manifestJson()));
        int manifestSize = manifestJson().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        String m = refusal(a, new BundleFiles.Limits(manifestSize + 10, manifestSize, 100));
        assertEquals(a + ": entry 'b/cluster/mesos-state.json': the bundle unpacks to more than the limit of "
                + (manifestSize + 10) + " bytes", m);
    }

    @Test
    void entryCountIsCapped() throws IOException {
        Path a = archive(bundleEntries("b/", manifestJson()));
        assertEquals(a + ": more than 3 entries (limit)", refusal(a, new BundleFiles.Limits(1 << 20, 1 << 20, 3)));
    }
}
