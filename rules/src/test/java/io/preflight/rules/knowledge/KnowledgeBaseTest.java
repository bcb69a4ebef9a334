package io.preflight.rules.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.preflight.rules.knowledge.KnowledgeBase.KnowledgeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped knowledge files: they parse, every row names its source, the files agree with each other, and a
 * few real values are what the public sources say. Cross-file checks report every violation at once.
 */
class KnowledgeBaseTest {
    private static final KnowledgeBase KB = KnowledgeBase.load();
    /** shared/ next to the repository (tests may read it; the product must not). Working dir = module dir. */
    private static final Path SHARED = Path.of("..", "..", "shared");

    /**
     * Catalog releases with no component-versions row, and why. Documented in releases.yaml and
     * component-versions.yaml; the test fails when an entry is no longer needed.
     */
    private static final Map<String, String> RELEASES_WITHOUT_COMPONENTS = Map.of(
            "1.13.10", "released (release notes, source of the 2.0/2.1 upgrade tables) but no buildinfo in the "
                    + "snapshot and its release notes state no versions");

    // --------------------------------------------------------------------------------------------- parsing

    @Test
    void everyFileParsesIntoNonEmptyLists() {
        assertFalse(KB.releases().isEmpty(), "releases");
        assertFalse(KB.upgradePaths().isEmpty(), "upgrade paths");
        assertFalse(KB.componentVersions().isEmpty(), "component versions");
        assertFalse(KB.platformSupport().isEmpty(), "platform support");
        assertFalse(KB.flagChanges().isEmpty(), "flag changes");
        assertFalse(KB.upgradeOrderNotes().isEmpty(), "upgrade order notes");
        assertFalse(KB.dcosManagedFlags().isEmpty(), "DC/OS managed flags");
        for (String f : KnowledgeBase.FILES) {
            assertEquals(rawRows(f).size(), countOf(f), f + ": every row of the file is loaded");
        }
    }

    @Test
    void loadIsCachedPerJvm() {
        assertSame(KnowledgeBase.load(), KnowledgeBase.load());
    }

    @Test
    void everyRowOfEveryFileHasANonBlankSource() {
        List<String> violations = new ArrayList<>();
        for (String f : KnowledgeBase.FILES) {
            List<JsonNode> rows = rawRows(f);
            for (int i = 0; i < rows.size(); i++) {
                JsonNode s = rows.get(i).get("source");
                if (s == null || !s.isTextual() || s.asText().isBlank()) violations.add(f + " row[" + i + "]");
            }
        }
        // and the loaded records carry it through
        for (Object o : KB.facts()) {
            String s = sourceOf(o);
            if (s == null || s.isBlank()) violations.add("loaded " + o);
        }
        assertTrue(violations.isEmpty(), () -> "rows without source:\n" + String.join("\n", violations));
    }

    @Test
    void everyFileStartsWithAHeaderComment() {
        for (String f : KnowledgeBase.FILES) {
            String text = resource(f);
            assertTrue(text.startsWith("#"), f + " must start with its header comment");
            assertTrue(text.contains("Where from") && text.contains("How it was cleaned"),
                    f + " header must say where the rows come from and how they were cleaned");
        }
    }

    // --------------------------------------------------------------------------------------------- releases

