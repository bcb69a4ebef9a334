package io.preflight.rules.site;

import io.preflight.rules.RuleCompileException;
import io.preflight.rules.RuleEngine;
import io.preflight.rules.RuleMeta;
import io.preflight.rules.RuleProblem;
import io.preflight.rules.RuleSource;
import io.preflight.rules.SitePackCache;
import io.preflight.rules.testing.CaseFiles;
import io.preflight.rules.testing.RuleCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds, validates and compiles site packs: the loader behind {@code check --rules}, {@code rules validate} and
 * {@code rules test}, so a pack that validates is exactly a pack that loads.
 *
 * <p>A directory given is a pack when it holds {@code pack.yaml}; otherwise each of its subdirectories holding one is
 * a pack; a directory with neither is checked as a pack whose descriptor is missing. Every problem of every pack is
 * collected at once, one {@code file:line: message} each: DRL that does not compile (syntax, unknown fact type or
 * field), the house rules of {@link DrlChecks}, a missing or invalid descriptor, a prefix that is malformed, used by
 * the shipped rules or by another loaded pack, rule ids without the pack's prefix, reusing a shipped id or defined
 * twice, and case files that cannot be read or name rules the pack does not define.
 *
 * <p>Each pack compiles into its own knowledge base (never with the shipped packs: DROOLS-NOTES, trap 1).
 */
public final class SitePacks {
    /** The packs found and every problem; a pack's engine is null when it has problems. */
    public record Result(List<SitePack> packs, List<RuleProblem> problems) {
        public Result {
            packs = List.copyOf(packs);
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }

        /** The compiled engines of the packs without problems, in pack order. */
        public List<RuleEngine> engines() {
            return packs.stream().map(SitePack::engine).filter(e -> e != null).toList();
        }

        /** The rules the packs define (primary rules), in pack order. */
        public List<RuleMeta> rules() {
            return packs.stream().flatMap(p -> p.rules().stream()).toList();
        }
    }

    private static final String CASES = ".cases.yaml";
    private static final Pattern LOCATED = Pattern.compile("^:(\\d+): (.*)$", Pattern.DOTALL);

    private SitePacks() {
    }

    /** Loads the packs, or throws every problem. */
    public static Result load(List<Path> dirs, RuleEngine shipped) throws SiteRulesException {
        return load(dirs, shipped, SitePackCache.configured());
    }

    /** As {@link #load(List, RuleEngine)}, with compiled packs from and into {@code cache}. */
    public static Result load(List<Path> dirs, RuleEngine shipped, SitePackCache cache) throws SiteRulesException {
        Result r = validate(dirs, shipped, cache);
        if (!r.ok()) throw new SiteRulesException(r.problems());
        return r;
    }

    /** One pack while it is being checked. */
    private static final class Draft {
        final Path dir;
        final String name;
        final List<RuleProblem> problems = new ArrayList<>();
        PackDescriptor descriptor;
        final List<RuleSource> sources = new ArrayList<>();
        final List<DrlOutline> outlines = new ArrayList<>();
        final List<Path> caseFiles = new ArrayList<>();
        final Set<String> ids = new LinkedHashSet<>();

        Draft(Path dir) {
            this.dir = dir;
            this.name = dir.toAbsolutePath().normalize().getFileName().toString();
        }
    }

    /**
     * Finds, checks and compiles the packs under {@code dirs}, collecting every problem; compiled packs come from and
     * go into the configured {@link SitePackCache}.
     */
    public static Result validate(List<Path> dirs, RuleEngine shipped) {
        return validate(dirs, shipped, SitePackCache.configured());
    }

