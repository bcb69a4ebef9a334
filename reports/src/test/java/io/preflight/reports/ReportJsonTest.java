package io.preflight.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The JSON report reads back into the same report: what lets {@code history show} render a stored scan. */
class ReportJsonTest {
    static String render(String format, Report r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Renderers.byName(format).render(r, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void sampleRoundTripsToIdenticalBytes() throws Exception {
        Report sample = SampleReport.create();
        String json = render("json", sample);
        Report back = ReportJson.read(json);
        assertEquals(json, render("json", back));
        // the stored form is the compact tree; it reads back the same way
        assertEquals(json, render("json", ReportJson.read(JsonRenderer.toJson(sample).toString())));
        assertEquals(sample.findings(), back.findings());
        assertEquals(sample.trend(), back.trend());
        assertEquals(sample.inventory(), back.inventory());
    }

    @Test
    void everyRendererGivesTheSameOutputFromTheReadBackReport() throws Exception {
        Report sample = SampleReport.create();
        Report back = ReportJson.read(render("json", sample));
        for (String format : Renderers.names()) assertEquals(render(format, sample), render(format, back), format);
    }

    @Test
    void goldenFileReadsBack() throws Exception {
        String golden = Files.readString(Path.of("src/test/resources/golden/sample.json"));
        assertEquals(golden, render("json", ReportJson.read(golden)));
    }

    @Test
    void olderReportWithoutTheLaterPartsReadsAsEmpty() throws Exception {
        String old = """
                { "schemaVersion": 1, "verdict": "NO_GO", "cluster": "c", "current": "1.10.7", "target": "1.11.3",
                  "path": ["1.10.7", "1.11.3"], "coverage": { "nodesExpected": 5, "nodesReported": 4 },
                  "findings": [ { "ruleId": "MASTER-MISSING", "severity": "BLOCKER", "subject": "10.0.0.3",
                                  "message": "m", "remediation": "r", "reference": "x", "evidence": { "a": 1 },
                                  "waived": false } ] }
                """;
        Report r = ReportJson.read(old);
        assertEquals(Verdict.NO_GO, r.verdict());
        assertEquals("MASTER-MISSING", r.findings().get(0).ruleId());
        assertEquals(1, r.findings().get(0).evidence().get("a"));
        assertEquals(new Report.Coverage(5, 4), r.coverage());
        assertTrue(r.rules().isEmpty() && r.trend().isEmpty() && r.disabled().isEmpty() && r.hops().isEmpty());
    }

    @Test
    void newerSchemaAndBrokenReportsAreRefusedWithThePlace() {
        IOException newer = assertThrows(IOException.class,
                () -> ReportJson.read("{\"schemaVersion\": 99, \"verdict\": \"GO\"}"));
        assertTrue(newer.getMessage().startsWith("$.schemaVersion: 99 is newer"), newer.getMessage());
        IOException severity = assertThrows(IOException.class, () -> ReportJson.read("{\"schemaVersion\": 1,"
                + " \"verdict\": \"GO\", \"findings\": [{\"ruleId\": \"X\", \"severity\": \"FATAL\"}]}"));
        assertEquals("$.findings[0].severity: unknown value 'FATAL'", severity.getMessage());
        IOException notJson = assertThrows(IOException.class, () -> ReportJson.read("{\"schemaVersion\": "));
        assertTrue(notJson.getMessage().startsWith("not JSON"), notJson.getMessage());
        IOException noVerdict = assertThrows(IOException.class, () -> ReportJson.read("{\"schemaVersion\": 1}"));
        assertEquals("$.verdict: missing", noVerdict.getMessage());
    }
}
