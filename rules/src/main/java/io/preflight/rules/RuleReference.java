package io.preflight.rules;

import java.util.List;

/**
 * The rule reference ({@code docs/rules.md}), generated from the rules' own metadata so it is never written twice.
 * The build checks that the committed file is up to date.
 */
public final class RuleReference {
    private RuleReference() {
    }

    public static String markdown(List<RuleMeta> rules) {
        StringBuilder b = new StringBuilder();
        b.append("# Rule reference\n\n");
        b.append("Generated from the rules' metadata (`@title`, `@severity`, `@remediation`, `@reference`, `@reads`) by\n");
        b.append("`RuleReference`; `mvn verify` fails when this file is stale. Regenerate with\n");
        b.append("`mvn -pl rules -am test -Dtest=RuleReferenceDocTest -Dpreflight.regenerateDocs=true -Dsurefire.failIfNoSpecifiedTests=false`.\n\n");
        b.append("Severity: BLOCKER = proceeding would break the upgrade or lose tasks; WARNING = a risk an operator may\n");
        b.append("accept in writing (a waiver); INFO = worth knowing. `preflight rules explain ID` shows a rule's cases.\n\n");
        b.append("| id | severity | pack | title |\n|---|---|---|---|\n");
        for (RuleMeta r : rules) {
            b.append("| [").append(r.id()).append("](#").append(r.id().toLowerCase()).append(") | ")
                    .append(r.severity()).append(" | ").append(r.pack()).append(" | ").append(cell(r.title()))
                    .append(" |\n");
        }
        String pack = null;
        for (RuleMeta r : rules) {
            if (!r.pack().equals(pack)) {
                pack = r.pack();
                b.append("\n## Pack `").append(pack).append("`\n");
            }
            b.append("\n### ").append(r.id()).append("\n\n");
            b.append("**").append(r.severity()).append("** — ").append(r.title()).append("\n\n");
            b.append("- Fix: ").append(r.remediation()).append("\n");
            b.append("- Source: ").append(r.reference()).append("\n");
            if (r.reads() != null) b.append("- Reads: ").append(r.reads()).append("\n");
        }
        return b.toString();
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|");
    }
}
