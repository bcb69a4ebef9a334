package io.preflight.reports;

import io.preflight.rules.Severity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One shared sample report, the input of every renderer's golden-file test. Its values carry the hostile strings
 * every renderer must escape: a subject that closes a script element, evidence and a message with payloads that
 * leave a mark when executed ({@link #PWNED_ATTRIBUTE}, {@link #PWNED_TITLE}), Markdown table breakers ({@code |},
 * backtick), and a cluster name with a double quote, a backslash and a newline (Prometheus label values).
 */
final class SampleReport {
    /** The attribute the evidence payload would set on {@code <body>} if it ever ran. */
    static final String PWNED_ATTRIBUTE = "data-pwned";
    /** The document title the message payload would set if it ever ran. */
    static final String PWNED_TITLE = "pwned";
    static final String HOSTILE_SUBJECT = "</script><script>alert(1)</script>";
    static final String IMG_PAYLOAD = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">";
    static final String SCRIPT_PAYLOAD = "<script>document.title='pwned'</script>";
    /** A waiver subject glob that would break out of a double-quoted attribute and run on focus. */
    static final String ATTRIBUTE_BREAKER =
            "/apps/\" autofocus tabindex=\"0\" onfocus=\"document.body.setAttribute('data-pwned','2')\" x=\"*";
    static final String CLUSTER = "sample \"eu\\west\"\nrack-2";

    private SampleReport() {
    }

    static Report create() {
        Map<String, Object> ntp = new LinkedHashMap<>();
        ntp.put("tool", "chrony");
        ntp.put("detail", "Leap status : Not synchronised");
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("constraint", "hostname:UNIQUE:true");
        app.put("problem", "UNIQUE takes no value, got 'true'");
        app.put("label", IMG_PAYLOAD);
        List<ReportFinding> findings = List.of(
                new ReportFinding("NODE-NTP-UNSYNCED", Severity.BLOCKER, "10.0.2.242", "Node clock is not synchronized",
                        "chrony reports the clock is not synchronized (`chronyc tracking` | Leap status)",
                        "Fix chrony until it reports synchronized.",
                        "DC/OS Upgrade FAQ: NTP synchronization", ntp, false, null),
                new ReportFinding("APP-CONSTRAINT-INVALID", Severity.BLOCKER, HOSTILE_SUBJECT,
                        "Marathon app constraint is malformed", "constraint 0 is malformed: " + SCRIPT_PAYLOAD,
                        "Fix the constraint in the app definition.", "Marathon's validator", app, false, null),
                new ReportFinding("PATH-EOS", Severity.WARNING, "1.10.2 -> 1.12.0", "Running version is older than N-2",
                        "1.10.2 is more than two minors behind 2.2.1", "Plan the path soon.", "FAQ: N-2", Map.of(),
                        false, null),
                new ReportFinding("MASTER-COUNT-EVEN", Severity.BLOCKER, "cluster", "Master count is even",
                        "4 masters: an even count tolerates no more failures than 3", "Run 3 or 5 masters.",
                        "DC/OS Upgrade FAQ: masters", Map.of("masters", 4), true,
                        new AppliedWaiver("MASTER-COUNT-EVEN", "cluster", "ops-team@example.com",
                                "fifth master being decommissioned (CHG-1234)", "2026-11-30T00:00:00Z", true)),
                new ReportFinding("COLLECT-PARTIAL", Severity.INFO, "cluster", "Collection was partial",
                        "7 of 8 nodes reported", "See COLLECT-UNVERIFIED.", "preflight", Map.of("nodesReported", 7),
                        false, null),
                // a report-level finding: its rule id is not among the evaluated rules
                new ReportFinding("WAIVER-STALE", Severity.INFO, ATTRIBUTE_BREAKER, "Waiver matches no finding",
                        "waiver for APP-PINNED matches nothing", "Remove the waiver or fix its subject.",
                        "preflight waivers", Map.of("rule", "APP-PINNED"), false, null));
        // ordered maps only: Map.of iterates in a per-JVM random order, which would make the goldens flaky
        ClusterInventory inv = new ClusterInventory(
                new TreeMap<>(Map.of("master", Map.of("2.0.6", 3))), new TreeMap<>(Map.of("master", Map.of("1.9.1", 3))),
                new TreeMap<>(Map.of("master", Map.of("RHEL 7.7", 3))),
                new TreeMap<>(Map.of("master", Map.of("19.03.5", 3))), "1.9.136",
                new TreeMap<>(Map.of("master", 3, "agent", 5)), new TreeMap<>(Map.of("10.0.2.242", 4)), 2,
                new TreeMap<>(Map.of("/pinned", List.of("10.0.3.6"))));
        return new Report(Report.SCHEMA_VERSION, Verdict.NO_GO, CLUSTER, "2.0.6", "2.2.1", "--target",
                List.of("2.0.6", "2.2.1"), List.of(new PathHop("2.0.6", "2.2.1", "documented supported path",
                List.of("Mesos 1.9.1 -> 1.11.0"))), new Report.Coverage(8, 7), inv, findings, "BLOCKER",
                "2026-11-20T06:00:00Z", "preflight 0.1.0", List.of("no --target-config: assumed unchanged"),
                List.of(new EvaluatedRule("NODE-NTP-UNSYNCED", Severity.BLOCKER, "Node clock is not synchronized",
                                "DC/OS Upgrade FAQ: NTP synchronization", "nodes"),
                        new EvaluatedRule("APP-CONSTRAINT-INVALID", Severity.BLOCKER,
                                "Marathon app constraint is malformed", "Marathon's validator", "workloads"),
                        new EvaluatedRule("PATH-EOS", Severity.WARNING, "Running version is older than N-2", "FAQ: N-2",
                                "path"),
                        new EvaluatedRule("COLLECT-PARTIAL", Severity.INFO, "Collection was partial", "preflight",
                                "collect"),
                        new EvaluatedRule("MASTER-COUNT-EVEN", Severity.BLOCKER, "Master count is even",
                                "DC/OS Upgrade FAQ: masters", "masters")),
                List.of(new DisabledRule("DOCKER-VERSION-UNSUPPORTED", "site runs a vendor-patched Docker (TICKET-42)")),
                List.of(new TrendPoint(1, "2026-11-18T06:00:00Z", "NO_GO", 3, 1, 1),
                        new TrendPoint(2, "2026-11-19T06:00:00Z", "NO_GO", 2, 1, 1)));
    }

    /** The report rendered in one format, as text. */
    static String render(String format, Report r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Renderers.byName(format).render(r, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** {@code r} with another verdict, fail-on severity and findings; everything else kept. */
    static Report with(Report r, Verdict verdict, String failOn, List<ReportFinding> findings) {
        return new Report(r.schemaVersion(), verdict, r.cluster(), r.current(), r.target(), r.targetOrigin(), r.path(),
                r.hops(), r.coverage(), r.inventory(), findings, failOn, r.generatedAt(), r.tool(), r.notes(),
                r.rules(), r.disabled(), r.trend());
    }
}
