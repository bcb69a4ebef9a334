package io.preflight.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SARIF report is valid against the official SARIF 2.1.0 schema and maps findings one to one. */
class SarifRendererTest {
    private static Schema schema;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void loadSchema() throws Exception {
        // the schema declares draft-04 itself; the default only applies to a schema that does not
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
        try (InputStream in = Files.newInputStream(Path.of("src/test/resources/schemas/sarif-schema-2.1.0.json"))) {
            schema = registry.getSchema(in);
        }
    }

    static List<Error> validate(String json) {
        // format keywords (uri, date-time) are asserted, not only annotated
        return schema.validate(json, InputFormat.JSON,
                ctx -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true)));
    }

    @Test
    void sampleIsValidSarif210() {
        List<Error> errors = validate(SampleReport.render("sarif", SampleReport.create()));
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void theSchemaCheckRejectsInvalidSarif() throws Exception {
        ObjectNode log = (ObjectNode) JSON.readTree(SampleReport.render("sarif", SampleReport.create()));
        ObjectNode result = (ObjectNode) log.get("runs").get(0).get("results").get(0);
        result.put("level", "fatal");
        assertFalse(validate(JSON.writeValueAsString(log)).isEmpty(), "an unknown level is refused");
        result.put("level", "error");
        ((ObjectNode) log.get("runs").get(0).get("invocations").get(0)).put("endTimeUtc", "yesterday");
        assertFalse(validate(JSON.writeValueAsString(log)).isEmpty(), "a date-time that is not one is refused");
    }

    @Test
    void driverRulesAreTheEvaluatedRulesPlusReportLevelOnes() throws Exception {
        Report r = SampleReport.create();
        JsonNode rules = JSON.readTree(SampleReport.render("sarif", r)).at("/runs/0/tool/driver/rules");
        List<String> ids = new ArrayList<>();
        rules.forEach(n -> ids.add(n.get("id").asText()));
        List<String> expected = new ArrayList<>(r.rules().stream().map(EvaluatedRule::id).toList());
        expected.add("WAIVER-STALE");
        assertEquals(expected, ids);
        JsonNode ntp = rules.get(0);
        assertEquals("Node clock is not synchronized", ntp.at("/shortDescription/text").asText());
        assertEquals("Reference: DC/OS Upgrade FAQ: NTP synchronization", ntp.at("/help/text").asText());
        assertEquals("error", ntp.at("/defaultConfiguration/level").asText());
        assertEquals("note", rules.get(3).at("/defaultConfiguration/level").asText());
        assertTrue(ntp.get("helpUri") == null, "a reference that is not a URI is help text, not a helpUri");
    }

    @Test
    void everyFindingIsAResultWithItsSubjectAsALogicalLocation() throws Exception {
        Report r = SampleReport.create();
        JsonNode run = JSON.readTree(SampleReport.render("sarif", r)).at("/runs/0");
        JsonNode results = run.get("results");
        assertEquals(r.findings().size(), results.size());
        for (int i = 0; i < r.findings().size(); i++) {
            ReportFinding f = r.findings().get(i);
            JsonNode res = results.get(i);
            assertEquals(f.ruleId(), res.get("ruleId").asText());
            assertEquals(f.ruleId(), run.at("/tool/driver/rules/" + res.get("ruleIndex").asInt() + "/id").asText());
            assertEquals(SarifRenderer.level(f.severity()), res.get("level").asText());
            assertEquals(f.subject(), res.at("/locations/0/logicalLocations/0/name").asText());
            assertNull(res.at("/locations/0").get("physicalLocation"), "a subject is not a file");
            assertEquals(f.subject() + ": " + f.message(), res.at("/message/text").asText());
            assertEquals(f.remediation(), res.at("/properties/remediation").asText());
            assertEquals(f.evidence().size(), res.at("/properties/evidence").size());
            assertEquals(f.waived(), res.has("suppressions"), f.ruleId());
        }
        assertEquals(SampleReport.IMG_PAYLOAD, results.get(1).at("/properties/evidence/label").asText());
        JsonNode suppression = results.get(3).at("/suppressions/0");
        assertEquals("external", suppression.get("kind").asText());
        assertEquals("accepted", suppression.get("status").asText());
        assertEquals("fifth master being decommissioned (CHG-1234)", suppression.get("justification").asText());
        assertEquals("ops-team@example.com", suppression.at("/properties/owner").asText());
        assertEquals("2026-11-30T00:00:00Z", suppression.at("/properties/expires").asText());
    }

    @Test
    void disabledRulesAreConfigurationOverridesAndTheVerdictIsARunProperty() throws Exception {
        JsonNode run = JSON.readTree(SampleReport.render("sarif", SampleReport.create())).at("/runs/0");
        JsonNode override = run.at("/invocations/0/ruleConfigurationOverrides/0");
        assertEquals("DOCKER-VERSION-UNSUPPORTED", override.at("/descriptor/id").asText());
        assertFalse(override.at("/configuration/enabled").asBoolean(true));
        assertEquals("site runs a vendor-patched Docker (TICKET-42)",
                override.at("/configuration/properties/reason").asText());
        assertEquals("NO_GO", run.at("/properties/verdict").asText());
        assertEquals(SampleReport.CLUSTER, run.at("/properties/cluster").asText());
    }

    @Test
    void anHttpReferenceBecomesTheHelpUri() throws Exception {
        Report base = SampleReport.create();
        List<EvaluatedRule> rules = List.of(new EvaluatedRule("NODE-NTP-UNSYNCED", base.rules().get(0).severity(),
                "t", "https://docs.d2iq.com/mesosphere/dcos/2.2/installing/production/upgrading/", "nodes"));
        Report r = new Report(base.schemaVersion(), base.verdict(), base.cluster(), base.current(), base.target(),
                base.targetOrigin(), base.path(), base.hops(), base.coverage(), base.inventory(), base.findings(),
                base.failOn(), base.generatedAt(), base.tool(), base.notes(), rules, base.disabled(), base.trend());
        String sarif = SampleReport.render("sarif", r);
        assertTrue(validate(sarif).isEmpty(), validate(sarif).toString());
        assertEquals("https://docs.d2iq.com/mesosphere/dcos/2.2/installing/production/upgrading/",
                JSON.readTree(sarif).at("/runs/0/tool/driver/rules/0/helpUri").asText());
    }
}
