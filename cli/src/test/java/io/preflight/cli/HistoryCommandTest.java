package io.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan history end to end through the real CLI: consecutive {@code check --history-store} runs on example
 * bundles of one cluster, then {@code history list|diff|show}, {@code --fail-on-new} exit codes, one-line errors.
 */
class HistoryCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path BUNDLES = ExampleBundles.BUNDLES;
    static final Set<String> NTP = Set.of("NODE-NTP-UNSYNCED 10.0.2.242", "NODE-NTP-UNSYNCED 10.0.6.64");

    @TempDir
    Path tmp;

    /** A copy of an example bundle that names its cluster {@code cluster}: the same cluster on another night. */
    Path night(String example, String cluster) throws IOException {
        return ExampleBundles.copyAs(example, cluster, tmp.resolve("bundles"));
    }

    static CliRun check(Path bundle, String store, String... extra) {
        List<String> args = new ArrayList<>(List.of("check", "--bundle", bundle.toString(), "--history-store", store));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    static Set<String> pairs(JsonNode findings) {
        Set<String> s = new TreeSet<>();
        for (JsonNode f : findings) s.add(f.get("ruleId").asText() + " " + f.get("subject").asText());
        return s;
    }

    static JsonNode json(CliRun run) throws IOException {
        assertEquals(0, run.exit(), run.err());
        return JSON.readTree(run.out());
    }

    @Test
    void consecutiveChecksGiveTheRightDiffAndShowGivesBackTheReport() throws Exception {
        String store = tmp.resolve("history").toString();
        Path broken = night("ntp-unsynced", "prod-east");
        Path fixed = night("healthy-2.0", "prod-east");

        Path first = tmp.resolve("first.json");
        CliRun r1 = check(broken, store, "--format", "json=" + first, "--quiet");
        assertEquals(1, r1.exit(), r1.err());
        assertEquals("", r1.err());
        Path second = tmp.resolve("second.json");
        CliRun r2 = check(fixed, store, "--format", "json=" + second, "--quiet");
        assertEquals(0, r2.exit(), r2.err());

        JsonNode list = json(CliRun.of("history", "list", "--store", store, "--format", "json"));
        assertEquals(2, list.size());
        long id1 = list.get(1).get("id").asLong();
        long id2 = list.get(0).get("id").asLong();
        assertTrue(id1 < id2);
        assertEquals("NO_GO", list.get(1).get("verdict").asText());
        assertEquals(2, list.get(1).get("blockers").asInt());
        assertEquals("GO", list.get(0).get("verdict").asText());
        assertEquals("prod-east", list.get(0).get("cluster").asText());

        // the second report carries the first scan as its trend
        JsonNode trend = JSON.readTree(second.toFile()).get("trend");
        assertEquals(1, trend.size());
        assertEquals(id1, trend.get(0).get("scanId").asLong());
        assertEquals(2, trend.get(0).get("blockers").asInt());
        assertEquals(0, JSON.readTree(first.toFile()).get("trend").size());

        JsonNode diff = json(CliRun.of("history", "diff", "--store", store, "--format", "json"));
        assertEquals(id1, diff.at("/from/id").asLong());
        assertEquals(id2, diff.at("/to/id").asLong());
        assertEquals(Set.of(), pairs(diff.get("new")));
        assertEquals(NTP, pairs(diff.get("resolved")));
        assertEquals(ScenarioTest.HOP_20_22, pairs(diff.get("stillOpen")));

        // a third night breaks the clock again: new, not resolved
        check(broken, store, "--quiet");
        JsonNode again = json(CliRun.of("history", "diff", "--cluster", "prod-east", "--store", store, "--format",
                "json"));
        assertEquals(NTP, pairs(again.get("new")));
        assertEquals(Set.of(), pairs(again.get("resolved")));
        assertEquals(ScenarioTest.HOP_20_22, pairs(again.get("stillOpen")));
        // explicit ids: the first and the third scan hold the same findings
        JsonNode same = json(CliRun.of("history", "diff", String.valueOf(id1), String.valueOf(again.at("/to/id")
                .asLong()), "--store", store, "--format", "json"));
        assertEquals(Set.of(), pairs(same.get("new")));
        assertEquals(Set.of(), pairs(same.get("resolved")));
        assertEquals(pairs(JSON.readTree(first.toFile()).get("findings")), pairs(same.get("stillOpen")));

        CliRun text = CliRun.of("history", "diff", String.valueOf(id1), String.valueOf(id2), "--store", store);
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().startsWith("cluster prod-east: scan #" + id1 + " -> scan #" + id2), text.out());
        assertTrue(text.out().contains("0 new, 2 resolved, 4 still open"), text.out());
        assertTrue(text.out().contains("RESOLVED (2)\n  BLOCKER  NODE-NTP-UNSYNCED  10.0.2.242\n"
                + "  BLOCKER  NODE-NTP-UNSYNCED  10.0.6.64\n"), text.out());

        // show: the stored report, rendered again, is byte for byte what check wrote
        CliRun shown = CliRun.of("history", "show", String.valueOf(id1), "--store", store, "--format", "json");
        assertEquals(0, shown.exit(), shown.err());
        assertEquals(Files.readString(first), shown.out());
        Path file = tmp.resolve("shown.json");
        assertEquals(0, CliRun.of("history", "show", String.valueOf(id2), "--store", store, "--format",
                "json=" + file).exit());
        assertEquals(Files.readString(second), Files.readString(file));
        CliRun shownText = CliRun.of("history", "show", String.valueOf(id1), "--store", store);
        assertTrue(shownText.out().startsWith("NO-GO") || shownText.out().startsWith("NO_GO"), shownText.out());
        assertTrue(shownText.out().contains("NODE-NTP-UNSYNCED"), shownText.out());
    }

    @Test
    void failOnNewFailsOnlyOnBlockersTheLastScanDidNotHave() throws Exception {
        String store = tmp.resolve("history").toString();
        Path healthy = night("healthy-2.0", "prod-west");
        Path broken = night("ntp-unsynced", "prod-west");

        // no earlier scan: every blocker is new
        CliRun baseline = check(broken, store, "--fail-on-new", "--format", "json");
        assertEquals(1, baseline.exit(), baseline.err());
        assertTrue(JSON.readTree(baseline.out()).get("notes").toString()
                .contains("--fail-on-new: no earlier scan of cluster prod-west"), baseline.out());
        // the same findings again: NO-GO report, exit 0
        CliRun same = check(broken, store, "--fail-on-new", "--format", "json");
        assertEquals(0, same.exit(), same.err());
        JsonNode sameReport = JSON.readTree(same.out());
        assertEquals("NO_GO", sameReport.get("verdict").asText());
        assertTrue(sameReport.get("notes").toString().contains("none is new"), same.out());
        // fixed, then broken again: a new blocker fails
        assertEquals(0, check(healthy, store, "--fail-on-new", "--quiet").exit());
        CliRun regressed = check(broken, store, "--fail-on-new", "--format", "json");
        assertEquals(1, regressed.exit(), regressed.err());
        assertTrue(JSON.readTree(regressed.out()).get("notes").toString().contains(
                "2 new: NODE-NTP-UNSYNCED 10.0.2.242, NODE-NTP-UNSYNCED 10.0.6.64"), regressed.out());
        // a warning is not a blocker at --fail-on blocker, but is at --fail-on warning when it is new
        Path leapfrog = night("healthy-2.0", "prod-north");
        assertEquals(0, check(leapfrog, store, "--quiet").exit());
        assertEquals(0, check(leapfrog, store, "--fail-on-new", "--fail-on", "warning", "--quiet").exit(),
                "the hop's WARNING was in the previous scan");
        assertEquals(1, check(leapfrog, store, "--fail-on-new", "--fail-on", "warning", "--target", "2.1.0",
                "--quiet").exit(), "another target brings new warnings");
        JsonNode list = json(CliRun.of("history", "list", "--cluster", "prod-west", "--store", store, "--format",
                "json"));
        assertEquals(4, list.size());
    }

    @Test
    void listPrintsATableNewestFirstAndTheClusterOptionWorksOnEitherSide() throws Exception {
        String store = tmp.resolve("history").toString();
        check(night("healthy-2.0", "alpha"), store, "--quiet");
        check(night("ntp-unsynced", "beta"), store, "--quiet");
        CliRun all = CliRun.of("history", "list", "--store", store);
        assertEquals(0, all.exit(), all.err());
        List<String> lines = all.out().lines().toList();
        assertEquals(3, lines.size(), all.out());
        assertTrue(lines.get(0).matches("ID +TIME +CLUSTER +VERDICT +CURRENT +TARGET +BLOCKERS +WARNINGS +INFOS"),
                lines.get(0));
        assertTrue(lines.get(1).matches(" *2 +\\S+Z +beta +NO_GO +2\\.0\\.6 +2\\.2\\.1 +2 +1 +3"), lines.get(1));
        assertTrue(lines.get(2).matches(" *1 +\\S+Z +alpha +GO +2\\.0\\.6 +2\\.2\\.1 +0 +1 +3"), lines.get(2));
        CliRun before = CliRun.of("history", "--cluster", "alpha", "--store", store, "list");
        CliRun after = CliRun.of("history", "list", "--cluster", "alpha", "--store", store);
        assertEquals(2, before.out().lines().count(), before.out() + before.err());
        assertEquals(before.out(), after.out());
        CliRun none = CliRun.of("history", "list", "--cluster", "gamma", "--store", store);
        assertEquals("no scans of cluster gamma recorded\n", none.out());
        CliRun ambiguous = CliRun.of("history", "diff", "--store", store);
        assertEquals(2, ambiguous.exit());
        assertEquals("preflight: " + Path.of(store).toAbsolutePath() + ".mv.db holds scans of 2 clusters (alpha, beta):"
                + " name one with --cluster\n", ambiguous.err());
        CliRun one = CliRun.of("history", "diff", "--cluster", "alpha", "--store", store);
        assertEquals(2, one.exit());
        assertTrue(one.err().startsWith("preflight: cluster alpha has 1 scan in "), one.err());
    }

    @Test
    void everyFailureIsOneLineExitTwoAndNeverShowsThePassword() throws Exception {
        String missing = tmp.resolve("none").toString();
        assertOneLine(CliRun.of("history", "list", "--store", missing), "no scan history at " + missing + ".mv.db");
        assertFalse(Files.exists(tmp.resolve("none.mv.db")), "reading never creates a store");
        CliRun pg = check(BUNDLES.resolve("healthy-2.0"),
                "jdbc:postgresql://127.0.0.1:1/history?user=scan&password=hunter2");
        assertOneLine(pg,
                "cannot connect to history store jdbc:postgresql://127.0.0.1:1/history?user=scan&password=***: ");
        assertFalse(pg.err().contains("hunter2"));
        assertEquals("", pg.out(), "no report when the history cannot be recorded");
        assertOneLine(check(BUNDLES.resolve("healthy-2.0"), "jdbc:mysql://db/x?password=hunter2"),
                "history store jdbc:mysql://db/x?password=***: unsupported URL");
        Path corrupt = tmp.resolve("corrupt.mv.db");
        Files.writeString(corrupt, "this is not an H2 database\n".repeat(200));
        assertOneLine(CliRun.of("history", "list", "--store", corrupt.toString()),
                "history store " + corrupt
                        + " is not a readable scan history (corrupt, truncated, or not an H2 database)");
        assertOneLine(CliRun.of("check", "--bundle", BUNDLES.resolve("healthy-2.0").toString(), "--no-history",
                "--history-store", tmp.resolve("h").toString()), "--no-history and --history-store contradict");
        assertOneLine(CliRun.of("check", "--bundle", BUNDLES.resolve("healthy-2.0").toString(), "--no-history",
                "--fail-on-new"), "--fail-on-new compares with the scan history");
        String store = tmp.resolve("history").toString();
        check(BUNDLES.resolve("healthy-2.0"), store, "--quiet");
        assertOneLine(CliRun.of("history", "show", "999", "--store", store), "no scan #999 in ");
        assertOneLine(CliRun.of("history", "diff", "1", "--store", store), "history diff: give two scan ids");
        assertOneLine(CliRun.of("history", "diff", "1", "999", "--store", store), "no scan #999 in ");
        assertOneLine(CliRun.of("history", "show", "1", "--store", store, "--format", "pdf"), "unknown format 'pdf'");
        assertOneLine(CliRun.of("history", "list", "--store", store, "--format", "yaml"), "--format: unknown format");
        assertOneLine(CliRun.of("history"), "a subcommand is required (list, diff, show, prune)");
    }

    @Test
    void pruneKeepLastOneLeavesOnlyTheNewestScanAndDiffSaysItNeedsTwo() throws Exception {
        String store = tmp.resolve("history").toString();
        check(night("ntp-unsynced", "prod-east"), store, "--quiet");
        check(night("healthy-2.0", "prod-east"), store, "--quiet");
        check(night("ntp-unsynced", "prod-east"), store, "--quiet");
        check(night("healthy-2.0", "prod-west"), store, "--quiet");
        JsonNode before = json(CliRun.of("history", "list", "--store", store, "--format", "json"));
        assertEquals(4, before.size());
        long newest = before.get(1).get("id").asLong();
        assertEquals("prod-east", before.get(1).get("cluster").asText());

        CliRun dry = CliRun.of("history", "prune", "--store", store, "--cluster", "prod-east", "--keep-last", "1",
                "--dry-run");
        assertEquals(0, dry.exit(), dry.err());
        assertEquals("prod-east: 2 scans would be deleted (#1, #2)\n"
                + "total: 2 scans would be deleted (dry run: nothing deleted)\n", dry.out());
        assertEquals(4, json(CliRun.of("history", "list", "--store", store, "--format", "json")).size());

        CliRun prune = CliRun.of("history", "prune", "--store", store, "--keep-last", "1");
        assertEquals(0, prune.exit(), prune.err());
        assertEquals("", prune.err());
        assertEquals("prod-east: 2 scans deleted\nprod-west: 0 scans deleted\ntotal: 2 scans deleted\n", prune.out());

        JsonNode east = json(CliRun.of("history", "list", "--store", store, "--cluster", "prod-east", "--format",
                "json"));
        assertEquals(1, east.size());
        assertEquals(newest, east.get(0).get("id").asLong());
        assertEquals(1, json(CliRun.of("history", "list", "--store", store, "--cluster", "prod-west", "--format",
                "json")).size());
        assertOneLine(CliRun.of("history", "diff", "--store", store, "--cluster", "prod-east"),
                "cluster prod-east has 1 scan in ");
        // the kept scan is still the baseline of --fail-on-new: the same blockers again are not new
        assertEquals(0, check(night("ntp-unsynced", "prod-east"), store, "--quiet", "--fail-on-new").exit());

        JsonNode again = json(CliRun.of("history", "prune", "--store", store, "--older-than", "2000-01-01",
                "--keep-last", "1", "--format", "json"));
        assertEquals(0, again.get("total").asInt());
        assertEquals(false, again.get("dryRun").asBoolean());
        assertEquals("2000-01-01T00:00:00Z", again.get("olderThan").asText());
        assertEquals(2, again.get("clusters").size());
        JsonNode all = json(CliRun.of("history", "prune", "--store", store, "--older-than", "0h", "--format", "json"));
        assertEquals(1, all.get("total").asInt(), "only prod-east has more than its newest scan");
        assertEquals("prod-east", all.get("clusters").get(0).get("cluster").asText());
        assertEquals(newest, all.get("clusters").get(0).get("ids").get(0).asLong());
    }

    @Test
    void pruneRefusesBadArgumentsInOneLine() throws Exception {
        String missing = tmp.resolve("none").toString();
        assertOneLine(CliRun.of("history", "prune", "--store", missing, "--keep-last", "5"),
                "no scan history at " + missing + ".mv.db");
        assertFalse(Files.exists(tmp.resolve("none.mv.db")), "pruning never creates a store");
        String store = tmp.resolve("history").toString();
        check(BUNDLES.resolve("healthy-2.0"), store, "--quiet");
        assertOneLine(CliRun.of("history", "prune", "--store", store), "history prune: give --keep-last N,");
        assertOneLine(CliRun.of("history", "prune", "--store", store, "--keep-last", "0"), "--keep-last: must be 1");
        assertOneLine(CliRun.of("history", "prune", "--store", store, "--keep-last", "x"), "");
        assertOneLine(CliRun.of("history", "prune", "--store", store, "--older-than", "90"),
                "--older-than: '90' is neither an age");
        assertOneLine(CliRun.of("history", "prune", "--store", store, "--older-than", "2026-01-01T00:00:00"),
                "--older-than: '2026-01-01T00:00:00' is neither an age");
        assertOneLine(CliRun.of("history", "prune", "--store", store, "--keep-last", "1", "--format", "yaml"),
                "--format: unknown format");
        assertEquals(1, json(CliRun.of("history", "list", "--store", store, "--format", "json")).size());
    }

    static void assertOneLine(CliRun run, String start) {
        assertEquals(2, run.exit(), run.out() + run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("preflight: " + start), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void twoChecksIntoPostgresGiveTheRightDiff() throws Exception {
        String base = System.getenv("PREFLIGHT_TEST_PG_URL");
        if (base == null || base.isBlank()) {
            String why = "PREFLIGHT_TEST_PG_URL is not set: the PostgreSQL end-to-end history test is SKIPPED"
                    + " (run `. .ci/services.sh` first)";
            System.err.println("preflight test: " + why);
            Assumptions.abort(why);
        }
        String schema = "preflight_cli_" + ProcessHandle.current().pid() + "_" + Long.toHexString(System.nanoTime());
        String store = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try {
            assertEquals(1, check(night("ntp-unsynced", "pg-east"), store, "--quiet").exit());
            assertEquals(0, check(night("healthy-2.0", "pg-east"), store, "--quiet").exit());
            JsonNode diff = json(CliRun.of("history", "diff", "--store", store, "--format", "json"));
            assertEquals(Set.of(), pairs(diff.get("new")));
            assertEquals(NTP, pairs(diff.get("resolved")));
            assertEquals(ScenarioTest.HOP_20_22, pairs(diff.get("stillOpen")));
        } finally {
            try (Connection c = new org.postgresql.Driver().connect(base, new Properties());
                 Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
