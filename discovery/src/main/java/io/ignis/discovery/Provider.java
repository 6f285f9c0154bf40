package io.ignis.discovery;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One running discoverer and the jobs (subscriber sets) that share it. Guarded by the manager's lock; {@code
 * newSubs} is filled while a config is applied and swapped into {@code subs} at its end.
 */
final class Provider {
    final String name;
    final SdConfig config;
    final Discoverer discoverer;
    Set<String> subs = new LinkedHashSet<>();
    Set<String> newSubs = new LinkedHashSet<>();
    boolean started;
    boolean stopped;

    Provider(String name, SdConfig config, Discoverer discoverer) {
        this.name = name;
        this.config = config;
        this.discoverer = discoverer;
    }
}
