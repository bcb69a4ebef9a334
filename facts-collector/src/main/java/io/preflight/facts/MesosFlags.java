package io.preflight.facts;

import java.util.Map;

/**
 * The effective flags of a master or agent ({@code /flags}): every flag with its value, defaults included, so it
 * cannot tell what an operator set.
 */
public record MesosFlags(String subject, String source, String component, Map<String, String> flags)
        implements Fact {
    public MesosFlags {
        flags = flags == null ? Map.of() : Map.copyOf(flags);
    }

    public String flag(String name) {
        return flags.get(name);
    }
}
