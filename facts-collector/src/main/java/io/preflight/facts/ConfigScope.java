package io.preflight.facts;

/** Which config.yaml: the one the cluster runs, or the one prepared for the upgrade. */
public enum ConfigScope {
    RUNNING, TARGET;

    /** The subject used for findings about the whole file. */
    public String subject() {
        return this == RUNNING ? "config.yaml(running)" : "config.yaml(target)";
    }
}
