package io.preflight.facts;

/**
 * A node's clock synchronization, from whichever of chronyc / ntpstat / ntpq / timedatectl / adjtimex the node
 * has.
 *
 * @param synced      the time daemon (or kernel) says the clock is synchronized
 * @param offsetMs    the clock's offset from its reference in milliseconds (signed), null if unknown
 * @param maxErrorMs  the kernel's / daemon's maximum error estimate in milliseconds, null if unknown
 * @param tool        which tool said so: {@code chrony}, {@code ntpstat}, {@code ntpq}, {@code timedatectl},
 *                    {@code adjtimex}
 */
public record TimeSync(String subject, String source, boolean synced, Double offsetMs, Double maxErrorMs,
                       String tool, String detail) implements Fact {
}
