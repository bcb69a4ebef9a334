package io.preflight.facts.parse;

import io.preflight.facts.TimeSync;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node's clock synchronization from the probe's time sections, read in this order: {@code chronyc-tracking},
 * {@code ntpstat}, {@code ntpq-p}, {@code timedatectl}, {@code adjtimex}.
 *
 * <p>The first section whose tool is installed and whose daemon answered decides. A tool that is not installed
 * (rc 127, "command not found") is skipped. A tool whose daemon is down (chrony "506 Cannot talk to daemon", ntpstat
 * rc 2 / "Unable to talk to NTP daemon", ntpq "Connection refused") counts only when no later tool answers: a node
 * may have chrony installed but run ntpd. Then the reading is "not synchronized" with the first such tool and a
 * detail saying its daemon is down.
 *
 * <p>{@code offsetMs} is how far the local clock is <em>ahead</em> of its reference (negative = behind), whatever
 * the tool's own convention: chrony's "System time : x seconds fast/slow of NTP time" is {@code +x}/{@code -x};
 * ntpq's and timesyncd's offset (reference minus local) is negated. {@code maxErrorMs}: chrony's root distance
 * (root delay / 2 + root dispersion), ntpstat's "time correct to within N ms", timesyncd's root distance, the
 * kernel's {@code maxerror} (µs) / 1000.
 */
final class TimeSyncParser {
    static final List<String> SECTIONS = List.of("chronyc-tracking", "ntpstat", "ntpq-p", "timedatectl", "adjtimex");
    private static final int STA_UNSYNC = 0x40;
    private static final Pattern SECONDS = Pattern.compile("([-+]?\\d+(?:\\.\\d+)?)\\s+seconds");
    private static final Pattern CHRONY_SYSTEM_TIME =
            Pattern.compile("([-+]?\\d+(?:\\.\\d+)?)\\s+seconds\\s+(fast|slow)", Pattern.CASE_INSENSITIVE);
    private static final Pattern NTPSTAT_WITHIN = Pattern.compile("within\\s+(\\d+(?:\\.\\d+)?)\\s*ms");
    private static final Pattern DURATION = Pattern.compile("([-+]?\\d+(?:\\.\\d+)?)(us|µs|ms|s|min)\\b");

    enum Outcome { ANSWERED, DAEMON_DOWN, NOT_INSTALLED }

    /** What one tool said. {@code sync} is null when the tool is not installed. */
    record Reading(Outcome outcome, TimeSync sync) {
    }

    private TimeSyncParser() {
    }

    /**
     * @param sections the complete time sections by name (absent ones missing from the map)
     * @return the reading that decides, or null when no time tool is installed on the node
     * @throws PayloadException when a present tool's output cannot be read and no other tool answered
     */
    static TimeSync parse(String subject, String source, Map<String, ProbeDocument.Section> sections)
            throws PayloadException {
        TimeSync firstDown = null;
        List<String> down = new ArrayList<>();
        PayloadException firstError = null;
        for (String name : SECTIONS) {
            ProbeDocument.Section s = sections.get(name);
            if (s == null) continue;
            Reading r;
            try {
                r = read(subject, source, s);
            } catch (PayloadException e) {
                if (firstError == null) firstError = e;
                continue;
            }
            if (r.outcome() == Outcome.ANSWERED) return r.sync();
            if (r.outcome() == Outcome.DAEMON_DOWN) {
                if (firstDown == null) firstDown = r.sync();
                down.add(r.sync().detail());
            }
        }
        if (firstDown != null) {
            return new TimeSync(subject, source, false, null, null, firstDown.tool(), String.join("; ", down));
        }
        if (firstError != null) throw firstError;
        return null;
    }

    static Reading read(String subject, String source, ProbeDocument.Section s) throws PayloadException {
        String lower = s.text().toLowerCase(Locale.ROOT);
        if (Integer.valueOf(127).equals(s.rc()) || lower.contains("command not found") || lower.contains(": not found")) {
            return new Reading(Outcome.NOT_INSTALLED, null);
        }
        return switch (s.name()) {
            case "chronyc-tracking" -> chrony(subject, source, s);
            case "ntpstat" -> ntpstat(subject, source, s);
            case "ntpq-p" -> ntpq(subject, source, s);
            case "timedatectl" -> timedatectl(subject, source, s);
            case "adjtimex" -> adjtimex(subject, source, s);
            default -> throw new IllegalArgumentException("not a time section: " + s.name());
        };
    }

