package io.preflight.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.rules.site.SitePack;
import io.preflight.rules.site.SitePacks;
import io.preflight.rules.testing.CaseResult;
import io.preflight.rules.testing.PackTester;
import io.preflight.rules.knowledge.KnowledgeBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache of compiled site packs: a second load hits and behaves as a compile; any change to a pack's files misses;
 * broken entries, an unwritable directory and a disabled cache are all silent. Every cache here is a temporary
 * directory.
 */
class SitePackCacheTest {
    static final Path ACME = Path.of("..", "examples", "site-rules", "acme");

    @TempDir
    Path tmp;

    /** A private copy of the example pack, to change. */
    Path acmeCopy() throws IOException {
        Path dir = tmp.resolve("packs").resolve("acme");
        Files.createDirectories(dir);
        try (Stream<Path> s = Files.list(ACME)) {
            for (Path f : s.toList()) Files.copy(f, dir.resolve(f.getFileName()));
        }
        return dir;
    }

    static SitePack load(Path pack, SitePackCache cache) throws Exception {
        SitePacks.Result r = SitePacks.load(List.of(pack), RuleEngine.shipped(), cache);
        SitePack p = r.packs().get(0);
        assertNotNull(p.engine());
        return p;
    }

    static List<Path> entries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** Every case of the pack, run against its engine: what each case saw, in order. */
    static List<String> caseResults(SitePack p) {
        PackTester tester = new PackTester(new Checker(RuleEngine.shipped(), List.of(p.engine()),
                KnowledgeBase.load()), p.rules());
        List<String> out = new ArrayList<>();
        for (CaseResult c : tester.test(p.casePack()).results()) out.add(c.toString());
        return out;
    }

    @Test
    void secondLoadHitsAndBehavesExactlyAsTheCompiledPack() throws Exception {
        SitePackCache cache = SitePackCache.at(tmp.resolve("cache"));
        SitePack cold = load(ACME, cache);
        assertEquals(0, cache.hits.get());
        assertEquals(1, cache.misses.get());
        assertEquals(1, cache.writes.get());
        assertEquals(1, entries(cache.dir()).size());
        assertTrue(entries(cache.dir()).get(0).getFileName().toString().matches("[0-9a-f]{64}\\.bin"));

        SitePack warm = load(ACME, cache);
        assertEquals(1, cache.hits.get(), "the second load comes from the cache");
        assertEquals(1, cache.misses.get());
        assertEquals(1, cache.writes.get());
        assertEquals(cold.engine().allRules(), warm.engine().allRules());
        List<String> coldResults = caseResults(cold);
        assertEquals(15, coldResults.size());
        assertEquals(coldResults, caseResults(warm));
    }

    @Test
    void oneChangedCharacterInADrlFileOrTheDescriptorMisses() throws Exception {
        Path pack = acmeCopy();
        SitePackCache cache = SitePackCache.at(tmp.resolve("cache"));
        load(pack, cache);
        load(pack, cache);
        assertEquals(1, cache.hits.get());

        Path drl = pack.resolve("apps.drl");
        String text = Files.readString(drl);
        int i = text.indexOf("@title(\"") + 8;
        Files.writeString(drl, text.substring(0, i) + "X" + text.substring(i + 1));
        SitePack changed = load(pack, cache);
        assertEquals(1, cache.hits.get(), "a changed DRL file never loads the old entry");
        assertEquals(2, cache.misses.get());
        assertEquals(2, entries(cache.dir()).size());
        assertTrue(changed.engine().rules().stream().anyMatch(m -> m.title().startsWith("X")),
                "the changed rule is the one loaded");

        Path yaml = pack.resolve("pack.yaml");
        Files.writeString(yaml, Files.readString(yaml) + "\n");
        load(pack, cache);
        assertEquals(1, cache.hits.get(), "a changed pack.yaml misses");
        assertEquals(3, cache.misses.get());
        load(pack, cache);
        assertEquals(2, cache.hits.get());
    }

