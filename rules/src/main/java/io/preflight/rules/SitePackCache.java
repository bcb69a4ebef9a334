package io.preflight.rules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.definition.KiePackage;
import org.kie.internal.builder.KnowledgeBuilder;

/**
 * A cache of compiled site packs on disk: a pack's compiled packages are serialized as {@link CompiledPacks} does for
 * the shipped packs, into one file per pack named by a SHA-256 over this build of preflight (version and build id),
 * the Drools version, the shipped packs' hash, the pack's name, its {@code pack.yaml} and every DRL file (path and
 * text). A changed file is a different key, so a stale entry is never loaded. Only the Drools compile is cached: the
 * text checks of a pack always run.
 *
 * <p>The directory is {@code -Dpreflight.cacheDir}, else {@code $PREFLIGHT_CACHE_DIR}, else
 * {@code $XDG_CACHE_HOME/preflight/site-packs}, else {@code ~/.cache/preflight/site-packs}; {@code off} (or
 * {@code none}, {@code false}, {@code 0}) disables caching. Writes go to a temporary file renamed into place, so
 * concurrent scans never see a partial entry; an entry that cannot be read is ignored (compiled again and
 * overwritten); a directory that cannot be created or written, or that others may write (entries are deserialized),
 * means no cache. None of this is ever an error: with {@code -Dpreflight.debug=true} it is one line on stderr.
 */
public final class SitePackCache {
    /** Environment variable naming the cache directory, or {@code off}. */
    public static final String ENV = "PREFLIGHT_CACHE_DIR";
    /** System property naming the cache directory, or {@code off} (wins over {@link #ENV}; tests use it). */
    public static final String PROPERTY = "preflight.cacheDir";
    private static final String FORMAT = "preflight-site-pack-cache-v1";
    private static final Set<String> OFF = Set.of("off", "none", "false", "0", "no", "disabled");

    private static volatile String shippedKey;

    private final Path dir;
    // observable for tests (package-private): what this cache did
    final AtomicInteger hits = new AtomicInteger();
    final AtomicInteger misses = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();

    private SitePackCache(Path dir) {
        this.dir = dir;
    }

