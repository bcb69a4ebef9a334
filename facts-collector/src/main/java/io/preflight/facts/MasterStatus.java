package io.preflight.facts;

/**
 * A Mesos master that answered, from its {@code /metrics/snapshot}.
 *
 * @param elected         {@code master/elected} is 1
 * @param replogRecovered {@code registrar/log/recovered}; null when the metric is absent
 */
public record MasterStatus(String subject, String source, boolean elected, Double replogRecovered)
        implements Fact {
}