    @Test
    void releasesCoverOneNineZeroToTwoTwoOneInAscendingOrder() {
        List<String> versions = KB.releases().stream().map(Release::version).toList();
        List<String> expected = new ArrayList<>();
        expected.addAll(series("1.9", 0, 10));
        expected.addAll(series("1.10", 0, 11));
        expected.addAll(series("1.11", 0, 13));
        expected.addAll(series("1.12", 0, 5));
        expected.addAll(series("1.13", 0, 10));
        expected.addAll(series("2.0", 0, 6));
        expected.addAll(series("2.1", 0, 3));
        expected.addAll(series("2.2", 0, 1));
        Set<String> missing = new LinkedHashSet<>(expected);
        missing.removeAll(versions);
        assertTrue(missing.isEmpty(), () -> "missing releases: " + missing);
        assertEquals(expected.size(), versions.size(), () -> "unexpected extra releases: " + versions);
        assertEquals("1.9.0", versions.get(0));
        assertEquals("2.2.1", versions.get(versions.size() - 1));
        for (int i = 1; i < versions.size(); i++) {
            assertTrue(Version.parse(versions.get(i)).compareTo(Version.parse(versions.get(i - 1))) > 0,
                    versions.get(i - 1) + " must come before " + versions.get(i));
        }
        assertTrue(versions.stream().noneMatch(v -> v.split("\\.").length > 3),
                "4-part tags (1.10.5.1, 1.10.10.1, 1.11.9.1) are not public releases");
    }

    @Test
    void minorsOrdinalsAndLatestPatchesAreComputed() {
        assertEquals(List.of("1.9", "1.10", "1.11", "1.12", "1.13", "2.0", "2.1", "2.2"), KB.minors());
        assertEquals(0, KB.release("1.9.4").orElseThrow().minorOrdinal());
        assertEquals(1, KB.release("1.10.0").orElseThrow().minorOrdinal());
        assertEquals(7, KB.release("2.2.1").orElseThrow().minorOrdinal());
        assertEquals("1.10", KB.release("1.10.8").orElseThrow().minor());
        assertEquals("1.9.10", KB.latestPatchOf("1.9").orElseThrow().version());
        assertEquals("1.10.11", KB.latestPatchOf("1.10").orElseThrow().version());
        assertEquals("1.13.10", KB.latestPatchOf("1.13").orElseThrow().version());
        assertEquals("2.1.3", KB.latestPatchOf("2.1").orElseThrow().version());
        assertTrue(KB.latestPatchOf("3.0").isEmpty());
        assertFalse(KB.release("1.10.8").orElseThrow().latestPatch());
        assertTrue(KB.release("2.2.1").orElseThrow().latestPatch());
        for (String minor : KB.minors()) {
            long latest = KB.releases().stream().filter(r -> r.minor().equals(minor) && r.latestPatch()).count();
            assertEquals(1, latest, "exactly one latest patch in " + minor);
        }
        assertTrue(KB.release("1.10.5.1").isEmpty());
        assertTrue(KB.release(null).isEmpty());
    }

    // ----------------------------------------------------------------------------------------- cross-file

    @Test
    void everyUpgradePathNamesKnownReleases() {
        List<String> violations = new ArrayList<>();
        for (UpgradePathEntry e : KB.upgradePaths()) {
            if (KB.release(e.from()).isEmpty()) violations.add(e.from() + " (from) in " + e);
            if (KB.release(e.to()).isEmpty()) violations.add(e.to() + " (to) in " + e);
        }
        assertTrue(violations.isEmpty(), () -> "unknown releases in upgrade paths:\n" + String.join("\n", violations));
    }

    @Test
    void upgradePathRowsAreUnique() {
        assertUnique("upgrade path (from, to, origin)",
                KB.upgradePaths().stream().map(e -> e.from() + ">" + e.to() + "/" + e.origin()).toList());
    }

    @Test
    void componentVersionsAndReleaseCatalogMatchBothWays() {
        Set<String> catalog = KB.releases().stream().map(Release::version).collect(Collectors.toSet());
        Set<String> withComponents = KB.componentVersions().stream().map(ComponentVersions::dcos)
                .collect(Collectors.toSet());
        List<String> violations = new ArrayList<>();
        for (String d : withComponents) {
            if (!catalog.contains(d)) violations.add("component-versions row for " + d + ", not in the release catalog");
        }
        for (String v : catalog) {
            if (!withComponents.contains(v) && !RELEASES_WITHOUT_COMPONENTS.containsKey(v)) {
                violations.add("release " + v + " has no component-versions row");
            }
        }
        for (String v : RELEASES_WITHOUT_COMPONENTS.keySet()) {
            if (!catalog.contains(v)) violations.add("documented exception " + v + " is not in the catalog");
            if (withComponents.contains(v)) violations.add("documented exception " + v + " now has components: drop it");
        }
        assertTrue(violations.isEmpty(), () -> String.join("\n", violations));
    }

