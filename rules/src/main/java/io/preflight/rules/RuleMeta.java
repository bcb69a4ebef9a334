package io.preflight.rules;

import java.util.Map;
import org.kie.api.definition.rule.Rule;

/**
 * A rule's declared metadata: {@code @title}, {@code @severity}, {@code @remediation}, {@code @reference}, and
 * optionally {@code @reads} (the fact types it reads, for {@code rules explain}) and {@code @id}.
 *
 * <p>The rule's name is its id. A helper rule that reports under another rule's id (e.g. the rules that report
 * {@code COLLECT-UNVERIFIED} for a missing input) declares {@code @id("THAT-ID")} and inherits that rule's metadata
 * for anything it does not declare itself.
 *
 * @param name the DRL rule name (unique per package)
 * @param pack the folder (area) the rule's DRL lives in, e.g. {@code path}
 */
public record RuleMeta(String id, String name, String title, Severity severity, String remediation,
                       String reference, String reads, String pack) {

    /** The shape of a rule id: upper-case words joined by dashes, e.g. {@code NODE-NTP-UNSYNCED}. */
    public static final java.util.regex.Pattern ID_SHAPE = java.util.regex.Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)+");

    /** True for the rule that defines its id (its name is the id), as opposed to a helper reporting under it. */
    public boolean primary() {
        return id.equals(name) && !derivation();
    }

    /**
     * True for a derivation rule: it only inserts intermediate facts, reports nothing, and has no id (its name is
     * not id-shaped and it declares no {@code @id}).
     */
    public boolean derivation() {
        return id.equals(name) && !ID_SHAPE.matcher(name).matches();
    }

    static RuleMeta of(Rule rule) {
        return of(rule, null);
    }

    /** @param pack the pack the rule belongs to; null: the last segment of its DRL package (the shipped layout) */
    static RuleMeta of(Rule rule, String pack) {
        Map<String, Object> m = rule.getMetaData();
        if (pack == null) {
            String pkg = rule.getPackageName();
            pack = pkg.substring(pkg.lastIndexOf('.') + 1);
        }
        String id = str(m.get("id"));
        Object sev = m.get("severity");
        Severity severity = null;
        if (sev != null) {
            try {
                severity = Severity.parse(str(sev));
            } catch (IllegalArgumentException e) {
                severity = null; // reported by validation; treated as missing here
            }
        }
        return new RuleMeta(id == null ? rule.getName() : id, rule.getName(), str(m.get("title")), severity,
                str(m.get("remediation")), str(m.get("reference")), str(m.get("reads")), pack);
    }

    /** This metadata with another severity (a site configuration's override). */
    public RuleMeta withSeverity(Severity s) {
        return new RuleMeta(id, name, title, s, remediation, reference, reads, pack);
    }

    /** This metadata with every missing field taken from {@code primary}. */
    RuleMeta inherit(RuleMeta primary) {
        if (primary == null) return this;
        return new RuleMeta(id, name, title != null ? title : primary.title,
                severity != null ? severity : primary.severity,
                remediation != null ? remediation : primary.remediation,
                reference != null ? reference : primary.reference, reads != null ? reads : primary.reads, pack);
    }

    static String str(Object o) {
        if (o == null) return null;
        String s = o.toString();
        // Drools keeps the quotes of a metadata string literal in some versions
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) s = s.substring(1, s.length() - 1);
        return s;
    }
}