    /**
     * As {@link #validate(List, RuleEngine)} with {@code cache}: only the Drools compile is cached, every text check
     * runs.
     */
    public static Result validate(List<Path> dirs, RuleEngine shipped, SitePackCache cache) {
        List<RuleProblem> problems = new ArrayList<>();
        Set<String> shippedIds = new HashSet<>();
        Set<String> shippedPacks = new HashSet<>();
        Set<String> shippedPrefixes = new TreeSet<>();
        for (RuleMeta m : shipped.rules()) {
            shippedIds.add(m.id());
            shippedPacks.add(m.pack());
            shippedPrefixes.add(m.id().substring(0, m.id().indexOf('-')));
        }
        // first every pack's descriptor, files and rule ids: a case may expect an id of another loaded pack
        List<Draft> drafts = new ArrayList<>();
        Map<String, String> prefixes = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        Map<String, String> ids = new HashMap<>();
        for (Path dir : discover(dirs, problems)) {
            Draft p = new Draft(dir);
            drafts.add(p);
            p.descriptor = PackDescriptor.read(dir.resolve(PackDescriptor.FILE), p.problems);
            String where = dir.resolve(PackDescriptor.FILE).toString();
            if (shippedPacks.contains(p.name)) {
                p.problems.add(new RuleProblem(where, 0, "pack name '" + p.name + "' (its directory's name) is the"
                        + " name of a shipped pack; rename the directory"));
            } else if (names.containsKey(p.name)) {
                p.problems.add(new RuleProblem(where, 0, "pack name '" + p.name + "' (its directory's name) is also"
                        + " the name of " + names.get(p.name) + "; rename one of the directories"));
            }
            names.putIfAbsent(p.name, dir.toString());
            String prefix = p.descriptor == null ? null : p.descriptor.prefix();
            if (prefix != null) {
                if (shippedPrefixes.contains(prefix)) {
                    p.problems.add(new RuleProblem(where, p.descriptor.prefixLine(), "prefix '" + prefix + "' is used"
                            + " by the shipped rules (" + String.join(", ", shippedPrefixes) + "); a site pack uses"
                            + " its own, e.g. its team or company name"));
                } else if (prefixes.containsKey(prefix)) {
                    p.problems.add(new RuleProblem(where, p.descriptor.prefixLine(), "prefix '" + prefix + "' is"
                            + " already declared by " + prefixes.get(prefix) + "; every pack has its own prefix"));
                } else {
                    prefixes.put(prefix, p.descriptor.prefixWhere());
                }
            }
            List<Path> drl = new ArrayList<>();
            files(dir, drl, p.caseFiles, p.problems);
            if (drl.isEmpty()) p.problems.add(new RuleProblem(dir.toString(), 0, "no .drl files in the pack"));
            for (Path f : drl) {
                try {
                    RuleSource s = new RuleSource(f.toString(), p.name, Files.readString(f));
                    p.sources.add(s);
                    p.outlines.add(DrlOutline.of(s));
                } catch (IOException e) {
                    p.problems.add(new RuleProblem(f.toString(), 0, "cannot read: " + e.getMessage()));
                }
            }
            for (DrlOutline o : p.outlines) {
                for (DrlOutline.Rule r : o.rules()) {
                    if (!DrlChecks.defines(r)) continue;
                    p.ids.add(r.id());
                    p.problems.addAll(id(o, r, prefix, p.descriptor, shippedIds, ids));
                }
            }
        }
        Set<String> known = new HashSet<>(shippedIds);
        known.addAll(ids.keySet());
        List<SitePack> packs = new ArrayList<>();
        for (Draft p : drafts) {
            for (DrlOutline o : p.outlines) {
                p.problems.addAll(DrlChecks.file(o));
                for (DrlOutline.Rule r : o.rules()) p.problems.addAll(DrlChecks.identity(o, r, p.ids));
            }
            RuleEngine engine = null;
            if (!p.sources.isEmpty()) {
                try {
                    engine = cache.compile(p.sources, p.name, shipped.rules(), descriptorText(p.dir));
                } catch (RuleCompileException e) {
                    p.problems.addAll(e.located());
                }
            }
            List<RuleCase> cases = new ArrayList<>();
            for (Path c : p.caseFiles) cases.addAll(cases(c, p.ids, known, p.problems));
            problems.addAll(p.problems);
            packs.add(new SitePack(p.name, p.dir, p.descriptor, p.sources, p.outlines,
                    p.caseFiles.stream().map(Path::toString).toList(), cases, p.problems.isEmpty() ? engine : null));
        }
        List<RuleProblem> sorted = new ArrayList<>(new LinkedHashSet<>(problems));
        sorted.sort(null);
        return new Result(packs, sorted);
    }

