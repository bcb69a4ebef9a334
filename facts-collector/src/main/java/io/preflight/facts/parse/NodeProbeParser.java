package io.preflight.facts.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.preflight.facts.CollectionProblem;
import io.preflight.facts.CredentialsFile;
import io.preflight.facts.DcosInstall;
import io.preflight.facts.DiskSpace;
import io.preflight.facts.ExhibitorProcess;
import io.preflight.facts.Fact;
import io.preflight.facts.OptIntegrity;
import io.preflight.facts.Role;
import io.preflight.facts.RoleFiles;
import io.preflight.facts.TimeSync;
import io.preflight.facts.UpgradeOptions;
import io.preflight.facts.ZooKeeperState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the output of the SSH node probe: the one document a node prints for all its facts. This Javadoc is the
 * specification of that document (format {@code v1}); the probe script and the bundle documentation follow it.
 *
 * <h2>Document</h2>
 * <pre>
 * ### preflight-probe v1 host=&lt;host&gt;
 * ### section &lt;name&gt; rc=&lt;exit code&gt; [&lt;key&gt;=&lt;value&gt; ...]
 * &lt;raw output lines of that section&gt;
 * ### end
 * ### section ...
 * ...
 * ### end
 * </pre>
 * <ol>
 *   <li>UTF-8 text; lines end with {@code \n} ({@code \r\n} is accepted). Blank lines before the header and between
 *       sections are ignored.
 *   <li>The first non-blank line is the header {@code ### preflight-probe v1 host=<host>}. A document without it, or
 *       with another version, is rejected as a whole ({@link PayloadException}). {@code host} is informational: the
 *       facts' subject is the host the collector connected to.
 *   <li>A section is a header line {@code ### section <name> rc=<exit code>}, optionally followed by attributes
 *       {@code key=value} separated by single spaces, then the body, then a line that is exactly {@code ### end}.
 *       {@code <name>} matches {@code [a-z0-9][a-z0-9_.-]*}; {@code rc} is the exit status of the command that
 *       produced the body (for a file: of the {@code cat}); attribute values contain no whitespace: a space is
 *       written {@code %20} and a {@code %} is written {@code %25} (every {@code %XX} is decoded).
 *   <li>The body is the command's standard output and standard error together ({@code 2>&1}), verbatim, except
 *       that every body line starting with {@code ###} or {@code \} gets one {@code \} prepended; the reader removes
 *       one leading {@code \} from every body line that has one (so escaping more lines, e.g. every line starting
 *       with {@code #}, is harmless: {@code sed 's/^[#\\]/\\&/'}).
 *   <li>{@code ### end} must start a line: the probe prints a newline before it when the output did not end with
 *       one, or always (trailing blank body lines are ignored).
 *   <li>Sections come in any order. Unknown names are ignored (newer probes may add sections). A section marked
 *       <i>repeatable</i> below may appear many times; any other section is read once, and a second copy is
 *       reported as a {@code PARSE_ERROR} problem (the first copy is used).
 *   <li>A section without its {@code ### end} (the probe was cut off or timed out) is truncated and is not
 *       trusted. Text outside sections and a stray {@code ### end} are reported as {@code PARSE_ERROR} problems
 *       (what {@code probe}); the sections around them still count.
 *   <li>A command the probe did not run has no section. A command that ran and failed has a section with its
 *       {@code rc} and error output: this is how "file missing" ({@code cat}: rc 1, "No such file or directory")
 *       and "tool not installed" (rc 127, "command not found") are told apart from "not checked".
 * </ol>
 *
 * <h2>Sections</h2>
 * <table>
 *   <caption>Probe sections (R = required on every node, M = required on masters, O = optional)</caption>
 *   <tr><th>name</th><th></th><th>produced by</th><th>facts</th></tr>
 *   <tr><td>{@code roles}</td><td>R</td><td>{@code ls /etc/mesosphere/roles}: one role per line</td>
 *       <td>{@code RoleFiles}; rc&ne;0 with "No such file or directory" = no roles (empty list)</td></tr>
 *   <tr><td>{@code dcos-version}</td><td>R</td><td>{@code cat /opt/mesosphere/etc/dcos-version.json}</td>
 *       <td>{@code DcosInstall} ({@code version}, {@code dcos-variant}, {@code bootstrap-id})</td></tr>
 *   <tr><td>{@code os-release}</td><td>R</td><td>{@code cat /etc/os-release}</td><td>{@code OsRelease}</td></tr>
 *   <tr><td>{@code centos-release}, {@code redhat-release}</td><td>O</td><td>{@code cat} of those files</td>
 *       <td>the CentOS/RHEL minor version for {@code OsRelease}</td></tr>
 *   <tr><td>{@code uname-r}</td><td>O</td><td>{@code uname -r}</td><td>{@code OsRelease.kernel}</td></tr>
 *   <tr><td>{@code docker-version}</td><td>R</td><td>{@code docker version --format '{{json .}}'} (or plain
 *       {@code docker version})</td><td>{@code DockerDaemon}: see {@code DockerParser}</td></tr>
 *   <tr><td>{@code docker-info}</td><td>O</td><td>{@code docker info --format '{{json .}}'} (or plain)</td>
 *       <td>sent whenever docker is installed and kept raw in the bundle (storage driver, daemon warnings, for
 *       review); parsed into {@code DockerDaemon} only when {@code docker-version} is absent</td></tr>
 *   <tr><td>{@code chronyc-tracking}, {@code ntpstat}, {@code ntpq-p}, {@code timedatectl}, {@code adjtimex}</td>
 *       <td>R (one)</td><td>{@code chronyc tracking}; {@code ntpstat}; {@code ntpq -p}; {@code timedatectl}
 *       (optionally followed by {@code timedatectl timesync-status} in the same body); {@code adjtimex -p}</td>
 *       <td>one {@code TimeSync}: see {@code TimeSyncParser}. Probe all five; a problem (what {@code time-sync})
 *       only when none is installed or none can be read</td></tr>
 *   <tr><td>{@code env-file path=<file>}</td><td>R (one), repeatable</td><td>{@code cat <file>} for each Mesos env
 *       file the units load</td><td>one {@code MesosFlagSetting} per {@code MESOS_*} line: see
 *       {@code EnvFileParser}. A missing {@code *-extras} file is normal and not a problem</td></tr>
 *   <tr><td>{@code df}</td><td>R</td><td>{@code df -Pk /opt/mesosphere /var/lib /tmp}</td>
 *       <td>one {@code DiskSpace} per mount (mount = last column, bytes = 1024-blocks &times; 1024)</td></tr>
 *   <tr><td>{@code zookeeper}</td><td>M</td><td>{@code key=value} lines: {@code datadir=<dir>},
 *       {@code backup_path=<newest backup or empty>}, {@code backup_age_seconds=<seconds or empty>}</td>
 *       <td>{@code ZooKeeperState}</td></tr>
 *   <tr><td>{@code exhibitor-fds}</td><td>M</td><td>the number of entries in {@code /proc/<exhibitor pid>/fd}</td>
 *       <td>{@code ExhibitorProcess}</td></tr>
 *   <tr><td>{@code opt-integrity}</td><td>R</td><td>one modified file under {@code /opt/mesosphere} per line (empty
 *       body = none)</td><td>{@code OptIntegrity}</td></tr>
 *   <tr><td>{@code credentials path=<file> [flag=<name>]}</td><td>O, repeatable</td><td>one word: {@code JSON},
 *       {@code TEXT} or {@code MISSING} (the file's format; never its content)</td><td>{@code CredentialsFile}</td></tr>
 *   <tr><td>{@code upgrade-env}</td><td>O</td><td>{@code KEY=VALUE} lines of the upgrade environment
 *       ({@code SKIP_CHECKS=true})</td><td>{@code UpgradeOptions} (subject {@code upgrade}, origin
 *       {@code "<host>: SKIP_CHECKS"})</td></tr>
 *   <tr><td>{@code user-config}</td><td>O</td><td>{@code cat /opt/mesosphere/etc/user.config.yaml}</td>
 *       <td>none here: the collector stores it as the {@code CONFIG_RUNNING} payload</td></tr>
 * </table>
 *
 * <h2>Gaps</h2>
 * For a required section (and for masters the M sections): absent → {@code CollectionProblem} {@code MISSING};
 * rc&ne;0 where the exit code has no meaning of its own → {@code MISSING} with the rc and the first output line;
 * truncated, duplicated or unreadable → {@code PARSE_ERROR}. The problem's {@code what} is the section name
 * ({@code time-sync} for the time sections). Optional sections produce no problem when absent or failed. On a node
 * of unknown role, the M sections are read when present and not required.
 */
public final class NodeProbeParser {
    private static final Set<String> REPEATABLE = Set.of("env-file", "credentials");

    private NodeProbeParser() {
    }

    /**
     * @param subject the node's host
     * @param role    the node's role as the cluster sees it ({@link Role#UNKNOWN} when not known)
     * @param source  copied into every fact
     * @param body    the probe's output
     * @throws PayloadException when the document header is missing or names another format version
     */
    public static List<Fact> parse(String subject, Role role, String source, byte[] body) throws PayloadException {
        return new Reading(subject, role == null ? Role.UNKNOWN : role, source, ProbeDocument.parse(body)).facts();
    }

    /** One document being read: the facts and problems found so far. */
    private static final class Reading {
        private final String subject;
        private final Role role;
        private final String source;
        private final Map<String, List<ProbeDocument.Section>> sections = new LinkedHashMap<>();
        private final List<Fact> facts = new ArrayList<>();

        Reading(String subject, Role role, String source, ProbeDocument doc) {
            this.subject = subject;
            this.role = role;
            this.source = source;
            for (String fault : doc.faults()) problem(CollectionProblem.Kind.PARSE_ERROR, "probe", fault);
            for (ProbeDocument.Section s : doc.sections()) {
                if (s.headerError() != null) {
                    problem(CollectionProblem.Kind.PARSE_ERROR, s.name(), s.headerError());
                    continue;
                }
                sections.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
            }
            sections.forEach((name, list) -> {
                if (list.size() > 1 && !REPEATABLE.contains(name)) {
                    problem(CollectionProblem.Kind.PARSE_ERROR, name, "the section appears " + list.size()
                            + " times (lines " + list.get(0).headerLine() + ", " + list.get(1).headerLine()
                            + "); the first is used");
                }
            });
        }

        List<Fact> facts() {
            boolean master = role == Role.MASTER;
            roles();
            dcosVersion();
            osRelease();
            docker();
            timeSync();
            envFiles();
            df();
            zookeeper(master);
            exhibitorFds(master);
            optIntegrity();
            credentials();
            upgradeEnv();
            return facts;
        }

        private void roles() {
            ProbeDocument.Section s = section("roles", true);
            if (s == null) return;
            if (s.rc() != 0) {
                if (s.text().contains("No such file or directory")) {
                    facts.add(new RoleFiles(subject, source, List.of()));
                } else {
                    failed(s);
                }
                return;
            }
            // one name per line; split on any whitespace in case ls printed columns
            facts.add(new RoleFiles(subject, source, nonBlank(List.of(s.text().trim().split("\\s+")))));
        }

        private void dcosVersion() {
            ProbeDocument.Section s = section("dcos-version", true);
            if (s == null) return;
            if (s.rc() != 0) {
                failed(s);
                return;
            }
            try {
                JsonNode v = JsonPayload.requireObject(
                        JsonPayload.read(s.text().getBytes(StandardCharsets.UTF_8), "dcos-version.json"), "$");
                facts.add(new DcosInstall(subject, source, JsonPayload.requireText(v, "version", "$"),
                        JsonPayload.optText(v, "dcos-variant", "$"), JsonPayload.optText(v, "bootstrap-id", "$")));
            } catch (PayloadException e) {
                unreadable(s, e.getMessage());
            }
        }

        private void osRelease() {
            ProbeDocument.Section s = section("os-release", true);
            if (s == null) return;
            if (s.rc() != 0) {
                failed(s);
                return;
            }
            List<String> release = okLines(section("centos-release", false));
            if (release == null) release = okLines(section("redhat-release", false));
            List<String> uname = okLines(section("uname-r", false));
            String kernel = uname == null ? null : nonBlank(uname).stream().findFirst().orElse(null);
            try {
                facts.add(OsReleaseParser.parse(subject, source, s.lines(), release, kernel));
            } catch (PayloadException e) {
                unreadable(s, e.getMessage());
            }
        }

        private void docker() {
            boolean hasVersion = sections.containsKey("docker-version");
            ProbeDocument.Section s = hasVersion || !sections.containsKey("docker-info")
                    ? section("docker-version", true) : section("docker-info", true);
            if (s == null) return;
            try {
                facts.add(s.name().equals("docker-info") ? DockerParser.fromInfo(subject, source, s)
                        : DockerParser.fromVersion(subject, source, s));
            } catch (PayloadException e) {
                unreadable(s, e.getMessage());
            }
        }

        private void timeSync() {
            Map<String, ProbeDocument.Section> present = new LinkedHashMap<>();
            List<String> truncated = new ArrayList<>();
            for (String name : TimeSyncParser.SECTIONS) {
                List<ProbeDocument.Section> list = sections.get(name);
                if (list == null) continue;
                if (list.get(0).complete()) {
                    present.put(name, list.get(0));
                } else {
                    truncated.add(name);
                }
            }
            try {
                TimeSync sync = TimeSyncParser.parse(subject, source, present);
                if (sync != null) {
                    facts.add(sync);
                } else if (!truncated.isEmpty()) {
                    problem(CollectionProblem.Kind.PARSE_ERROR, "time-sync", "truncated section(s) " + truncated);
                } else {
                    problem(CollectionProblem.Kind.MISSING, "time-sync", present.isEmpty()
                            ? "the probe printed none of " + TimeSyncParser.SECTIONS
                            : "none of chronyc, ntpstat, ntpq, timedatectl, adjtimex is installed");
                }
            } catch (PayloadException e) {
                problem(CollectionProblem.Kind.PARSE_ERROR, "time-sync", e.getMessage());
            }
        }

        private void envFiles() {
            List<ProbeDocument.Section> list = sections.getOrDefault("env-file", List.of());
            if (list.isEmpty()) {
                problem(CollectionProblem.Kind.MISSING, "env-file", "the probe printed no Mesos env file");
                return;
            }
            for (ProbeDocument.Section s : list) {
                String path = s.attribute("path");
                if (path == null || path.isBlank()) {
                    problem(CollectionProblem.Kind.PARSE_ERROR, "env-file",
                            "line " + s.headerLine() + ": env-file section without path=");
                    continue;
                }
                if (!s.complete()) {
                    problem(CollectionProblem.Kind.PARSE_ERROR, "env-file", path + ": truncated (no '### end')");
                } else if (s.rc() != 0) {
                    if (!EnvFileParser.isExtras(path)) {
                        problem(CollectionProblem.Kind.MISSING, "env-file",
                                path + ": rc=" + s.rc() + ": " + s.firstLine());
                    }
                } else {
                    facts.addAll(EnvFileParser.parse(subject, role, source, path, s.lines()));
                }
            }
        }

        private void df() {
            ProbeDocument.Section s = section("df", true);
            if (s == null) return;
            Map<String, DiskSpace> byMount = new LinkedHashMap<>();
            for (String line : s.lines()) {
                String[] cols = line.trim().split("\\s+");
                if (cols.length < 6 || cols[0].equals("Filesystem")) continue;
                int pct = -1;
                for (int i = 4; i < cols.length; i++) {
                    if (cols[i].matches("\\d+%|-")) {
                        pct = i;
                        break;
                    }
                }
                if (pct < 0 || pct == cols.length - 1) continue;
                try {
                    long total = Long.parseLong(cols[1]) * 1024;
                    long free = Long.parseLong(cols[3]) * 1024;
                    String mount = String.join(" ", List.of(cols).subList(pct + 1, cols.length));
                    byMount.putIfAbsent(mount, new DiskSpace(subject, source, mount, free, total));
                } catch (NumberFormatException ignored) {
                    // not a data row
                }
            }
            if (!byMount.isEmpty()) {
                facts.addAll(byMount.values());
            } else if (s.rc() != 0) {
                failed(s);
            } else {
                unreadable(s, "no df -Pk data rows");
            }
        }

        private void zookeeper(boolean required) {
            if (role != Role.MASTER && role != Role.UNKNOWN) return;
            ProbeDocument.Section s = section("zookeeper", required);
            if (s == null) return;
            if (s.rc() != 0) {
                if (required) failed(s);
                return;
            }
            Map<String, String> kv = OsReleaseParser.assignments(s.lines());
            Map<String, String> lower = new LinkedHashMap<>();
            kv.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
            String dataDir = blankToNull(lower.get("datadir"));
            if (dataDir == null) {
                unreadable(s, "no datadir=");
                return;
            }
            Long age;
            try {
                String a = blankToNull(lower.get("backup_age_seconds"));
                age = a == null ? null : Long.valueOf(a.trim());
            } catch (NumberFormatException e) {
                unreadable(s, "backup_age_seconds '" + lower.get("backup_age_seconds") + "' is not a number");
                return;
            }
            String backup = blankToNull(lower.get("backup_path"));
            facts.add(new ZooKeeperState(subject, source, dataDir, dataDir.startsWith("/var/lib/zookeeper"),
                    backup, backup == null ? null : age));
        }

        private void exhibitorFds(boolean required) {
            if (role != Role.MASTER && role != Role.UNKNOWN) return;
            ProbeDocument.Section s = section("exhibitor-fds", required);
            if (s == null) return;
            if (s.rc() != 0) {
                if (required) failed(s);
                return;
            }
            try {
                facts.add(new ExhibitorProcess(subject, source, Integer.parseInt(s.firstLine())));
            } catch (NumberFormatException e) {
                unreadable(s, "'" + s.firstLine() + "' is not a number of file descriptors");
            }
        }

        private void optIntegrity() {
            ProbeDocument.Section s = section("opt-integrity", true);
            if (s == null) return;
            if (s.rc() != 0) {
                failed(s);
                return;
            }
            facts.add(new OptIntegrity(subject, source, nonBlank(s.lines())));
        }

        private void credentials() {
            for (ProbeDocument.Section s : sections.getOrDefault("credentials", List.of())) {
                String path = s.attribute("path");
                if (path == null || path.isBlank()) {
                    problem(CollectionProblem.Kind.PARSE_ERROR, "credentials",
                            "line " + s.headerLine() + ": credentials section without path=");
                } else if (!s.complete()) {
                    problem(CollectionProblem.Kind.PARSE_ERROR, "credentials", path + ": truncated (no '### end')");
                } else if (s.rc() != 0) {
                    problem(CollectionProblem.Kind.MISSING, "credentials", path + ": rc=" + s.rc() + ": "
                            + s.firstLine());
                } else {
                    String format = s.firstLine().toUpperCase(Locale.ROOT);
                    if (format.equals("JSON") || format.equals("TEXT") || format.equals("MISSING")) {
                        facts.add(new CredentialsFile(subject, source, s.attribute("flag"), path, format));
                    } else {
                        problem(CollectionProblem.Kind.PARSE_ERROR, "credentials",
                                path + ": expected JSON, TEXT or MISSING");
                    }
                }
            }
        }

        private void upgradeEnv() {
            List<String> lines = okLines(section("upgrade-env", false));
            if (lines == null) return;
            String skip = OsReleaseParser.assignments(lines).get("SKIP_CHECKS");
            boolean skipChecks = skip != null && Set.of("true", "1", "yes", "on")
                    .contains(skip.trim().toLowerCase(Locale.ROOT));
            facts.add(new UpgradeOptions("upgrade", source, skipChecks, subject + ": SKIP_CHECKS"));
        }

        /**
         * The first complete copy of a non-repeatable section, or null; for a required section, absence or
         * truncation is recorded as a problem.
         */
        private ProbeDocument.Section section(String name, boolean required) {
            List<ProbeDocument.Section> list = sections.get(name);
            if (list == null) {
                if (required) problem(CollectionProblem.Kind.MISSING, name, "the probe printed no '" + name
                        + "' section");
                return null;
            }
            ProbeDocument.Section s = list.get(0);
            if (!s.complete()) {
                if (required) problem(CollectionProblem.Kind.PARSE_ERROR, name, "line " + s.headerLine()
                        + ": truncated (no '### end'; the probe stopped or timed out)");
                return null;
            }
            return s;
        }

        /** The body of an optional section that ran successfully, or null. */
        private static List<String> okLines(ProbeDocument.Section s) {
            return s == null || s.rc() != 0 ? null : s.lines();
        }

        private void failed(ProbeDocument.Section s) {
            problem(CollectionProblem.Kind.MISSING, s.name(), "rc=" + s.rc() + ": " + s.firstLine());
        }

        private void unreadable(ProbeDocument.Section s, String why) {
            problem(CollectionProblem.Kind.PARSE_ERROR, s.name(), why.startsWith("line ") ? why
                    : "line " + s.headerLine() + ": " + why);
        }

        private void problem(CollectionProblem.Kind kind, String what, String detail) {
            facts.add(new CollectionProblem(subject, source, kind, what, detail));
        }

        private static List<String> nonBlank(List<String> lines) {
            Set<String> out = new LinkedHashSet<>();
            for (String l : lines) if (!l.isBlank()) out.add(l.trim());
            return new ArrayList<>(out);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }
}
