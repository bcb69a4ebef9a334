package io.preflight.cli;

import io.preflight.facts.ConfigScope;
import io.preflight.facts.Fact;
import io.preflight.facts.bundle.Bundle;
import io.preflight.facts.bundle.BundleException;
import io.preflight.facts.bundle.BundleReader;
import io.preflight.facts.collect.LiveCollector;
import io.preflight.facts.input.InputFileException;
import io.preflight.facts.input.UpgradePlanFile;
import io.preflight.facts.parse.ConfigYamlParser;
import io.preflight.rules.CheckOptions;
import io.preflight.rules.CheckOutcome;
import io.preflight.rules.Checker;
import io.preflight.rules.RuleEngine;
import io.preflight.rules.RuleEvaluationException;
import io.preflight.rules.Severity;
import io.preflight.rules.knowledge.KnowledgeBase;
import io.preflight.rules.plan.Hop;
import io.preflight.rules.plan.HopNotes;
import io.preflight.reports.Report;
import io.preflight.reports.ReportBuilder;
import io.preflight.reports.Verdict;
import io.preflight.reports.waiver.WaiverFile;
import io.preflight.reports.waiver.WaiverFileException;
import io.preflight.reports.waiver.Waivers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code preflight check}: judge a cluster (from a fact bundle) against a target version. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Judge a cluster's readiness for an upgrade. Exit 0 = GO, 1 = NO-GO, 2 = could not check.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Where the facts come from: exactly one of a bundle or a live collection. */
    static final class Source {
        @Option(names = "--bundle", paramLabel = "DIR", required = true,
                description = "A fact bundle written by `preflight collect` (directory or .tar.gz).")
        Path bundle;

        @Option(names = "--inventory", paramLabel = "FILE", required = true,
                description = "Collect the cluster live (as `preflight collect` does) and judge that.")
        Path inventory;
    }

    @Option(names = "--target", paramLabel = "VERSION",
            description = "Target DC/OS version (default: the next qualified hop from the running version).")
    String target;

    @Option(names = "--target-config", paramLabel = "FILE",
            description = "The config.yaml prepared for the upgrade (default: assumed identical to the running one).")
    Path targetConfig;

    @Option(names = "--upgrade-plan", paramLabel = "FILE",
            description = "YAML: skip_checks and planned OS/Docker changes per host (see docs/upgrade-plan.md).")
    Path upgradePlan;

    @Mixin
    SiteOptions site = new SiteOptions();

    @Option(names = "--waivers", paramLabel = "FILE",
            description = "YAML: accepted findings (rule, subject or glob, owner, reason, expires); see docs/waivers.md.")
    Path waivers;

    @Option(names = "--format", paramLabel = "FORMAT[=FILE]",
            description = "text (default), json, junit, markdown, sarif, html or prometheus; repeatable as "
                    + "NAME=FILE to write several formats.")
    List<String> formats = new ArrayList<>();

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report here instead of stdout.")
    Path output;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "blocker",
            description = "blocker (default) or warning: the lowest severity that makes the verdict NO-GO.")
    String failOn;

    @Option(names = "--quiet", description = "Print nothing on stdout; only the exit code and files.")
    boolean quiet;

    /** The clock waivers expire against; tests set a fixed one (see {@link Main#run(String[], PrintWriter, PrintWriter, Clock)}). */
    Clock clock = Clock.systemUTC();

    @Option(names = "--history", negatable = true,
            description = "Record this scan in the scan history and attach the cluster's trend (store: "
                    + "--history-store, else $PREFLIGHT_HISTORY_STORE, else history.mv.db in $XDG_DATA_HOME/preflight"
                    + " or ~/.local/share/preflight). A store named in $PREFLIGHT_HISTORY_STORE records without it;"
                    + " --no-history: never.")
    Boolean history;

    @Option(names = "--history-store", paramLabel = "URL|PATH",
            description = "The scan history to record into: jdbc:postgresql://HOST/DB?user=U (password in the URL or"
                    + " $PREFLIGHT_HISTORY_PASSWORD) or the path of an H2 file. Implies --history.")
    String historyStore;

    @Option(names = "--fail-on-new",
            description = "Exit 1 only for blocking findings (unwaived, at or above --fail-on) that did not block in"
                    + " the previous scan of this cluster: staged adoption. Implies --history.")
    boolean failOnNew;

    @Override
    public Integer call() {
        return check(spec.commandLine().getOut(), spec.commandLine().getErr(), Collecting.collectors);
    }

    /**
     * The check itself; {@code collectors} makes the live collector for {@code --inventory} (the demo passes its
     * simulated cluster's).
     */
    int check(PrintWriter out, PrintWriter err, Function<LiveCollector.Progress, LiveCollector> collectors) {
        Severity failLevel = parseFailOn(failOn);
        List<OutputSpec> outputs = OutputSpec.parse(formats, output);
        Waivers accepted = readWaivers(waivers);     // before any collection: a bad file fails fast
        HistoryRecording recording = HistoryRecording.of(history, historyStore, failOnNew, System.getenv());
        if (recording != null) recording.check();   // likewise an unusable store
        SiteSetup setup = site.load(RuleEngine.shipped());
        Checker checker = setup.checker(KnowledgeBase.load());

        Path bundle = source.bundle;
        Bundle b;
        if (bundle != null) {
            b = readBundle(bundle);
        } else {
            // the very facts `collect` + `check --bundle` judge: written, then read back
            LiveCollector.Collected c = Collecting.collect(source.inventory, err, collectors);
            Path tmp;
            try {
                tmp = Files.createTempDirectory("preflight-check-");
            } catch (IOException e) {
                throw new UserError("cannot create a temporary directory: " + e.getMessage(), e);
            }
            try {
                bundle = tmp.resolve("bundle");
                Collecting.write(c, bundle);
                b = readBundle(bundle);
            } finally {
                deleteTree(tmp);
            }
            bundle = source.inventory;
        }
        List<Fact> facts = new ArrayList<>(b.facts());
        List<String> notes = new ArrayList<>();
        if (targetConfig != null) {
            // parsed against the running config's entries: secrets the bundle stores as digests compare
            facts.addAll(ConfigYamlParser.parseConfig(ConfigScope.TARGET, targetConfig.toString(), read(targetConfig),
                    b.facts()));
        } else {
            notes.add("no --target-config: the target config.yaml is assumed identical to the running one, so the"
                    + " config-change rules (CONFIG-CHANGED-DURING-UPGRADE, CONFIG-SECURITY-MODE-CHANGE,"
                    + " MASTER-LIST-CHANGED) judged nothing");
        }
        if (upgradePlan != null) {
            try {
                facts.addAll(UpgradePlanFile.read(upgradePlan));
            } catch (InputFileException e) {
                throw new UserError(e.getMessage(), e);
            }
        } else {
            notes.add("no --upgrade-plan: assumed preflight checks stay enabled and no OS/Docker change is planned"
                    + " with this upgrade");
        }
        if (target != null && !checker.planner().known(target)) {
            notes.add("target " + target + " is not in the release catalog");
        }
        notes.addAll(setup.notes());
        CheckOutcome outcome;
        try {
            outcome = checker.check(facts,
                    new CheckOptions(null, target, targetConfig != null, setup.thresholds(), true, setup.policy()));
        } catch (RuleEvaluationException e) {
            throw new UserError(e.getMessage(), e);
        }
        Map<String, List<String>> hopNotes = new LinkedHashMap<>();
        for (Hop h : outcome.path()) hopNotes.put(h.from() + " -> " + h.to(), HopNotes.of(KnowledgeBase.load(), h));
        String cluster = b.manifest().cluster() != null && b.manifest().cluster().name() != null
                ? b.manifest().cluster().name() : bundle.getFileName().toString();
        Report report = ReportBuilder.build(cluster, facts, outcome, hopNotes, failLevel, notes,
                "preflight " + Main.VERSION, accepted, clock.instant()).withDisabled(setup.disabled());
        int exit = report.verdict() == Verdict.GO ? Main.GO : Main.NO_GO;
        if (recording != null) {
            // recorded before the outputs are written (the report carries the trend the store gives): if writing an
            // output file then fails (exit 2), the scan stays in the history. Accepted: the scan did happen, and
            // `history show ID` renders its report again.
            HistoryRecording.Recorded recorded = recording.record(report, failLevel);
            report = recorded.report();
            exit = recorded.exitCode();
        }
        Outputs.write(report, outputs, out, quiet);
        return exit;
    }

    private static Waivers readWaivers(Path file) {
        if (file == null) return Waivers.NONE;
        try {
            return WaiverFile.read(file);
        } catch (WaiverFileException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    private static Bundle readBundle(Path bundle) {
        try {
            return BundleReader.read(bundle);
        } catch (BundleException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort: a temp dir left behind is not worth failing the check
        }
    }

    static Severity parseFailOn(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "blocker": return Severity.BLOCKER;
            case "warning": return Severity.WARNING;
            default: throw new UserError("--fail-on: unknown level '" + s + "' (valid: blocker, warning)");
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file", e);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
