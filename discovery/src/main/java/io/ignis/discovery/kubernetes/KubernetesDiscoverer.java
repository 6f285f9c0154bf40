package io.ignis.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.ignis.config.KubernetesSdConfig;
import io.ignis.config.KubernetesSdConfig.AttachMetadata;
import io.ignis.discovery.Discoverer;
import io.ignis.discovery.DiscoveryMetrics;
import io.ignis.discovery.TargetGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes SD as Prometheus's {@code discovery/kubernetes}: list-then-watch informers (fabric8) for the role's
 * objects and for the objects whose labels they borrow (services and pods for endpoints, nodes and namespaces for
 * {@code attach_metadata}, ...). Events only queue the key of the role's object; one worker rebuilds its group from
 * the caches once every informer has synced, so a burst of events for one object sends one group. A deleted object
 * sends an empty group. Dropped watches and failed lists are retried by the informers with backoff and counted in
 * {@code prometheus_sd_kubernetes_failures_total} ({@link FailureCounter}); the caches, and so the targets, stay as
 * last known meanwhile.
 */
public final class KubernetesDiscoverer implements Discoverer {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesDiscoverer.class);
    private static final long SYNC_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final KubernetesSdConfig config;
    private final String role;
    private final DiscoveryMetrics metrics;
    private final KubernetesClient client;
    private final List<String> namespaces;
    private final AttachMetadata attach;
    private final WorkQueue queue = new WorkQueue();
    private final List<SharedIndexInformer<?>> all = new ArrayList<>();
    private final Lookup lookup = new Lookup();
    private Watched<Node> nodes;
    private Watched<Pod> pods;
    private Watched<Service> services;
    private Watched<Endpoints> endpoints;
    private Watched<EndpointSlice> slices;
    private Watched<Ingress> ingresses;
    private Watched<Namespace> namespaceObjects;
    private Watched<ReplicaSet> replicaSets;
    private Watched<Job> jobs;
    private Thread worker;
    private volatile boolean closed;

    /** Creates the client at once, so a bad kubeconfig or a missing in-cluster setup fails the config. */
    public KubernetesDiscoverer(KubernetesSdConfig config, String setName, DiscoveryMetrics metrics) {
        this(config, metrics, InCluster.pod());
    }

    /** @param inCluster where the service account and environment are, used without api_server and kubeconfig */
    KubernetesDiscoverer(KubernetesSdConfig config, DiscoveryMetrics metrics, InCluster inCluster) {
        this(config, metrics, KubernetesClients.create(config, metrics, inCluster), inCluster);
    }

    KubernetesDiscoverer(KubernetesSdConfig config, DiscoveryMetrics metrics, KubernetesClient client,
            InCluster inCluster) {
        this.config = Objects.requireNonNull(config, "config");
        this.role = config.role();
        Roles.source(role, "", ""); // rejects an unknown role now rather than at start
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.client = client;
        this.attach = config.attachMetadata() == null ? new AttachMetadata(false, false, false, false, false)
                : config.attachMetadata();
        this.namespaces = namespaces(config, inCluster);
    }

    // Prometheus's getNamespaces: the listed names plus our own, or every namespace (null) when none is given.
    private static List<String> namespaces(KubernetesSdConfig config, InCluster inCluster) {
        KubernetesSdConfig.Namespaces ns = config.namespaces();
        List<String> out = new ArrayList<>(ns == null ? List.of() : ns.names());
        boolean own = ns != null && ns.ownNamespace();
        if (out.isEmpty() && !own) {
            out.add(null);
        } else if (own && (config.apiServer() == null || config.apiServer().isEmpty())
                && (config.kubeconfigFile() == null || config.kubeconfigFile().isEmpty())) {
            out.add(inCluster.ownNamespace());
        }
        return out;
    }

    @Override
    public void start(Consumer<List<TargetGroup>> sink) {
        switch (role) {
            case "node" -> nodes = watchNodes(handler("node", o -> queue.add(o.getMetadata().getName())));
            case "pod" -> startPods();
            case "service" -> startServices();
            case "ingress" -> startIngresses();
            case "endpoints" -> startEndpoints();
            case "endpointslice" -> startEndpointSlices();
            default -> throw new IllegalArgumentException("unknown Kubernetes SD role \"" + role + "\"");
        }
        for (SharedIndexInformer<?> inf : all) {
            inf.start();
        }
        worker = new Thread(() -> work(sink), "sd-kubernetes-" + role);
        worker.setDaemon(true);
        worker.start();
    }

    private void startPods() {
        Map<String, Function<Pod, List<String>>> indexes = new HashMap<>();
        indexes.put(References.NODE_INDEX, References::nodeOfPod);
        indexes.put(References.REPLICASET_INDEX, p -> References.controller(p, "ReplicaSet"));
        indexes.put(References.JOB_INDEX, p -> References.controller(p, "Job"));
        pods = watchNamespaced(client.pods(), "pod", handler("pod", this::enqueue), indexes);
        if (attach.node()) {
            nodes = watchNodes(handler(null, n -> enqueueIndexed(pods, References.NODE_INDEX,
                    n.getMetadata().getName())));
        }
        if (attach.namespace()) {
            namespaceObjects = watchNamespaces(pods);
        }
        if (attach.deployment()) {
            replicaSets = watchNamespaced(client.apps().replicaSets(), "replicaset",
                    handler(null, rs -> enqueueIndexed(pods, References.REPLICASET_INDEX, References.key(rs))),
                    Map.of());
        }
        if (attach.job() || attach.cronjob()) {
            jobs = watchNamespaced(client.batch().v1().jobs(), "job",
                    handler(null, j -> enqueueIndexed(pods, References.JOB_INDEX, References.key(j))), Map.of());
        }
    }

    private void startServices() {
        services = watchNamespaced(client.services(), "service", handler("service", this::enqueue), Map.of());
        if (attach.namespace()) {
            namespaceObjects = watchNamespaces(services);
        }
    }

    private void startIngresses() {
        ingresses = watchNamespaced(client.network().v1().ingresses(), "ingress", handler("ingress", this::enqueue),
                Map.of());
        if (attach.namespace()) {
            namespaceObjects = watchNamespaces(ingresses);
        }
    }

    private void startEndpoints() {
        Map<String, Function<Endpoints, List<String>>> indexes = new HashMap<>();
        indexes.put(References.NODE_INDEX, References::nodesOf);
        indexes.put(References.POD_INDEX, References::podsOf);
        endpoints = watchNamespaced(client.endpoints(), "endpoints", handler("endpoints", this::enqueue), indexes);
        // An Endpoints object has its service's name.
        services = watchNamespaced(client.services(), "service", handler("service", this::enqueue), Map.of());
        pods = watchNamespaced(client.pods(), "pod", handler("pod",
                p -> enqueueIndexed(endpoints, References.POD_INDEX, References.key(p))), Map.of());
        attachForEndpoints(endpoints);
    }

    private void startEndpointSlices() {
        Map<String, Function<EndpointSlice, List<String>>> indexes = new HashMap<>();
        indexes.put(References.NODE_INDEX, References::nodesOf);
        indexes.put(References.POD_INDEX, References::podsOf);
        indexes.put(References.SERVICE_INDEX, References::serviceOfSlice);
        slices = watchNamespaced(client.discovery().v1().endpointSlices(), "endpointslice",
                handler("endpointslice", this::enqueue), indexes);
        services = watchNamespaced(client.services(), "service", handler("service",
                s -> enqueueIndexed(slices, References.SERVICE_INDEX, References.key(s))), Map.of());
        pods = watchNamespaced(client.pods(), "pod", handler("pod",
                p -> enqueueIndexed(slices, References.POD_INDEX, References.key(p))), Map.of());
        attachForEndpoints(slices);
    }

    private <T extends HasMetadata> void attachForEndpoints(Watched<T> primary) {
        if (attach.node()) {
            nodes = watchNodes(handler(null, n -> enqueueIndexed(primary, References.NODE_INDEX,
                    n.getMetadata().getName())));
        }
        if (attach.namespace()) {
            namespaceObjects = watchNamespaces(primary);
        }
        if (attach.deployment()) {
            replicaSets = watchNamespaced(client.apps().replicaSets(), "replicaset", null, Map.of());
        }
        if (attach.job() || attach.cronjob()) {
            jobs = watchNamespaced(client.batch().v1().jobs(), "job", null, Map.of());
        }
    }

    private void enqueue(HasMetadata o) {
        queue.add(References.key(o));
    }

    private <T extends HasMetadata> void enqueueIndexed(Watched<T> watched, String index, String key) {
        for (T o : watched.byIndex(index, key)) {
            enqueue(o);
        }
    }

    /** Counts events under {@code countAs} (null: not counted, as Prometheus) and passes the object on. */
    private <T extends HasMetadata> ResourceEventHandler<T> handler(String countAs, Consumer<T> changed) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                count("add");
                changed.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                count("update");
                changed.accept(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                count("delete");
                changed.accept(obj);
            }

            private void count(String event) {
                if (countAs != null) {
                    metrics.kubernetesEvent(countAs, event);
                }
            }
        };
    }

    private Watched<Node> watchNodes(ResourceEventHandler<Node> handler) {
        Watched<Node> w = new Watched<>();
        w.add(informer(client.nodes(), "node", handler, Map.of()));
        return w;
    }

    // As Prometheus, only namespace updates matter: labels and annotations of an existing namespace changed. The
    // role's objects in that namespace are found through the namespace index every fabric8 informer keeps.
    private <T extends HasMetadata> Watched<Namespace> watchNamespaces(Watched<T> requeue) {
        Watched<Namespace> w = new Watched<>();
        w.add(informer(client.namespaces(), null, new ResourceEventHandler<>() {
            @Override
            public void onAdd(Namespace obj) {
            }

            @Override
            public void onUpdate(Namespace oldObj, Namespace newObj) {
                enqueueIndexed(requeue, Cache.NAMESPACE_INDEX, newObj.getMetadata().getName());
            }

            @Override
            public void onDelete(Namespace obj, boolean deletedFinalStateUnknown) {
            }
        }, Map.of()));
        return w;
    }

    private <T extends HasMetadata, L, R extends Resource<T>> Watched<T> watchNamespaced(MixedOperation<T, L, R> op,
            String kind, ResourceEventHandler<T> handler, Map<String, Function<T, List<String>>> indexes) {
        Watched<T> w = new Watched<>();
        for (String ns : namespaces) {
            if (ns == null) {
                w.add(informer(op.inAnyNamespace(), kind, handler, indexes));
            } else {
                w.add(informer(op.inNamespace(ns), kind, handler, indexes));
            }
        }
        return w;
    }

    /** An informer with the config's selectors for {@code kind}; not started yet. */
    private <T extends HasMetadata, L, R> SharedIndexInformer<T> informer(FilterWatchListDeletable<T, L, R> op,
            String kind, ResourceEventHandler<T> handler, Map<String, Function<T, List<String>>> indexes) {
        FilterWatchListDeletable<T, L, R> f = op;
        for (KubernetesSdConfig.Selector s : config.selectors()) {
            if (!s.role().equals(kind)) {
                continue;
            }
            if (s.label() != null && !s.label().isEmpty()) {
                f = f.withLabelSelector(s.label());
            }
            if (s.field() != null && !s.field().isEmpty()) {
                f = FieldSelectors.apply(f, s.field());
            }
        }
        // Resync off, as Prometheus: it would only resend what was already processed.
        SharedIndexInformer<T> inf = f.runnableInformer(0);
        if (!indexes.isEmpty()) {
            inf.addIndexers(indexes);
        }
        if (handler != null) {
            inf.addEventHandler(handler);
        }
        // Failed requests are counted by FailureCounter; this only decides to keep retrying.
        inf.exceptionHandler((isStarted, t) -> {
            if (!closed) {
                LOG.warn("kubernetes list or watch failed, retrying role={} kind={} err=\"{}\"", role,
                        inf.getApiTypeClass().getSimpleName(), t.getMessage());
            }
            return !closed;
        });
        all.add(inf);
        return inf;
    }

    private void work(Consumer<List<TargetGroup>> sink) {
        while (!closed && !allSynced()) {
            LockSupport.parkNanos(SYNC_POLL_NANOS);
        }
        try {
            while (!closed) {
                String key = queue.take();
                TargetGroup group = process(key);
                if (group != null && !closed) {
                    sink.accept(List.of(group));
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** Whether every informer has listed and now watches; tests wait for it before changing objects. */
    boolean isWatching() {
        for (SharedIndexInformer<?> inf : all) {
            if (!inf.isWatching()) {
                return false;
            }
        }
        return !all.isEmpty();
    }

    private boolean allSynced() {
        for (SharedIndexInformer<?> inf : all) {
            if (!inf.hasSynced()) {
                return false;
            }
        }
        return true;
    }

    /** The group for one queued key: rebuilt from the cache, or empty when the object is gone. */
    TargetGroup process(String key) {
        int slash = key.indexOf('/');
        String ns = slash < 0 ? null : key.substring(0, slash);
        String name = key.substring(slash + 1);
        HasMetadata obj = primary().get(ns, name);
        return obj == null ? TargetGroup.empty(Roles.source(role, ns, name)) : Roles.build(role, obj, lookup, attach);
    }

    private Watched<? extends HasMetadata> primary() {
        return switch (role) {
            case "node" -> nodes;
            case "pod" -> pods;
            case "service" -> services;
            case "ingress" -> ingresses;
            case "endpoints" -> endpoints;
            case "endpointslice" -> slices;
            default -> throw new IllegalStateException("bug: role " + role);
        };
    }

    /** Lookups into whichever caches this role keeps. */
    private final class Lookup implements ObjectLookup {
        @Override
        public Service service(String namespace, String name) {
            return services == null ? null : services.get(namespace, name);
        }

        @Override
        public Pod pod(String namespace, String name) {
            return pods == null ? null : pods.get(namespace, name);
        }

        @Override
        public Node node(String name) {
            return nodes == null ? null : nodes.get(null, name);
        }

        @Override
        public Namespace namespace(String name) {
            return namespaceObjects == null ? null : namespaceObjects.get(null, name);
        }

        @Override
        public ReplicaSet replicaSet(String namespace, String name) {
            return replicaSets == null ? null : replicaSets.get(namespace, name);
        }

        @Override
        public Job job(String namespace, String name) {
            return jobs == null ? null : jobs.get(namespace, name);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (SharedIndexInformer<?> inf : all) {
            inf.stop();
        }
        if (worker != null) {
            worker.interrupt();
        }
        client.close();
    }
}
