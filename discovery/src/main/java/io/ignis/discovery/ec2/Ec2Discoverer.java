package io.ignis.discovery.ec2;

import io.ignis.config.Ec2Filter;
import io.ignis.config.Ec2SdConfig;
import io.ignis.discovery.Discoverer;
import io.ignis.discovery.DiscoveryMetrics;
import io.ignis.discovery.RefreshDiscoverer;
import io.ignis.discovery.TargetGroup;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * EC2 SD as Prometheus's {@code discovery/aws/ec2.go}: every refresh pages through DescribeInstances with the
 * configured filters and sends one group (source: the region). Availability-zone ids are looked up once; if that
 * fails the ids stay empty. An auth failure drops the client so credentials are loaded afresh next time.
 */
public final class Ec2Discoverer implements Discoverer {
    private static final Logger LOG = LoggerFactory.getLogger(Ec2Discoverer.class);
    /** The session name in AssumeRole requests. */
    static final String ROLE_SESSION_NAME = "prometheus-ec2-sd";

    private final Ec2SdConfig config;
    private final Function<String, String> env;
    private final RefreshDiscoverer refresher;
    private Ec2Client client;
    private StsClient sts;
    private SdkHttpClient httpClient;
    private String region;
    private Map<String, String> azToAzId;

    public Ec2Discoverer(Ec2SdConfig config, String setName, DiscoveryMetrics metrics, Duration initialBackoff) {
        this(config, setName, metrics, initialBackoff, System::getenv);
    }

    /** @param env the process environment; it locates the shared config and credentials files */
    Ec2Discoverer(Ec2SdConfig config, String setName, DiscoveryMetrics metrics, Duration initialBackoff,
            Function<String, String> env) {
        this.config = config;
        this.env = env;
        this.refresher = new RefreshDiscoverer("ec2", setName, config.refreshInterval(), initialBackoff,
                this::refresh, metrics);
    }

    @Override
    public void start(Consumer<List<TargetGroup>> sink) {
        refresher.start(sink);
    }

    @Override
    public void close() {
        refresher.close();
        closeClient();
    }

    /** One refresh; runs on the refresher's thread only. */
    List<TargetGroup> refresh() {
        Ec2Client ec2 = client();
        if (azToAzId == null) {
            refreshAzIds(ec2);
        }
        List<Filter> filters = new ArrayList<>();
        for (Ec2Filter f : config.filters()) {
            filters.add(Filter.builder().name(f.name()).values(f.values()).build());
        }
        Ec2Targets targets = new Ec2Targets(region, config.port(), azToAzId);
        List<Map<String, String>> out = new ArrayList<>();
        try {
            for (DescribeInstancesResponse page : ec2.describeInstancesPaginator(
                    DescribeInstancesRequest.builder().filters(filters).build())) {
                for (Reservation r : page.reservations()) {
                    targets.addTargets(r, out);
                }
            }
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if ("AuthFailure".equals(code) || "UnauthorizedOperation".equals(code)) {
                closeClient();
            }
            throw new IllegalStateException("could not describe instances: " + e.getMessage(), e);
        }
        return List.of(targets.group(out));
    }

    private void refreshAzIds(Ec2Client ec2) {
        try {
            Map<String, String> ids = new HashMap<>();
            for (AvailabilityZone az : ec2.describeAvailabilityZones().availabilityZones()) {
                if (az.zoneName() != null && az.zoneId() != null) {
                    ids.put(az.zoneName(), az.zoneId());
                }
            }
            azToAzId = ids;
        } catch (RuntimeException e) {
            LOG.debug("unable to describe availability zones err=\"{}\"", e.getMessage());
        }
    }

    private Ec2Client client() {
        if (client != null) {
            return client;
        }
        // Read afresh whenever the client is rebuilt (after an auth failure), so edited credentials apply.
        AwsProfiles profiles = AwsProfiles.load(env);
        String profile = profiles.profileFor(config.profile());
        // As Prometheus, the region falls back to the SDK's chain without the config's profile.
        region = config.region().isEmpty() ? DefaultAwsRegionProviderChain.builder().profileFile(profiles::file)
                .profileName(profiles.defaultProfile()).build().getRegion().id() : config.region();
        httpClient = Ec2HttpClients.create(config.httpClientConfig());
        // The profile also carries settings such as endpoint_url, which reach STS (and EC2 without `endpoint`).
        ClientOverrideConfiguration.Builder o = ClientOverrideConfiguration.builder()
                .defaultProfileFile(profiles.file()).defaultProfileName(profile);
        ConfiguredHeaders headers = new ConfiguredHeaders(config.httpClientConfig());
        if (!headers.isEmpty()) {
            o.addExecutionInterceptor(headers);
        }
        ClientOverrideConfiguration override = o.build();
        Ec2ClientBuilder b = Ec2Client.builder().region(Region.of(region)).httpClient(httpClient)
                .overrideConfiguration(override).credentialsProvider(credentials(profiles, profile, override));
        if (!config.endpoint().isEmpty()) {
            b.endpointOverride(URI.create(config.endpoint()));
        }
        client = b.build();
        return client;
    }

    // As Prometheus: static keys when both are set, else the profile's credentials (or the SDK's default chain);
    // with role_arn those only sign the STS AssumeRole call whose temporary credentials sign everything else.
    private AwsCredentialsProvider credentials(AwsProfiles profiles, String profile,
            ClientOverrideConfiguration override) {
        AwsCredentialsProvider base;
        if (!config.accessKey().isEmpty() && config.secretKey() != null && !config.secretKey().isEmpty()) {
            base = StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKey(), config.secretKey().value()));
        } else if (!config.profile().isEmpty()) {
            base = ProfileCredentialsProvider.builder().profileFile(profiles.file()).profileName(profile).build();
        } else {
            base = DefaultCredentialsProvider.builder().profileFile(profiles::file).profileName(profile).build();
        }
        if (config.roleArn().isEmpty()) {
            return base;
        }
        sts = StsClient.builder().region(Region.of(region)).httpClient(httpClient)
                .overrideConfiguration(override).credentialsProvider(base).build();
        return StsAssumeRoleCredentialsProvider.builder().stsClient(sts).refreshRequest(r -> {
            r.roleArn(config.roleArn()).roleSessionName(ROLE_SESSION_NAME);
            if (!config.externalId().isEmpty()) {
                r.externalId(config.externalId());
            }
        }).build();
    }

    private void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (sts != null) {
            sts.close();
            sts = null;
        }
        if (httpClient != null) {
            httpClient.close();
            httpClient = null;
        }
    }
}
