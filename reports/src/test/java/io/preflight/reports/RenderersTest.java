package io.preflight.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What holds for every format: registered by name, deterministic, never changes the report, hides nothing. */
class RenderersTest {
    static List<String> formats() {
        return Renderers.names();
    }

    @Test
    void everyFormatIsRegisteredAndAnUnknownOneListsThem() {
        assertEquals(List.of("text", "json", "junit", "markdown", "sarif", "html", "prometheus"), Renderers.names());
        for (String name : Renderers.names()) assertEquals(name, Renderers.byName(name).format());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Renderers.byName("pdf"));
        assertEquals("unknown format 'pdf' (valid: text, json, junit, markdown, sarif, html, prometheus)",
                e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("formats")
    void renderingIsDeterministicAndLeavesTheReportAsItWas(String format) {
        Report r = SampleReport.create();
        String first = SampleReport.render(format, r);
        assertEquals(first, SampleReport.render(format, r));
        assertEquals(SampleReport.create(), r, "the renderer changed the report");
    }

    @ParameterizedTest
    @MethodSource("formats")
    void everyFindingsRuleAndEveryDisabledRuleIsNamed(String format) {
        Report r = SampleReport.create();
        String out = SampleReport.render(format, r);
        // prometheus names only rules' findings that are unwaived or waived; both are covered by the sample
        for (ReportFinding f : r.findings()) assertTrue(out.contains(f.ruleId()), format + ": " + f.ruleId());
        for (DisabledRule d : r.disabled()) {
            assertTrue(out.contains(d.id()), format + ": disabled rule " + d.id() + " is never silently absent");
        }
    }
}
