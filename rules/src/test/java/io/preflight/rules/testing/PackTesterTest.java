package io.preflight.rules.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.rules.Checker;
import io.preflight.rules.RuleEngine;
import io.preflight.rules.RuleMeta;
import io.preflight.rules.knowledge.KnowledgeBase;
import io.preflight.rules.site.SitePack;
import io.preflight.rules.site.SitePacks;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The pack tester's verdicts and its two outputs (text with a diff, JUnit XML), on copies of the example pack. */
class PackTesterTest {
    static final Path ACME = Path.of("..", "examples", "site-rules", "acme");

    @TempDir
    Path tmp;

    Path copyOfAcme() throws Exception {
        Path dir = tmp.resolve("acme");
        Files.createDirectories(dir);
        try (Stream<Path> s = Files.list(ACME)) {
            for (Path p : s.toList()) Files.copy(p, dir.resolve(p.getFileName()));
        }
        return dir;
    }

    static List<PackResult> run(Path... dirs) throws Exception {
        RuleEngine shipped = RuleEngine.shipped();
        SitePacks.Result packs = SitePacks.load(List.of(dirs), shipped);
        List<RuleMeta> rules = new ArrayList<>(shipped.rules());
        rules.addAll(packs.rules());
        PackTester t = new PackTester(new Checker(shipped, packs.engines(), KnowledgeBase.load()), rules);
        return t.test(packs.packs().stream().map(SitePack::casePack).toList());
    }

    static String text(List<PackResult> r) {
        StringWriter w = new StringWriter();
        TestReports.text(r, new PrintWriter(w));
        return w.toString();
    }

