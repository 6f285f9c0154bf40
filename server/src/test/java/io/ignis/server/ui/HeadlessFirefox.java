package io.ignis.server.ui;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ignis.server.ui.BiDiConnection.BiDiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code firefox-esr}, headless on a fresh profile, driven through the WebDriver BiDi server Firefox has
 * built in (Debian has no geckodriver): the browser is started with {@code --remote-debugging-port=0}, prints the
 * socket it listens on, and this class opens a BiDi session there and works in its first tab.
 */
final class HeadlessFirefox implements Browser {
    static final Path FIREFOX = Path.of("/usr/bin/firefox-esr");
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration COMMAND = Duration.ofSeconds(30);
    private static final Pattern LISTENING = Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    // Quiet the first-run and background machinery the remote agent's own recommended preferences leave on.
    private static final List<String> PREFS = List.of(
            "user_pref(\"browser.shell.checkDefaultBrowser\", false);",
            "user_pref(\"app.normandy.enabled\", false);",
            "user_pref(\"app.update.disabledForTesting\", true);",
            "user_pref(\"messaging-system.rsexperimentloader.enabled\", false);",
            "user_pref(\"datareporting.policy.dataSubmissionEnabled\", false);",
            "user_pref(\"toolkit.telemetry.reportingpolicy.firstRun\", false);",
            "user_pref(\"network.connectivity-service.enabled\", false);",
            "user_pref(\"network.captive-portal-service.enabled\", false);",
            "user_pref(\"browser.safebrowsing.update.enabled\", false);");

    private final Process process;
    private final Path log;
    private final BiDiConnection bidi;
    private final String context;

    private HeadlessFirefox(Process process, Path log, BiDiConnection bidi, String context) {
        this.process = process;
        this.log = log;
        this.bidi = bidi;
        this.context = context;
    }

    /** Fails when CI=true and Firefox is missing (CI must install {@code firefox-esr}); skips otherwise. */
    static void requireInstalled() {
        if (Files.isExecutable(FIREFOX)) {
            return;
        }
        String why = "browser tests need " + FIREFOX + " (Debian package firefox-esr)";
        if ("true".equals(System.getenv("CI"))) {
            fail(why + "; it is missing and CI=true");
        }
        assumeTrue(false, why + "; skipped because it is missing");
    }

    /** Starts Firefox with its profile in {@code profile} (created fresh) and opens a BiDi session. */
    static HeadlessFirefox start(Path profile) throws IOException {
        Files.createDirectories(profile);
        Files.write(profile.resolve("user.js"), PREFS);
        Path log = profile.resolveSibling(profile.getFileName() + ".log");
        ProcessBuilder builder = new ProcessBuilder(FIREFOX.toString(), "--headless", "--no-remote", "--profile",
                profile.toAbsolutePath().toString(), "--remote-debugging-port=0", "about:blank")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MOZ_HEADLESS", "1");
        Process process = builder.start();
        BiDiConnection bidi = null;
        try {
            bidi = BiDiConnection.open(URI.create(awaitSocket(process, log) + "/session"), COMMAND);
            bidi.send("session.new", BiDiConnection.object().set("capabilities", BiDiConnection.object()), COMMAND);
            String context = bidi.send("browsingContext.getTree", BiDiConnection.object().put("maxDepth", 0), COMMAND)
                    .path("contexts").path(0).path("context").asText();
            ObjectNode viewport = BiDiConnection.object().put("context", context);
            viewport.putObject("viewport").put("width", 1280).put("height", 1000);
            bidi.send("browsingContext.setViewport", viewport, COMMAND);
            return new HeadlessFirefox(process, log, bidi, context);
        } catch (RuntimeException e) {
            if (bidi != null) {
                bidi.close();
            }
            process.destroyForcibly();
            throw e;
        }
    }

    /** Polls Firefox's output for the line naming its BiDi socket; fails with that output if Firefox exits. */
    private static String awaitSocket(Process process, Path log) throws IOException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            String out = Files.readString(log, StandardCharsets.UTF_8);
            Matcher m = LISTENING.matcher(out);
            if (m.find()) {
                return m.group(1);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("firefox exited with " + process.exitValue() + " before its BiDi "
                        + "server listened; its output:\n" + out);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        throw new IllegalStateException("firefox did not start its BiDi server within " + STARTUP + "; see " + log);
    }

    @Override
    public String name() {
        return "firefox";
    }

    @Override
    public void navigate(String url) {
        bidi.send("browsingContext.navigate", BiDiConnection.object().put("context", context).put("url", url)
                .put("wait", "complete"), COMMAND);
    }

