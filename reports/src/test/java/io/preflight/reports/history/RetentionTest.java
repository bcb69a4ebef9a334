package io.preflight.reports.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionTest {
    static final Instant NOW = Instant.parse("2026-11-23T12:34:56Z");

    @Test
    void agesDatesAndDateTimes() {
        assertEquals(Instant.parse("2026-11-23T00:34:56Z"), Retention.cutoff("12h", NOW));
        assertEquals(Instant.parse("2026-08-25T12:34:56Z"), Retention.cutoff("90d", NOW));
        assertEquals(Instant.parse("2026-10-26T12:34:56Z"), Retention.cutoff("4w", NOW));
        assertEquals(Instant.parse("2026-10-26T12:34:56Z"), Retention.cutoff("4W", NOW));
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), Retention.cutoff("2026-01-01", NOW), "start of day, UTC");
        assertEquals(Instant.parse("2026-01-01T05:00:00Z"), Retention.cutoff("2026-01-01T06:00:00+01:00", NOW));
        assertEquals(Instant.parse("2026-01-01T06:00:00Z"), Retention.cutoff("2026-01-01T06:00:00Z", NOW));
    }

    @Test
    void anythingElseIsRefusedInOneLine() {
        for (String bad : new String[] {"90", "90m", "-1d", "d", "2026-01-01T06:00:00", "2026-13-01", "soon", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Retention.cutoff(bad, NOW), bad);
            assertTrue(e.getMessage().startsWith("'" + bad + "' is neither an age"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
        assertThrows(IllegalArgumentException.class, () -> new Retention(0, null));
        assertThrows(IllegalArgumentException.class, () -> new Retention(-1, NOW));
    }

    @Test
    void theNewestIsKeptAndBothRulesMustSelect() {
        Instant old = Instant.parse("2000-01-01T00:00:00Z");
        assertTrue(!new Retention(0, NOW).deletes(0, old), "rank 0 is the newest");
        assertTrue(new Retention(0, NOW).deletes(1, old));
        assertTrue(!new Retention(0, NOW).deletes(1, NOW), "exactly at the cutoff is kept");
        assertTrue(!new Retention(3, null).deletes(2, old));
        assertTrue(new Retention(3, null).deletes(3, NOW));
        assertTrue(!new Retention(3, old).deletes(3, NOW), "older-than does not select it");
    }
}