    static Document xml(List<PackResult> r) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(TestReports.junit(r).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theExamplePackPasses() throws Exception {
        List<PackResult> r = run(ACME);
        assertTrue(r.get(0).passed());
        String out = text(r);
        assertTrue(out.startsWith("pack acme (" + ACME + "): 15 cases\n  PASS  ACME-APP-OWNER-MISSING: "), out);
        assertFalse(out.contains("FAIL"), out);
        assertTrue(out.endsWith("ok    acme: 15 of 15 cases passed\n\nOK: 15 cases passed in 1 pack\n"), out);
    }

    @Test
    void aFailingCaseShowsTheMissingAndUnexpectedPairsInTextAndJunit() throws Exception {
        Path dir = copyOfAcme();
        Path cases = dir.resolve("kernel.cases.yaml");
        String floor = "      - OsRelease: { subject: 10.0.1.5, family: CentOS, version: \"7.6\","
                + " kernel: 3.10.0-957.el7.x86_64 }\n";
        String text = Files.readString(cases);
        assertTrue(text.contains(floor + "    expect: []"), "the fixture this test edits");
        // the quiet-at-the-floor case now claims the rule fires on the wrong host
        Files.writeString(cases, text.replace(floor + "    expect: []", floor
                + "      - OsRelease: { subject: 10.0.1.9, family: CentOS, version: \"7.4\","
                + " kernel: 3.10.0-693.el7.x86_64 }\n"
                + "    expect: [{ id: ACME-KERNEL-TOO-OLD, subject: 10.0.1.5 }]"));
        List<PackResult> r = run(dir);
        assertFalse(r.get(0).passed());
        assertEquals(1, r.get(0).failedCases());
        String out = text(r);
        assertTrue(out.contains(String.join("\n",
                "  FAIL  ACME-KERNEL-TOO-OLD: quiet at exactly the floor (3.10.0-957.el7)",
                "        at " + cases + ":10",
                "        expected:   ACME-KERNEL-TOO-OLD 10.0.1.5",
                "        actual:     ACME-KERNEL-TOO-OLD 10.0.1.9",
                "        missing:    ACME-KERNEL-TOO-OLD 10.0.1.5",
                "        unexpected: ACME-KERNEL-TOO-OLD 10.0.1.9",
                "  PASS  ")), out);
        assertTrue(out.endsWith("FAIL  acme: 14 of 15 cases passed\n\nFAIL: 1 of 1 pack failed; 1 of 15 cases"
                + " failed\n"), out);

        Document xml = xml(r);
        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        assertEquals("acme", suite.getAttribute("name"));
        assertEquals("15", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        NodeList failures = xml.getElementsByTagName("failure");
        assertEquals(1, failures.getLength());
        Element failure = (Element) failures.item(0);
        Element testcase = (Element) failure.getParentNode();
        assertEquals("acme.ACME-KERNEL-TOO-OLD", testcase.getAttribute("classname"));
        assertEquals("quiet at exactly the floor (3.10.0-957.el7)", testcase.getAttribute("name"));
        assertEquals("10", testcase.getAttribute("line"));
        assertEquals("1 missing, 1 unexpected", failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("missing:    ACME-KERNEL-TOO-OLD 10.0.1.5\n"
                + "unexpected: ACME-KERNEL-TOO-OLD 10.0.1.9\n"), failure.getTextContent());
    }

    @Test
    void aPackWithoutCasesFailsAndRulesWithoutAFiringCaseAreReported() throws Exception {
        Path dir = copyOfAcme();
        for (String f : List.of("apps.cases.yaml", "kernel.cases.yaml", "racks.cases.yaml")) {
            Files.delete(dir.resolve(f));
        }
        List<PackResult> none = run(dir);
        assertFalse(none.get(0).passed());
        assertTrue(text(none).contains("  FAIL  no cases: write them in a *.cases.yaml file beside the pack's rules"
                + " (docs/writing-rules.md)\n"), text(none));
        assertEquals("pack", ((Element) xml(none).getElementsByTagName("failure").item(0)).getAttribute("type"));

        // only a quiet case: the pack passes, and the rules no case fires are named
        Files.writeString(dir.resolve("apps.cases.yaml"), String.join("\n",
                "rule: ACME-APP-OWNER-MISSING",
                "cases:",
                "  - name: quiet when every app has an owner",
                "    facts:",
                "      - MarathonInfo: { subject: marathon, version: \"1.9.136\", leader: \"10.0.6.68:8080\" }",
                "      - MarathonApp: { subject: /a, instances: 1, labels: { owner: team } }",
                "    expect: []", ""));
        List<PackResult> quiet = run(dir);
        assertTrue(quiet.get(0).passed());
        assertEquals(List.of("ACME-APP-OWNER-MISSING", "ACME-KERNEL-TOO-OLD", "ACME-RACK-CONCENTRATION"),
                quiet.get(0).withoutFiringCase());
        assertTrue(text(quiet).contains("  note: ACME-APP-OWNER-MISSING has no firing case (no case expects it)\n"));
        assertEquals(List.of("ACME-APP-OWNER-MISSING", "ACME-KERNEL-TOO-OLD", "ACME-RACK-CONCENTRATION"),
                quiet.get(0).withoutMissingDataCase());
        assertTrue(text(quiet).contains("  note: ACME-KERNEL-TOO-OLD has no missing-data case (none of its cases"
                + " expects COLLECT-UNVERIFIED)\n"), text(quiet));
        assertEquals(List.of(), run(ACME).get(0).withoutMissingDataCase(), "the example pack has them all");
        Document q = xml(quiet);
        assertEquals(3, q.getElementsByTagName("skipped").getLength());
        assertEquals(0, q.getElementsByTagName("failure").getLength());
    }

    @Test
    void aRuleThatThrowsFailsItsCaseWithTheCauseAndTheOtherCasesStillRun() throws Exception {
        Path dir = copyOfAcme();
        Path drl = dir.resolve("kernel.drl");
        String action = "    out.report(drools, $o.subject(), \"kernel \" + $o.kernel()";
        assertTrue(Files.readString(drl).contains(action), "the fixture this test edits");
        // prettyName is empty in some cases: the action dereferences it
        Files.writeString(drl, Files.readString(drl).replace(action,
                "    out.report(drools, $o.subject(), \"kernel \" + $o.prettyName().trim() + $o.kernel()"));
        List<PackResult> r = run(dir);
        CaseResult broken = r.get(0).results().stream()
                .filter(c -> c.kase().name().equals("fires on an older major kernel (2.6.32)")).findFirst().orElseThrow();
        assertFalse(broken.passed());
        assertEquals(drl + ": rule \"ACME-KERNEL-TOO-OLD\" (acme) failed in its action: NullPointerException: Cannot"
                + " invoke \"String.trim()\" because the return value of \"io.preflight.facts.OsRelease.prettyName()\""
                + " is null", broken.error());
        assertEquals(1, r.get(0).failedCases(), "the case with a prettyName still passes, and every other case");
        assertTrue(text(r).contains("  FAIL  ACME-KERNEL-TOO-OLD: fires on an older major kernel (2.6.32)\n"
                + "        at " + dir.resolve("kernel.cases.yaml") + ":14\n"
                + "        error:      " + broken.error() + "\n"), text(r));
        Document xml = xml(r);
        assertEquals(1, xml.getElementsByTagName("error").getLength());
        assertEquals(0, xml.getElementsByTagName("failure").getLength());
        assertEquals("1", ((Element) xml.getElementsByTagName("testsuite").item(0)).getAttribute("errors"));
    }

    @Test
    void junitEscapesCaseNamesAndStaysWellFormed() throws Exception {
        Path dir = copyOfAcme();
        Path cases = dir.resolve("apps.cases.yaml");
        Files.writeString(cases, Files.readString(cases).replace("name: quiet when every app has an owner",
                "name: 'quiet when <every> app & \"team\" has an owner'"));
        Document d = xml(run(dir));
        List<String> names = new ArrayList<>();
        NodeList tcs = d.getElementsByTagName("testcase");
        for (int i = 0; i < tcs.getLength(); i++) names.add(((Element) tcs.item(i)).getAttribute("name"));
        assertTrue(names.contains("quiet when <every> app & \"team\" has an owner"), names.toString());
    }
}