    /** The text of the pack's descriptor (part of its cache key), or null when it cannot be read. */
    private static String descriptorText(Path dir) {
        try {
            return Files.readString(dir.resolve(PackDescriptor.FILE));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static List<RuleProblem> id(DrlOutline o, DrlOutline.Rule r, String prefix, PackDescriptor d,
                                        Set<String> shippedIds, Map<String, String> ids) {
        List<RuleProblem> out = new ArrayList<>();
        String file = o.source().path();
        String here = file + ":" + r.line();
        if (prefix != null && !r.id().startsWith(prefix + "-")) {
            out.add(new RuleProblem(file, r.line(), "rule id " + r.id() + " does not start with the pack's prefix "
                    + prefix + "- (" + d.prefixWhere() + ")"));
        }
        if (shippedIds.contains(r.id())) {
            out.add(new RuleProblem(file, r.line(), "rule id " + r.id() + " is a shipped rule's id; a site rule"
                    + " has its own id, with its pack's prefix"));
        }
        String first = ids.putIfAbsent(r.id(), here);
        if (first != null) {
            out.add(new RuleProblem(file, r.line(), "rule id " + r.id() + " is defined twice (first at " + first
                    + ")"));
        }
        return out;
    }

    private static List<RuleCase> cases(Path file, Set<String> packIds, Set<String> known, List<RuleProblem> out) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            out.add(new RuleProblem(file.toString(), 0, "cannot read: " + e.getMessage()));
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        List<RuleCase> cases = CaseFiles.parseAll(file.toString(), text, lines);
        for (String l : lines) out.add(located(file.toString(), l));
        if (cases.isEmpty() && lines.isEmpty()) {
            out.add(new RuleProblem(file.toString(), 1, "no cases in the file"));
        }
        for (RuleCase c : cases) {
            if (!packIds.contains(c.rule())) {
                out.add(new RuleProblem(c.file(), c.line(), "case '" + c.name() + "' is for rule " + c.rule()
                        + ", which this pack does not define"));
            }
            for (RuleCase.Expected e : c.expect()) {
                if (!known.contains(e.id())) {
                    out.add(new RuleProblem(c.file(), c.line(), "case '" + c.name() + "' expects " + e.id()
                            + ", which no loaded or shipped rule defines"));
                }
            }
        }
        return cases;
    }

    /** A {@code file:line: message} line of {@link CaseFiles} as a problem. */
    private static RuleProblem located(String file, String line) {
        if (line.startsWith(file)) {
            String rest = line.substring(file.length());
            Matcher m = LOCATED.matcher(rest);
            if (m.matches()) return new RuleProblem(file, Integer.parseInt(m.group(1)), m.group(2));
            if (rest.startsWith(": ")) return new RuleProblem(file, 0, rest.substring(2));
        }
        return new RuleProblem(file, 0, line);
    }

    /** The pack directories under the given ones, each once, in the order given. */
    private static List<Path> discover(List<Path> dirs, List<RuleProblem> problems) {
        Map<Path, Path> found = new LinkedHashMap<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                problems.add(new RuleProblem(dir.toString(), 0, Files.exists(dir) ? "not a directory"
                        : "no such directory"));
                continue;
            }
            if (Files.isRegularFile(dir.resolve(PackDescriptor.FILE))) {
                found.putIfAbsent(dir.toAbsolutePath().normalize(), dir);
                continue;
            }
            List<Path> subs = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> Files.isRegularFile(p.resolve(PackDescriptor.FILE))).sorted().forEach(subs::add);
            } catch (IOException e) {
                problems.add(new RuleProblem(dir.toString(), 0, "cannot list: " + e.getMessage()));
                continue;
            }
            if (subs.isEmpty()) {
                // checked as a pack, so that its missing descriptor is reported beside its other problems
                found.putIfAbsent(dir.toAbsolutePath().normalize(), dir);
                continue;
            }
            for (Path p : subs) found.putIfAbsent(p.toAbsolutePath().normalize(), p);
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                    if (subs.stream().noneMatch(f::startsWith)) {
                        problems.add(new RuleProblem(f.toString(), 0, "not inside a pack: no " + PackDescriptor.FILE
                                + " in its directory (each pack is a directory with its own " + PackDescriptor.FILE
                                + ")"));
                    }
                }
            } catch (IOException e) {
                problems.add(new RuleProblem(dir.toString(), 0, "cannot list: " + e.getMessage()));
            }
        }
        return new ArrayList<>(found.values());
    }

    /** The pack's DRL and case files, sorted; a nested pack is a problem. */
    private static void files(Path dir, List<Path> drl, List<Path> cases, List<RuleProblem> problems) {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted().toList()) {
                String n = p.getFileName().toString();
                if (Files.isDirectory(p) && !p.equals(dir) && Files.isRegularFile(p.resolve(PackDescriptor.FILE))) {
                    problems.add(new RuleProblem(p.resolve(PackDescriptor.FILE).toString(), 0, "a pack inside the"
                            + " pack " + dir + "; give each pack its own directory"));
                } else if (Files.isRegularFile(p) && n.endsWith(".drl")) {
                    drl.add(p);
                } else if (Files.isRegularFile(p) && n.endsWith(CASES)) {
                    cases.add(p);
                }
            }
        } catch (IOException e) {
            problems.add(new RuleProblem(dir.toString(), 0, "cannot list: " + e.getMessage()));
        }
    }
}
