package io.preflight.facts;

/** A node's {@code /opt/mesosphere/etc/dcos-version.json}: the DC/OS version it runs. */
public record DcosInstall(String subject, String source, String version, String variant, String bootstrapId)
        implements Fact {
}