    @Test
    void platformSupportMinorsAreCatalogMinorsAndPairsAreUnique() {
        List<String> violations = new ArrayList<>();
        for (PlatformSupport p : KB.platformSupport()) {
            if (!KB.minors().contains(p.dcosMinor())) violations.add("unknown DC/OS minor in " + p);
            if (KnowledgeBase.OS_FAMILIES.stream().noneMatch(f -> p.os().startsWith(f + " "))) {
                violations.add("OS family not normalised in " + p);
            }
        }
        assertTrue(violations.isEmpty(), () -> String.join("\n", violations));
        assertUnique("platform (minor, os, docker)",
                KB.platformSupport().stream().map(p -> p.dcosMinor() + "|" + p.os() + "|" + p.docker()).toList());
        for (String minor : KB.minors()) {
            assertTrue(KB.platformSupport().stream().anyMatch(p -> p.dcosMinor().equals(minor)),
                    "some platform is supported for " + minor);
        }
    }

    @Test
    void managedFlagReleasesAreCatalogReleases() {
        List<String> violations = new ArrayList<>();
        for (DcosManagedFlag f : KB.dcosManagedFlags()) {
            for (String r : f.releases()) {
                if (KB.release(r).isEmpty()) violations.add(f.envVar() + ": " + r);
            }
        }
        assertTrue(violations.isEmpty(), () -> "unknown releases:\n" + String.join("\n", violations));
        assertUnique("env_var", KB.dcosManagedFlags().stream().map(DcosManagedFlag::envVar).toList());
    }

    @Test
    void flagChangeRowsAreUniqueAndWellFormed() {
        assertUnique("flag change", KB.flagChanges().stream()
                .map(c -> c.mesosVersion() + "|" + c.component() + "|" + c.change() + "|" + c.flag() + "|" + c.value())
                .toList());
        List<String> violations = new ArrayList<>();
        for (MesosFlagChange c : KB.flagChanges()) {
            if (c.flag().startsWith("-") || !c.flag().equals(c.flag().toLowerCase())) violations.add("flag name " + c);
            if (c.versionKey() < 0) violations.add("version " + c);
        }
        assertTrue(violations.isEmpty(), () -> String.join("\n", violations));
    }

    @Test
    void factsHoldEveryRow() {
        int expected = KB.releases().size() + KB.upgradePaths().size() + KB.componentVersions().size()
                + KB.platformSupport().size() + KB.flagChanges().size() + KB.upgradeOrderNotes().size()
                + KB.dcosManagedFlags().size();
        assertEquals(expected, KB.facts().size());
        assertTrue(KB.facts().containsAll(KB.upgradeOrderNotes()));
        long orderingRows = rawRows(KnowledgeBase.UPGRADE_ORDER).stream()
                .filter(n -> n.get("ordering").booleanValue()).count();
        assertEquals(orderingRows, KB.upgradeOrderNotes().stream().filter(UpgradeOrderNote::ordering).count());
        assertTrue(orderingRows > 0 && orderingRows < KB.upgradeOrderNotes().size(),
                "some steps carry ordering requirements, the generic ones do not");
        assertThrows(UnsupportedOperationException.class, () -> KB.facts().add("x"));
    }

    // ------------------------------------------------------------------------------------- named contents

