package io.preflight.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a site configuration changes about the rules of a check: rules it disabled (with the reason, mandatory) and
 * rules whose severity it changed. Disabled rules never fire (see {@link RuleEngine#evaluate(java.util.Collection,
 * java.util.Set)}); an override changes the severity of every finding of that rule and says so in the finding's
 * evidence ({@value #EVIDENCE_KEY}), so that every report format shows it. Immutable.
 *
 * @param severities rule id to its new severity and where that was set ({@code site.yaml:7})
 * @param disabled   rule id to the reason it was disabled
 */
public record RulePolicy(Map<String, Override> severities, Map<String, String> disabled) {
    /** The evidence key that records a changed severity on a finding. */
    public static final String EVIDENCE_KEY = "severityOverride";

    /** A changed severity and where the site configuration sets it. */
    public record Override(Severity severity, String where) {
        public Override {
            Objects.requireNonNull(severity, "severity");
        }
    }

    public RulePolicy {
        severities = Map.copyOf(severities);
        disabled = Map.copyOf(disabled);
    }

    /** No change: every rule at its declared severity. */
    public static RulePolicy none() {
        return new RulePolicy(Map.of(), Map.of());
    }

    public boolean isEmpty() {
        return severities.isEmpty() && disabled.isEmpty();
    }

    /** The findings with their overridden severities; others unchanged. */
    public List<Finding> apply(List<Finding> findings) {
        if (severities.isEmpty()) return findings;
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Override o = severities.get(f.ruleId());
            if (o == null || o.severity() == f.severity()) {
                out.add(f);
                continue;
            }
            // first, so that a renderer that shortens long evidence still shows it
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put(EVIDENCE_KEY, f.severity() + " -> " + o.severity() + " (" + o.where() + ")");
            ev.putAll(f.evidence());
            out.add(new Finding(f.ruleId(), o.severity(), f.subject(), f.title(), f.message(), f.remediation(),
                    f.reference(), ev, f.origin()));
        }
        return out;
    }

    /** The rules as evaluated under this policy: disabled ones left out, overridden ones at their new severity. */
    public List<RuleMeta> applyToRules(List<RuleMeta> rules) {
        if (isEmpty()) return rules;
        List<RuleMeta> out = new ArrayList<>(rules.size());
        for (RuleMeta m : rules) {
            if (disabled.containsKey(m.id())) continue;
            Override o = severities.get(m.id());
            out.add(o == null ? m : m.withSeverity(o.severity()));
        }
        return out;
    }
}