    @Test
    void theKeyCoversEveryPartOfThePack() {
        List<RuleSource> a = List.of(new RuleSource("p/a.drl", "p", "rule x"), new RuleSource("p/b.drl", "p", "y"));
        String k = SitePackCache.key(a, "p", "prefix: P\n");
        assertEquals(k, SitePackCache.key(List.copyOf(a), "p", "prefix: P\n"));
        assertNotEquals(k, SitePackCache.key(List.of(a.get(0), new RuleSource("p/b.drl", "p", "z")), "p", "prefix: P\n"));
        assertNotEquals(k, SitePackCache.key(List.of(a.get(0), new RuleSource("p/c.drl", "p", "y")), "p", "prefix: P\n"));
        assertNotEquals(k, SitePackCache.key(List.of(new RuleSource("p/a.drl", "p", "rule xy"),
                new RuleSource("p/b.drl", "p", "")), "p", "prefix: P\n"), "file boundaries are part of the key");
        assertNotEquals(k, SitePackCache.key(a, "q", "prefix: P\n"));
        assertNotEquals(k, SitePackCache.key(a, "p", "prefix: Q\n"));
        assertNotEquals(k, SitePackCache.key(a, "p", null));
    }

    @Test
    void aTruncatedOrGarbageEntryIsIgnoredAndReplaced() throws Exception {
        SitePackCache cache = SitePackCache.at(tmp.resolve("cache"));
        List<String> expected = caseResults(load(ACME, cache));
        Path entry = entries(cache.dir()).get(0);
        byte[] good = Files.readAllBytes(entry);

        Files.write(entry, java.util.Arrays.copyOf(good, good.length / 2));
        SitePack truncated = load(ACME, cache);
        assertEquals(0, cache.hits.get());
        assertEquals(2, cache.writes.get(), "the broken entry is overwritten");
        assertEquals(expected, caseResults(truncated));
        assertEquals(good.length, Files.size(entry));

        Files.writeString(entry, "not a compiled pack at all");
        assertEquals(expected, caseResults(load(ACME, cache)));
        assertEquals(0, cache.hits.get());
        assertEquals(3, cache.writes.get());

        load(ACME, cache);
        assertEquals(1, cache.hits.get(), "the replaced entry is good");
        assertEquals(List.of(entry), entries(cache.dir()), "no temporary files left behind");
    }

    @Test
    void aDirectoryThatCannotBeMadeMeansNoCacheAndNoError() throws Exception {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "in the way");
        for (SitePackCache cache : List.of(SitePackCache.at(file), SitePackCache.at(file.resolve("sub")))) {
            SitePack p = load(ACME, cache);
            assertEquals(15, caseResults(p).size());
            assertEquals(0, cache.writes.get());
            assertEquals(1, cache.misses.get());
        }
        assertEquals("in the way", Files.readString(file));
    }

    @Test
    void aReadOnlyDirectoryMeansNoCacheAndNoError() throws Exception {
        Path ro = tmp.resolve("ro");
        Files.createDirectory(ro);
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-x------"));
        try {
            Assumptions.assumeFalse(Files.isWritable(ro), "running as a user who can write anywhere (root)");
            SitePackCache cache = SitePackCache.at(ro);
            SitePack p = load(ACME, cache);
            assertEquals(15, caseResults(p).size());
            assertEquals(0, cache.writes.get());
            assertEquals(List.of(), entries(ro));
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aDirectoryOthersMayWriteIsNotUsed() throws Exception {
        Path shared = tmp.resolve("shared");
        Files.createDirectory(shared);
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        SitePackCache cache = SitePackCache.at(shared);
        load(ACME, cache);
        load(ACME, cache);
        assertEquals(0, cache.writes.get());
        assertEquals(0, cache.hits.get());
        assertEquals(List.of(), entries(shared));
    }

    @Test
    void offWritesNothing() throws Exception {
        String before = System.getProperty(SitePackCache.PROPERTY);
        try {
            for (String off : List.of("off", "OFF", "none", "0", "false")) {
                System.setProperty(SitePackCache.PROPERTY, off);
                SitePackCache cache = SitePackCache.configured();
                assertEquals(null, cache.dir(), off);
                load(ACME, cache);
                assertEquals(0, cache.misses.get() + cache.hits.get() + cache.writes.get());
            }
            System.setProperty(SitePackCache.PROPERTY, tmp.resolve("on").toString());
            assertEquals(tmp.resolve("on"), SitePackCache.configured().dir());
        } finally {
            if (before == null) System.clearProperty(SitePackCache.PROPERTY);
            else System.setProperty(SitePackCache.PROPERTY, before);
        }
        assertEquals(List.of(), entries(tmp.resolve("on")));
    }

    @Test
    void testsNeverUseTheDevelopersCache() {
        Path dir = SitePackCache.configured().dir();
        assertNotNull(dir);
        assertTrue(dir.toAbsolutePath().normalize().toString().contains("target"), dir.toString());
    }
}
