package io.preflight.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.RuleContext;

/**
 * The global {@code out} every rule reports through. It reads the firing rule's metadata, so a rule's action only
 * names the subject, the message and the evidence. One sink per evaluation; not thread-safe.
 */
public final class FindingSink {
    private final List<Finding> findings = new ArrayList<>();
    private final Function<Rule, RuleMeta> metadata;

    FindingSink(Function<Rule, RuleMeta> metadata) {
        this.metadata = metadata;
    }

    /** Reports a finding at the rule's declared severity. {@code evidence} is key, value, key, value ... */
    public void report(RuleContext drools, String subject, String message, Object... evidence) {
        add(drools, null, subject, message, evidence);
    }

    /** Reports a finding at an explicit severity (for rules whose severity depends on the case, e.g. W/B). */
    public void reportAs(RuleContext drools, String severity, String subject, String message, Object... evidence) {
        add(drools, Severity.parse(severity), subject, message, evidence);
    }

    private void add(RuleContext drools, Severity override, String subject, String message, Object[] evidence) {
        RuleMeta meta = metadata.apply(drools.getRule());
        Map<String, Object> ev = new LinkedHashMap<>();
        for (int i = 0; i + 1 < evidence.length; i += 2) {
            if (evidence[i + 1] != null) ev.put(String.valueOf(evidence[i]), evidence[i + 1]);
        }
        Severity sev = override != null ? override : meta.severity() != null ? meta.severity() : Severity.BLOCKER;
        findings.add(new Finding(meta.id(), sev, subject == null ? "?" : subject, meta.title(), message,
                meta.remediation(), meta.reference(), ev, meta.pack() + "/" + meta.name()));
    }

    public List<Finding> findings() {
        return Collections.unmodifiableList(findings);
    }
}