    @Override
    public JsonNode evaluate(String body, Object... args) {
        JsonNode value = call(Browser.jsonResult(body), args);
        if (!"string".equals(value.path("type").asText())) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(value.path("value").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void type(String css, String withText, String text) {
        call(Browser.onElement("el.focus();"), css, withText);
        ArrayNode keys = JSON.createArrayNode();
        // As Selenium's sendKeys: a modifier stays down until NULL or the end of the text.
        List<String> held = new ArrayList<>();
        text.codePoints().forEach(c -> {
            String key = new String(Character.toChars(c));
            if (key.equals(Browser.NULL_KEY)) {
                held.forEach(k -> keys.addObject().put("type", "keyUp").put("value", k));
                held.clear();
            } else if (Browser.MODIFIER_KEYS.contains(key)) {
                keys.addObject().put("type", "keyDown").put("value", key);
                held.add(key);
            } else {
                keys.addObject().put("type", "keyDown").put("value", key);
                keys.addObject().put("type", "keyUp").put("value", key);
            }
        });
        held.forEach(k -> keys.addObject().put("type", "keyUp").put("value", k));
        ObjectNode source = JSON.createObjectNode().put("type", "key").put("id", "keyboard");
        source.set("actions", keys);
        perform(source);
    }

    @Override
    public void click(String css, String withText) {
        ArrayNode moves = pointerTo(css, withText);
        moves.addObject().put("type", "pointerDown").put("button", 0);
        moves.addObject().put("type", "pointerUp").put("button", 0);
        perform(pointer(moves));
    }

    @Override
    public void moveMouse(int x, int y) {
        ArrayNode moves = JSON.createArrayNode();
        moves.addObject().put("type", "pointerMove").put("x", x).put("y", y).put("origin", "viewport");
        perform(pointer(moves));
    }

    @Override
    public void screenshot(Path dir, String name) throws IOException {
        JsonNode shot = bidi.send("browsingContext.captureScreenshot", BiDiConnection.object().put("context", context),
                COMMAND);
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), Base64.getDecoder().decode(shot.path("data").asText()));
    }

    @Override
    public void close() {
        try {
            bidi.send("browser.close", null, Duration.ofSeconds(10));
        } catch (BiDiException e) {
            // The browser may drop the socket before it answers browser.close; the exit below is what counts.
        } finally {
            bidi.close();
            stopProcess();
        }
    }

    private void stopProcess() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** A pointer move onto the centre of the element {@link Browser#FIND_ELEMENT} finds. */
    private ArrayNode pointerTo(String css, String withText) {
        JsonNode element = callRaw("function () {\n" + FIND_ELEMENT + "\n}", css, withText);
        ArrayNode moves = JSON.createArrayNode();
        ObjectNode move = moves.addObject().put("type", "pointerMove").put("x", 0).put("y", 0);
        move.putObject("origin").put("type", "element").putObject("element")
                .put("sharedId", element.path("sharedId").asText());
        return moves;
    }

    private static ObjectNode pointer(ArrayNode actions) {
        ObjectNode source = JSON.createObjectNode().put("type", "pointer").put("id", "mouse");
        source.putObject("parameters").put("pointerType", "mouse");
        source.set("actions", actions);
        return source;
    }

    private void perform(ObjectNode source) {
        ObjectNode params = BiDiConnection.object().put("context", context);
        params.putArray("actions").add(source);
        bidi.send("input.performActions", params, COMMAND);
    }

    private JsonNode call(String body, Object... args) {
        return callRaw("function () {\n" + body + "\n}", args);
    }

    /** script.callFunction in the tab; returns the result's remote value or throws with the page's exception. */
    private JsonNode callRaw(String function, Object... args) {
        ObjectNode params = BiDiConnection.object().put("functionDeclaration", function).put("awaitPromise", false)
                .put("resultOwnership", "none");
        params.putObject("target").put("context", context);
        ArrayNode arguments = params.putArray("arguments");
        for (Object arg : args) {
            arguments.add(localValue(arg));
        }
        JsonNode result = bidi.send("script.callFunction", params, COMMAND);
        if ("exception".equals(result.path("type").asText())) {
            JsonNode details = result.path("exceptionDetails");
            throw new IllegalStateException("script failed in firefox: " + details.path("text").asText()
                    + "\nlog: " + log);
        }
        return result.path("result");
    }

    private static ObjectNode localValue(Object arg) {
        ObjectNode v = JSON.createObjectNode();
        if (arg == null) {
            return v.put("type", "null");
        }
        if (arg instanceof Number n) {
            return v.put("type", "number").put("value", n.doubleValue());
        }
        if (arg instanceof Boolean b) {
            return v.put("type", "boolean").put("value", b);
        }
        return v.put("type", "string").put("value", arg.toString());
    }
}
