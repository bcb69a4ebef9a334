package io.preflight.facts.parse;

import io.preflight.facts.MesosFlagSetting;
import io.preflight.facts.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Mesos environment file the systemd units load ({@code /opt/mesosphere/etc/mesos-master},
 * {@code mesos-slave-common}, {@code *-extras}, {@code /var/lib/dcos/mesos-slave-common}, ...) → one
 * {@link MesosFlagSetting} per {@code MESOS_*} assignment.
 *
 * <ul>
 *   <li>{@code flag} = the name without {@code MESOS_}, lower case; {@code value} unquoted (one pair of surrounding
 *       quotes), masked with {@link Secrets#MASK} when the flag looks secret and the value is not a file path.
 *   <li>{@code component}: {@code master} when the file name contains "master", {@code agent} when it contains
 *       "slave" or "agent", else from the node's role ({@code unknown} when that is unknown too).
 *   <li>{@code dcosManaged} is false for operator-editable files: names ending in {@code -extras}, and files under
 *       {@code /var/lib/dcos/} or {@code /etc/mesosphere/mesos/}.
 *   <li>Blank lines, {@code #} comments, other variables ({@code GLOG_*}) and lines that are not assignments are
 *       skipped; an optional leading {@code export} is accepted.
 * </ul>
 */
final class EnvFileParser {
    private static final Pattern ASSIGNMENT = Pattern.compile("(?:export\\s+)?(MESOS_[A-Za-z0-9_]+)\\s*=(.*)");

    private EnvFileParser() {
    }

    /**
     * @param path  the file on the node
     * @param lines its lines, in order (line numbers are 1-based positions in this list)
     */
    static List<MesosFlagSetting> parse(String subject, Role role, String source, String path, List<String> lines) {
        String file = baseName(path);
        String component = component(file, role);
        boolean managed = isDcosManaged(path);
        List<MesosFlagSetting> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (l.isEmpty() || l.startsWith("#")) continue;
            Matcher m = ASSIGNMENT.matcher(l);
            if (!m.matches()) continue;
            String envVar = m.group(1);
            String flag = envVar.substring("MESOS_".length()).toLowerCase(Locale.ROOT);
            String value = OsReleaseParser.unquote(m.group(2).trim());
            out.add(new MesosFlagSetting(subject, source, component, envVar, flag, Secrets.maskValue(flag, value),
                    path, i + 1, managed));
        }
        return out;
    }

    static String component(String fileName, Role role) {
        String f = fileName.toLowerCase(Locale.ROOT);
        if (f.contains("master")) return "master";
        if (f.contains("slave") || f.contains("agent")) return "agent";
        return switch (role == null ? Role.UNKNOWN : role) {
            case MASTER -> "master";
            case AGENT, AGENT_PUBLIC -> "agent";
            default -> "unknown";
        };
    }

    /** False for files an operator edits: {@code *-extras}, and anything under /var/lib/dcos/ or /etc/mesosphere/mesos/. */
    static boolean isDcosManaged(String path) {
        return !(baseName(path).endsWith("-extras") || path.startsWith("/var/lib/dcos/")
                || path.startsWith("/etc/mesosphere/mesos/"));
    }

    static boolean isExtras(String path) {
        return baseName(path).endsWith("-extras");
    }

    static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash >= 0 ? path.substring(slash + 1) : path;
    }
}
