package io.preflight.rules.site;

import io.preflight.rules.RuleEngine;
import io.preflight.rules.RuleMeta;
import io.preflight.rules.RuleSource;
import io.preflight.rules.testing.CasePack;
import io.preflight.rules.testing.RuleCase;
import java.nio.file.Path;
import java.util.List;

/**
 * One site pack as loaded: a directory with a {@code pack.yaml} descriptor, its {@code .drl} files and its
 * {@code .cases.yaml} files (anywhere below it). Immutable.
 *
 * @param name       the pack's name: its directory's name (rules' metadata and findings' origins carry it)
 * @param descriptor null when {@code pack.yaml} is missing or unusable
 * @param caseFiles  the case files' paths, as given
 * @param cases      every case that could be read
 * @param engine     the pack compiled into its own knowledge base; null when the pack has problems
 */
public record SitePack(String name, Path dir, PackDescriptor descriptor, List<RuleSource> sources,
                       List<DrlOutline> outlines, List<String> caseFiles, List<RuleCase> cases, RuleEngine engine) {
    public SitePack {
        sources = List.copyOf(sources);
        outlines = List.copyOf(outlines);
        caseFiles = List.copyOf(caseFiles);
        cases = List.copyOf(cases);
    }

    /** The id prefix the descriptor declares, or null. */
    public String prefix() {
        return descriptor == null ? null : descriptor.prefix();
    }

    /** The pack as the case runner tests it. */
    public CasePack casePack() {
        return new CasePack(name, dir.toString(), rules(), caseFiles, cases);
    }

    /** The rules the pack defines (primary rules), empty when it did not compile. */
    public List<RuleMeta> rules() {
        return engine == null ? List.of() : engine.rules();
    }
}
