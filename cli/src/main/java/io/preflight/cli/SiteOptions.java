package io.preflight.cli;

import io.preflight.rules.RuleEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --rules DIR} (repeatable) and {@code --config FILE}: the site's packs and configuration. */
final class SiteOptions {
    @Option(names = "--rules", paramLabel = "DIR",
            description = "A site rule pack directory (repeatable); see docs/writing-rules.md.")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "Site configuration (YAML): site packs, severity overrides, disabled rules with a reason,"
                    + " thresholds; see docs/site-config.md.")
    Path config;

    /** The shipped rules with the site's packs and configuration; every problem is one line of a UserError. */
    SiteSetup load(RuleEngine shipped) {
        return SiteSetup.load(shipped, rules, config);
    }
}
