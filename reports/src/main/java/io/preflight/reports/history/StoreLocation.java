package io.preflight.reports.history;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a scan history lives: an embedded H2 file (a path, or a {@code jdbc:h2:} URL) or a PostgreSQL database
 * ({@code jdbc:postgresql:} URL) that a fleet of scanners shares. Immutable.
 *
 * @param kind    the database
 * @param jdbcUrl the JDBC URL to connect with (may hold a password: never print it, print {@link #display()})
 * @param file    for a path store, the H2 database file ({@code ….mv.db}); null for a URL
 */
public record StoreLocation(Kind kind, String jdbcUrl, Path file) {
    /** The databases the store runs on. */
    public enum Kind { H2, POSTGRESQL }

    /** The environment variable naming the store ({@code URL|PATH}) when no option does. */
    public static final String ENV_STORE = "PREFLIGHT_HISTORY_STORE";
    /** The environment variable holding the database password when the URL has none (a secret: never printed). */
    public static final String ENV_PASSWORD = "PREFLIGHT_HISTORY_PASSWORD";

    private static final String H2_SUFFIX = ".mv.db";
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:]*:)[^/]*@"); // to the last @ of the authority: a password may hold one

    /**
     * Parses {@code --store URL|PATH}: a {@code jdbc:postgresql:} or {@code jdbc:h2:} URL, or the path of an H2 file
     * ({@code .mv.db} may be left off; an existing directory holds {@code history.mv.db}).
     *
     * @throws HistoryException for another JDBC URL or an unusable path
     */
    public static StoreLocation parse(String spec) {
        if (spec == null || spec.isBlank()) throw new HistoryException("history store: empty location");
        String s = spec.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) return new StoreLocation(Kind.POSTGRESQL, s, null);
        if (lower.startsWith("jdbc:h2:")) return new StoreLocation(Kind.H2, s, null);
        if (lower.startsWith("jdbc:") || lower.startsWith("postgres:") || lower.startsWith("postgresql:")) {
            throw new HistoryException("history store " + mask(s) + ": unsupported URL (use jdbc:postgresql://HOST/DB,"
                    + " jdbc:h2:..., or the path of a file)");
        }
        Path p;
        try {
            p = Path.of(s).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new HistoryException("history store " + s + ": not a valid path: " + e.getReason());
        }
        return atPath(p);
    }

    /** The store at this file path (H2; {@code .mv.db} may be left off; a directory holds {@code history.mv.db}). */
    public static StoreLocation atPath(Path path) {
        Path p = path.toAbsolutePath().normalize();
        if (Files.isDirectory(p)) p = p.resolve("history");
        String name = p.getFileName().toString();
        Path base = name.endsWith(H2_SUFFIX) ? p.resolveSibling(name.substring(0, name.length() - H2_SUFFIX.length())) : p;
        // WRITE_DELAY=0: a commit is on disk when commit() returns, so a scan killed right after recording keeps it
        String url = "jdbc:h2:file:" + base + ";WRITE_DELAY=0";
        return new StoreLocation(Kind.H2, url, base.resolveSibling(base.getFileName() + H2_SUFFIX));
    }

    /**
     * The store used when none is named: {@code $PREFLIGHT_HISTORY_STORE}, else the file
     * {@code $XDG_DATA_HOME/preflight/history.mv.db}, else {@code ~/.local/share/preflight/history.mv.db}.
     *
     * @param env the environment ({@code System.getenv()})
     */
    public static StoreLocation byDefault(Map<String, String> env, Path home) {
        String configured = env.get(ENV_STORE);
        if (configured != null && !configured.isBlank()) return parse(configured);
        return atPath(defaultDirectory(env, home).resolve("history"));
    }

    /** The user's data directory for preflight: {@code $XDG_DATA_HOME/preflight} or {@code ~/.local/share/preflight}. */
    public static Path defaultDirectory(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_DATA_HOME");
        // the XDG spec: a relative value is invalid and must be ignored
        Path data = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return data.resolve("preflight");
    }

    /** What to show the user: the file for a path store, else the URL with any password masked. */
    public String display() {
        return file != null ? file.toString() : mask(jdbcUrl);
    }

    /** {@code s} with every {@code password=…} value and URL user-info password replaced by {@code ***}. */
    public static String mask(String s) {
        if (s == null) return null;
        return USER_INFO.matcher(PASSWORD.matcher(s).replaceAll("$1***")).replaceAll("$1***@");
    }

    @Override
    public String toString() {
        return display();
    }
}
