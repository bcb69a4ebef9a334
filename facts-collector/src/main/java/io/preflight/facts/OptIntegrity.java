package io.preflight.facts;

import java.util.List;

/** Files under {@code /opt/mesosphere} that differ from the installed packages (empty when none do). */
public record OptIntegrity(String subject, String source, List<String> modifiedFiles) implements Fact {
    public OptIntegrity {
        modifiedFiles = modifiedFiles == null ? List.of() : List.copyOf(modifiedFiles);
    }
}
