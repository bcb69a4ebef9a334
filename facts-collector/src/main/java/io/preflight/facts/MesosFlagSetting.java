package io.preflight.facts;

/**
 * A Mesos flag an operator (or DC/OS) <em>set</em>: a {@code MESOS_*} line in an env file the systemd units load,
 * or a command-line argument. This, not {@code /flags}, says what was set.
 *
 * @param component   {@code master} or {@code agent}
 * @param envVar      e.g. {@code MESOS_SLAVE_PING_TIMEOUT} (null for a command-line flag)
 * @param flag        the flag name, lower case, e.g. {@code slave_ping_timeout}
 * @param file        the env file path on the node, e.g. {@code /opt/mesosphere/etc/mesos-master}
 * @param line        1-based line in that file
 * @param dcosManaged the file is one DC/OS renders from its own config (not an operator-editable extras file)
 */
public record MesosFlagSetting(String subject, String source, String component, String envVar, String flag,
                               String value, String file, int line, boolean dcosManaged) implements Fact {
    /** {@code file:line} for evidence. */
    public String location() {
        return file + ":" + line;
    }
}
