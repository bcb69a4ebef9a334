package io.preflight.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.internal.builder.KnowledgeBuilder;

/**
 * Compiled rule packages, serialized: the shipped packs are compiled once at build time (see {@link #main}) and
 * loaded in a fraction of the compile time at start-up. The file is keyed by a hash of the Drools version and every
 * source's path and text, so a stale file is never used: a mismatch falls back to compiling.
 *
 * <p>Derived facts must be Java types (not DRL {@code declare}): declared types do not survive serialization.
 */
final class CompiledPacks {
    static final String RESOURCE = "packs/compiled.bin";
    private static final String MAGIC = "preflight-compiled-packs-v1";

    private CompiledPacks() {
    }

    /** A hash of the Drools version and every source (path and text). */
    static String hash(List<RuleSource> sources) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(droolsVersion().getBytes(StandardCharsets.UTF_8));
            for (RuleSource s : sources) {
                md.update((s.path() + "\u0000" + s.text() + "\u0000").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The Drools version on the class path, from drools-core's Maven properties (present both in the module class
     * path and in the shaded jar, unlike jar-manifest versions, which shading drops).
     */
    static String droolsVersion() {
        try (InputStream in = KieBase.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.drools/drools-core/pom.properties")) {
            if (in == null) return "drools-unknown";
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return "drools-" + p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "drools-unknown";
        }
    }

    static void write(KnowledgeBuilder kb, String hash, OutputStream out) throws IOException {
        try (ObjectOutputStream o = new DroolsObjectOutputStream(out)) {
            o.writeUTF(MAGIC);
            o.writeUTF(hash);
            o.writeObject(new ArrayList<>(kb.getKnowledgePackages()));
        }
    }

    /** The packages in {@code in} when they were compiled from sources with this hash; null otherwise. */
    static Collection<KiePackage> read(InputStream in, String hash) {
        return read(in, hash, "precompiled packs");
    }

    /** As {@link #read(InputStream, String)}; {@code what} names the file in the debug line. */
    @SuppressWarnings("unchecked")
    static Collection<KiePackage> read(InputStream in, String hash, String what) {
        try (ObjectInputStream o = new DroolsObjectInputStream(in, CompiledPacks.class.getClassLoader())) {
            if (!MAGIC.equals(o.readUTF()) || !hash.equals(o.readUTF())) return null;
            return (Collection<KiePackage>) o.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            if (Boolean.getBoolean("preflight.debug")) {
                System.err.println("preflight: " + what + " not usable, compiling: " + e);
            }
            return null; // unreadable or from another build: compile instead
        }
    }

    /** Build step: compiles the shipped packs and writes them to {@code args[0]}. */
    public static void main(String[] args) throws Exception {
        List<RuleSource> sources = RuleEngine.shippedSources();
        KnowledgeBuilder kb = RuleEngine.build(sources);
        if (kb.hasErrors()) {
            System.err.println(String.join("\n", RuleEngine.problems(kb, sources)));
            System.exit(1);
        }
        Path target = Path.of(args[0]);
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
            write(kb, hash(sources), out);
        }
    }
}