    @Test
    void faqPathsArePresent() {
        for (String[] p : new String[][] {{"1.9.4", "1.9.9"}, {"1.9.9", "1.10.7"}, {"1.10.7", "1.11.3"},
                {"1.10.8", "1.11.3"}}) {
            assertTrue(path(p[0], p[1], "faq").map(UpgradePathEntry::supported).orElse(false),
                    "FAQ path " + p[0] + " -> " + p[1] + " present and supported");
        }
        assertEquals(false, path("1.9.0", "1.11.1", "faq").orElseThrow().supported(),
                "FAQ: 1.9.0 -> 1.11.1 in one event? Absolutely Not.");
        assertTrue(KB.upgradePaths().stream().filter(e -> e.origin().equals("faq"))
                .allMatch(e -> e.source().contains("FAQ")), "FAQ rows name the FAQ as source");
    }

    @Test
    void documentedPathsKeepTheirOwnVerdicts() {
        // the later docs table disagrees with the FAQ on 1.10.8 -> 1.11.3; both are kept
        assertEquals(false, path("1.10.8", "1.11.3", "docs").orElseThrow().supported());
        assertEquals(true, path("1.10.8", "1.11.5", "docs").orElseThrow().supported());
        assertEquals(true, path("1.12.5", "1.13.9", "docs").orElseThrow().supported());
        assertEquals(false, path("1.12.0", "1.13.0", "docs").orElseThrow().supported());
        assertEquals(true, path("2.1.1", "2.2.1", "docs").orElseThrow().supported());
        assertEquals(true, path("1.13.10", "2.0.6", "docs").orElseThrow().supported());
        assertEquals(false, path("1.13.9", "2.0.3", "docs").orElseThrow().supported());
    }

    @Test
    void bundledComponentsOfOneElevenThreeAreWhatBuildinfoSays() {
        ComponentVersions c = KB.components("1.11.3").orElseThrow();
        assertEquals("1.5.1", c.mesos(), "configure.ac at apache/mesos@197c9105 (the FAQ also shows mesos 1.5.1)");
        assertEquals("1.6.496-b83ae55eb", c.marathon());
        assertEquals("3.4.10", c.zookeeper());
        assertEquals("0.4.2", c.metronome());
        assertEquals(1_005_001L, c.mesosKey());
        assertEquals("1.2.3", KB.components("1.9.4").orElseThrow().mesos(), "configure.ac, not the release notes' 1.2.2");
        assertEquals("1.11.0", KB.components("2.2.1").orElseThrow().mesos());
        assertTrue(KB.components("1.13.10").isEmpty());
    }

