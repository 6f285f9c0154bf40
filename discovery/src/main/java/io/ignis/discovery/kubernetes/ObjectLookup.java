package io.ignis.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * The watched objects other than the role's own, by namespace and name: backed by informer caches while running,
 * by maps in tests. Each returns null when the object is unknown (or not watched, because no metadata asks for it).
 */
interface ObjectLookup {
    Service service(String namespace, String name);

    Pod pod(String namespace, String name);

    Node node(String name);

    Namespace namespace(String name);

    ReplicaSet replicaSet(String namespace, String name);

    Job job(String namespace, String name);
}
