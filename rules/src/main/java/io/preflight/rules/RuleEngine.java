package io.preflight.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * Compiles DRL rule packs into a knowledge base and evaluates facts against it. The shipped packs are compiled
 * once per JVM ({@link #shipped()}); site packs get their own engine (their own KieBase) whose findings are merged
 * by the caller. Thread-safe: each {@link #evaluate} uses its own session.
 */
public final class RuleEngine {
    /** Classpath index of the shipped DRL files, one path per line (relative to {@code packs/}). */
    public static final String SHIPPED_INDEX = "packs/index.txt";

    private static volatile RuleEngine shipped;

    private final KieBase kieBase;
    private final List<RuleMeta> rules;
    private final List<RuleMeta> allRules;
    private final Map<String, RuleMeta> byName = new HashMap<>();
    private final List<RuleSource> sources;
    private final boolean hasGlobal;
    private boolean precompiled;

    RuleEngine(KieBase kieBase, List<RuleSource> sources) {
        this.kieBase = kieBase;
        this.hasGlobal = kieBase.getKiePackages().stream()
                .anyMatch(p -> p.getGlobalVariables().stream().anyMatch(g -> g.getName().equals("out")));
        this.sources = List.copyOf(sources);
        List<RuleMeta> raw = new ArrayList<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) raw.add(RuleMeta.of(r));
        }
        Map<String, RuleMeta> primaries = new HashMap<>();
        for (RuleMeta m : raw) if (m.primary()) primaries.put(m.id(), m);
        List<RuleMeta> all = new ArrayList<>();
        for (RuleMeta m : raw) {
            RuleMeta full = m.primary() ? m : m.inherit(primaries.get(m.id()));
            all.add(full);
            byName.put(key(m.pack(), m.name()), full);
        }
        all.sort(Comparator.comparing(RuleMeta::pack).thenComparing(RuleMeta::id).thenComparing(RuleMeta::name));
        this.allRules = List.copyOf(all);
        this.rules = all.stream().filter(RuleMeta::primary).toList();
    }

    /** The engine over the packs shipped in this jar, compiled on first use. */
    public static RuleEngine shipped() {
        RuleEngine e = shipped;
        if (e == null) {
            synchronized (RuleEngine.class) {
                e = shipped;
                if (e == null) {
                    try {
                        e = loadShipped();
                    } catch (RuleCompileException ex) {
                        throw new IllegalStateException("shipped rules do not compile: " + ex.problems(), ex);
                    }
                    shipped = e;
                }
            }
        }
        return e;
    }

    /** The DRL sources of the shipped packs, in index order. */
    public static List<RuleSource> shippedSources() {
        List<RuleSource> out = new ArrayList<>();
        for (String rel : readIndex()) {
            if (!rel.endsWith(".drl")) continue;
            String path = "packs/" + rel;
            try (InputStream in = resource(path)) {
                String pack = rel.contains("/") ? rel.substring(0, rel.indexOf('/')) : "";
                out.add(new RuleSource(path, pack, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return out;
    }

    /** The shipped case files ({@code *.cases.yaml}) listed in the index, as classpath paths. */
    public static List<String> shippedCaseFiles() {
        return readIndex().stream().filter(p -> p.endsWith(".cases.yaml")).map(p -> "packs/" + p).toList();
    }

    private static List<String> readIndex() {
        try (InputStream in = resource(SHIPPED_INDEX)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = RuleEngine.class.getClassLoader().getResourceAsStream(path);
        if (in == null) throw new IOException("missing resource " + path);
        return in;
    }

    /** Reads every {@code .drl} file under the given directories (recursively, sorted by path). */
    public static List<RuleSource> readDirectories(List<Path> dirs) throws IOException {
        List<RuleSource> out = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) throw new IOException(dir + ": not a directory");
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.filter(f -> f.toString().endsWith(".drl")).sorted().toList()) {
                    Path parent = p.getParent();
                    String pack = parent == null || parent.equals(dir) ? dir.getFileName().toString()
                            : parent.getFileName().toString();
                    out.add(new RuleSource(p.toString(), pack, Files.readString(p)));
                }
            }
        }
        return out;
    }

    /**
     * Compiles the given sources into one knowledge base. Every error in every file is collected as
     * {@code file:line: message}.
     */
    public static RuleEngine compile(List<RuleSource> sources) throws RuleCompileException {
        KnowledgeBuilder kb = build(sources);
        if (kb.hasErrors()) throw new RuleCompileException(problems(kb));
        return new RuleEngine(kb.newKieBase(), sources);
    }

    static KnowledgeBuilder build(List<RuleSource> sources) {
        KnowledgeBuilder kb = KnowledgeBuilderFactory.newKnowledgeBuilder();
        for (RuleSource s : sources) {
            Resource r = ResourceFactory.newByteArrayResource(s.text().getBytes(StandardCharsets.UTF_8));
            r.setSourcePath(s.path());
            kb.add(r, ResourceType.DRL);
        }
        return kb;
    }

    static List<String> problems(KnowledgeBuilder kb) {
        List<String> problems = new ArrayList<>();
        for (KnowledgeBuilderError e : kb.getErrors()) {
            String file = e.getResource() != null && e.getResource().getSourcePath() != null
                    ? e.getResource().getSourcePath() : "?";
            int[] lines = e.getLines();
            String line = lines != null && lines.length > 0 && lines[0] > 0 ? ":" + lines[0] : "";
            problems.add(file + line + ": " + e.getMessage().replaceAll("\\s+", " ").trim());
        }
        return problems;
    }

    /**
     * The shipped packs: from the packages precompiled at build time when they match the sources in this jar,
     * otherwise compiled now.
     */
    static RuleEngine loadShipped() throws RuleCompileException {
        List<RuleSource> sources = shippedSources();
        try (InputStream in = RuleEngine.class.getClassLoader().getResourceAsStream(CompiledPacks.RESOURCE)) {
            if (in != null) {
                Collection<KiePackage> pkgs = CompiledPacks.read(in, CompiledPacks.hash(sources));
                if (pkgs != null) {
                    InternalKnowledgeBase kbase = KnowledgeBaseFactory.newKnowledgeBase();
                    kbase.addPackages(pkgs);
                    RuleEngine e = new RuleEngine(kbase, sources);
                    e.precompiled = true;
                    return e;
                }
            }
        } catch (IOException e) {
            // fall through to compiling
        }
        if (Boolean.getBoolean("preflight.debug")) {
            System.err.println("preflight: precompiled packs not usable, compiling: missing or stale " + CompiledPacks.RESOURCE);
        }
        return compile(sources);
    }

    /** Every rule id defined in this engine (primary rules) with its metadata, sorted by pack and id. */
    public List<RuleMeta> rules() {
        return rules;
    }

    /** Every DRL rule, helpers reporting under another id included. */
    public List<RuleMeta> allRules() {
        return allRules;
    }

    private static String key(String pack, String name) {
        return pack + "/" + name;
    }

    private RuleMeta meta(Rule r) {
        String pkg = r.getPackageName();
        RuleMeta m = byName.get(key(pkg.substring(pkg.lastIndexOf('.') + 1), r.getName()));
        return m != null ? m : RuleMeta.of(r);
    }

    /** True when this engine was loaded from packages precompiled at build time (the fast start-up path). */
    public boolean precompiled() {
        return precompiled;
    }

    public List<RuleSource> sources() {
        return sources;
    }

    /** Inserts the facts into a fresh session, fires all rules, and returns the findings in firing order. */
    public List<Finding> evaluate(Collection<?> facts) {
        KieSession session = kieBase.newKieSession();
        try {
            FindingSink sink = new FindingSink(this::meta);
            if (hasGlobal) session.setGlobal("out", sink);
            for (Object f : facts) session.insert(f);
            session.fireAllRules();
            return sink.findings();
        } finally {
            session.dispose();
        }
    }
}
