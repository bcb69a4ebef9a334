package io.preflight.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.internal.builder.KnowledgeBuilder;
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
        this(kieBase, sources, null, List.of());
    }

    /**
     * @param pack  the pack every rule belongs to (a site pack's name); null: each rule's DRL package names it
     * @param outer rules of other engines a helper rule here may report under (a site pack's COLLECT-UNVERIFIED
     *              helpers take the shipped COLLECT-UNVERIFIED's metadata)
     */
    RuleEngine(KieBase kieBase, List<RuleSource> sources, String pack, Collection<RuleMeta> outer) {
        this.kieBase = kieBase;
        this.hasGlobal = kieBase.getKiePackages().stream()
                .anyMatch(p -> p.getGlobalVariables().stream().anyMatch(g -> g.getName().equals("out")));
        this.sources = List.copyOf(sources);
        Map<String, RuleMeta> primaries = new HashMap<>();
        for (RuleMeta m : outer) if (m.primary()) primaries.put(m.id(), m);
        Map<String, RuleMeta> raw = new LinkedHashMap<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) raw.put(key(r), RuleMeta.of(r, pack));
        }
        for (RuleMeta m : raw.values()) if (m.primary()) primaries.put(m.id(), m);
        List<RuleMeta> all = new ArrayList<>();
        raw.forEach((k, m) -> {
            RuleMeta full = m.primary() ? m : m.inherit(primaries.get(m.id()));
            all.add(full);
            byName.put(k, full);
        });
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

    /**
     * Compiles the given sources into one knowledge base. Every error in every file is collected as
     * {@code file:line: message}.
     */
    public static RuleEngine compile(List<RuleSource> sources) throws RuleCompileException {
        return compile(sources, null, List.of());
    }

    /**
     * Compiles one site pack into its own knowledge base (never together with the shipped packs: see
     * DROOLS-NOTES, trap 1).
     *
     * @param pack  the pack's name, which every rule's metadata carries
     * @param outer the rules a helper here may report under without defining them (the shipped COLLECT-UNVERIFIED)
     */
    public static RuleEngine compile(List<RuleSource> sources, String pack, Collection<RuleMeta> outer)
            throws RuleCompileException {
        KnowledgeBuilder kb = build(sources);
        if (kb.hasErrors()) throw new RuleCompileException(located(kb, sources));
        return new RuleEngine(kb.newKieBase(), sources, pack, outer);
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

    static List<String> problems(KnowledgeBuilder kb, List<RuleSource> sources) {
        return located(kb, sources).stream().map(RuleProblem::toString).toList();
    }

    static List<RuleProblem> located(KnowledgeBuilder kb, List<RuleSource> sources) {
        Map<String, String> texts = new HashMap<>();
        for (RuleSource src : sources) texts.put(src.path(), src.text());
        return CompileProblems.of(kb, texts);
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

    /** One line: which rule failed, where it is, and the root cause. */
    private String failure(RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String cause = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        cause = cause.replaceAll("\\s+", " ").trim();
        if (e instanceof ConsequenceException ce && ce.getMatch() != null) {
            Rule r = ce.getMatch().getRule();
            String file = r instanceof RuleImpl impl && impl.getResource() != null
                    && impl.getResource().getSourcePath() != null ? impl.getResource().getSourcePath() + ": " : "";
            return file + "rule \"" + r.getName() + "\" (" + meta(r).pack() + ") failed in its action: " + cause;
        }
        String m = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s+", " ").trim();
        return "a rule failed while matching facts: " + (m.isEmpty() ? cause : m + (root != e ? ": " + cause : ""));
    }

    /** Every rule id defined in this engine (primary rules) with its metadata, sorted by pack and id. */
    public List<RuleMeta> rules() {
        return rules;
    }

    /** Every DRL rule, helpers reporting under another id included. */
    public List<RuleMeta> allRules() {
        return allRules;
    }

    private static String key(Rule r) {
        return r.getPackageName() + "/" + r.getName();
    }

    private RuleMeta meta(Rule r) {
        RuleMeta m = byName.get(key(r));
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
        return evaluate(facts, Set.of());
    }

    /**
     * As {@link #evaluate(Collection)}, but the rules reporting under a {@code disabled} id (a site configuration
     * disabled them) never fire: an agenda filter drops their activations, so their actions do not run at all.
     */
    public List<Finding> evaluate(Collection<?> facts, Set<String> disabled) {
        KieSession session = kieBase.newKieSession();
        try {
            FindingSink sink = new FindingSink(this::meta);
            if (hasGlobal) session.setGlobal("out", sink);
            try {
                for (Object f : facts) session.insert(f);
                if (disabled.isEmpty()) {
                    session.fireAllRules();
                } else {
                    session.fireAllRules(match -> !disabled.contains(meta(match.getRule()).id()));
                }
            } catch (RuntimeException e) {
                throw new RuleEvaluationException(failure(e), e);
            }
            return sink.findings();
        } finally {
            session.dispose();
        }
    }
}
