package io.ignis.discovery.kubernetes;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Keys of objects whose group must be rebuilt, like client-go's workqueue: a key queued twice before it is taken
 * is processed once, with the object's state at that time.
 */
final class WorkQueue {
    private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    void add(String key) {
        if (queued.add(key)) {
            queue.add(key);
        }
    }

    String take() throws InterruptedException {
        String key = queue.take();
        queued.remove(key);
        return key;
    }
}
