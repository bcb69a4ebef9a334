package io.preflight.rules.bench;

import io.preflight.facts.bench.HeapMeter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.preflight.facts.Fact;
import io.preflight.facts.bundle.Bundle;
import io.preflight.facts.bundle.BundleReader;
import io.preflight.facts.bundle.BundleWriter;
import io.preflight.facts.synthetic.SyntheticCluster;
import io.preflight.rules.CheckOptions;
import io.preflight.rules.CheckOutcome;
import io.preflight.rules.Checker;
import io.preflight.rules.Finding;
import io.preflight.rules.RuleCompileException;
import io.preflight.rules.RuleEngine;
import io.preflight.rules.RuleMeta;
import io.preflight.rules.RuleSource;
import io.preflight.rules.knowledge.KnowledgeBase;
import io.preflight.rules.testing.RuleCase;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The benchmark behind {@code preflight bench}, all in one JVM run:
 * <ol>
 *   <li>for each size (default 100, 1,000, 10,000 nodes): generate a synthetic cluster ({@link SyntheticCluster}),
 *       write it as a bundle to a temporary directory, read its facts back with {@link BundleReader} (timed), warm
 *       up, then time {@code Checker.standard().check(facts, CheckOptions.target("2.2.1"))} (the whole Drools
 *       evaluation: context, knowledge, insert, fire, merge) against {@link PlainJavaFloor} on the same facts,
 *       alternating the two, and cross-check their {@code (rule id, subject)} pairs for the floor's rule ids;
 *   <li>the shipped KieBase's load time in fresh JVMs (child processes): from the precompiled packages
 *       ({@link RuleEngine#shipped()}) and compiled from the DRL sources ({@link RuleEngine#compile});
 *   <li>the cold wall time of {@code java -jar preflight.jar check --bundle <100-node bundle> --quiet}.
 * </ol>
 * Time per node is printed for every size, so non-linear (e.g. agents × masters) rules show up as a growing
 * µs/node. A cross-check difference is a correctness signal, printed, not a benchmark failure.
 */
public final class Bench {
    public static final List<Integer> DEFAULT_SIZES = List.of(100, 1_000, 10_000);
    public static final String TARGET = "2.2.1";
    /** JVM flags of the cold-start measurements (what a fast CLI start uses). */
    public static final List<String> COLD_JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    /** System property naming the runnable preflight jar for the cold-start measurement. */
    public static final String JAR_PROPERTY = "preflight.jar";
    private static final int MAX_SHOWN_DIFFERENCES = 8;

    private Bench() {
    }

    /**
     * @param sizes      cluster sizes (nodes)
     * @param warmup     at least this many warm-up iterations per size (and at least {@code warmupMillis} of them)
     * @param iterations measured iterations per size and engine
     * @param seed       the synthetic clusters' seed
     * @param json       where to write the results as JSON, or null
     * @param jar        the runnable preflight jar for the cold CLI run; null: system property {@value #JAR_PROPERTY},
     *                   else the jar this class was loaded from
     * @param freshJvm   measure KieBase load and the cold CLI in child JVMs
     * @param coldRuns   timed cold CLI runs (median reported)
     */
    public record Options(List<Integer> sizes, int warmup, long warmupMillis, int iterations, long seed, Path json,
                          Path jar, boolean freshJvm, int coldRuns) {
        public Options {
            sizes = List.copyOf(sizes);
            if (sizes.isEmpty()) throw new IllegalArgumentException("no sizes");
            for (int s : sizes) {
                if (s < SyntheticCluster.MIN_NODES) {
                    throw new IllegalArgumentException("size " + s + " is below the minimum of "
                            + SyntheticCluster.MIN_NODES + " nodes");
                }
            }
            if (warmup < 5) throw new IllegalArgumentException("warm-up must be at least 5 iterations");
            if (iterations < 1) throw new IllegalArgumentException("iterations must be at least 1");
        }

        public static Options defaults() {
            return new Options(DEFAULT_SIZES, 5, 4_000, 15, 42L, null, null, true, 5);
        }

        public Options withSizes(List<Integer> s) {
            return new Options(s, warmup, warmupMillis, iterations, seed, json, jar, freshJvm, coldRuns);
        }

        public Options withIterations(int n) {
            return new Options(sizes, warmup, warmupMillis, n, seed, json, jar, freshJvm, coldRuns);
        }

        public Options withJson(Path p) {
            return new Options(sizes, warmup, warmupMillis, iterations, seed, p, jar, freshJvm, coldRuns);
        }

        public Options withFreshJvm(boolean b) {
            return new Options(sizes, warmup, warmupMillis, iterations, seed, json, jar, b, coldRuns);
        }
    }

    /** Milliseconds of one series of timed runs. */
    public record Stats(int runs, double median, double p90, double min, double max) {
        static Stats of(long[] nanos) {
            long[] s = nanos.clone();
            Arrays.sort(s);
            int n = s.length;
            double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
            double p90 = s[Math.max(0, (int) Math.ceil(0.9 * n) - 1)];
            return new Stats(n, median / 1e6, p90 / 1e6, s[0] / 1e6, s[n - 1] / 1e6);
        }
    }

    /** The cross-check for one size: pairs only the engine reported, pairs only the floor reported. */
    public record CrossCheck(int pairs, List<String> onlyDrools, List<String> onlyFloor) {
        public boolean agrees() {
            return onlyDrools.isEmpty() && onlyFloor.isEmpty();
        }
    }

    /** One size's results. */
    public record SizeResult(int nodes, int masters, int agents, int apps, int facts, long bundleBytes, double genMs,
                             double writeMs, double readMs, int warmupIterations, Stats drools, Stats floor,
                             int droolsFindings, Map<String, Integer> floorPairsByRule, CrossCheck crossCheck,
                             long peakHeapBytes) {
        public double ratio() {
            return drools.median() / floor.median();
        }

        public double droolsMicrosPerNode() {
            return drools.median() * 1000.0 / nodes;
        }

        public double floorMicrosPerNode() {
            return floor.median() * 1000.0 / nodes;
        }
    }

    /** A measurement in fresh JVMs: the in-process figure and the process wall time, medians of {@code runs}. */
    public record FreshJvm(String what, int runs, double medianMs, double minMs, double wallMedianMs, String note) {
    }

    public record Result(Map<String, Object> environment, List<SizeResult> sizes, List<FreshJvm> freshJvm,
                         Set<String> floorPacks, Set<String> unshippedPacks) {
    }

    // --------------------------------------------------------------------------------------------- entry points

    /** Runs the whole benchmark, printing progress and the final table to {@code out}. */
    public static Result run(Options o, PrintWriter out) throws IOException {
        Path work = Files.createTempDirectory("preflight-bench-");
        try {
            return run(o, out, work);
        } finally {
            deleteRecursively(work);
        }
    }

    private static Result run(Options o, PrintWriter out, Path work) throws IOException {
        Map<String, Object> env = environment();
        out.printf(Locale.ROOT, "preflight bench: %s, Java %s (%s), %d CPUs, max heap %.1f GiB; seed %d, target %s%n",
                env.get("drools"), env.get("java"), env.get("vm"), (Integer) env.get("cpus"),
                (Long) env.get("maxHeapBytes") / (double) (1L << 30), o.seed(), TARGET);
        out.flush();

        long t0 = System.nanoTime();
        Checker checker = Checker.standard();
        double inProcessLoadMs = (System.nanoTime() - t0) / 1e6;
        RuleEngine engine = RuleEngine.shipped();
        Set<String> shippedPacks = new TreeSet<>();
        for (RuleMeta m : engine.allRules()) shippedPacks.add(m.pack());
        Set<String> floorPacks = new TreeSet<>(PlainJavaFloor.PACKS);
        floorPacks.retainAll(shippedPacks);
        Set<String> unshipped = new TreeSet<>(PlainJavaFloor.PACKS);
        unshipped.removeAll(shippedPacks);
        PlainJavaFloor floor = new PlainJavaFloor(KnowledgeBase.load(), floorPacks);
        out.printf(Locale.ROOT, "shipped rules: %d in packs %s (first use in this JVM: %.0f ms)%n",
                engine.rules().size(), shippedPacks, inProcessLoadMs);
        if (!unshipped.isEmpty()) {
            out.println("note: packs " + unshipped + " are not shipped (not in packs/index.txt or not compiled):"
                    + " the floor skips their rules too");
        }
        out.flush();

        CheckOptions opt = CheckOptions.target(TARGET);
        List<SizeResult> results = new ArrayList<>();
        Path coldBundle = null;
        for (int nodes : o.sizes()) {
            SizeResult r = size(nodes, o, work, checker, floor, opt, out);
            results.add(r);
            if (nodes == 100) coldBundle = work.resolve("synthetic-100");
            else deleteRecursively(work.resolve("synthetic-" + nodes));
        }

        List<FreshJvm> fresh = new ArrayList<>();
        if (o.freshJvm()) {
            fresh.addAll(kieBaseLoad(out));
            if (coldBundle == null) {
                coldBundle = work.resolve("synthetic-100");
                SyntheticCluster.write(coldBundle, 100, o.seed());
            }
            FreshJvm cold = coldCheck(o, coldBundle, out);
            if (cold != null) fresh.add(cold);
        }

        Result result = new Result(env, results, fresh, floorPacks, unshipped);
        printTable(result, out);
        if (o.json() != null) {
            writeJson(result, o.json());
            out.println("results written to " + o.json());
        }
        out.flush();
        return result;
    }

    /**
     * Diagnostic: which packs the evaluation cost goes to. For one cluster size, evaluates every shipped pack alone
     * (each compiled from its DRL into its own KieBase) and an engine without rules, and prints each pack's cost
     * above that base: the evaluating thread's CPU time (best of {@code iterations}, so other processes and GC
     * threads do not count; wall-time differences between packs drown in noise on a shared machine) and the bytes
     * it allocated (deterministic). {@code java -cp preflight.jar io.preflight.rules.bench.Bench --by-pack [nodes]
     * [iterations]}.
     */
    public static void byPack(int nodes, int iterations, long seed, PrintWriter out) throws IOException {
        Path work = Files.createTempDirectory("preflight-bench-");
        try {
            Path dir = work.resolve("synthetic-" + nodes);
            SyntheticCluster.write(dir, nodes, seed);
            List<Fact> facts = BundleReader.read(dir).facts();
            KnowledgeBase kb = KnowledgeBase.load();
            List<RuleSource> all = RuleEngine.shippedSources();
            CheckOptions opt = CheckOptions.target(TARGET);
            out.printf(Locale.ROOT, "per-pack cost, %d nodes, %d facts; thread CPU best of %d, allocation:%n", nodes,
                    facts.size(), iterations);
            double[] none = cost(new Checker(compile(List.of()), List.of(), kb), facts, opt, iterations);
            double[] full = cost(new Checker(compile(all), List.of(), kb), facts, opt, iterations);
            out.printf(Locale.ROOT, "  %-22s %8.0f ms CPU %8.0f MiB%n", "no rules (base)", none[0], none[1]);
            for (RuleSource s : all) {
                double[] alone = cost(new Checker(compile(List.of(s)), List.of(), kb), facts, opt, iterations);
                out.printf(Locale.ROOT, "  %-22s %+8.0f ms CPU %+8.0f MiB%n", s.pack() + " alone - base",
                        alone[0] - none[0], alone[1] - none[1]);
                out.flush();
            }
            out.printf(Locale.ROOT, "  %-22s %8.0f ms CPU %8.0f MiB%n", "all packs", full[0], full[1]);
            out.flush();
        } finally {
            deleteRecursively(work);
        }
    }

    private static RuleEngine compile(List<RuleSource> sources) {
        try {
            return RuleEngine.compile(sources);
        } catch (RuleCompileException e) {
            throw new IllegalStateException("rules do not compile: " + e.problems(), e);
        }
    }

    /** {best thread CPU ms, MiB allocated by the last run} of one check. */
    private static double[] cost(Checker c, List<Fact> facts, CheckOptions opt, int iterations) {
        java.lang.management.ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean alloc = tm instanceof com.sun.management.ThreadMXBean x ? x : null;
        long tid = Thread.currentThread().getId();
        for (int i = 0; i < Math.max(3, iterations / 2); i++) c.check(facts, opt);
        long best = Long.MAX_VALUE;
        long bytes = 0;
        for (int i = 0; i < iterations; i++) {
            System.gc();
            long a = alloc == null ? 0 : alloc.getThreadAllocatedBytes(tid);
            long s = tm.getCurrentThreadCpuTime();
            c.check(facts, opt);
            best = Math.min(best, tm.getCurrentThreadCpuTime() - s);
            bytes = alloc == null ? -1 : alloc.getThreadAllocatedBytes(tid) - a;
        }
        return new double[] {best / 1e6, bytes / 1048576.0};
    }

    /**
     * {@code Bench [--sizes 100,1000] [--iterations N] [--json FILE] [--no-fresh-jvm]}, or
     * {@code Bench --by-pack [nodes] [iterations]}.
     */
    public static void main(String[] args) throws IOException {
        PrintWriter out = new PrintWriter(System.out, true);
        if (args.length > 0 && args[0].equals("--by-pack")) {
            int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
            int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 9;
            byPack(nodes, iterations, 42L, out);
            return;
        }
        Options o = Options.defaults();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> o = o.withSizes(parseSizes(args[++i]));
                case "--iterations" -> o = o.withIterations(Integer.parseInt(args[++i]));
                case "--json" -> o = o.withJson(Path.of(args[++i]));
                case "--no-fresh-jvm" -> o = o.withFreshJvm(false);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        run(o, out);
    }

    /** {@code "100,1000,10_000"} → sizes. */
    public static List<Integer> parseSizes(String s) {
        List<Integer> out = new ArrayList<>();
        for (String p : s.split(",")) {
            String t = p.trim().replace("_", "");
            if (t.isEmpty()) continue;
            try {
                out.add(Integer.parseInt(t));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + p.trim() + "' is not a number of nodes");
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no sizes given");
        return out;
    }

    // ------------------------------------------------------------------------------------------------ one size

    private static SizeResult size(int nodes, Options o, Path work, Checker checker, PlainJavaFloor floor,
                                   CheckOptions opt, PrintWriter out) throws IOException {
        out.printf(Locale.ROOT, "%n== %,d nodes%n", nodes);
        out.flush();
        long t = System.nanoTime();
        SyntheticCluster.Generated g = SyntheticCluster.bundle(nodes, o.seed());
        double genMs = ms(t);
        Path dir = work.resolve("synthetic-" + nodes);
        t = System.nanoTime();
        BundleWriter.write(dir, g.manifest(), g.files());
        double writeMs = ms(t);
        long bytes = g.bytes();
        g = new SyntheticCluster.Generated(g.manifest(), Map.of(), g.masters(), g.agents(), g.publicAgents(),
                g.apps(), g.constraints(), g.faults()); // let the payload bodies go
        System.gc();
        t = System.nanoTime();
        Bundle bundle = BundleReader.read(dir);
        double readMs = ms(t);
        List<Fact> facts = bundle.facts();
        out.printf(Locale.ROOT, "bundle: %d masters, %d agents, %d apps, %.1f MiB of payloads; generate %.0f ms,"
                        + " write %.0f ms, read %.0f ms -> %,d facts%n", g.masters().size(), g.agents().size(),
                g.apps(), bytes / 1048576.0, genMs, writeMs, readMs, facts.size());
        out.flush();

        // warm up: both engines, alternating, at least o.warmup() rounds and o.warmupMillis() of time
        HeapMeter.resetPeak();
        long warmStart = System.nanoTime();
        int warm = 0;
        CheckOutcome outcome = null;
        Set<RuleCase.Expected> pairs = null;
        while (warm < o.warmup() || (System.nanoTime() - warmStart < o.warmupMillis() * 1_000_000L && warm < 500)) {
            outcome = checker.check(facts, opt);
            pairs = floor.evaluate(facts, opt);
            warm++;
        }
        // measured: alternating, each run on a collected heap (as the single evaluation of a CLI run is), so
        // neither side pays for the other's garbage
        long[] dt = new long[o.iterations()];
        long[] ft = new long[o.iterations()];
        for (int i = 0; i < o.iterations(); i++) {
            System.gc();
            long s = System.nanoTime();
            outcome = checker.check(facts, opt);
            dt[i] = System.nanoTime() - s;
            System.gc();
            s = System.nanoTime();
            pairs = floor.evaluate(facts, opt);
            ft[i] = System.nanoTime() - s;
        }
        long peak = HeapMeter.peak();
        Stats ds = Stats.of(dt);
        Stats fs = Stats.of(ft);
        CrossCheck cc = crossCheck(outcome, pairs);
        SizeResult r = new SizeResult(nodes, g.masters().size(), g.agents().size(), g.apps(), facts.size(), bytes,
                genMs, writeMs, readMs, warm, ds, fs, outcome.findings().size(), PlainJavaFloor.countByRule(pairs), cc,
                peak);
        out.printf(Locale.ROOT, "warm-up %d rounds; %d measured: Drools median %.1f ms (p90 %.1f), floor median %.2f ms"
                        + " (p90 %.2f), Drools/floor %.1fx; %.1f / %.2f us per node; peak heap %.0f MiB%n",
                warm, o.iterations(), ds.median(), ds.p90(), fs.median(), fs.p90(), r.ratio(),
                r.droolsMicrosPerNode(), r.floorMicrosPerNode(), peak / 1048576.0);
        out.printf(Locale.ROOT, "findings: %d from Drools (%d rule ids); floor pairs by rule: %s%n",
                outcome.findings().size(), outcome.findings().stream().map(Finding::ruleId).distinct().count(),
                r.floorPairsByRule());
        printCrossCheck(cc, out);
        out.flush();
        return r;
    }

    /** The engine's (rule id, subject) pairs for the floor's rule ids against the floor's. */
    static CrossCheck crossCheck(CheckOutcome outcome, Set<RuleCase.Expected> floorPairs) {
        Set<RuleCase.Expected> drools = new TreeSet<>();
        for (Finding f : outcome.findings()) {
            if (PlainJavaFloor.RULE_IDS.contains(f.ruleId())) {
                drools.add(new RuleCase.Expected(f.ruleId(), f.subject()));
            }
        }
        List<String> onlyDrools = new ArrayList<>();
        for (RuleCase.Expected p : drools) if (!floorPairs.contains(p)) onlyDrools.add(p.toString());
        List<String> onlyFloor = new ArrayList<>();
        for (RuleCase.Expected p : floorPairs) if (!drools.contains(p)) onlyFloor.add(p.toString());
        return new CrossCheck(drools.size(), onlyDrools, onlyFloor);
    }

    private static void printCrossCheck(CrossCheck cc, PrintWriter out) {
        if (cc.agrees()) {
            out.printf(Locale.ROOT, "cross-check: OK, Drools and the floor agree on all %d (rule id, subject) pairs of"
                    + " the floor's rules%n", cc.pairs());
            return;
        }
        out.printf(Locale.ROOT, "cross-check: DIFFERENCE (a correctness signal, not a benchmark failure): %d pairs"
                + " only from Drools, %d only from the floor%n", cc.onlyDrools().size(), cc.onlyFloor().size());
        showDifferences("only Drools", cc.onlyDrools(), out);
        showDifferences("only floor", cc.onlyFloor(), out);
    }

    private static void showDifferences(String label, List<String> pairs, PrintWriter out) {
        if (pairs.isEmpty()) return;
        Map<String, List<String>> byRule = new TreeMap<>();
        for (String p : pairs) {
            int sp = p.indexOf(' ');
            byRule.computeIfAbsent(p.substring(0, sp), k -> new ArrayList<>()).add(p.substring(sp + 1));
        }
        byRule.forEach((rule, subjects) -> out.printf(Locale.ROOT, "  %s: %s x%d: %s%s%n", label, rule,
                subjects.size(),
                String.join(", ", subjects.subList(0, Math.min(MAX_SHOWN_DIFFERENCES, subjects.size()))),
                subjects.size() > MAX_SHOWN_DIFFERENCES ? ", ..." : ""));
    }

    // -------------------------------------------------------------------------------------------- fresh JVMs

    /** In a child JVM: loads (or compiles) the shipped KieBase and prints {@code ms=<millis> rules=<n>}. */
    public static final class KieLoad {
        private KieLoad() {
        }

        public static void main(String[] args) throws Exception {
            long t = System.nanoTime();
            RuleEngine e = "compile".equals(args[0]) ? RuleEngine.compile(RuleEngine.shippedSources())
                    : RuleEngine.shipped();
            double ms = (System.nanoTime() - t) / 1e6;
            System.out.printf(Locale.ROOT, "ms=%.3f rules=%d precompiled=%s%n", ms, e.rules().size(), precompiled(e));
        }

        /** {@code RuleEngine.precompiled()} when this version of the engine has it, else "unknown". */
        static String precompiled(RuleEngine e) {
            try {
                return String.valueOf(RuleEngine.class.getMethod("precompiled").invoke(e));
            } catch (ReflectiveOperationException | RuntimeException x) {
                return "unknown";
            }
        }
    }

    private static List<FreshJvm> kieBaseLoad(PrintWriter out) {
        out.printf(Locale.ROOT, "%n== KieBase load in fresh JVMs (%s)%n", String.join(" ", COLD_JVM_FLAGS));
        out.flush();
        boolean precompiled = RuleEngine.class.getClassLoader().getResource("packs/compiled.bin") != null;
        List<FreshJvm> res = new ArrayList<>();
        for (String mode : List.of("shipped", "compile")) {
            int runs = 3;
            double[] in = new double[runs];
            double[] wall = new double[runs];
            String failure = null;
            String usedPrecompiled = "unknown";
            for (int i = 0; i < runs && failure == null; i++) {
                List<String> cmd = new ArrayList<>();
                cmd.add(javaBinary());
                cmd.addAll(COLD_JVM_FLAGS);
                cmd.add("-cp");
                cmd.add(System.getProperty("java.class.path"));
                cmd.add(KieLoad.class.getName());
                cmd.add(mode);
                Child c = Child.run(cmd);
                if (c.exit != 0 || !c.stdout.startsWith("ms=")) {
                    failure = "exit " + c.exit + ": " + firstLine(c.stderr.isBlank() ? c.stdout : c.stderr);
                    break;
                }
                in[i] = Double.parseDouble(c.stdout.substring(3, c.stdout.indexOf(' ')));
                wall[i] = c.wallMs;
                int at = c.stdout.indexOf("precompiled=");
                usedPrecompiled = at < 0 ? "unknown" : c.stdout.substring(at + "precompiled=".length()).trim();
            }
            String what = mode.equals("shipped") ? "KieBase: precompiled packs (RuleEngine.shipped())"
                    : "KieBase: compiled from DRL (RuleEngine.compile)";
            if (failure != null) {
                out.println(what + ": FAILED " + failure);
                res.add(new FreshJvm(what, 0, Double.NaN, Double.NaN, Double.NaN, "failed: " + failure));
                continue;
            }
            String note = null;
            if (mode.equals("shipped")) {
                note = !precompiled ? "no packs/compiled.bin on the classpath: compiled from DRL"
                        : usedPrecompiled.equals("false") ? "packs/compiled.bin present but NOT used (stale hash or"
                        + " unreadable): compiled from DRL" : usedPrecompiled.equals("true") ? "precompiled packs used"
                        : null;
            }
            FreshJvm f = new FreshJvm(what, runs, median(in), Arrays.stream(in).min().orElse(0), median(wall), note);
            out.printf(Locale.ROOT, "%s: median %.0f ms in-process (min %.0f), %.0f ms JVM wall%s%n", what,
                    f.medianMs(), f.minMs(), f.wallMedianMs(), note == null ? "" : " (" + note + ")");
            out.flush();
            res.add(f);
        }
        return res;
    }

    private static FreshJvm coldCheck(Options o, Path bundle, PrintWriter out) {
        out.printf(Locale.ROOT, "%n== cold `preflight check` on the 100-node bundle%n");
        Path jar = findJar(o.jar());
        if (jar == null) {
            out.println("skipped: no runnable preflight jar found (set -D" + JAR_PROPERTY + "=<path to preflight.jar>"
                    + " or run the bench from the jar)");
            out.flush();
            return null;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.addAll(COLD_JVM_FLAGS);
        cmd.addAll(List.of("-jar", jar.toString(), "check", "--bundle", bundle.toString(), "--quiet"));
        out.println("$ " + String.join(" ", cmd));
        out.flush();
        int runs = Math.max(1, o.coldRuns());
        double[] wall = new double[runs];
        int exit = -1;
        for (int i = -1; i < runs; i++) { // run -1: untimed, fills the OS file cache
            Child c = Child.run(cmd);
            exit = c.exit;
            if (c.exit != 0 && c.exit != 1) {
                String why = "exit " + c.exit + ": " + firstLine(c.stderr);
                out.println("FAILED " + why);
                out.flush();
                return new FreshJvm("cold CLI: preflight check, 100 nodes", 0, Double.NaN, Double.NaN, Double.NaN,
                        "failed: " + why);
            }
            if (i >= 0) wall[i] = c.wallMs;
        }
        FreshJvm f = new FreshJvm("cold CLI: preflight check, 100 nodes", runs, median(wall),
                Arrays.stream(wall).min().orElse(0), median(wall), "exit " + exit + (exit == 1 ? " (NO-GO)" : " (GO)")
                + ", " + jar);
        out.printf(Locale.ROOT, "median %.0f ms wall of %d runs (min %.0f, max %.0f); exit %d%n", f.medianMs(), runs,
                f.minMs(), Arrays.stream(wall).max().orElse(0), exit);
        out.flush();
        return f;
    }

    /** The runnable jar: the given path, the system property, or the jar this class was loaded from. */
    static Path findJar(Path given) {
        if (given != null) return Files.isRegularFile(given) ? given : null;
        String prop = System.getProperty(JAR_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            Path p = Path.of(prop);
            return Files.isRegularFile(p) ? p : null;
        }
        try {
            var src = Bench.class.getProtectionDomain().getCodeSource();
            if (src == null || src.getLocation() == null) return null;
            Path p = Path.of(src.getLocation().toURI());
            if (!Files.isRegularFile(p) || !p.toString().endsWith(".jar")) return null;
            try (JarFile jf = new JarFile(p.toFile())) {
                return jf.getEntry("io/preflight/cli/Main.class") != null && jf.getManifest() != null
                        && jf.getManifest().getMainAttributes().getValue("Main-Class") != null ? p : null;
            }
        } catch (URISyntaxException | IOException | RuntimeException e) {
            return null;
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A finished child process. */
    private record Child(int exit, String stdout, String stderr, double wallMs) {
        static Child run(List<String> cmd) {
            try {
                Path err = Files.createTempFile("preflight-bench-", ".err");
                try {
                    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
                    long t = System.nanoTime();
                    Process p = pb.start();
                    p.getOutputStream().close();
                    byte[] stdout;
                    try (InputStream in = p.getInputStream()) {
                        stdout = in.readAllBytes();
                    }
                    if (!p.waitFor(10, TimeUnit.MINUTES)) {
                        p.destroyForcibly();
                        return new Child(-1, "", "timed out after 10 minutes", ms(t));
                    }
                    double wall = ms(t);
                    return new Child(p.exitValue(), new String(stdout, StandardCharsets.UTF_8).trim(),
                            Files.readString(err), wall);
                } finally {
                    Files.deleteIfExists(err);
                }
            } catch (IOException e) {
                return new Child(-1, "", "cannot start: " + e.getMessage(), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Child(-1, "", "interrupted", 0);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- output

    private static void printTable(Result r, PrintWriter out) {
        out.printf(Locale.ROOT, "%n== results (target %s; medians; times in ms, per node in us)%n", TARGET);
        out.printf(Locale.ROOT, "%7s %8s %7s | %8s %8s %7s | %7s %7s %6s | %6s | %4s %s%n", "nodes", "facts", "read",
                "drools", "p90", "us/node", "floor", "p90", "us/nd", "ratio", "heap", "cross-check");
        for (SizeResult s : r.sizes()) {
            CrossCheck cc = s.crossCheck();
            String check = cc.agrees() ? "OK (" + cc.pairs() + " pairs)"
                    : "DIFF +" + cc.onlyDrools().size() + " drools / +" + cc.onlyFloor().size() + " floor";
            out.printf(Locale.ROOT, "%7d %8d %7.0f | %8.1f %8.1f %7.1f | %7.2f %7.2f %6.2f | %5.1fx | %4.0fM %s%n",
                    s.nodes(), s.facts(), s.readMs(), s.drools().median(), s.drools().p90(), s.droolsMicrosPerNode(),
                    s.floor().median(), s.floor().p90(), s.floorMicrosPerNode(), s.ratio(),
                    s.peakHeapBytes() / 1048576.0, check);
        }
        if (r.sizes().size() > 1) {
            SizeResult a = r.sizes().stream().min(Comparator.comparingInt(SizeResult::nodes)).orElseThrow();
            SizeResult b = r.sizes().stream().max(Comparator.comparingInt(SizeResult::nodes)).orElseThrow();
            out.printf(Locale.ROOT, "scaling %d -> %d nodes (x%.0f): Drools time x%.1f (us/node x%.2f), floor time"
                            + " x%.1f (us/node x%.2f); linear = us/node flat%n", a.nodes(), b.nodes(),
                    b.nodes() / (double) a.nodes(), b.drools().median() / a.drools().median(),
                    b.droolsMicrosPerNode() / a.droolsMicrosPerNode(), b.floor().median() / a.floor().median(),
                    b.floorMicrosPerNode() / a.floorMicrosPerNode());
        }
        for (FreshJvm f : r.freshJvm()) {
            if (f.runs() == 0) {
                out.printf(Locale.ROOT, "%-52s %s%n", f.what(), f.note());
            } else {
                out.printf(Locale.ROOT, "%-52s %7.0f ms (median of %d%s)%n", f.what(), f.medianMs(), f.runs(),
                        f.what().startsWith("KieBase") ? String.format(Locale.ROOT, ", in-process; JVM wall %.0f ms",
                                f.wallMedianMs()) : ", wall");
            }
        }
        out.printf(Locale.ROOT, "floor rules: %s; packs compared: %s%s%n", new TreeSet<>(PlainJavaFloor.RULE_IDS),
                r.floorPacks(), r.unshippedPacks().isEmpty() ? "" : "; not shipped: " + r.unshippedPacks());
    }

    private static void writeJson(Result r, Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("target", TARGET);
        root.put("environment", r.environment());
        List<Object> sizes = new ArrayList<>();
        for (SizeResult s : r.sizes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("nodes", s.nodes());
            m.put("masters", s.masters());
            m.put("agents", s.agents());
            m.put("apps", s.apps());
            m.put("facts", s.facts());
            m.put("bundleBytes", s.bundleBytes());
            m.put("generateMs", round(s.genMs()));
            m.put("writeMs", round(s.writeMs()));
            m.put("readMs", round(s.readMs()));
            m.put("warmupIterations", s.warmupIterations());
            m.put("drools", stats(s.drools()));
            m.put("floor", stats(s.floor()));
            m.put("ratioDroolsToFloor", round(s.ratio()));
            m.put("droolsMicrosPerNode", round(s.droolsMicrosPerNode()));
            m.put("floorMicrosPerNode", round(s.floorMicrosPerNode()));
            m.put("droolsFindings", s.droolsFindings());
            m.put("floorPairsByRule", s.floorPairsByRule());
            Map<String, Object> cc = new LinkedHashMap<>();
            cc.put("agrees", s.crossCheck().agrees());
            cc.put("pairs", s.crossCheck().pairs());
            cc.put("onlyDrools", s.crossCheck().onlyDrools());
            cc.put("onlyFloor", s.crossCheck().onlyFloor());
            m.put("crossCheck", cc);
            m.put("peakHeapBytes", s.peakHeapBytes());
            sizes.add(m);
        }
        root.put("sizes", sizes);
        List<Object> fresh = new ArrayList<>();
        for (FreshJvm f : r.freshJvm()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("what", f.what());
            m.put("runs", f.runs());
            m.put("medianMs", Double.isNaN(f.medianMs()) ? null : round(f.medianMs()));
            m.put("minMs", Double.isNaN(f.minMs()) ? null : round(f.minMs()));
            m.put("wallMedianMs", Double.isNaN(f.wallMedianMs()) ? null : round(f.wallMedianMs()));
            m.put("jvmFlags", COLD_JVM_FLAGS);
            m.put("note", f.note());
            fresh.add(m);
        }
        root.put("freshJvm", fresh);
        root.put("floorRules", new TreeSet<>(PlainJavaFloor.RULE_IDS));
        root.put("floorPacks", r.floorPacks());
        root.put("unshippedPacks", r.unshippedPacks());
        Path abs = file.toAbsolutePath();
        if (abs.getParent() != null) Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp");
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), root);
            Files.move(tmp, abs, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Map<String, Object> stats(Stats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runs", s.runs());
        m.put("medianMs", round(s.median()));
        m.put("p90Ms", round(s.p90()));
        m.put("minMs", round(s.min()));
        m.put("maxMs", round(s.max()));
        return m;
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private static Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("drools", "Drools " + droolsVersion());
        env.put("java", System.getProperty("java.version"));
        env.put("vm", System.getProperty("java.vm.name"));
        env.put("cpus", Runtime.getRuntime().availableProcessors());
        env.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        env.put("jvmArgs", ManagementFactory.getRuntimeMXBean().getInputArguments());
        return env;
    }

    private static String droolsVersion() {
        try (InputStream in = Bench.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.drools/drools-core/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                if (p.getProperty("version") != null) return p.getProperty("version");
            }
        } catch (IOException ignored) {
            // fall through
        }
        Package p = org.kie.api.KieBase.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "(version unknown)" : v;
    }

    private static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        for (String l : s.split("\\R")) if (!l.isBlank()) return l.trim();
        return "";
    }

    static void deleteRecursively(Path p) {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