    private static Reading chrony(String subject, String source, ProbeDocument.Section s) throws PayloadException {
        if (s.text().contains("Cannot talk to daemon")) {
            return down(subject, source, "chrony", "chronyd is not running (" + s.firstLine() + ")");
        }
        String leap = null;
        Double offset = null;
        Double rootDelay = null;
        Double rootDispersion = null;
        for (String line : s.lines()) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "Leap status" -> leap = value;
                case "System time" -> {
                    Matcher m = CHRONY_SYSTEM_TIME.matcher(value);
                    if (m.find()) {
                        double ms = Double.parseDouble(m.group(1)) * 1000.0;
                        offset = m.group(2).equalsIgnoreCase("slow") ? -ms : ms;
                    }
                }
                case "Root delay" -> rootDelay = seconds(value);
                case "Root dispersion" -> rootDispersion = seconds(value);
                default -> { }
            }
        }
        if (leap == null) throw new PayloadException(where(s) + "chronyc tracking output has no 'Leap status'");
        String l = leap.toLowerCase(Locale.ROOT);
        boolean synced = !(l.startsWith("not") || l.startsWith("unsynchron"));
        Double maxError = rootDelay != null && rootDispersion != null ? (rootDelay / 2 + rootDispersion) * 1000.0 : null;
        return answered(subject, source, synced, offset, maxError, "chrony", "Leap status: " + leap);
    }

    private static Reading ntpstat(String subject, String source, ProbeDocument.Section s) throws PayloadException {
        String text = s.text();
        String lower = text.toLowerCase(Locale.ROOT);
        if (Integer.valueOf(2).equals(s.rc()) || lower.contains("unable to talk to ntp daemon")) {
            return down(subject, source, "ntpstat", "ntpd is not running (" + s.firstLine() + ")");
        }
        if (lower.contains("unsynchronised") || lower.contains("unsynchronized")) {
            return answered(subject, source, false, null, null, "ntpstat", s.firstLine());
        }
        if (lower.contains("synchronised to") || lower.contains("synchronized to")) {
            Matcher m = NTPSTAT_WITHIN.matcher(text);
            Double maxError = m.find() ? Double.valueOf(m.group(1)) : null;
            return answered(subject, source, true, null, maxError, "ntpstat", s.firstLine());
        }
        throw new PayloadException(where(s) + "ntpstat output says neither synchronised nor unsynchronised");
    }

    private static Reading ntpq(String subject, String source, ProbeDocument.Section s) throws PayloadException {
        String lower = s.text().toLowerCase(Locale.ROOT);
        if (lower.contains("connection refused")) {
            return down(subject, source, "ntpq", "ntpd is not running (" + s.firstLine() + ")");
        }
        if (lower.contains("no association id")) {
            return answered(subject, source, false, null, null, "ntpq", "ntpd has no peers");
        }
        boolean table = false;
        int peers = 0;
        for (String line : s.lines()) {
            if (line.startsWith("=====")) {
                table = true;
                continue;
            }
            if (!table || line.isBlank()) continue;
            peers++;
            char tally = line.charAt(0);
            if (tally == '*' || tally == 'o') {
                String[] cols = line.trim().split("\\s+");
                Double offset = null;
                if (cols.length >= 3) {
                    try {
                        offset = -Double.parseDouble(cols[cols.length - 2]);
                    } catch (NumberFormatException ignored) {
                        // offset unknown; the peer selection still says synchronized
                    }
                }
                String peer = line.substring(1).trim().split("\\s+")[0];
                return answered(subject, source, true, offset, null, "ntpq", "system peer " + peer);
            }
        }
        if (!table) throw new PayloadException(where(s) + "ntpq -p output has no peer table");
        return answered(subject, source, false, null, null, "ntpq",
                peers == 0 ? "ntpd has no peers" : "no system peer selected among " + peers + " (no '*' in ntpq -p)");
    }

    private static Reading timedatectl(String subject, String source, ProbeDocument.Section s) throws PayloadException {
        Boolean synced = null;
        String service = null;
        Double offset = null;
        Double rootDistance = null;
        for (String line : s.lines()) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "NTP synchronized", "System clock synchronized" -> synced = value.equalsIgnoreCase("yes");
                case "NTP service", "NTP enabled", "Network time on" -> service = key + ": " + value;
                case "Offset" -> {
                    Double ms = millis(value);
                    offset = ms == null ? null : -ms;
                }
                case "Root distance" -> rootDistance = millis(value);
                default -> { }
            }
        }
        if (synced == null) {
            throw new PayloadException(where(s) + "timedatectl output has no 'System clock synchronized' or"
                    + " 'NTP synchronized' line");
        }
        return answered(subject, source, synced, offset, rootDistance, "timedatectl",
                (synced ? "synchronized" : "not synchronized") + (service == null ? "" : ", " + service));
    }

    private static Reading adjtimex(String subject, String source, ProbeDocument.Section s) throws PayloadException {
        Long status = null;
        Long maxError = null;
        for (String line : s.lines()) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            try {
                if (key.equals("status")) status = Long.decode(value.split("\\s+")[0]);
                if (key.equals("maxerror")) maxError = Long.parseLong(value.split("\\s+")[0]);
            } catch (NumberFormatException e) {
                throw new PayloadException(where(s) + "adjtimex " + key + " '" + value + "' is not a number");
            }
        }
        if (status == null) throw new PayloadException(where(s) + "adjtimex output has no 'status' line");
        boolean synced = (status & STA_UNSYNC) == 0;
        return answered(subject, source, synced, null, maxError == null ? null : maxError / 1000.0, "adjtimex",
                "kernel status 0x" + Long.toHexString(status) + (synced ? "" : " (STA_UNSYNC set)"));
    }

    /** {@code +316us}, {@code 1.5ms}, {@code 2s}, {@code 1min 4s} (first unit only) → milliseconds. */
    static Double millis(String value) {
        Matcher m = DURATION.matcher(value);
        if (!m.find()) return null;
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us", "µs" -> v / 1000.0;
            case "ms" -> v;
            case "s" -> v * 1000.0;
            default -> v * 60_000.0;
        };
    }

    private static Double seconds(String value) {
        Matcher m = SECONDS.matcher(value);
        return m.find() ? Double.valueOf(m.group(1)) : null;
    }

    private static String where(ProbeDocument.Section s) {
        return "line " + s.headerLine() + ": ";
    }

    private static Reading answered(String subject, String source, boolean synced, Double offset, Double maxError,
                                    String tool, String detail) {
        return new Reading(Outcome.ANSWERED, new TimeSync(subject, source, synced, offset, maxError, tool, detail));
    }

    private static Reading down(String subject, String source, String tool, String detail) {
        return new Reading(Outcome.DAEMON_DOWN, new TimeSync(subject, source, false, null, null, tool, detail));
    }
}
