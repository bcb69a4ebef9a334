package io.preflight.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The only thing rules produce: a rule's verdict on one subject. Metadata (title, remediation, reference, default
 * severity) comes from the rule; the rule's action adds the subject, the message and the evidence.
 *
 * @param evidence what the rule saw, as ordered key/value pairs (values are strings, numbers or lists)
 * @param origin   the DRL rule that produced it, {@code pack/rule name} (helpers report under another rule's id)
 */
public record Finding(String ruleId, Severity severity, String subject, String title, String message,
                      String remediation, String reference, Map<String, Object> evidence, String origin) {
    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(subject, "subject");
        evidence = evidence == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    /** The identity tests and history key on. */
    public String key() {
        return ruleId + " " + subject;
    }

    public Finding withSeverity(Severity s) {
        return new Finding(ruleId, s, subject, title, message, remediation, reference, evidence, origin);
    }
}
