package io.preflight.facts.bundle;

import io.preflight.facts.Fact;
import io.preflight.facts.Role;
import io.preflight.facts.parse.PayloadException;
import io.preflight.facts.parse.PayloadKind;
import java.util.List;

/** The shape of {@code Payloads.parse}, so tests can read bundles with a stand-in parser. */
@FunctionalInterface
interface PayloadParser {
    List<Fact> parse(PayloadKind kind, String subject, Role role, String source, byte[] body)
            throws PayloadException;
}
