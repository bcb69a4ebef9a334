package io.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preflight.reports.Renderers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} writes every report format in one run, each to its own file, and still exits with the verdict. */
class ReportFormatsCliTest {
    static final String LEAPFROG = Path.of("..", "examples", "bundles", "leapfrog-1.10").toString();

    @Test
    void allFiveNewFormatsInOneRun(@TempDir Path tmp) throws Exception {
        Path junit = tmp.resolve("a.xml");
        Path html = tmp.resolve("b.html");
        Path sarif = tmp.resolve("c.sarif");
        Path markdown = tmp.resolve("d.md");
        Path prometheus = tmp.resolve("e.prom");
        CliRun run = CliRun.of("check", "--bundle", LEAPFROG, "--target", "1.12.0", "--format", "junit=" + junit,
                "--format", "html=" + html, "--format", "sarif=" + sarif, "--format", "markdown=" + markdown,
                "--format", "prometheus=" + prometheus);
        assertEquals(1, run.exit(), run.err());
        assertEquals("", run.out(), "every format went to its file");

        String xml = Files.readString(junit);
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"preflight\""), xml);
        assertTrue(xml.contains("name=\"PATH-LEAPFROG "), "the blocker is a test case");
        assertTrue(xml.contains("<failure type=\"BLOCKER\""), "and a failure");

        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertTrue(page.contains("<h1>NO-GO</h1>") && page.contains("PATH-LEAPFROG"));

        JsonNode log = new ObjectMapper().readTree(sarif.toFile());
        assertEquals("2.1.0", log.get("version").asText());
        boolean leapfrog = false;
        for (JsonNode r : log.at("/runs/0/results")) leapfrog |= r.get("ruleId").asText().equals("PATH-LEAPFROG");
        assertTrue(leapfrog, "the blocker is a SARIF result");
        // every rule the check evaluated is a SARIF rule: all of the shipped catalog
        List<String> catalog = CommandLineTest.CATALOG;
        List<String> ids = log.at("/runs/0/tool/driver/rules").findValuesAsText("id");
        assertTrue(ids.containsAll(catalog), "missing: " + catalog.stream().filter(i -> !ids.contains(i)).toList());

        String md = Files.readString(markdown);
        assertTrue(md.startsWith("# Pre-flight NO-GO: "), md);
        assertTrue(md.contains("**PATH-LEAPFROG**"), md);

        String prom = Files.readString(prometheus);
        assertTrue(prom.contains("\npreflight_go{cluster=\""), prom);
        assertTrue(prom.contains(",target=\"1.12.0\"} 0\n"), prom);
        assertTrue(prom.contains(",severity=\"blocker\",rule=\"PATH-LEAPFROG\"} 1\n"), prom);

        try (var files = Files.list(tmp)) {
            assertEquals(5, files.count(), "five files, no temp files left behind");
        }
    }

    @Test
    void helpListsEveryFormat() {
        CliRun run = CliRun.of("check", "--help");
        String help = run.out().replaceAll("\\s+", " ");
        for (String f : Renderers.names()) assertTrue(help.contains(f), "--help names " + f + ": " + run.out());
    }
}
