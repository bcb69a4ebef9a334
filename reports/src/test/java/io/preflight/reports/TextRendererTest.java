package io.preflight.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.rules.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text report is printed on an operator's terminal: values from the cluster must not drive it. */
class TextRendererTest {

    @Test
    void controlCharactersAndBidiOverridesInValuesArePrintedAsVisibleEscapes() {
        String hostileApp = "/web\u001b[2J\u001b[31mGO\u001b[0m\r\nBLOCKERS (0)\u202eevil";
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("label", "owner=\u0007bell\u009bcsi");
        Report base = SampleReport.create();
        List<ReportFinding> findings = new ArrayList<>(base.findings());
        findings.add(new ReportFinding("APP-CONSTRAINT-INVALID", Severity.BLOCKER, hostileApp, "Marathon app constraint"
                + " is malformed", "constraint 0 of " + hostileApp + " is malformed", "Fix it.", "Marathon", evidence,
                false, null));
        String text = SampleReport.render("text", SampleReport.with(base, base.verdict(), base.failOn(), findings));

        // the only control characters left are the report's own line ends
        for (char c : text.toCharArray()) {
            assertFalse(c != '\n' && (Character.isISOControl(c) || c == '\u202e'),
                    "raw control character U+" + Integer.toHexString(c) + " in the text report");
        }
        String shown = "/web\\u001b[2J\\u001b[31mGO\\u001b[0m\\r\\nBLOCKERS (0)\\u202eevil";
        assertTrue(text.contains("    " + shown + ": constraint 0 of " + shown + " is malformed\n"), text);
        assertTrue(text.contains("      evidence: label=owner=\\u0007bell\\u009bcsi\n"), text);
        // the sample's cluster name carries a newline: it stays on the verdict line
        assertTrue(text.startsWith("NO-GO  sample \"eu\\west\"\\nrack-2  2.0.6 -> 2.2.1"), text.substring(0, 80));
    }

    @Test
    void aReportWithoutFailOnStillRendersAndTheLocaleDoesNotChangeIt() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
            Report base = SampleReport.create();
            assertTrue(SampleReport.render("text", SampleReport.with(base, base.verdict(), "INFO", base.findings()))
                    .contains("  fails on info and above;"));
            assertTrue(SampleReport.render("text", SampleReport.with(base, base.verdict(), null, base.findings()))
                    .contains("  fails on ? and above;"));
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void plainValuesAreUnchanged() {
        assertEquals("10.0.2.242", TextRenderer.safe("10.0.2.242"));
        assertEquals("münchen · ☃ /app", TextRenderer.safe("münchen · ☃ /app"));
        assertEquals("a\\tb", TextRenderer.safe("a\tb"));
    }
}
