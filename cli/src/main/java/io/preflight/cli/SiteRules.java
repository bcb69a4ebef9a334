package io.preflight.cli;

import io.preflight.rules.RuleCompileException;
import io.preflight.rules.RuleEngine;
import io.preflight.rules.RuleMeta;
import io.preflight.rules.RuleSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Loads {@code --rules DIR} site packs into their own engine, refusing ids that the shipped packs own. */
final class SiteRules {
    private SiteRules() {
    }

    static List<RuleEngine> load(List<Path> dirs, RuleEngine shipped) {
        if (dirs == null || dirs.isEmpty()) return List.of();
        List<RuleSource> sources;
        try {
            sources = RuleEngine.readDirectories(dirs);
        } catch (IOException e) {
            throw new UserError(e.getMessage(), e);
        }
        if (sources.isEmpty()) throw new UserError(dirs + ": no .drl files");
        RuleEngine site;
        try {
            site = RuleEngine.compile(sources);
        } catch (RuleCompileException e) {
            throw new UserError(String.join(System.lineSeparator(), e.problems()), e);
        }
        Set<String> shippedIds = new HashSet<>();
        for (RuleMeta m : shipped.rules()) shippedIds.add(m.id());
        for (RuleMeta m : site.allRules()) {
            if (m.primary() && shippedIds.contains(m.id())) {
                throw new UserError("site rule " + m.id() + " (pack " + m.pack() + ") reuses a shipped rule id");
            }
        }
        return List.of(site);
    }
}