    /** The cache configured by the property, the environment or the default location. */
    public static SitePackCache configured() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) v = System.getenv(ENV);
        if (v != null && !v.isBlank()) {
            return OFF.contains(v.trim().toLowerCase(Locale.ROOT)) ? off() : at(Path.of(v.trim()));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return at(base.resolve("preflight").resolve("site-packs"));
    }

    /** A cache in {@code dir}. */
    public static SitePackCache at(Path dir) {
        return new SitePackCache(dir);
    }

    /** No cache: every pack is compiled. */
    public static SitePackCache off() {
        return new SitePackCache(null);
    }

    /** The directory, or null when caching is off. */
    public Path dir() {
        return dir;
    }

    /**
     * As {@link RuleEngine#compile(List, String, Collection)}, but from the cache when this pack was compiled before
     * by this build; otherwise compiled and, when it compiles, written to the cache.
     *
     * @param descriptor the text of the pack's {@code pack.yaml} (part of the key), or null
     */
    public RuleEngine compile(List<RuleSource> sources, String pack, Collection<RuleMeta> outer, String descriptor)
            throws RuleCompileException {
        String key = dir == null ? null : key(sources, pack, descriptor);
        Path entry = key == null ? null : dir.resolve(key + ".bin");
        if (entry != null && usable() && Files.isRegularFile(entry)) {
            Collection<KiePackage> pkgs = null;
            try (InputStream in = Files.newInputStream(entry)) {
                pkgs = CompiledPacks.read(in, key, "cached site pack " + pack);
            } catch (IOException | RuntimeException e) {
                debug("cached site pack " + pack + " not readable, compiling: " + e);
            }
            if (pkgs != null) {
                try {
                    InternalKnowledgeBase kbase = KnowledgeBaseFactory.newKnowledgeBase();
                    kbase.addPackages(pkgs);
                    RuleEngine e = new RuleEngine(kbase, sources, pack, outer);
                    hits.incrementAndGet();
                    debug("site pack " + pack + ": compiled rules loaded from cache " + entry);
                    return e;
                } catch (RuntimeException e) {
                    debug("cached site pack " + pack + " not usable, compiling: " + e);
                }
            }
        }
        if (entry != null) misses.incrementAndGet();
        KnowledgeBuilder kb = RuleEngine.build(sources);
        if (kb.hasErrors()) throw new RuleCompileException(RuleEngine.located(kb, sources));
        byte[] bytes = entry == null ? null : serialize(kb, key);
        RuleEngine e = new RuleEngine(kb.newKieBase(), sources, pack, outer);
        if (bytes != null) store(entry, bytes, pack);
        return e;
    }

    private static byte[] serialize(KnowledgeBuilder kb, String key) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CompiledPacks.write(kb, key, out);
            // only what reads back is cached
            return CompiledPacks.read(new ByteArrayInputStream(out.toByteArray()), key, "site pack") == null ? null
                    : out.toByteArray();
        } catch (IOException | RuntimeException e) {
            debug("site pack not cached: cannot serialize: " + e);
            return null;
        }
    }

    private void store(Path entry, byte[] bytes, String pack) {
        Path tmp = null;
        try {
            if (!Files.isDirectory(dir)) {
                createPrivateDirectories(dir);
            }
            if (!usable()) return;
            tmp = Files.createTempFile(dir, entry.getFileName().toString(), ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, entry, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            writes.incrementAndGet();
            debug("site pack " + pack + ": compiled rules cached in " + entry);
        } catch (IOException | RuntimeException e) {
            debug("site pack " + pack + " not cached: " + e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing left to do
                }
            }
        }
    }

    private static void createPrivateDirectories(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) createPrivateDirectories(parent);
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // made meanwhile
        }
    }

    /** False when the directory may be written by others: its entries are deserialized, so they must be the user's. */
    private boolean usable() {
        try {
            if (!Files.isDirectory(dir)) return false;
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
            if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                debug("site-pack cache " + dir + " is writable by others; not used");
                return false;
            }
            return true;
        } catch (UnsupportedOperationException e) {
            return true;
        } catch (IOException | RuntimeException e) {
            debug("site-pack cache " + dir + " not used: " + e);
            return false;
        }
    }

    /**
     * The entry's key: SHA-256 over the format, this build of preflight, the Drools version, the shipped packs, the
     * pack's name, its descriptor and every source's path and text.
     */
    static String key(List<RuleSource> sources, String pack, String descriptor) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            field(md, FORMAT);
            field(md, buildId());
            field(md, CompiledPacks.droolsVersion());
            field(md, shippedKey());
            field(md, pack == null ? "" : pack);
            field(md, descriptor == null ? "\u0001none" : descriptor);
            for (RuleSource s : sources) {
                field(md, s.path());
                field(md, s.text());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Length-prefixed, so that no two different inputs hash the same bytes. */
    private static void field(MessageDigest md, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        md.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
        md.update(b);
    }

    /** This build of the rules module: its version and the id every build writes into {@code build.properties}. */
    static String buildId() {
        try (InputStream in = SitePackCache.class.getResourceAsStream("build.properties")) {
            if (in == null) return "build-unknown-" + System.nanoTime(); // never matches: no cache hits
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "?") + "/" + p.getProperty("build", "?");
        } catch (IOException e) {
            return "build-unknown-" + System.nanoTime();
        }
    }

    private static String shippedKey() {
        String k = shippedKey;
        if (k == null) shippedKey = k = CompiledPacks.hash(RuleEngine.shippedSources());
        return k;
    }

    private static void debug(String line) {
        if (Boolean.getBoolean("preflight.debug")) System.err.println("preflight: " + line);
    }
}
