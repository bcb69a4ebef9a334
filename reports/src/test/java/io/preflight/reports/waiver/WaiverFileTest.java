package io.preflight.reports.waiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The waiver file reader: a valid file, and every class of mistake as one exact {@code file:line: message}. */
class WaiverFileTest {
    static final String VALID = """
            # accepted risks for prod-east
            waivers:
              - rule: NODE-NTP-UNSYNCED
                subject: 10.0.2.242
                owner: sre-oncall@example.com
                reason: "chrony re-syncs after the NTP appliance swap (CHG-4711)"
                expires: 2026-12-31
              - rule: COLLECT-UNVERIFIED
                subject: "10.0.6.*"
                owner: Jane Doe
                reason: agent pool being drained, SSH closed
                expires: "2026-11-22T23:30:00-05:00"
            """;

    @Test
    void readsEveryFieldOfAValidFile() throws Exception {
        Waivers ws = WaiverFile.parse("w.yaml", VALID);
        assertEquals("w.yaml", ws.source());
        assertTrue(ws.given());
        assertEquals(2, ws.entries().size());
        Waiver a = ws.entries().get(0);
        assertEquals("NODE-NTP-UNSYNCED", a.rule());
        assertEquals("10.0.2.242", a.subject().text());
        assertTrue(a.subject().exact());
        assertEquals("sre-oncall@example.com", a.owner());
        assertEquals("chrony re-syncs after the NTP appliance swap (CHG-4711)", a.reason());
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), a.expiresAt());
        assertEquals("w.yaml:3", a.origin());
        Waiver b = ws.entries().get(1);
        assertEquals("COLLECT-UNVERIFIED", b.rule());
        assertEquals("10.0.6.*", b.subject().text());
        assertFalse(b.subject().exact());
        assertEquals("Jane Doe", b.owner());
        assertEquals("agent pool being drained, SSH closed", b.reason());
        assertEquals(Instant.parse("2026-11-23T04:30:00Z"), b.expiresAt());
        assertEquals("w.yaml:8", b.origin());
    }

    @Test
    void anEmptyListIsValidAndGiven() throws Exception {
        Waivers ws = WaiverFile.parse("w.yaml", "waivers: []\n");
        assertEquals(List.of(), ws.entries());
        assertTrue(ws.given());
        assertFalse(Waivers.NONE.given());
    }

    @Test
    void flowStyleEntriesAreRead() throws Exception {
        Waivers ws = WaiverFile.parse("w.yaml", "waivers:\n  - {rule: APP-PINNED, subject: /db, owner: o, reason: r,"
                + " expires: 2026-12-01T10:00:00Z}\n");
        assertEquals("APP-PINNED /db", ws.entries().get(0).label());
        assertEquals(Instant.parse("2026-12-01T10:00:00Z"), ws.entries().get(0).expiresAt());
        assertEquals("w.yaml:2", ws.entries().get(0).origin());
    }

    static final String ENTRY = """
            waivers:
              - rule: NODE-NTP-UNSYNCED
                subject: 10.0.2.242
                owner: sre
                reason: r
                expires: 2026-12-31
            """;

    /** ENTRY with one line (1-based) replaced, keeping that line's indentation. */
    static String with(int line, String replacement) {
        String[] lines = ENTRY.split("\n");
        String indent = lines[line - 1].substring(0, lines[line - 1].length() - lines[line - 1].stripLeading().length());
        lines[line - 1] = indent + replacement;
        return String.join("\n", lines) + "\n";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            unknown key in entry    | 6 | expiry: 2026-12-31 | w.yaml:6: unknown key 'expiry' (valid: rule, subject, owner, reason, expires)
            missing field           | 4 | #owner: sre | w.yaml:2: waiver entry has no 'owner' (required: rule, subject, owner, reason, expires)
            empty field             | 5 | reason: | w.yaml:5: 'reason' is empty
            blank field             | 5 | reason: '  ' | w.yaml:5: 'reason' is empty
            list as a field         | 4 | owner: [a, b] | w.yaml:4: 'owner' must be a single value, not a list or a mapping
            bad date                | 6 | expires: 2026-02-30 | w.yaml:6: expires '2026-02-30' is not an ISO-8601 date (2026-12-01) or date-time with an offset (2026-12-01T18:00:00Z, 2026-12-01T18:00:00+01:00)
            not a date              | 6 | expires: next week | w.yaml:6: expires 'next week' is not an ISO-8601 date (2026-12-01) or date-time with an offset (2026-12-01T18:00:00Z, 2026-12-01T18:00:00+01:00)
            zone-less date-time     | 6 | expires: 2026-12-01T18:00:00 | w.yaml:6: expires '2026-12-01T18:00:00' has no time zone: add Z or an offset such as +01:00 (a plain date means through the end of that day, UTC)
            space-separated time    | 6 | expires: 2026-12-01 18:00:00Z | w.yaml:6: expires '2026-12-01 18:00:00Z' is not an ISO-8601 date (2026-12-01) or date-time with an offset (2026-12-01T18:00:00Z, 2026-12-01T18:00:00+01:00)
            bad glob bracket        | 3 | subject: '10.0.[12].5' | w.yaml:3: subject '10.0.[12].5': '[' is not supported in a subject glob (only * and ? are wildcards)
            bad glob brace          | 3 | subject: '{a,b}' | w.yaml:3: subject '{a,b}': '{' is not supported in a subject glob (only * and ? are wildcards)
            rule not an id          | 2 | - rule: ntp-unsynced | w.yaml:2: rule 'ntp-unsynced' is not a rule id (upper-case words joined by dashes, e.g. NODE-NTP-UNSYNCED)
            glob in rule            | 2 | - rule: NODE-* | w.yaml:2: rule 'NODE-*' is not a rule id (upper-case words joined by dashes, e.g. NODE-NTP-UNSYNCED; rule ids are exact, only the subject takes a glob)
            waiver check as rule    | 2 | - rule: WAIVER-STALE | w.yaml:2: rule 'WAIVER-STALE' is a check on the waivers themselves and cannot be waived
            duplicate key           | 6 | subject: 10.0.2.243 | w.yaml:6: duplicate key 'subject'
            unknown top-level key   | 1 | waiver: | w.yaml:1: unknown key 'waiver' (valid: waivers)
            YAML syntax             | 4 | owner: "sre | w.yaml:4: not valid YAML: while scanning a quoted scalar: found unexpected end of stream
            """)
    void rejectsEachMistakeWithFileLineAndMessage(String what, int line, String replacement, String message) {
        WaiverFileException e = assertThrows(WaiverFileException.class,
                () -> WaiverFile.parse("w.yaml", with(line, replacement)));
        assertEquals(message, e.getMessage());
    }

    @Test
    void rejectsAFileThatIsNotAWaiverList() {
        assertEquals("w.yaml:1: empty file: expected 'waivers:' with a list of entries ('waivers: []' for none)",
                message(""));
        assertEquals("w.yaml:1: empty file: expected 'waivers:' with a list of entries ('waivers: []' for none)",
                message("# nothing yet\n"));
        assertEquals("w.yaml:1: expected a mapping with the key 'waivers'", message("- rule: NODE-NTP-UNSYNCED\n"));
        assertEquals("w.yaml:2: 'waivers' must be a list of entries", message("waivers:\n  rule: NODE-NTP-UNSYNCED\n"));
        assertEquals("w.yaml:1: 'waivers' must be a list of entries", message("waivers:\n"));
        assertEquals("w.yaml:1: no 'waivers' key", message("{}\n"));
        assertEquals("w.yaml:2: a waiver entry must be a mapping of rule, subject, owner, reason, expires",
                message("waivers:\n  - NODE-NTP-UNSYNCED 10.0.2.242\n"));
        assertEquals("w.yaml:3: more than one YAML document", message("waivers: []\n---\nwaivers: []\n"));
    }

    @Test
    void anUnquotedLeadingStarIsExplainedAsTheYamlAliasItIs() {
        assertEquals("w.yaml:3: not valid YAML: while scanning an alias: unexpected character found: (10) (a value"
                + " starting with * is a YAML alias: quote the glob, e.g. subject: \"*\")", message(with(3, "subject: *")));
        assertEquals("w.yaml:3: not valid YAML: while scanning an alias: unexpected character found .(46) (a value"
                + " starting with * is a YAML alias: quote the glob, e.g. subject: \"*\")",
                message(with(3, "subject: *.yaml:security")));
    }

    @Test
    void rejectsASecondEntryForTheSameRuleAndSubject() {
        String twice = ENTRY + """
                  - rule: NODE-NTP-UNSYNCED
                    subject: 10.0.2.*
                    owner: sre
                    reason: r
                    expires: 2026-12-31
                  - rule: NODE-NTP-UNSYNCED
                    subject: 10.0.2.242
                    owner: someone else
                    reason: another reason
                    expires: 2027-01-31
                """;
        assertEquals("w.yaml:12: duplicate waiver for NODE-NTP-UNSYNCED 10.0.2.242 (first at line 2)", message(twice));
    }

    @Test
    void readsAFileAndNamesAMissingOne(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("waivers.yaml");
        Files.writeString(f, ENTRY);
        assertEquals(f + ":2", WaiverFile.read(f).entries().get(0).origin());
        WaiverFileException missing = assertThrows(WaiverFileException.class,
                () -> WaiverFile.read(tmp.resolve("nope.yaml")));
        assertEquals(tmp.resolve("nope.yaml") + ": no such file", missing.getMessage());
        Path latin1 = tmp.resolve("latin1.yaml");
        Files.write(latin1, "waivers: []\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        WaiverFileException enc = assertThrows(WaiverFileException.class, () -> WaiverFile.read(latin1));
        assertEquals(latin1 + ": not UTF-8 text", enc.getMessage());
    }

    private static String message(String yaml) {
        return assertThrows(WaiverFileException.class, () -> WaiverFile.parse("w.yaml", yaml)).getMessage();
    }
}
