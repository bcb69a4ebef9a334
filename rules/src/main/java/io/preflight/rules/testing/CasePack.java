package io.preflight.rules.testing;

import io.preflight.rules.RuleMeta;
import java.util.List;

/**
 * One pack as the case runner tests it: its rules and its cases.
 *
 * @param location  where the pack lives, for messages (a directory, or {@code packs/<name>} for a shipped pack)
 * @param rules     the rules the pack defines (primary rules)
 * @param caseFiles the case files read (a pack without any fails)
 */
public record CasePack(String name, String location, List<RuleMeta> rules, List<String> caseFiles,
                       List<RuleCase> cases) {
    public CasePack {
        rules = List.copyOf(rules);
        caseFiles = List.copyOf(caseFiles);
        cases = List.copyOf(cases);
    }
}
