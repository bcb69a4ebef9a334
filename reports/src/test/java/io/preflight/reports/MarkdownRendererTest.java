package io.preflight.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The change-ticket report: every value stays inside its table cell and no markup gets through. */
class MarkdownRendererTest {
    /** Cell separators: pipes not escaped by an odd run of backslashes. */
    static int separators(String line) {
        int n = 0;
        int backslashes = 0;
        for (char c : line.toCharArray()) {
            if (c == '|' && backslashes % 2 == 0) n++;
            backslashes = c == '\\' ? backslashes + 1 : 0;
        }
        return n;
    }

    @Test
    void everyTableRowHasAsManyCellsAsItsHeader() {
        String md = SampleReport.render("markdown", SampleReport.create());
        int expected = -1;
        int rows = 0;
        for (String line : md.split("\n", -1)) {
            if (!line.startsWith("|")) {
                expected = -1;
                continue;
            }
            if (expected < 0) expected = separators(line);
            assertEquals(expected, separators(line), "cells of: " + line);
            rows++;
        }
        assertTrue(rows > 20, "the tables were found: " + rows);
    }

    @Test
    void noRawMarkupAndNoUnescapedCodeSpans() {
        String md = SampleReport.render("markdown", SampleReport.create());
        String withoutBreaks = md.replace("<br>", "");
        assertFalse(withoutBreaks.contains("<"), "no raw HTML from a value");
        assertFalse(withoutBreaks.contains(">"), "no raw HTML or block quote from a value");
        for (int i = md.indexOf('`'); i >= 0; i = md.indexOf('`', i + 1)) {
            assertEquals('\\', md.charAt(i - 1), "backtick at " + i + " is escaped");
        }
        assertTrue(md.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(md.contains("(\\`chronyc tracking\\` \\| Leap status)"), md);
        assertTrue(md.contains("# Pre-flight NO-GO: sample \"eu\\\\west\"<br>rack-2 2.0.6 → 2.2.1\n"), md);
    }

    @Test
    void theTicketHasEverySection() {
        String md = SampleReport.render("markdown", SampleReport.create());
        for (String s : List.of("**Verdict: NO-GO** — 2 blockers, 1 warning, 2 info, 1 waived. Fails on blocker",
                "| Coverage | 7 of 8 nodes reported |", "| Qualified path | 2.0.6 → 2.2.1 |",
                "## Blockers (2) — fail the gate", "## Warnings (1)\n", "## Info (2)\n",
                "| **MASTER-COUNT-EVEN** | blocker | cluster | 4 masters: an even count tolerates no more failures than 3 "
                        + "| ops-team@example.com | fifth master being decommissioned (CHG-1234) | "
                        + "2026-11-30T00:00:00Z **(expires soon)** |",
                "| **DOCKER-VERSION-UNSUPPORTED** | site runs a vendor-patched Docker (TICKET-42) |",
                "## Notes\n\n- no --target-config: assumed unchanged", "| Pinned apps | /pinned → 10.0.3.6 |",
                "| **NODE-NTP-UNSYNCED** | 10.0.2.242 | chrony reports the clock",
                "- **NODE-NTP-UNSYNCED** Node clock is not synchronized: Fix chrony until it reports synchronized. "
                        + "_Reference:_ DC/OS Upgrade FAQ: NTP synchronization\n")) {
            assertTrue(md.contains(s), "missing: " + s + "\n" + md);
        }
    }

    @Test
    void escapesWhatMarkdownWouldInterpret() {
        assertEquals("a\\|b", MarkdownRenderer.md("a|b"));
        assertEquals("\\`x\\`", MarkdownRenderer.md("`x`"));
        assertEquals("\\*b\\* \\_i\\_ \\~\\~s\\~\\~ \\$x\\$", MarkdownRenderer.md("*b* _i_ ~~s~~ $x$"));
        assertEquals("TASK_STARTING \\_x", MarkdownRenderer.md("TASK_STARTING _x"), "intraword _ is no emphasis");
        assertEquals("!\\[img\\](http://x/y.png)", MarkdownRenderer.md("![img](http://x/y.png)"));
        assertEquals("&lt;b onclick=\"x\"&gt;&amp;amp;", MarkdownRenderer.md("<b onclick=\"x\">&amp;"));
        assertEquals("one<br>two<br>three", MarkdownRenderer.md("one\ntwo\r\nthree"));
        assertEquals("\\# not a heading", MarkdownRenderer.md("# not a heading"));
        assertEquals("\\- not a list", MarkdownRenderer.md("- not a list"));
        assertEquals("12\\. not a list", MarkdownRenderer.md("12. not a list"));
        assertEquals("a\\\\\\|b", MarkdownRenderer.md("a\\|b"), "a backslash cannot unescape the pipe after it");
        assertEquals("2.0.6 -&gt; 2.2.1 a-b #1", MarkdownRenderer.md("2.0.6 -> 2.2.1 a-b #1"), "only what matters");
        assertEquals("-", MarkdownRenderer.md(null));
    }
}
