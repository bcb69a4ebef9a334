package io.preflight.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.rules.Severity;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The JUnit report is valid against Jenkins' junit-10.xsd and says exactly which rules fail the gate. */
class JunitRendererTest {
    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        schema = f.newSchema(Path.of("src/test/resources/schemas/junit-10.xsd").toFile());
    }

    static void validate(String xml) throws Exception {
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Test cases by name. */
    static Map<String, Element> cases(Document d) {
        Map<String, Element> m = new LinkedHashMap<>();
        NodeList cs = d.getElementsByTagName("testcase");
        for (int i = 0; i < cs.getLength(); i++) {
            Element e = (Element) cs.item(i);
            m.put(e.getAttribute("name"), e);
        }
        return m;
    }

    static Element child(Element e, String name) {
        NodeList l = e.getElementsByTagName(name);
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }

    @Test
    void sampleIsValidAgainstTheJenkinsSchema() throws Exception {
        validate(SampleReport.render("junit", SampleReport.create()));
    }

    @Test
    void theSchemaCheckRejectsWhatJenkinsWouldNot() {
        // the validation above can fail: a test case without a name, and a time that is not a number, are refused
        String noName = "<testsuites><testsuite name=\"s\" tests=\"1\" failures=\"0\" errors=\"0\">"
                + "<testcase classname=\"c\"/></testsuite></testsuites>";
        assertThrows(SAXException.class, () -> validate(noName));
        String badTime = "<testsuites><testsuite name=\"s\" tests=\"1\" failures=\"0\" errors=\"0\" time=\"soon\">"
                + "</testsuite></testsuites>";
        assertThrows(SAXException.class, () -> validate(badTime));
    }

    @Test
    void everyEvaluatedRuleIsATestCaseAndTheCountsAreRight() throws Exception {
        Report r = SampleReport.create();
        Document d = parse(SampleReport.render("junit", r));
        Map<String, Element> cases = cases(d);
        // 5 evaluated rules, 1 report-level rule id (WAIVER-STALE), 1 disabled rule
        assertEquals(7, cases.size(), cases.keySet().toString());
        for (EvaluatedRule e : r.rules()) {
            Element c = cases.get(e.id() + " " + e.title());
            assertNotNull(c, e.id() + " has a test case: " + cases.keySet());
            assertEquals("preflight." + e.pack(), c.getAttribute("classname"));
        }
        Element stale = cases.get("WAIVER-STALE Waiver matches no finding");
        assertNotNull(stale, "a finding whose rule was not evaluated still gets a test case");
        assertEquals("preflight.report", stale.getAttribute("classname"));

        List<String> failing = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        cases.forEach((name, c) -> {
            if (child(c, "failure") != null) failing.add(name);
            if (child(c, "skipped") != null) skipped.add(name);
        });
        assertEquals(List.of("NODE-NTP-UNSYNCED Node clock is not synchronized",
                "APP-CONSTRAINT-INVALID Marathon app constraint is malformed"), failing);
        assertEquals(List.of("DOCKER-VERSION-UNSUPPORTED"), skipped);
        for (String tag : List.of("testsuites", "testsuite")) {
            Element e = (Element) d.getElementsByTagName(tag).item(0);
            assertEquals("7", e.getAttribute("tests"), tag);
            assertEquals("2", e.getAttribute("failures"), tag);
            assertEquals("0", e.getAttribute("errors"), tag);
        }
        Element suite = (Element) d.getElementsByTagName("testsuite").item(0);
        assertEquals("1", suite.getAttribute("skipped"));
        assertTrue(child(cases.get("DOCKER-VERSION-UNSUPPORTED"), "skipped").getAttribute("message")
                .contains("site runs a vendor-patched Docker (TICKET-42)"));
    }

    @Test
    void aFailureListsEverySubjectWithMessageAndFix() throws Exception {
        Report base = SampleReport.create();
        // a second subject for NODE-NTP-UNSYNCED: both must be in the one failure
        List<ReportFinding> findings = new ArrayList<>(base.findings());
        findings.add(new ReportFinding("NODE-NTP-UNSYNCED", Severity.BLOCKER, "10.0.2.17",
                "Node clock is not synchronized", "ntpd reports no peer", "Fix ntpd.", "FAQ", Map.of(), false, null));
        Document d = parse(SampleReport.render("junit", SampleReport.with(base, base.verdict(), "BLOCKER", findings)));
        Element ntp = child(cases(d).get("NODE-NTP-UNSYNCED Node clock is not synchronized"), "failure");
        assertEquals("BLOCKER", ntp.getAttribute("type"));
        String message = ntp.getAttribute("message");
        assertTrue(message.startsWith("2 subjects: 10.0.2.242: chrony reports"), message);
        assertTrue(message.contains("; 10.0.2.17: ntpd reports no peer"), message);
        String body = ntp.getTextContent();
        assertTrue(body.contains("10.0.2.242: chrony reports the clock is not synchronized"), body);
        assertTrue(body.contains("fix: Fix chrony until it reports synchronized."), body);
        assertTrue(body.contains("10.0.2.17: ntpd reports no peer\n  fix: Fix ntpd."), body);

        Element app = child(cases(d).get("APP-CONSTRAINT-INVALID Marathon app constraint is malformed"), "failure");
        // the hostile subject and payloads survive the round trip as text, not markup
        assertTrue(app.getTextContent().startsWith(SampleReport.HOSTILE_SUBJECT + ": constraint 0 is malformed: "
                + SampleReport.SCRIPT_PAYLOAD), app.getTextContent());
        assertTrue(app.getTextContent().contains(SampleReport.IMG_PAYLOAD), app.getTextContent());
        assertEquals(0, d.getElementsByTagName("script").getLength());
        assertEquals(0, d.getElementsByTagName("img").getLength());
    }

    @Test
    void findingsBelowFailOnAndWaivedOnesAreOutputNotFailures() throws Exception {
        Map<String, Element> cases = cases(parse(SampleReport.render("junit", SampleReport.create())));
        Element eos = cases.get("PATH-EOS Running version is older than N-2");
        assertNull(child(eos, "failure"));
        assertTrue(child(eos, "system-out").getTextContent().contains("WARNING (below fail-on) 1.10.2 -> 1.12.0"));
        Element even = cases.get("MASTER-COUNT-EVEN Master count is even");
        assertNull(child(even, "failure"), "a waived blocker does not fail the gate");
        String out = child(even, "system-out").getTextContent();
        assertTrue(out.contains("WAIVED BLOCKER cluster: 4 masters"), out);
        assertTrue(out.contains("by ops-team@example.com until 2026-11-30T00:00:00Z (expires soon): "
                + "fifth master being decommissioned (CHG-1234)"), out);
    }

    @Test
    void failOnWarningMakesWarningsFailuresButNotInfo() throws Exception {
        Report base = SampleReport.create();
        String xml = SampleReport.render("junit", SampleReport.with(base, Verdict.NO_GO, "WARNING", base.findings()));
        validate(xml);
        Document d = parse(xml);
        Map<String, Element> cases = cases(d);
        assertNotNull(child(cases.get("PATH-EOS Running version is older than N-2"), "failure"));
        assertEquals("WARNING", child(cases.get("PATH-EOS Running version is older than N-2"), "failure")
                .getAttribute("type"));
        assertNull(child(cases.get("COLLECT-PARTIAL Collection was partial"), "failure"));
        assertNull(child(cases.get("WAIVER-STALE Waiver matches no finding"), "failure"));
        assertEquals("3", ((Element) d.getElementsByTagName("testsuite").item(0)).getAttribute("failures"));
    }

    @Test
    void valuesRoundTripThroughAttributesAndControlCharactersNeverBreakTheXml() throws Exception {
        Report base = SampleReport.create();
        List<ReportFinding> findings = new ArrayList<>(base.findings());
        findings.add(new ReportFinding("NODE-NTP-UNSYNCED", Severity.BLOCKER, "node\u0000\u001b[31m", "t",
                "bell\u0007 and tab\there ]]> end", "fix", "ref", Map.of(), false, null));
        String xml = SampleReport.render("junit", SampleReport.with(base, Verdict.NO_GO, "BLOCKER", findings));
        validate(xml);
        Document d = parse(xml);
        NodeList props = d.getElementsByTagName("property");
        String cluster = null;
        for (int i = 0; i < props.getLength(); i++) {
            Element p = (Element) props.item(i);
            if (p.getAttribute("name").equals("cluster")) cluster = p.getAttribute("value");
        }
        assertEquals(SampleReport.CLUSTER, cluster, "quote, backslash and newline survive the attribute");
        String failure = child(cases(d).get("NODE-NTP-UNSYNCED Node clock is not synchronized"), "failure")
                .getTextContent();
        assertTrue(failure.contains("node\uFFFD\uFFFD[31m: bell\uFFFD and tab\there ]]> end"), failure);
        assertFalse(xml.contains("\u0000") || xml.contains("\u001b") || xml.contains("\u0007"));
    }
}
