package io.preflight.rules;

import java.util.Map;
import org.kie.api.definition.rule.Rule;

/**
 * A rule's declared metadata: {@code @title}, {@code @severity}, {@code @remediation}, {@code @reference}, and
 * optionally {@code @reads} (the fact types it reads, for {@code rules explain}).
 *
 * @param pack the folder (area) the rule's DRL lives in, e.g. {@code path}
 */
public record RuleMeta(String id, String title, Severity severity, String remediation, String reference,
                       String reads, String pack) {

    static RuleMeta of(Rule rule) {
        Map<String, Object> m = rule.getMetaData();
        String pkg = rule.getPackageName();
        String pack = pkg.substring(pkg.lastIndexOf('.') + 1);
        Object sev = m.get("severity");
        return new RuleMeta(rule.getName(), str(m.get("title")),
                sev == null ? Severity.BLOCKER : Severity.parse(str(sev)),
                str(m.get("remediation")), str(m.get("reference")), str(m.get("reads")), pack);
    }

    private static String str(Object o) {
        if (o == null) return null;
        String s = o.toString();
        // Drools keeps the quotes of a metadata string literal in some versions
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) s = s.substring(1, s.length() - 1);
        return s;
    }
}
