package io.ignis.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.config.HttpClientConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** How a remote-write answer is classified: success, retry (with Retry-After), version fallback, or drop. */
class WriteClientTest {
    record Case(String name, int status, String retryAfter, boolean retryOn429, WriteProtocol protocol,
                WriteClient.Outcome.Kind want, long wantRetryAfterMillis) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("200", 200, null, false, WriteProtocol.V1, WriteClient.Outcome.Kind.SUCCESS, -1),
                new Case("204", 204, null, false, WriteProtocol.V2, WriteClient.Outcome.Kind.SUCCESS, -1),
                new Case("500 retries", 500, null, false, WriteProtocol.V1, WriteClient.Outcome.Kind.RECOVERABLE, -1),
                new Case("503 with Retry-After", 503, "7", false, WriteProtocol.V1,
                        WriteClient.Outcome.Kind.RECOVERABLE, 7000),
                new Case("429 dropped by default", 429, "3", false, WriteProtocol.V1,
                        WriteClient.Outcome.Kind.FAILED, -1),
                new Case("429 retried when enabled", 429, "3", true, WriteProtocol.V1,
                        WriteClient.Outcome.Kind.RECOVERABLE, 3000),
                new Case("429 with junk Retry-After", 429, "soon", true, WriteProtocol.V1,
                        WriteClient.Outcome.Kind.RECOVERABLE, -1),
                new Case("400 dropped", 400, null, true, WriteProtocol.V1, WriteClient.Outcome.Kind.FAILED, -1),
                new Case("404 dropped", 404, null, true, WriteProtocol.V1, WriteClient.Outcome.Kind.FAILED, -1),
                new Case("415 on 2.0 falls back", 415, null, false, WriteProtocol.V2,
                        WriteClient.Outcome.Kind.UNSUPPORTED_VERSION, -1),
                new Case("415 on 1.0 dropped", 415, null, false, WriteProtocol.V1,
                        WriteClient.Outcome.Kind.FAILED, -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classifies(Case c) {
        WriteClient client = new WriteClient(URI.create("http://127.0.0.1:1/api/v1/write"), HttpClientConfig.DEFAULT,
                Map.of(), Duration.ofSeconds(1), c.retryOn429());
        WriteClient.Outcome o = client.classify(c.status(), c.retryAfter(), "body", c.protocol());
        assertThat(o.kind()).isEqualTo(c.want());
        assertThat(o.retryAfterMillis()).isEqualTo(c.wantRetryAfterMillis());
    }

    @Test
    void retryAfterAsHttpDate() {
        assertThat(WriteClient.retryAfterMillis("Wed, 21 Oct 2015 07:28:00 GMT")).isZero();
        assertThat(WriteClient.retryAfterMillis(null)).isEqualTo(-1);
    }
}
