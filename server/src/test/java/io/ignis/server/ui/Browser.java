package io.ignis.server.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * A real headless browser as the end-to-end scenarios drive it: navigate, run JavaScript, and type, click and hover
 * with real input events. Chromium implements it through chromedriver, Firefox through its native WebDriver BiDi.
 * Elements are named by a CSS selector and, optionally, their exact trimmed text; the first match is used.
 */
interface Browser extends AutoCloseable {
    /** The browser's name, used for screenshot directories and printed figures. */
    String name();

    /** Loads {@code url} and returns once the document's load event has fired. */
    void navigate(String url);

    /**
     * Runs {@code body} as the body of a function called with {@code args} (reachable as {@code arguments[i]};
     * strings and numbers only) and returns its result through JSON.stringify: {@code undefined} becomes a JSON
     * null, DOM nodes are not allowed.
     */
    JsonNode evaluate(String body, Object... args);

    /** WebDriver's code points for keys without a character (Selenium's {@code Keys}), usable in {@link #type}. */
    String TAB = "\uE004";
    String ENTER = "\uE006";
    String SHIFT = "\uE008";
    String NULL_KEY = "\uE000";
    /** Shift, Control, Alt and Meta: held from where they appear in typed text until {@link #NULL_KEY} or its end. */
    Set<String> MODIFIER_KEYS = Set.of(SHIFT, "\uE009", "\uE00A", "\uE03D");

    /**
     * Focuses the element and types {@code text} as key presses; WebDriver key code points such as {@link #TAB}
     * press that key, and modifiers stay down as {@link #MODIFIER_KEYS} says.
     */
    void type(String css, String withText, String text);

    /** Scrolls the element into view and clicks its centre with the mouse. */
    void click(String css, String withText);

    /** Moves the mouse to a point of the viewport, in CSS pixels from its top left corner. */
    void moveMouse(int x, int y);

    /** Writes the visible page as {@code dir/name.png}; a build artefact for a human to look at. */
    void screenshot(Path dir, String name) throws IOException;

    @Override
    void close();

    /**
     * The script that finds an element for {@link #type} and {@link #click}: arguments[0] is the
     * selector, arguments[1] the text or null; it returns the element scrolled into view, or throws.
     */
    String FIND_ELEMENT = """
            const [css, text] = arguments;
            const el = [...document.querySelectorAll(css)]
                .find((e) => text === null || text === undefined || e.textContent.trim() === text);
            if (!el) {
                throw new Error('no element matches ' + css + (text == null ? '' : ' with text ' + JSON.stringify(text)));
            }
            el.scrollIntoView({block: 'center', inline: 'center'});
            return el;
            """;

    /** A function body that finds the element as {@link #FIND_ELEMENT} does, as {@code el}, then runs {@code action}. */
    static String onElement(String action) {
        return "const el = (function () {\n" + FIND_ELEMENT + "\n}).apply(null, arguments);\n" + action;
    }

    /** Wraps a function body so its result comes back as a JSON string (see {@link #evaluate}). */
    static String jsonResult(String body) {
        return "return JSON.stringify((function () {\n" + body + "\n}).apply(null, arguments));";
    }
}
