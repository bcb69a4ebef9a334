package io.preflight.reports.waiver;

import io.preflight.reports.waiver.LocatedYaml.Entry;
import io.preflight.reports.waiver.LocatedYaml.Mapping;
import io.preflight.reports.waiver.LocatedYaml.Node;
import io.preflight.reports.waiver.LocatedYaml.Scalar;
import io.preflight.reports.waiver.LocatedYaml.Sequence;
import io.preflight.reports.waiver.LocatedYaml.YamlProblem;
import io.preflight.rules.RuleMeta;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a waiver file ({@code check --waivers FILE}, docs/waivers.md):
 * <pre>
 * waivers:
 *   - rule: NODE-NTP-UNSYNCED          # exact rule id
 *     subject: 10.0.2.242              # exact subject, or a glob with * and ?
 *     owner: sre-oncall@example.com
 *     reason: chrony re-synced after the maintenance window (CHG-4711)
 *     expires: 2026-12-31              # end of that day, UTC; or a date-time with Z / an offset
 * </pre>
 * Every mistake is rejected, the first one found, as one line {@code file:line: message}: not valid YAML, not a
 * mapping with a {@code waivers} list, an entry that is not a mapping, an unknown or duplicate key, a missing or
 * empty field, a rule that is not a rule id (or is a {@code WAIVER-} check), a bad glob, a bad or zone-less date, and
 * a second entry for the same rule and subject. A well-formed rule id that no rule has is not an error here (the
 * file does not know which packs run): the report flags it as {@code WAIVER-UNKNOWN-RULE}.
 */
public final class WaiverFile {
    /** The fields of an entry, all required, in the order messages list them. */
    static final List<String> FIELDS = List.of("rule", "subject", "owner", "reason", "expires");

    private WaiverFile() {
    }

    /** Reads and validates {@code file}. */
    public static Waivers read(Path file) throws WaiverFileException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new WaiverFileException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new WaiverFileException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new WaiverFileException(file + ": cannot read: " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    /** Parses waiver YAML; {@code name} is the file name messages start with. */
    public static Waivers parse(String name, String yaml) throws WaiverFileException {
        Node root;
        try {
            root = LocatedYaml.parse(yaml);
        } catch (YamlProblem p) {
            // the likeliest cause by far: an unquoted glob such as `subject: *` or `subject: *.example.com`
            String hint = p.getMessage().toLowerCase(java.util.Locale.ROOT).contains("alias")
                    ? " (a value starting with * is a YAML alias: quote the glob, e.g. subject: \"*\")" : "";
            throw new WaiverFileException(name + ":" + p.line + ": " + p.getMessage() + hint);
        }
        if (root == null || (root instanceof Scalar s && s.text() == null)) {
            throw fail(name, 1, "empty file: expected 'waivers:' with a list of entries ('waivers: []' for none)");
        }
        if (!(root instanceof Mapping top)) throw fail(name, root.line(), "expected a mapping with the key 'waivers'");
        for (Entry e : top.entries().values()) {
            if (!e.key().equals("waivers")) throw fail(name, e.keyLine(), "unknown key '" + e.key() + "' (valid: waivers)");
        }
        Entry list = top.entries().get("waivers");
        if (list == null) throw fail(name, top.line(), "no 'waivers' key");
        if (!(list.value() instanceof Sequence entries)) {
            throw fail(name, list.value().line(), "'waivers' must be a list of entries");
        }
        List<Waiver> out = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (Node n : entries.items()) {
            Waiver w = entry(name, n);
            Integer first = firstLine.putIfAbsent(w.label(), n.line());
            if (first != null) {
                throw fail(name, n.line(), "duplicate waiver for " + w.label() + " (first at line " + first + ")");
            }
            out.add(w);
        }
        return new Waivers(name, out);
    }

    private static Waiver entry(String name, Node n) throws WaiverFileException {
        if (!(n instanceof Mapping m)) {
            throw fail(name, n.line(), "a waiver entry must be a mapping of " + String.join(", ", FIELDS));
        }
        for (Entry e : m.entries().values()) {
            if (!FIELDS.contains(e.key())) {
                throw fail(name, e.keyLine(), "unknown key '" + e.key() + "' (valid: " + String.join(", ", FIELDS) + ")");
            }
        }
        Map<String, String> v = new HashMap<>();
        Map<String, Integer> line = new HashMap<>();
        for (String f : FIELDS) {
            Entry e = m.entries().get(f);
            if (e == null) {
                throw fail(name, m.line(), "waiver entry has no '" + f + "' (required: " + String.join(", ", FIELDS) + ")");
            }
            if (!(e.value() instanceof Scalar s)) {
                throw fail(name, e.value().line(), "'" + f + "' must be a single value, not a list or a mapping");
            }
            if (s.text() == null || s.text().isBlank()) throw fail(name, e.keyLine(), "'" + f + "' is empty");
            v.put(f, s.text().strip());
            line.put(f, s.line());
        }
        String rule = v.get("rule");
        if (!RuleMeta.ID_SHAPE.matcher(rule).matches()) {
            throw fail(name, line.get("rule"), "rule '" + rule + "' is not a rule id (upper-case words joined by"
                    + " dashes, e.g. NODE-NTP-UNSYNCED" + (rule.contains("*") || rule.contains("?")
                    ? "; rule ids are exact, only the subject takes a glob)" : ")"));
        }
        if (rule.startsWith(WaiverCheck.PREFIX)) {
            throw fail(name, line.get("rule"), "rule '" + rule + "' is a check on the waivers themselves and cannot"
                    + " be waived");
        }
        SubjectGlob subject;
        Instant expires;
        try {
            subject = SubjectGlob.parse(v.get("subject"));
        } catch (IllegalArgumentException e) {
            throw fail(name, line.get("subject"), e.getMessage());
        }
        try {
            expires = Waiver.expiresAt(v.get("expires"));
        } catch (IllegalArgumentException e) {
            throw fail(name, line.get("expires"), e.getMessage());
        }
        return new Waiver(rule, subject, v.get("owner"), v.get("reason"), expires, name + ":" + m.line());
    }

    private static WaiverFileException fail(String name, int line, String message) {
        return new WaiverFileException(name + ":" + line + ": " + message);
    }
}
