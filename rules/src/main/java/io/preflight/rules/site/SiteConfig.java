package io.preflight.rules.site;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.preflight.rules.Checker;
import io.preflight.rules.RuleMeta;
import io.preflight.rules.RulePolicy;
import io.preflight.rules.RuleProblem;
import io.preflight.rules.Severity;
import io.preflight.rules.Spelling;
import io.preflight.rules.model.Thresholds;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A site configuration ({@code --config FILE}): what a site changes about the shipped and site rules without
 * touching them. Every key is optional:
 * <pre>
 * rules:                        # site packs to load, relative to this file
 *   - site-rules/acme
 * severity:                     # rule id: BLOCKER | WARNING | INFO
 *   NODE-CLOCK-SKEW: BLOCKER
 * disabled:                     # rule id: the reason (required; every report shows it)
 *   ZK-BACKUP-MISSING: "ZooKeeper is snapshotted nightly by the storage team (CHG-1234)"
 * thresholds:                   # the numbers rules compare against (names as in Thresholds)
 *   diskFreeBytes: 20GiB        # bytes, or a size: KiB, MiB, GiB, TiB
 *   clockSkewMs: 500
 * </pre>
 * Reading checks the file on its own (syntax, keys, values, pack directories); {@link #policy} checks the rule ids
 * against the rules actually loaded. Every problem is one {@code file:line: message}. COLLECT-UNVERIFIED can be neither
 * disabled nor given another severity: a gate must never pass because it could not look. Immutable.
 */
public final class SiteConfig {
    public static final List<String> KEYS = List.of("rules", "severity", "disabled", "thresholds");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(B|KiB|MiB|GiB|TiB)");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

    /** A value and the line it is set on. */
    private record Located<T>(T value, int line) {
    }

    private final String file;
    private final List<Path> packs;
    private final Map<String, Located<Severity>> severities;
    private final Map<String, Located<String>> disabled;
    private final Thresholds thresholds;
    private final Map<String, Located<Object>> thresholdsSet;

    private SiteConfig(String file, List<Path> packs, Map<String, Located<Severity>> severities,
                       Map<String, Located<String>> disabled, Thresholds thresholds,
                       Map<String, Located<Object>> thresholdsSet) {
        this.file = file;
        this.packs = List.copyOf(packs);
        this.severities = severities;
        this.disabled = disabled;
        this.thresholds = thresholds;
        this.thresholdsSet = thresholdsSet;
    }

    /** Reads and checks {@code path}; every problem is thrown at once. */
    public static SiteConfig read(Path path) throws SiteRulesException {
        String file = path.toString();
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw one(file, 0, "no such file");
        } catch (IOException e) {
            throw one(file, 0, "cannot read: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw one(file, l == null ? 0 : Math.max(0, l.getLineNr()), "not valid YAML: "
                    + firstLine(e.getOriginalMessage()));
        }
        YamlLines lines = YamlLines.of(text);
        List<RuleProblem> problems = new ArrayList<>();
        if (root == null || root.isNull() || root.isMissingNode()) {
            root = YAML.createObjectNode();
        } else if (!root.isObject()) {
            throw one(file, 1, "expected a mapping with any of " + String.join(", ", KEYS));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                problems.add(new RuleProblem(file, lines.line(YamlLines.pointer(k)), "unknown key '" + k + "' (valid: "
                        + String.join(", ", KEYS) + ")"));
            }
        }
        Path base = path.toAbsolutePath().getParent();
        List<Path> packs = new ArrayList<>();
        JsonNode rules = root.get("rules");
        if (rules != null && !rules.isNull()) {
            if (!rules.isArray()) {
                problems.add(new RuleProblem(file, lines.line("/rules"), "rules: a list of site pack directories"));
            } else {
                for (int i = 0; i < rules.size(); i++) {
                    JsonNode r = rules.get(i);
                    int line = lines.line(YamlLines.pointer("rules", i));
                    if (!r.isTextual() || r.asText().isBlank()) {
                        problems.add(new RuleProblem(file, line, "rules: each entry is a directory path"));
                        continue;
                    }
                    Path p = Path.of(r.asText());
                    Path resolved = p.isAbsolute() ? p : relative(base.resolve(p));
                    if (!Files.isDirectory(resolved)) {
                        problems.add(new RuleProblem(file, line, "rules: " + r.asText() + ": no such directory"
                                + " (relative paths are relative to this file)"));
                    } else {
                        packs.add(resolved);
                    }
                }
            }
        }
        Map<String, Located<Severity>> severities = new LinkedHashMap<>();
        JsonNode sev = mapping(root, "severity", file, lines, problems);
        if (sev != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = sev.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int line = lines.line(YamlLines.pointer("severity", e.getKey()));
                String v = e.getValue().isTextual() ? e.getValue().asText().trim().toUpperCase(Locale.ROOT) : "";
                if (!DrlChecks.SEVERITIES.contains(v)) {
                    problems.add(new RuleProblem(file, line, "severity of " + e.getKey() + ": '"
                            + e.getValue().asText() + "' is not BLOCKER, WARNING or INFO"));
                } else {
                    severities.put(e.getKey(), new Located<>(Severity.valueOf(v), line));
                }
            }
        }
        Map<String, Located<String>> disabled = new LinkedHashMap<>();
        JsonNode dis = mapping(root, "disabled", file, lines, problems);
        if (dis != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = dis.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int line = lines.line(YamlLines.pointer("disabled", e.getKey()));
                JsonNode v = e.getValue();
                if (!v.isTextual() || v.asText().isBlank()) {
                    problems.add(new RuleProblem(file, line, "disabled " + e.getKey() + ": a reason is required"
                            + " (e.g. " + e.getKey() + ": \"why, and who decided\"); every report shows it"));
                } else {
                    disabled.put(e.getKey(), new Located<>(v.asText().trim(), line));
                }
            }
        }
        Map<String, Located<Object>> set = new LinkedHashMap<>();
        Thresholds thresholds = thresholds(root, file, lines, problems, set);
        if (!problems.isEmpty()) throw new SiteRulesException(problems);
        return new SiteConfig(file, packs, severities, disabled, thresholds, set);
    }

    private static Thresholds thresholds(JsonNode root, String file, YamlLines lines, List<RuleProblem> problems,
                                         Map<String, Located<Object>> set) {
        Thresholds defaults = Thresholds.defaults();
        JsonNode th = mapping(root, "thresholds", file, lines, problems);
        if (th == null) return defaults;
        Map<String, RecordComponent> fields = new LinkedHashMap<>();
        for (RecordComponent rc : Thresholds.class.getRecordComponents()) fields.put(rc.getName(), rc);
        ObjectNode merged = YAML.valueToTree(defaults);
        for (Iterator<Map.Entry<String, JsonNode>> it = th.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            int line = lines.line(YamlLines.pointer("thresholds", key));
            RecordComponent rc = fields.get(key);
            if (rc == null) {
                problems.add(new RuleProblem(file, line, "thresholds: unknown key '" + key + "' (valid: "
                        + String.join(", ", fields.keySet()) + ")"));
                continue;
            }
            String bad = null;
            Object value = null;
            JsonNode v = e.getValue();
            try {
                if (rc.getType() == double.class) {
                    if (!v.isNumber()) throw new NumberFormatException();
                    double d = v.asDouble();
                    if (d < 0 || key.endsWith("Ratio") && d > 1) bad = key.endsWith("Ratio") ? "between 0 and 1"
                            : "0 or more";
                    value = d;
                } else if (rc.getType() == long.class) {
                    long l = key.endsWith("Bytes") ? bytes(v) : key.endsWith("Sec") ? seconds(v) : whole(v);
                    if (l < 0) bad = "0 or more";
                    value = l;
                } else if (rc.getType() == int.class) {
                    long l = whole(v);
                    if (l < 0 || l > Integer.MAX_VALUE) bad = "0 or more";
                    value = (int) l;
                }
            } catch (NumberFormatException ex) {
                bad = key.endsWith("Bytes") ? "a number of bytes or a size such as 20GiB"
                        : key.endsWith("Sec") ? "a number of seconds or a duration such as 12h"
                        : rc.getType() == double.class ? "a number" : "a whole number";
            }
            if (bad != null || value == null) {
                problems.add(new RuleProblem(file, line, "thresholds: " + key + ": '" + v.asText() + "' must be "
                        + (bad == null ? "a number" : bad)));
                continue;
            }
            merged.set(key, YAML.valueToTree(value));
            set.put(key, new Located<>(value, line));
        }
        try {
            return YAML.treeToValue(merged, Thresholds.class);
        } catch (IOException e) {
            problems.add(new RuleProblem(file, lines.line("/thresholds"), "thresholds: " + firstLine(e.getMessage())));
            return defaults;
        }
    }

    private static long whole(JsonNode v) {
        if (!v.isIntegralNumber()) throw new NumberFormatException();
        return v.asLong();
    }

    private static long bytes(JsonNode v) {
        if (v.isIntegralNumber()) return v.asLong();
        Matcher m = SIZE.matcher(v.asText().trim());
        if (!v.isTextual() || !m.matches()) throw new NumberFormatException();
        int shift = switch (m.group(2)) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            case "TiB" -> 40;
            default -> 0;
        };
        return (long) (Double.parseDouble(m.group(1)) * (1L << shift));
    }

    private static long seconds(JsonNode v) {
        if (v.isIntegralNumber()) return v.asLong();
        Matcher m = DURATION.matcher(v.asText().trim());
        if (!v.isTextual() || !m.matches()) throw new NumberFormatException();
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> n * 60;
            case "h" -> n * 3600;
            case "d" -> n * 86400;
            default -> n;
        };
    }

    private static JsonNode mapping(JsonNode root, String key, String file, YamlLines lines,
                                    List<RuleProblem> problems) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) return null;
        if (!n.isObject()) {
            problems.add(new RuleProblem(file, lines.line(YamlLines.pointer(key)), key + ": a mapping of "
                    + (key.equals("thresholds") ? "threshold names to values" : "rule ids to "
                    + (key.equals("severity") ? "severities" : "reasons"))));
            return null;
        }
        return n;
    }

    /**
     * The policy for the loaded rules: every id must name a loaded rule (shipped or site), and COLLECT-UNVERIFIED is
     * left alone. Every problem is thrown at once.
     *
     * @param rules the rules of the check (shipped and site)
     */
    public RulePolicy policy(Collection<RuleMeta> rules) throws SiteRulesException {
        Map<String, RuleMeta> byId = new LinkedHashMap<>();
        for (RuleMeta m : rules) if (m.primary()) byId.putIfAbsent(m.id(), m);
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, RulePolicy.Override> overrides = new LinkedHashMap<>();
        severities.forEach((id, s) -> {
            if (check("severity", id, s.line(), byId, problems)) {
                overrides.put(id, new RulePolicy.Override(s.value(), file + ":" + s.line()));
            }
        });
        Map<String, String> off = new LinkedHashMap<>();
        disabled.forEach((id, r) -> {
            if (check("disabled", id, r.line(), byId, problems)) {
                Located<Severity> also = severities.get(id);
                if (also != null) {
                    problems.add(new RuleProblem(file, r.line(), "disabled " + id + " is also given a severity (line "
                            + also.line() + "); keep one"));
                } else {
                    off.put(id, r.value());
                }
            }
        });
        if (!problems.isEmpty()) {
            problems.sort(null);
            throw new SiteRulesException(problems);
        }
        return new RulePolicy(overrides, off);
    }

    private boolean check(String key, String id, int line, Map<String, RuleMeta> byId, List<RuleProblem> problems) {
        if (Checker.UNVERIFIED.equals(id)) {
            problems.add(new RuleProblem(file, line, key + ": " + id + " cannot be " + (key.equals("disabled")
                    ? "disabled" : "given another severity") + ": a gate must never pass because it could not look"
                    + " (waive a finding for one subject instead)"));
            return false;
        }
        if (!byId.containsKey(id)) {
            String hint = Spelling.nearest(id, byId.keySet());
            problems.add(new RuleProblem(file, line, key + ": no rule " + id + (hint == null ? ""
                    : " (did you mean " + hint + "?)") + "; see preflight rules list"));
            return false;
        }
        return true;
    }

    /** The file as given. */
    public String file() {
        return file;
    }

    /** The site packs the file lists, resolved against its directory. */
    public List<Path> packs() {
        return packs;
    }

    /** The thresholds: the defaults with the file's values. */
    public Thresholds thresholds() {
        return thresholds;
    }

    /**
     * What the configuration changed, as report notes: each severity override (with the rule's declared severity)
     * and each threshold set (with its default). Disabled rules are listed by the report itself.
     */
    public List<String> notes(Collection<RuleMeta> rules) {
        Map<String, RuleMeta> byId = new LinkedHashMap<>();
        for (RuleMeta m : rules) if (m.primary()) byId.putIfAbsent(m.id(), m);
        List<String> notes = new ArrayList<>();
        severities.forEach((id, s) -> {
            RuleMeta m = byId.get(id);
            notes.add("site configuration " + file + ":" + s.line() + ": " + id + " reported as " + s.value()
                    + (m != null && m.severity() != null ? " (declared " + m.severity() + ")" : ""));
        });
        JsonNode defaults = YAML.valueToTree(Thresholds.defaults());
        thresholdsSet.forEach((k, v) -> notes.add("site configuration " + file + ":" + v.line() + ": threshold " + k
                + " = " + v.value() + " (default " + defaults.get(k).asText() + ")"));
        return notes;
    }

    private static Path relative(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path n = p.normalize();
        if (n.equals(cwd)) return Path.of(".");
        return n.startsWith(cwd) ? cwd.relativize(n) : n;
    }

    private static SiteRulesException one(String file, int line, String message) {
        return new SiteRulesException(List.of(new RuleProblem(file, line, message)));
    }

    private static String firstLine(String s) {
        if (s == null) return "error";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
