package io.ignis.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;

/** An {@link ObjectLookup} over a fixed list of objects. */
final class MapLookup implements ObjectLookup {
    private final List<HasMetadata> objects;

    MapLookup(List<HasMetadata> objects) {
        this.objects = List.copyOf(objects);
    }

    private <T extends HasMetadata> T find(Class<T> type, String namespace, String name) {
        for (HasMetadata o : objects) {
            if (type.isInstance(o) && o.getMetadata().getName().equals(name)
                    && (namespace == null || namespace.equals(o.getMetadata().getNamespace()))) {
                return type.cast(o);
            }
        }
        return null;
    }

    @Override
    public Service service(String namespace, String name) {
        return find(Service.class, namespace, name);
    }

    @Override
    public Pod pod(String namespace, String name) {
        return find(Pod.class, namespace, name);
    }

    @Override
    public Node node(String name) {
        return find(Node.class, null, name);
    }

    @Override
    public Namespace namespace(String name) {
        return find(Namespace.class, null, name);
    }

    @Override
    public ReplicaSet replicaSet(String namespace, String name) {
        return find(ReplicaSet.class, namespace, name);
    }

    @Override
    public Job job(String namespace, String name) {
        return find(Job.class, namespace, name);
    }
}
