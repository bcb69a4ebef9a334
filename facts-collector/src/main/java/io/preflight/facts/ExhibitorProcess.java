package io.preflight.facts;

/** The Exhibitor process on a master: open file descriptors ({@code /proc/PID/fd}). */
public record ExhibitorProcess(String subject, String source, int openFds) implements Fact {
}
