package io.ignis.discovery.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ignis.config.Ec2SdConfig;
import io.ignis.config.HttpClientConfig;
import io.ignis.config.Secret;
import io.ignis.discovery.RecordingDiscoveryMetrics;
import io.ignis.discovery.TargetGroup;
import io.ignis.discovery.ec2.FakeEc2Endpoint.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which credentials sign the EC2 calls: static keys, a {@code profile} of the shared credentials and config files
 * (located through AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE / HOME / AWS_PROFILE in the discoverer's
 * environment), and {@code role_arn}, whose STS AssumeRole call is answered by the same local endpoint (the profile's
 * {@code endpoint_url}) and whose temporary credentials must then sign DescribeInstances.
 */
class Ec2CredentialsTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/ec2-sd-reader";
    private static final String ASSUMED_KEY = "ASIAASSUMEDEXAMPLE";
    private static final String SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLE-session-token";

    @TempDir
    Path dir;

    private FakeEc2Endpoint endpoint;
    private Map<String, String> env;

    @BeforeEach
    void start() throws IOException {
        endpoint = new FakeEc2Endpoint();
        Path credentials = dir.resolve("credentials");
        Files.writeString(credentials, """
                [default]
                aws_access_key_id = AKIDDEFAULT
                aws_secret_access_key = default-secret

                [dev]
                aws_access_key_id = AKIDDEV
                aws_secret_access_key = dev-secret
                """);
        Path config = dir.resolve("config");
        // endpoint_url sends STS to the local endpoint; EC2 goes there through the SD config's `endpoint` anyway.
        Files.writeString(config, """
                [default]
                endpoint_url = %1$s
                region = ap-south-1

                [profile dev]
                endpoint_url = %1$s

                [profile ops]
                aws_access_key_id = AKIDOPS
                aws_secret_access_key = ops-secret
                """.formatted(endpoint.url()));
        env = new HashMap<>(Map.of("HOME", dir.resolve("home").toString(), "AWS_SHARED_CREDENTIALS_FILE",
                credentials.toString(), "AWS_CONFIG_FILE", config.toString()));
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    record Case(String name, Map<String, String> extraEnv, String profile, String accessKey, String roleArn,
            String externalId, String wantAssumeSignedBy, String wantDescribeSignedBy) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("profile from the credentials file", Map.of(), "dev", "", "", "", null, "AKIDDEV"),
                new Case("profile from the config file", Map.of(), "ops", "", "", "", null, "AKIDOPS"),
                new Case("AWS_PROFILE when the SD config names none", Map.of("AWS_PROFILE", "dev"), "", "", "", "",
                        null, "AKIDDEV"),
                new Case("default profile", Map.of(), "", "", "", "", null, "AKIDDEFAULT"),
                new Case("static keys win over the profile", Map.of(), "dev", "AKIDSTATIC", "", "", null,
                        "AKIDSTATIC"),
                new Case("role_arn assumed with the profile's credentials", Map.of(), "dev", "", ROLE, "", "AKIDDEV",
                        ASSUMED_KEY),
                new Case("role_arn assumed with static keys and an external id", Map.of(), "", "AKIDSTATIC", ROLE,
                        "ext-42", "AKIDSTATIC", ASSUMED_KEY));
    }

    private Ec2Discoverer discoverer(String profile, String accessKey, String roleArn, String externalId) {
        return discoverer("eu-west-1", profile, accessKey, roleArn, externalId);
    }

    private Ec2Discoverer discoverer(String region, String profile, String accessKey, String roleArn,
            String externalId) {
        Ec2SdConfig c = new Ec2SdConfig(endpoint.url(), region, accessKey,
                new Secret(accessKey.isEmpty() ? "" : "static-secret"), profile, roleArn, externalId,
                Duration.ofMinutes(1), 9100, List.of(), HttpClientConfig.DEFAULT);
        return new Ec2Discoverer(c, "ec2-job", new RecordingDiscoveryMetrics(), Duration.ofMillis(50), env::get);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void signsWithTheConfiguredCredentials(Case c) throws Exception {
        env.putAll(c.extraEnv());
        List<TargetGroup> groups;
        try (Ec2Discoverer d = discoverer(c.profile(), c.accessKey(), c.roleArn(), c.externalId())) {
            groups = d.refresh();
        }
        assertThat(groups).singleElement().satisfies(g -> assertThat(g.targets()).hasSize(2));

        List<Request> calls = endpoint.calls();
        List<Request> assumes = calls.stream().filter(r -> r.action().equals("AssumeRole")).toList();
        List<Request> ec2 = calls.stream().filter(r -> !r.action().equals("AssumeRole")).toList();
        assertThat(ec2).extracting(Request::action)
                .containsExactly("DescribeAvailabilityZones", "DescribeInstances", "DescribeInstances");
        assertThat(ec2).extracting(Request::accessKey).containsOnly(c.wantDescribeSignedBy());
        if (c.wantAssumeSignedBy() == null) {
            assertThat(assumes).isEmpty();
            assertThat(ec2).extracting(Request::securityToken).containsOnly("");
            return;
        }
        // Assumed once; the temporary credentials are cached until they expire (2099 in the recording).
        assertThat(assumes).singleElement().satisfies(a -> {
            assertThat(a.accessKey()).isEqualTo(c.wantAssumeSignedBy());
            assertThat(a.form()).containsEntry("RoleArn", ROLE)
                    .containsEntry("RoleSessionName", Ec2Discoverer.ROLE_SESSION_NAME);
            if (c.externalId().isEmpty()) {
                assertThat(a.form()).doesNotContainKey("ExternalId");
            } else {
                assertThat(a.form()).containsEntry("ExternalId", c.externalId());
            }
        });
        assertThat(ec2).extracting(Request::securityToken).containsOnly(SESSION_TOKEN);
    }

    @Test
    void sharedFilesDefaultToHomeDotAws() throws Exception {
        Path aws = Files.createDirectories(dir.resolve("home/.aws"));
        Files.writeString(aws.resolve("credentials"), """
                [default]
                aws_access_key_id = AKIDHOME
                aws_secret_access_key = home-secret
                """);
        env.remove("AWS_SHARED_CREDENTIALS_FILE");
        env.remove("AWS_CONFIG_FILE");
        try (Ec2Discoverer d = discoverer("", "", "", "")) {
            d.refresh();
        }
        assertThat(endpoint.calls()).extracting(Request::accessKey).containsOnly("AKIDHOME");
    }

    @Test
    void unknownProfileFailsTheRefreshNamingIt() {
        try (Ec2Discoverer d = discoverer("nope", "", "", "")) {
            assertThatThrownBy(d::refresh).hasMessageContaining("nope");
        }
        assertThat(endpoint.calls()).isEmpty();
    }

    @Test
    void regionFromTheDefaultProfileWhenNotConfigured() throws Exception {
        // Not a missing peer: the AWS SDK's region chain reads AWS_REGION from the real environment (it cannot be
        // injected like the shared-file variables), and a region set there rightly wins over the profile's.
        assumeTrue(System.getenv("AWS_REGION") == null, "AWS_REGION is set in this environment and would win");
        List<TargetGroup> groups;
        try (Ec2Discoverer d = discoverer("", "", "AKIDSTATIC", "", "")) {
            groups = d.refresh();
        }
        assertThat(groups).singleElement().satisfies(g -> {
            assertThat(g.source()).isEqualTo("ap-south-1");
            assertThat(g.targets()).allSatisfy(t -> assertThat(t).containsEntry("__meta_ec2_region", "ap-south-1"));
        });
        // The request was signed for that region.
        assertThat(endpoint.calls()).allSatisfy(r -> assertThat(r.authorization()).contains("/ap-south-1/ec2/"));
    }
}
