package io.preflight.cli;

import io.preflight.reports.DisabledRule;
import io.preflight.rules.Checker;
import io.preflight.rules.RuleEngine;
import io.preflight.rules.RuleMeta;
import io.preflight.rules.RulePolicy;
import io.preflight.rules.knowledge.KnowledgeBase;
import io.preflight.rules.model.Thresholds;
import io.preflight.rules.site.SiteConfig;
import io.preflight.rules.site.SitePack;
import io.preflight.rules.site.SitePacks;
import io.preflight.rules.site.SiteRulesException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rules a command runs: the shipped packs, the site packs ({@code --rules} and the configuration's
 * {@code rules:}) and the site configuration's policy and thresholds. Loading stops at the first stage with problems
 * (configuration file, then packs, then the configuration's rule ids) and reports all of that stage's problems.
 *
 * @param config null without {@code --config}
 */
record SiteSetup(RuleEngine shipped, SiteConfig config, SitePacks.Result packs, RulePolicy policy) {

    static SiteSetup load(RuleEngine shipped, List<Path> dirs, Path configFile) {
        try {
            SiteConfig config = configFile == null ? null : SiteConfig.read(configFile);
            List<Path> all = new ArrayList<>();
            if (config != null) all.addAll(config.packs());
            all.addAll(dirs == null ? List.of() : dirs);
            SitePacks.Result packs = all.isEmpty() ? new SitePacks.Result(List.of(), List.of())
                    : SitePacks.load(all, shipped);
            List<RuleMeta> rules = new ArrayList<>(shipped.rules());
            rules.addAll(packs.rules());
            RulePolicy policy = config == null ? RulePolicy.none() : config.policy(rules);
            return new SiteSetup(shipped, config, packs, policy);
        } catch (SiteRulesException e) {
            throw problems(e);
        }
    }

    /** Every problem of {@code e}, one per line (Main prints each as {@code preflight: file:line: message}). */
    static UserError problems(SiteRulesException e) {
        return new UserError(String.join(System.lineSeparator(), e.lines()), e);
    }

    /** The shipped rules, then each site pack's, as declared (before the policy). */
    List<RuleMeta> rules() {
        List<RuleMeta> rules = new ArrayList<>(shipped.rules());
        rules.addAll(packs.rules());
        return rules;
    }

    Checker checker(KnowledgeBase kb) {
        return new Checker(shipped, packs.engines(), kb);
    }

    Thresholds thresholds() {
        return config == null ? Thresholds.defaults() : config.thresholds();
    }

    /** The site packs that ran and what the configuration changed, for the report's notes. */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        for (SitePack p : packs.packs()) {
            notes.add("site pack " + p.name() + " (" + p.dir() + ", prefix " + p.prefix() + "): "
                    + RulesCommand.count(p.rules().size(), "rule") + " evaluated beside the shipped rules");
        }
        if (config != null) notes.addAll(config.notes(rules()));
        return notes;
    }

    /** The disabled rules with their reasons, for the report. */
    List<DisabledRule> disabled() {
        return policy.disabled().entrySet().stream().map(e -> new DisabledRule(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(DisabledRule::id)).toList();
    }
}
