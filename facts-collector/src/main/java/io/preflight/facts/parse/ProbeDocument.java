package io.preflight.facts.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SSH probe's output split into its sections. The format is specified in {@link NodeProbeParser}; this class
 * only frames it (header, section headers, {@code ### end}, backslash unescaping) and reports framing faults as
 * {@link #faults()} instead of failing, so one bad section never loses the others.
 */
final class ProbeDocument {
    static final int VERSION = 1;
    private static final Pattern HEADER = Pattern.compile("### preflight-probe v(\\d+)(?:\\s+(.*))?");
    private static final Pattern SECTION = Pattern.compile("### section(?:\\s+(.*))?");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]*");
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)=(\\S*)");
    private static final Pattern PERCENT = Pattern.compile("%([0-9A-Fa-f]{2})");

    /**
     * One section.
     *
     * @param rc          the exit code the probe recorded, or null when the header's {@code rc=} is missing/invalid
     * @param headerLine  1-based line of the section header in the document
     * @param complete    the section was closed by {@code ### end}
     * @param headerError what is wrong with the header, or null
     */
    record Section(String name, Integer rc, Map<String, String> attributes, List<String> lines, int headerLine,
                   boolean complete, String headerError) {
        String attribute(String key) {
            return attributes.get(key);
        }

        /** The body as one string, lines joined by {@code \n}. */
        String text() {
            return String.join("\n", lines);
        }

        /** The first non-blank body line, trimmed, or {@code ""}. */
        String firstLine() {
            return lines.stream().map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElse("");
        }
    }

    private final String host;
    private final List<Section> sections;
    private final List<String> faults;

    private ProbeDocument(String host, List<Section> sections, List<String> faults) {
        this.host = host;
        this.sections = List.copyOf(sections);
        this.faults = List.copyOf(faults);
    }

    /** The {@code host=} of the document header (informational), or null. */
    String host() {
        return host;
    }

    List<Section> sections() {
        return sections;
    }

    /** Framing faults ({@code line N: ...}): text outside any section, a stray {@code ### end}. */
    List<String> faults() {
        return faults;
    }

    /** Frames a probe document; throws only when the header is missing or names another format version. */
    static ProbeDocument parse(byte[] body) throws PayloadException {
        if (body == null) throw new PayloadException("probe output: empty");
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n", -1);
        int i = 0;
        while (i < lines.length && strip(lines[i]).isBlank()) i++;
        if (i == lines.length) throw new PayloadException("probe output: empty");
        Matcher h = HEADER.matcher(strip(lines[i]).stripTrailing());
        if (!h.matches()) {
            throw new PayloadException("line " + (i + 1) + ": not a preflight probe document (expected '### preflight-probe v"
                    + VERSION + " host=<host>')");
        }
        if (!h.group(1).equals(Integer.toString(VERSION))) {
            throw new PayloadException("line " + (i + 1) + ": probe format v" + h.group(1) + " is not supported (this"
                    + " version reads v" + VERSION + ")");
        }
        Map<String, String> headerAttrs = attributes(h.group(2), new ArrayList<>());
        List<Section> sections = new ArrayList<>();
        List<String> faults = new ArrayList<>();
        Builder open = null;
        for (i = i + 1; i < lines.length; i++) {
            String line = strip(lines[i]);
            String trimmed = line.stripTrailing();
            Matcher s = SECTION.matcher(trimmed);
            if (s.matches()) {
                if (open != null) sections.add(open.build(false));
                open = new Builder(s.group(1), i + 1);
            } else if (trimmed.equals("### end")) {
                if (open == null) {
                    faults.add("line " + (i + 1) + ": '### end' outside any section");
                } else {
                    sections.add(open.build(true));
                    open = null;
                }
            } else if (open != null) {
                open.lines.add(line.startsWith("\\") ? line.substring(1) : line);
            } else if (!trimmed.isBlank()) {
                faults.add("line " + (i + 1) + ": text outside any section");
            }
        }
        if (open != null) sections.add(open.build(false));
        return new ProbeDocument(headerAttrs.get("host"), sections, faults);
    }

    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static Map<String, String> attributes(String text, List<String> errors) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) return out;
        for (String token : text.trim().split("\\s+")) {
            Matcher m = ATTRIBUTE.matcher(token);
            if (m.matches()) {
                out.put(m.group(1), decode(m.group(2)));
            } else {
                errors.add("'" + token + "' is not key=value");
            }
        }
        return out;
    }

    /** Undoes the probe's percent-encoding ({@code %20} for a space in a path). */
    static String decode(String value) {
        Matcher m = PERCENT.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(
                String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        m.appendTail(sb);
        return sb.toString();
    }

    private static final class Builder {
        final String name;
        final Integer rc;
        final Map<String, String> attributes;
        final int headerLine;
        final List<String> lines = new ArrayList<>();
        final String headerError;

        Builder(String rest, int headerLine) {
            this.headerLine = headerLine;
            List<String> errors = new ArrayList<>();
            String[] parts = rest == null ? new String[0] : rest.trim().split("\\s+", 2);
            String n = parts.length > 0 ? parts[0] : "";
            if (!NAME.matcher(n).matches()) {
                errors.add("missing or invalid section name");
                n = n.isEmpty() ? "?" : n;
            }
            this.name = n;
            Map<String, String> attrs = attributes(parts.length > 1 ? parts[1] : null, errors);
            Integer code = null;
            String rcText = attrs.remove("rc");
            if (rcText == null) {
                errors.add("no rc=<exit code>");
            } else {
                try {
                    code = Integer.parseInt(rcText);
                } catch (NumberFormatException e) {
                    errors.add("rc '" + rcText + "' is not an integer");
                }
            }
            this.rc = code;
            this.attributes = attrs;
            this.headerError = errors.isEmpty() ? null
                    : "line " + headerLine + ": malformed section header: " + String.join("; ", errors);
        }

        Section build(boolean complete) {
            List<String> body = new ArrayList<>(lines);
            // the probe may print a newline before '### end' whether or not the output ended with one
            while (!body.isEmpty() && body.get(body.size() - 1).isBlank()) body.remove(body.size() - 1);
            return new Section(name, rc, Map.copyOf(attributes), List.copyOf(body), headerLine, complete, headerError);
        }
    }
}
