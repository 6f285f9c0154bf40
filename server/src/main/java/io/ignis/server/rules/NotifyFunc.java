package io.ignis.server.rules;

import java.util.List;

/** Receives the alerts of one rule that need sending after an evaluation (copies, owned by the callee). */
@FunctionalInterface
public interface NotifyFunc {
    void send(String expr, List<Alert> alerts);
}
