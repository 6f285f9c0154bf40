package io.ignis.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;

/** The informers of one object kind, one per watched namespace (or one for all namespaces or cluster scope). */
final class Watched<T extends HasMetadata> {
    private final List<SharedIndexInformer<T>> informers = new ArrayList<>();

    void add(SharedIndexInformer<T> informer) {
        informers.add(informer);
    }

    List<SharedIndexInformer<T>> informers() {
        return informers;
    }

    /** The cached object, or null; namespace is null for cluster-scoped kinds. */
    T get(String namespace, String name) {
        String key = namespace == null ? name : namespace + "/" + name;
        for (SharedIndexInformer<T> inf : informers) {
            T t = inf.getStore().getByKey(key);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /** Every cached object. */
    List<T> list() {
        List<T> out = new ArrayList<>();
        for (SharedIndexInformer<T> inf : informers) {
            out.addAll(inf.getStore().list());
        }
        return out;
    }

    /** The cached objects with this key in the named index (added to every informer before start). */
    List<T> byIndex(String index, String key) {
        List<T> out = new ArrayList<>();
        for (SharedIndexInformer<T> inf : informers) {
            out.addAll(inf.getIndexer().byIndex(index, key));
        }
        return out;
    }

    boolean hasSynced() {
        for (SharedIndexInformer<T> inf : informers) {
            if (!inf.hasSynced()) {
                return false;
            }
        }
        return true;
    }
}
