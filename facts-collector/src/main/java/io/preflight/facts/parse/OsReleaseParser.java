package io.preflight.facts.parse;

import io.preflight.facts.OsRelease;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /etc/os-release} (with {@code /etc/centos-release}, {@code /etc/redhat-release} and {@code uname -r} when
 * the probe has them) → {@link OsRelease}.
 *
 * <p>Family from {@code ID}: centos → CentOS, rhel → RHEL, coreos → CoreOS, flatcar → Flatcar, ol → Oracle Linux,
 * ubuntu → Ubuntu, anything else as written. Version as the version policy names it: CentOS and RHEL
 * {@code major.minor} from the {@code *-release} file ({@code 7.4.1708} → {@code 7.4}; os-release's
 * {@code VERSION_ID} says only {@code 7} on CentOS), falling back to {@code VERSION_ID}; CoreOS and Flatcar
 * {@code VERSION} ({@code 1632.3.0}); everything else {@code VERSION_ID}.
 */
final class OsReleaseParser {
    private static final Pattern RELEASE = Pattern.compile("release\\s+(\\d+)(?:\\.(\\d+))?");

    private OsReleaseParser() {
    }

    /**
     * @param osRelease     the os-release lines
     * @param releaseFile   the centos-release or redhat-release lines, or null
     * @param kernel        {@code uname -r}, or null
     */
    static OsRelease parse(String subject, String source, List<String> osRelease, List<String> releaseFile,
                           String kernel) throws PayloadException {
        Map<String, String> vars = assignments(osRelease);
        String id = vars.get("ID");
        if (id == null || id.isBlank()) throw new PayloadException("os-release: no ID= line");
        id = id.trim().toLowerCase(Locale.ROOT);
        String family = switch (id) {
            case "centos" -> "CentOS";
            case "rhel" -> "RHEL";
            case "coreos" -> "CoreOS";
            case "flatcar" -> "Flatcar";
            case "ol" -> "Oracle Linux";
            case "ubuntu" -> "Ubuntu";
            default -> vars.get("ID");
        };
        String version = switch (id) {
            case "centos", "rhel" -> {
                String minor = releaseVersion(releaseFile);
                yield minor != null ? minor : vars.get("VERSION_ID");
            }
            case "coreos", "flatcar" -> vars.getOrDefault("VERSION", vars.get("VERSION_ID"));
            default -> vars.get("VERSION_ID");
        };
        return new OsRelease(subject, source, family, version, vars.get("PRETTY_NAME"),
                kernel == null || kernel.isBlank() ? null : kernel.trim());
    }

    /** {@code CentOS Linux release 7.4.1708 (Core)} → {@code 7.4}; null when there is no such line. */
    static String releaseVersion(List<String> lines) {
        if (lines == null) return null;
        for (String l : lines) {
            Matcher m = RELEASE.matcher(l);
            if (m.find()) return m.group(2) == null ? m.group(1) : m.group(1) + "." + m.group(2);
        }
        return null;
    }

    /** Shell-style {@code KEY=value} / {@code KEY="value"} lines; comments and other lines are skipped. */
    static Map<String, String> assignments(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String raw : lines) {
            String l = raw.trim();
            if (l.isEmpty() || l.startsWith("#")) continue;
            if (l.startsWith("export ")) l = l.substring(7).trim();
            int eq = l.indexOf('=');
            if (eq <= 0) continue;
            String key = l.substring(0, eq).trim();
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) continue;
            out.put(key, unquote(l.substring(eq + 1).trim()));
        }
        return out;
    }

    /** Removes one pair of matching surrounding quotes; in double quotes, {@code \"} and {@code \\} are unescaped. */
    static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) return v.substring(1, v.length() - 1);
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).replaceAll("\\\\([\"\\\\$`])", "$1");
        }
        return v;
    }
}
