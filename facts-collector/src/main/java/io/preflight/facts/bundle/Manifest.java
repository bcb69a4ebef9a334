package io.preflight.facts.bundle;

import io.preflight.facts.CollectionProblem;
import io.preflight.facts.Role;
import io.preflight.facts.parse.PayloadKind;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The {@code manifest.json} of a fact bundle: which tool wrote it and when, the cluster, the nodes the cluster
 * expects, every payload file with where it came from, and every collection problem. See
 * {@code docs/bundle-format.md}. Immutable; lists are copied, {@code null} lists become empty.
 *
 * @param formatVersion the bundle format version ({@link #FORMAT_VERSION} for everything this code writes)
 */
public record Manifest(int formatVersion, Tool tool, Instant createdAt, Cluster cluster, List<Node> nodes,
                       List<Payload> payloads, List<Problem> problems) {

    /** The format version this code writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    public Manifest {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        payloads = payloads == null ? List.of() : List.copyOf(payloads);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** A manifest of the current {@link #FORMAT_VERSION}. */
    public static Manifest of(Tool tool, Instant createdAt, Cluster cluster, List<Node> nodes,
                              List<Payload> payloads, List<Problem> problems) {
        return new Manifest(FORMAT_VERSION, tool, createdAt, cluster, nodes, payloads, problems);
    }

    /** The node with this host, or null. */
    public Node node(String host) {
        for (Node n : nodes) if (n.host().equals(host)) return n;
        return null;
    }

    /** The program that wrote the bundle, e.g. {@code preflight 0.1.0}. */
    public record Tool(String name, String version) {
    }

    /**
     * The cluster the bundle describes, with the endpoints it was collected from.
     *
     * @param name      the cluster name (required)
     * @param mesos     the Mesos master URL used, may be null
     * @param marathon  the Marathon URL used, may be null
     * @param exhibitor the Exhibitor URL used, may be null
     */
    public record Cluster(String name, String mesos, String marathon, String exhibitor) {
    }

    /**
     * A node the cluster expects.
     *
     * @param host   the node's address as the cluster names it; also its folder under {@code nodes/}
     * @param role   its role; {@link Role#UNKNOWN} when no source said (e.g. an inventory node that never answered)
     * @param seenBy which sources named it, comma-separated, e.g. {@code master_list,mesos}; may be empty
     */
    public record Node(String host, Role role, String seenBy) {
        public Node {
            seenBy = seenBy == null ? "" : seenBy;
        }
    }

    /**
     * One stored payload file.
     *
     * @param subject     the node's host for per-node kinds, the cluster name for cluster-level ones
     * @param file        its path inside the bundle, always {@link #fileFor(PayloadKind, String)}
     * @param source      where it came from (endpoint URL, {@code ssh://host:port}, ...), copied into each fact
     * @param collectedAt when it was collected
     */
    public record Payload(PayloadKind kind, String subject, String file, String source, Instant collectedAt) {
        /** A payload entry stored at its standard place. */
        public static Payload of(PayloadKind kind, String subject, String source, Instant collectedAt) {
            return new Payload(kind, subject, fileFor(kind, subject), source, collectedAt);
        }
    }

    /**
     * A collection problem, as {@link CollectionProblem} holds it.
     *
     * @param detail never contains a secret; may be empty
     * @param source may be empty
     */
    public record Problem(String subject, CollectionProblem.Kind kind, String what, String detail, String source) {
        public Problem {
            detail = detail == null ? "" : detail;
            source = source == null ? "" : source;
        }

        public static Problem of(CollectionProblem p) {
            return new Problem(p.subject(), p.kind(), p.what(), p.detail(), p.source());
        }
    }

    /** The standard file of a payload: {@code cluster/<file>} or {@code nodes/<host>/<file>}. */
    public static String fileFor(PayloadKind kind, String subject) {
        return kind.perNode() ? "nodes/" + subject + "/" + kind.fileName() : "cluster/" + kind.fileName();
    }

    /** A payload kind's manifest name: {@code MESOS_STATE} is {@code mesos-state}. */
    public static String kindName(PayloadKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The payload kind with this manifest name, or null. */
    public static PayloadKind kindByName(String name) {
        for (PayloadKind k : PayloadKind.values()) if (kindName(k).equals(name)) return k;
        return null;
    }

    /** A role's manifest name: {@code master}, {@code agent}, {@code agent_public} or {@code unknown}. */
    public static String roleName(Role role) {
        return role == null ? null : role.name().toLowerCase(Locale.ROOT);
    }
}
