package io.ignis.server.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AlertmanagerUrlTest {
    record PathCase(String name, String prefix, String want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<PathCase> paths() {
        return Stream.of(
                new PathCase("no prefix", "", "/api/v2/alerts"),
                new PathCase("root prefix", "/", "/api/v2/alerts"),
                new PathCase("plain prefix", "/prefix", "/prefix/api/v2/alerts"),
                new PathCase("trailing slashes", "/prefix//", "/prefix/api/v2/alerts"),
                new PathCase("relative prefix", "prefix//", "/prefix/api/v2/alerts"),
                new PathCase("nested prefix with dots", "/a/./b/../c", "/a/c/api/v2/alerts"),
                new PathCase("dot-dot above the root", "/../../x", "/x/api/v2/alerts"),
                new PathCase("null prefix", null, "/api/v2/alerts"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void postPathJoinsAndCleansLikeGo(PathCase c) {
        assertThat(AlertmanagerUrl.postPath(c.prefix(), "v2")).isEqualTo(c.want());
    }

    record UrlCase(String name, String scheme, String host, String path, String want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<UrlCase> urls() {
        return Stream.of(
                new UrlCase("all parts", "http", "am:9093", "/api/v2/alerts", "http://am:9093/api/v2/alerts"),
                new UrlCase("https", "https", "10.0.0.1:443", "/p/api/v2/alerts",
                        "https://10.0.0.1:443/p/api/v2/alerts"),
                new UrlCase("ipv6 host", "http", "[::1]:9093", "/api/v2/alerts", "http://[::1]:9093/api/v2/alerts"),
                new UrlCase("no host", "http", "", "/api/v2/alerts", "http:///api/v2/alerts"),
                new UrlCase("no scheme", "", "am:9093", "/api/v2/alerts", "//am:9093/api/v2/alerts"),
                new UrlCase("relative path gets a slash", "http", "am", "x/alerts", "http://am/x/alerts"),
                new UrlCase("space and query chars escaped", "http", "am", "/a b?c#d", "http://am/a%20b%3Fc%23d"),
                new UrlCase("path sub-delimiters kept", "http", "am", "/a:b@c;d=e&f", "http://am/a:b@c;d=e&f"),
                new UrlCase("non-ascii path escaped", "http", "am", "/ä", "http://am/%C3%A4"),
                new UrlCase("percent escaped", "http", "am", "/50%", "http://am/50%25"),
                new UrlCase("only scheme", "http", "", "", "http:"),
                new UrlCase("only path with colon", "", "", "a:b/c", "./a:b/c"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urls")
    void formatsLikeGoUrlString(UrlCase c) {
        assertThat(AlertmanagerUrl.format(c.scheme(), c.host(), c.path())).isEqualTo(c.want());
    }
}
