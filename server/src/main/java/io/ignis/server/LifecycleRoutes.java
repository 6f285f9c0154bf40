package io.ignis.server;

import io.ignis.server.http.Handler;
import io.ignis.server.http.Request;
import io.ignis.server.http.Response;
import io.ignis.server.http.Router;
import io.ignis.server.metrics.ReadyState;

/**
 * {@code /-/healthy}, {@code /-/ready}, {@code /-/reload} and {@code /-/quit} with Prometheus's texts and status
 * codes. Reload and quit answer POST and PUT only with {@code --web.enable-lifecycle}; otherwise 403.
 */
final class LifecycleRoutes {
    static final String APP_NAME = "Prometheus Server";

    private final Lifecycle lifecycle;
    private final boolean enabled;

    LifecycleRoutes(Lifecycle lifecycle, boolean enabled) {
        this.lifecycle = lifecycle;
        this.enabled = enabled;
    }

    void register(Router router) {
        router.get("/-/healthy", r -> Response.text(200, APP_NAME + " is Healthy.\n"));
        router.get("/-/ready", this::ready);
        Handler reload = enabled ? r -> reload() : r -> forbidden();
        Handler quit = enabled ? r -> quit() : r -> forbidden();
        router.post("/-/reload", reload).put("/-/reload", reload);
        router.post("/-/quit", quit).put("/-/quit", quit);
        Handler onlyPost = r -> Response.text(405, "Only POST or PUT requests allowed");
        router.get("/-/reload", onlyPost).get("/-/quit", onlyPost);
    }

    private Response ready(Request request) {
        ReadyState state = lifecycle.readyState();
        if (state == ReadyState.READY) {
            return Response.text(200, APP_NAME + " is Ready.\n");
        }
        return Response.text(503, "Service Unavailable")
                .withHeader("X-Prometheus-Stopping", state == ReadyState.STOPPING ? "true" : "false");
    }

    private Response reload() throws InterruptedException {
        try {
            lifecycle.reloadAndWait();
            return Response.text(200, "");
        } catch (ReloadException e) {
            return Response.text(500, "failed to reload config: " + e.getMessage() + "\n");
        }
    }

    private Response quit() {
        if (lifecycle.requestQuit("http")) {
            return Response.text(200, "Requesting termination... Goodbye!");
        }
        return Response.text(200, "Termination already in progress.");
    }

    private static Response forbidden() {
        return Response.text(403, "Lifecycle API is not enabled.");
    }
}
