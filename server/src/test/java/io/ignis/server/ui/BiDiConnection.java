package io.ignis.server.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebDriver BiDi connection (https://w3c.github.io/webdriver-bidi/): JSON commands over one WebSocket, each
 * answered by a message with the same id. Events are not subscribed to and any that arrive are ignored. Commands
 * may be sent from several threads; each waits for its own answer.
 */
final class BiDiConnection implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile Throwable closedBy;

    private BiDiConnection(URI uri, Duration timeout) {
        Listener listener = new Listener();
        try {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(timeout)
                    .buildAsync(uri, listener).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to " + uri, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot open the WebDriver BiDi socket " + uri, e);
        }
    }

    /** Connects to a BiDi endpoint such as {@code ws://127.0.0.1:port/session}. */
    static BiDiConnection open(URI uri, Duration timeout) {
        return new BiDiConnection(uri, timeout);
    }

    /**
     * Sends {@code method} with {@code params} and returns the command's {@code result}; a BiDi error answer, a closed
     * socket or no answer within {@code timeout} throws {@link BiDiException}.
     */
    JsonNode send(String method, JsonNode params, Duration timeout) {
        long id = ids.incrementAndGet();
        ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
        command.set("params", params == null ? JSON.createObjectNode() : params);
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            if (closedBy != null) {
                throw new BiDiException(method + ": the connection is closed", closedBy);
            }
            socket.sendText(JSON.writeValueAsString(command), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            JsonNode message = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if ("error".equals(message.path("type").asText())) {
                throw new BiDiException(method + " failed: " + message.path("error").asText() + ": "
                        + message.path("message").asText(), null);
            }
            return message.path("result");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BiDiException(method + ": interrupted", e);
        } catch (ExecutionException e) {
            throw new BiDiException(method + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new BiDiException(method + ": no answer within " + timeout, e);
        } finally {
            pending.remove(id);
        }
    }

    /** A new empty JSON object, for building command parameters. */
    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private void failAll(Throwable cause) {
        closedBy = cause;
        pending.values().forEach(f -> f.completeExceptionally(cause));
    }

    /** Reassembles text frames into messages and hands answers to the waiting command. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                dispatch(text);
            }
            webSocket.request(1);
            return null;
        }

        private void dispatch(String text) {
            JsonNode message;
            try {
                message = JSON.readTree(text);
            } catch (IOException e) {
                failAll(new BiDiException("unparsable BiDi message: " + text, e));
                return;
            }
            JsonNode id = message.get("id");
            if (id == null || !id.canConvertToLong()) {
                return;
            }
            CompletableFuture<JsonNode> answer = pending.get(id.asLong());
            if (answer != null) {
                answer.complete(message);
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failAll(new BiDiException("the browser closed the BiDi socket (" + statusCode + " " + reason + ")", null));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failAll(error);
        }
    }

    /** A BiDi command that failed, timed out or lost its connection. */
    static final class BiDiException extends RuntimeException {
        BiDiException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