    @Test
    void componentVersionsEqualTheBuildinfoTable() throws IOException {
        Path tsv = SHARED.resolve("reference/dcos-component-versions.tsv");
        assumeTrue(Files.isReadable(tsv), "shared/ not next to the repository");
        Map<String, String[]> byVersion = new HashMap<>();
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split("\t", -1);
            byVersion.put(c[0].split(" ")[0], c);
        }
        List<String> violations = new ArrayList<>();
        for (ComponentVersions c : KB.componentVersions()) {
            String[] t = byVersion.get(c.dcos());
            if (t == null) {
                violations.add(c.dcos() + " not in the table");
                continue;
            }
            List<String> want = List.of(t[1], t[6], t[7], t[8]);
            List<String> have = List.of(c.mesos(), c.marathon(), c.zookeeper(), c.metronome());
            if (!want.equals(have)) violations.add(c.dcos() + ": " + have + " != table " + want);
        }
        assertTrue(violations.isEmpty(), () -> String.join("\n", violations));
    }

    @Test
    void platformSpotChecks() {
        PlatformSupport centos = platform("1.11", "CentOS 7.4", "18.09.2");
        assertEquals("CE", centos.edition());
        assertTrue(centos.matchesDocker("18.09.2"));
        assertFalse(centos.matchesDocker("18.09.20"));
        assertEquals("RH", platform("1.11", "RHEL 7.5", "1.13.1").edition());
        assertEquals("EE", platform("1.11", "CentOS 7.4", "17.06.2").edition(), "from '⚫Docker CE 17.05Docker EE 17.06.2'");
        assertEquals("CE", platform("1.11", "CentOS 7.4", "17.05").edition());
        assertEquals("Engine", platform("1.10", "CoreOS 1235.12.0", "1.13").edition());
        assertEquals("", platform("1.13", "RHEL 7.6", "18.09.2").edition(), "EE and CE both listed");
        platform("2.2", "CentOS 7.9", "19.03.5");     // 'CentOS 7.*' expanded
        platform("2.2", "Flatcar 2345.3.1", "18.06.3");
        platform("1.13", "Ubuntu 16.04", "19.03.5");
        platform("1.12", "Oracle Linux 7.4", "18.09.2");
        assertTrue(find("1.11", "CentOS 7.4", "1.12").isEmpty(), "Docker 1.12 was never listed for 1.11");
        assertTrue(find("2.0", "Ubuntu 16.04", "19.03.5").isEmpty(), "Ubuntu discontinued from DC/OS 2.0");
        assertTrue(KB.platformSupport().stream().noneMatch(p -> p.os().contains("*") || p.os().contains("(")
                || p.os().contains("Stable") || p.os().contains("LTS")), "OS names cleaned");
    }

    @Test
    void credentialsRowsArePresent() {
        MesosFlagChange dep = flag("credentials", "DEPRECATED", "1.0.0");
        assertEquals("master", dep.component());
        assertTrue(dep.note().contains("plain-text credentials file format"));
        MesosFlagChange rem = flag("credentials", "REMOVED", "1.11.0");
        assertTrue(rem.note().contains("plain-text credentials file format"));
        assertEquals("agent", flag("credential", "DEPRECATED", "1.0.0").component());
        assertEquals("agent", flag("credential", "REMOVED", "1.11.0").component());
        assertTrue(flag("credential", "REMOVED", "1.11.0").appliesTo("agent"));
        assertFalse(flag("credential", "REMOVED", "1.11.0").appliesTo("master"));
    }

    @Test
    void renamesArePresent() {
        MesosFlagChange cg = flag("cgroups_hierarchy_root", "RENAMED", "0.13.0");
        assertEquals("cgroups_hierarchy", cg.replacement());
        assertEquals("agent", cg.component());
        for (String[] r : new String[][] {{"slave_ping_timeout", "agent_ping_timeout"},
                {"max_slave_ping_timeouts", "max_agent_ping_timeouts"},
                {"slave_removal_rate_limit", "agent_removal_rate_limit"},
                {"slave_reregister_timeout", "agent_reregister_timeout"},
                {"recovery_slave_removal_limit", "recovery_agent_removal_limit"},
                {"authenticate_slaves", "authenticate_agents"}, {"slave_subsystems", "agent_subsystems"}}) {
            assertEquals(r[1], flag(r[0], "RENAMED", "1.0.0").replacement(), r[0]);
        }
        assertEquals("true", flag("registry_strict", "REMOVED", "1.0.0").value(), "only =true is rejected");
        flag("checkpoint", "REMOVED", "0.22.0");
        flag("containerizer_path", "REMOVED", "1.1.0");
        flag("default_container_image", "REMOVED", "1.1.0");
        flag("cgroup_subsystems", "REMOVED", "0.18.0");
    }

    @Test
    void everyAcceptedAliasInTheFlagInventoryIsARename() throws IOException {
        Path tsv = SHARED.resolve("reference/mesos-flag-inventory-by-release.tsv");
        assumeTrue(Files.isReadable(tsv), "shared/ not next to the repository");
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        List<String> violations = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split("\t", -1);   // component, flag, first_seen, last_seen, alias, ...
            if (!c[4].isEmpty()) {
                boolean ok = KB.flagChanges().stream().anyMatch(x -> x.change().equals("RENAMED")
                        && x.flag().equals(c[4]) && c[1].equals(x.replacement()) && x.mesosVersion().equals(c[2])
                        && x.component().equals(c[0]));
                if (!ok) violations.add(c[0] + " " + c[4] + " -> " + c[1] + " @" + c[2]);
            } else if (!c[3].equals("1.11.0")
                    && KB.flagChanges().stream().noneMatch(x -> x.flag().equals(c[1]))) {
                violations.add(c[0] + " " + c[1] + " disappears after " + c[3] + " but has no row");
            }
        }
        assertTrue(violations.isEmpty(), () -> "missing:\n" + String.join("\n", violations));
    }

    @Test
    void upgradeOrderNotes() {
        UpgradeOrderNote agentsFirst = KB.upgradeOrderNotes().stream()
                .filter(n -> n.fromMinor().equals("0.11") && n.toMinor().equals("0.12")).findFirst().orElseThrow();
        assertTrue(agentsFirst.ordering());
        assertTrue(agentsFirst.note().contains("AGENTS BEFORE MASTERS"));
        assertEquals(12_000L, agentsFirst.toKey());
        assertTrue(KB.upgradeOrderNotes().stream().anyMatch(n -> n.toMinor().equals("1.3") && n.ordering()
                && n.note().contains("BEFORE installing 1.3 binaries")));
        Predicate<UpgradeOrderNote> generic = n -> n.fromMinor().equals("0.15") && n.toMinor().equals("0.16");
        assertFalse(KB.upgradeOrderNotes().stream().filter(generic).findFirst().orElseThrow().ordering(),
                "masters-then-agents is no ordering requirement");
        assertTrue(KB.upgradeOrderNotes().stream().noneMatch(n -> n.fromMinor().contains("x")
                || n.toMinor().contains("x")));
        assertUnique("upgrade step", KB.upgradeOrderNotes().stream().map(n -> n.fromMinor() + ">" + n.toMinor())
                .toList());
    }

    @Test
    void dcosSetsTheKnownExceptions() {
        Set<String> everyRelease = KB.dcosManagedFlags().stream().filter(f -> f.releases().contains("1.9.0")
                && f.releases().contains("2.2.1")).map(DcosManagedFlag::envVar).collect(Collectors.toSet());
        assertTrue(everyRelease.containsAll(Set.of("MESOS_DOCKER_STOP_TIMEOUT", "MESOS_REGISTRY_STRICT",
                "MESOS_SLAVE_SUBSYSTEMS")), everyRelease::toString);
        assertEquals("docker_stop_timeout", KB.dcosManagedFlags().stream()
                .filter(f -> f.envVar().equals("MESOS_DOCKER_STOP_TIMEOUT")).findFirst().orElseThrow().flag());
    }

    // ----------------------------------------------------------------------------------- malformed files

    @Test
    void theRealFilesReadWithoutTheCache() {
        KnowledgeBase fresh = KnowledgeBase.read(KnowledgeBaseTest::resource);
        assertEquals(KB.toString(), fresh.toString());
    }

    @Test
    void unquotedMinorNamesFileRowAndField() {
        KnowledgeException e = malformed(KnowledgeBase.PLATFORM_SUPPORT,
                t -> t.replaceFirst("dcos_minor: \"1.10\"", "dcos_minor: 1.10"));
        assertEquals(KnowledgeBase.PLATFORM_SUPPORT, e.file());
        assertEquals("dcos_minor", e.field());
        assertTrue(e.row() > 0);
        assertTrue(e.getMessage().contains("platform-support.yaml row[" + e.row() + "] field 'dcos_minor'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("1.1"), "names what YAML made of it: " + e.getMessage());
    }

    @Test
    void missingSourceNamesTheRow() {
        String text = resource(KnowledgeBase.RELEASES);
        int third = nthRowStart(text, 2);
        String broken = text.substring(0, third) + text.substring(third).replaceFirst("\n  source: \"[^\"]*\"", "");
        KnowledgeException e = assertThrows(KnowledgeException.class,
                () -> KnowledgeBase.read(f -> f.equals(KnowledgeBase.RELEASES) ? broken : resource(f)));
        assertEquals(2, e.row());
        assertEquals("source", e.field());
        assertTrue(e.getMessage().startsWith("knowledge/releases.yaml row[2] field 'source'"), e.getMessage());
    }

    @Test
    void badValuesAreRejected() {
        assertEquals("edition", malformed(KnowledgeBase.PLATFORM_SUPPORT,
                t -> t.replaceFirst("edition: \"CE\"", "edition: \"XE\"")).field());
        assertEquals("os", malformed(KnowledgeBase.PLATFORM_SUPPORT,
                t -> t.replaceFirst("os: \"CentOS 7.4\"", "os: \"centos 7.4\"")).field());
        assertEquals("docker", malformed(KnowledgeBase.PLATFORM_SUPPORT,
                t -> t.replaceFirst("docker: \"18.09.2\"", "docker: \"Docker CE 18.09.2\"")).field());
        assertEquals("origin", malformed(KnowledgeBase.UPGRADE_PATHS,
                t -> t.replaceFirst("origin: \"faq\"", "origin: \"blog\"")).field());
        assertEquals("supported", malformed(KnowledgeBase.UPGRADE_PATHS,
                t -> t.replaceFirst("supported: true", "supported: \"yes\"")).field());
        assertEquals("change", malformed(KnowledgeBase.FLAG_CHANGES,
                t -> t.replaceFirst("change: \"REMOVED\"", "change: \"R\"")).field());
        assertEquals("flag", malformed(KnowledgeBase.FLAG_CHANGES,
                t -> t.replaceFirst("flag: \"checkpoint\"", "flag: \"--checkpoint\"")).field());
        assertEquals("mesos", malformed(KnowledgeBase.COMPONENT_VERSIONS,
                t -> t.replaceFirst("mesos: \"1.5.1\"", "mesos: \"1.5.x\"")).field());
        assertEquals("dcos", malformed(KnowledgeBase.COMPONENT_VERSIONS,
                t -> t + "- dcos: \"1.9.0\"\n  mesos: \"1.2.1\"\n  marathon: \"1\"\n  zookeeper: \"3\"\n"
                        + "  metronome: \"0\"\n  source: \"test\"\n").field());
        assertEquals("colour", malformed(KnowledgeBase.RELEASES,
                t -> t.replaceFirst("version: \"1.9.0\"", "version: \"1.9.0\"\n  colour: \"red\"")).field());
        assertEquals("flag", malformed(KnowledgeBase.DCOS_MANAGED_FLAGS,
                t -> t.replaceFirst("flag: \"attributes\"", "flag: \"attribute\"")).field());
    }

    @Test
    void releasesOutOfOrderAreRejected() {
        KnowledgeException e = malformed(KnowledgeBase.RELEASES,
                t -> t.replaceFirst("version: \"1.9.1\"", "version: \"1.9.0\""));
        assertEquals(1, e.row());
        assertEquals("version", e.field());
    }

    @Test
    void wholeFileProblemsNameTheFile() {
        KnowledgeException notList = malformed(KnowledgeBase.UPGRADE_ORDER, t -> "rows: []\n");
        assertEquals(-1, notList.row());
        assertTrue(notList.getMessage().startsWith("knowledge/upgrade-order.yaml: "), notList.getMessage());
        KnowledgeException dup = malformed(KnowledgeBase.RELEASES,
                t -> t.replaceFirst("version: \"1.9.0\"", "version: \"1.9.0\"\n  version: \"1.9.0\""));
        assertTrue(dup.getMessage().contains("releases.yaml"), dup.getMessage());
        KnowledgeException missing = assertThrows(KnowledgeException.class, () -> KnowledgeBase.read(
                f -> f.equals(KnowledgeBase.DCOS_MANAGED_FLAGS) ? null : resource(f)));
        assertEquals(KnowledgeBase.DCOS_MANAGED_FLAGS, missing.file());
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static List<String> series(String minor, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> minor + "." + i).toList();
    }

    private static Stream<UpgradePathEntry> paths(String from, String to) {
        return KB.upgradePaths().stream().filter(e -> e.from().equals(from) && e.to().equals(to));
    }

    private static java.util.Optional<UpgradePathEntry> path(String from, String to, String origin) {
        return paths(from, to).filter(e -> e.origin().equals(origin)).findFirst();
    }

    private static java.util.Optional<PlatformSupport> find(String minor, String os, String docker) {
        return KB.platformSupport().stream().filter(p -> p.dcosMinor().equals(minor) && p.os().equals(os)
                && p.docker().equals(docker)).findFirst();
    }

    private static PlatformSupport platform(String minor, String os, String docker) {
        return find(minor, os, docker).orElseThrow(() -> new AssertionError("no platform row " + minor + " / " + os
                + " / Docker " + docker));
    }

    private static MesosFlagChange flag(String flag, String change, String version) {
        return KB.flagChanges().stream().filter(c -> c.flag().equals(flag) && c.change().equals(change)
                && c.mesosVersion().equals(version)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + change + " row for " + flag + " at " + version));
    }

    private static void assertUnique(String what, List<String> keys) {
        Set<String> seen = new HashSet<>();
        List<String> dups = keys.stream().filter(k -> !seen.add(k)).toList();
        assertTrue(dups.isEmpty(), () -> "duplicate " + what + ": " + dups);
    }

    private static int countOf(String file) {
        return switch (file) {
            case KnowledgeBase.RELEASES -> KB.releases().size();
            case KnowledgeBase.UPGRADE_PATHS -> KB.upgradePaths().size();
            case KnowledgeBase.COMPONENT_VERSIONS -> KB.componentVersions().size();
            case KnowledgeBase.PLATFORM_SUPPORT -> KB.platformSupport().size();
            case KnowledgeBase.FLAG_CHANGES -> KB.flagChanges().size();
            case KnowledgeBase.UPGRADE_ORDER -> KB.upgradeOrderNotes().size();
            case KnowledgeBase.DCOS_MANAGED_FLAGS -> KB.dcosManagedFlags().size();
            default -> throw new AssertionError(file);
        };
    }

    private static String sourceOf(Object o) {
        if (o instanceof Release r) return r.source();
        if (o instanceof UpgradePathEntry r) return r.source();
        if (o instanceof ComponentVersions r) return r.source();
        if (o instanceof PlatformSupport r) return r.source();
        if (o instanceof MesosFlagChange r) return r.source();
        if (o instanceof UpgradeOrderNote r) return r.source();
        if (o instanceof DcosManagedFlag r) return r.source();
        throw new AssertionError("unexpected fact type " + o.getClass());
    }

    private static KnowledgeException malformed(String file, java.util.function.UnaryOperator<String> edit) {
        String original = resource(file);
        String broken = edit.apply(original);
        assertFalse(broken.equals(original), "the edit must change " + file);
        return assertThrows(KnowledgeException.class,
                () -> KnowledgeBase.read(f -> f.equals(file) ? broken : resource(f)));
    }

    /** Offset of the n-th (0-based) top-level row ("- " at line start). */
    private static int nthRowStart(String text, int n) {
        int at = -1;
        for (int i = 0; i <= n; i++) {
            at = text.indexOf("\n- ", at + 1);
            if (at < 0) throw new AssertionError("fewer than " + (n + 1) + " rows");
        }
        return at + 1;
    }

    private static String resource(String file) {
        try (InputStream in = KnowledgeBaseTest.class.getClassLoader()
                .getResourceAsStream(KnowledgeBase.RESOURCE_DIR + file)) {
            if (in == null) throw new AssertionError(file + " not on the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(file, e);
        }
    }

    private static List<JsonNode> rawRows(String file) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(resource(file));
            List<JsonNode> out = new ArrayList<>();
            root.forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new AssertionError(file, e);
        }
    }
}
