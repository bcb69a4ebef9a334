package io.preflight.reports.waiver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The time-zone rule: a plain date holds through the end of that day in UTC; a date-time carries its own offset; a
 * waiver applies while now is before the expiry instant; "expiring" means within 14 days, edge included.
 */
class WaiverExpiryTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-22                     | 2026-11-23T00:00:00Z
            2026-12-31                     | 2027-01-01T00:00:00Z
            2028-02-28                     | 2028-02-29T00:00:00Z
            2026-11-22T23:30:00-05:00      | 2026-11-23T04:30:00Z
            2026-11-22T23:30:00+09:00      | 2026-11-22T14:30:00Z
            2026-11-22T23:30:00Z           | 2026-11-22T23:30:00Z
            2026-11-22T23:30Z              | 2026-11-22T23:30:00Z
            2026-11-22T23:30:00.250+00:00  | 2026-11-22T23:30:00.250Z
            """)
    void expiryInstantFollowsTheTimeZoneRule(String written, String instant) {
        assertEquals(Instant.parse(instant), Waiver.expiresAt(written));
    }

    @ParameterizedTest(name = "expires {0}, now {1}: expired={2} expiringSoon={3}")
    @CsvSource(delimiter = '|', textBlock = """
            # plain date 2026-11-22: through the end of that day, UTC
            2026-11-22                | 2026-11-21T12:00:00Z | false | true
            2026-11-22                | 2026-11-22T00:00:00Z | false | true
            2026-11-22                | 2026-11-22T23:59:59Z | false | true
            2026-11-22                | 2026-11-23T00:00:00Z | true  | false
            2026-11-22                | 2026-11-23T12:00:00Z | true  | false
            # still the 22nd in New York, but past the end of the 22nd in UTC: expired
            2026-11-22                | 2026-11-22T20:00:00-05:00 | true | false
            # an offset in another zone, judged against now in UTC
            2026-11-22T23:30:00-05:00 | 2026-11-22T23:45:00Z | false | true
            2026-11-22T23:30:00-05:00 | 2026-11-23T04:29:59Z | false | true
            2026-11-22T23:30:00-05:00 | 2026-11-23T04:30:00Z | true  | false
            # the 14-day window: the edge is inside
            2026-12-06T12:00:00Z      | 2026-11-22T11:59:59Z | false | false
            2026-12-06T12:00:00Z      | 2026-11-22T12:00:00Z | false | true
            # a plain date's 14-day window: 2026-12-06 stops at 2026-12-07T00:00Z
            2026-12-06                | 2026-11-22T23:59:59Z | false | false
            2026-12-06                | 2026-11-23T00:00:00Z | false | true
            """)
    void appliesUntilTheInstantAndIsFlaggedWithinFourteenDays(String expires, String now, boolean expired,
                                                                 boolean soon) {
        Waiver w = new Waiver("NODE-NTP-UNSYNCED", SubjectGlob.parse("10.0.2.242"), "sre", "r",
                Waiver.expiresAt(expires), "w.yaml:2");
        Instant at = java.time.OffsetDateTime.parse(now).toInstant();
        assertEquals(expired, w.expiredAt(at));
        assertEquals(soon, w.expiringSoonAt(at));
        assertEquals(soon, w.applied(at).expiringSoon());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-22T12:00:00Z | 2026-11-25T12:00:00Z | in 3 days
            2026-11-22T12:00:00Z | 2026-11-23T13:00:00Z | in 1 day
            2026-11-22T12:00:00Z | 2026-11-23T11:59:59Z | in less than a day
            """)
    void saysHowLongIsLeft(String now, String then, String text) {
        assertEquals(text, Waivers.in(Instant.parse(now), Instant.parse(then)));
    }
}
