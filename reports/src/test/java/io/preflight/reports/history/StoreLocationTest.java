package io.preflight.reports.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --store URL|PATH}, the default location, and the masking of passwords in everything shown. */
class StoreLocationTest {
    @TempDir
    Path tmp;

    @Test
    void aPathIsAnH2FileWithOrWithoutItsSuffixOrADirectoryHoldingOne() throws Exception {
        StoreLocation plain = StoreLocation.parse(tmp.resolve("h").toString());
        assertEquals(StoreLocation.Kind.H2, plain.kind());
        assertEquals(tmp.resolve("h.mv.db"), plain.file());
        assertEquals("jdbc:h2:file:" + tmp.resolve("h") + ";WRITE_DELAY=0", plain.jdbcUrl());
        assertEquals(plain, StoreLocation.parse(tmp.resolve("h.mv.db").toString()));
        Files.createDirectories(tmp.resolve("dir"));
        assertEquals(tmp.resolve("dir/history.mv.db"), StoreLocation.parse(tmp.resolve("dir").toString()).file());
        assertEquals(plain.file().toString(), plain.display());
        assertTrue(StoreLocation.parse("relative/h").file().isAbsolute());
    }

    @Test
    void urlsNameTheirDatabaseAndOthersAreRefused() {
        StoreLocation pg = StoreLocation.parse("jdbc:postgresql://db.example:5432/preflight?user=scan");
        assertEquals(StoreLocation.Kind.POSTGRESQL, pg.kind());
        assertNull(pg.file());
        assertEquals(StoreLocation.Kind.H2, StoreLocation.parse("jdbc:h2:mem:x").kind());
        HistoryException mysql = assertThrows(HistoryException.class,
                () -> StoreLocation.parse("jdbc:mysql://h/db?password=hunter2"));
        assertEquals("history store jdbc:mysql://h/db?password=***: unsupported URL (use jdbc:postgresql://HOST/DB,"
                + " jdbc:h2:..., or the path of a file)", mysql.getMessage());
        assertThrows(HistoryException.class, () -> StoreLocation.parse("postgresql://h/db"));
        assertThrows(HistoryException.class, () -> StoreLocation.parse(" "));
    }

    @Test
    void theDefaultIsTheEnvironmentsStoreElseTheXdgDataDirectory() {
        Path home = tmp.resolve("home");
        assertEquals(home.resolve(".local/share/preflight/history.mv.db"),
                StoreLocation.byDefault(Map.of(), home).file());
        assertEquals(tmp.resolve("xdg/preflight/history.mv.db"),
                StoreLocation.byDefault(Map.of("XDG_DATA_HOME", tmp.resolve("xdg").toString()), home).file());
        // the XDG spec: a relative XDG_DATA_HOME is ignored
        assertEquals(home.resolve(".local/share/preflight/history.mv.db"),
                StoreLocation.byDefault(Map.of("XDG_DATA_HOME", "rel/dir"), home).file());
        StoreLocation env = StoreLocation.byDefault(Map.of("PREFLIGHT_HISTORY_STORE", "jdbc:postgresql://h/db",
                "XDG_DATA_HOME", tmp.toString()), home);
        assertEquals("jdbc:postgresql://h/db", env.jdbcUrl());
    }

    @Test
    void passwordsAreMaskedInEveryFormAUrlCanHoldThem() {
        assertEquals("jdbc:postgresql://h/db?user=u&password=***&ssl=true",
                StoreLocation.mask("jdbc:postgresql://h/db?user=u&password=hunter2&ssl=true"));
        assertEquals("jdbc:postgresql://h/db?PASSWORD=***", StoreLocation.mask("jdbc:postgresql://h/db?PASSWORD=x&y"
                .replace("&y", "")));
        assertEquals("jdbc:h2:tcp://h/db;USER=sa;PASSWORD=***;X=1", StoreLocation.mask("jdbc:h2:tcp://h/db;USER=sa;PASSWORD=pw;X=1"));
        assertEquals("postgresql://scan:***@h/db", StoreLocation.mask("postgresql://scan:pw@h/db"));
        assertEquals("postgresql://scan:***@h/db", StoreLocation.mask("postgresql://scan:p@ss@h/db"),
                "an unencoded @ in the password leaves none of it");
        assertEquals("jdbc:postgresql://scan:***@h:5432/db?ssl=true",
                StoreLocation.mask("jdbc:postgresql://scan:s3cr@t!@h:5432/db?ssl=true"));
        StoreLocation loc = StoreLocation.parse("jdbc:postgresql://h/db?password=hunter2");
        assertFalse(loc.toString().contains("hunter2"));
        assertFalse(loc.display().contains("hunter2"));
    }

    @Test
    void anUnreachableServerIsOneLineWithThePasswordMasked() {
        StoreLocation loc = StoreLocation.parse("jdbc:postgresql://127.0.0.1:1/history?user=u&password=hunter2");
        HistoryException e = assertThrows(HistoryException.class,
                () -> HistoryStore.open(loc, null, HistoryStore.Mode.CREATE));
        assertTrue(e.getMessage().startsWith(
                "cannot connect to history store jdbc:postgresql://127.0.0.1:1/history?user=u&password=***: "),
                e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        HistoryException envPassword = assertThrows(HistoryException.class,
                () -> HistoryStore.open(StoreLocation.parse("jdbc:postgresql://127.0.0.1:1/history?user=u"),
                        "from-the-env-Secret", HistoryStore.Mode.CREATE));
        assertFalse(envPassword.getMessage().contains("from-the-env-Secret"), envPassword.getMessage());
    }
}
