package io.ignis.server.api;

import java.util.List;

/** The notifier's discovered Alertmanager URLs, active and dropped; thread-safe snapshots. */
public interface AlertmanagersSource {
    List<String> active();

    List<String> dropped();

    AlertmanagersSource NONE = new AlertmanagersSource() {
        @Override
        public List<String> active() {
            return List.of();
        }

        @Override
        public List<String> dropped() {
            return List.of();
        }
    };
}
