package io.ignis.discovery.ec2;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The AWS shared config and credentials files as the AWS SDKs find them: {@code AWS_CONFIG_FILE} and
 * {@code AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/config} and {@code ~/.aws/credentials}; files that do not
 * exist are skipped. {@code AWS_PROFILE} names the profile used when the SD config names none. The environment is
 * a function so that tests point it at files of their own.
 *
 * @param file both files merged (credentials win on conflicts, as in the SDKs)
 * @param defaultProfile {@code AWS_PROFILE}, else {@code default}
 */
record AwsProfiles(ProfileFile file, String defaultProfile) {
    static AwsProfiles load(Function<String, String> env) {
        String home = env.apply("HOME");
        Path aws = Path.of(home == null || home.isEmpty() ? System.getProperty("user.home") : home, ".aws");
        ProfileFile.Aggregator all = ProfileFile.aggregator();
        // The file added first wins where both define a property.
        add(all, path(env, "AWS_SHARED_CREDENTIALS_FILE", aws.resolve("credentials")), ProfileFile.Type.CREDENTIALS);
        add(all, path(env, "AWS_CONFIG_FILE", aws.resolve("config")), ProfileFile.Type.CONFIGURATION);
        String profile = env.apply("AWS_PROFILE");
        return new AwsProfiles(all.build(), profile == null || profile.isEmpty() ? "default" : profile);
    }

    /** The profile a config uses: its own {@code profile}, else the default one. */
    String profileFor(String configured) {
        return configured == null || configured.isEmpty() ? defaultProfile : configured;
    }

    private static Path path(Function<String, String> env, String variable, Path fallback) {
        String v = env.apply(variable);
        return v == null || v.isEmpty() ? fallback : Path.of(v);
    }

    private static void add(ProfileFile.Aggregator all, Path p, ProfileFile.Type type) {
        if (Files.isRegularFile(p)) {
            all.addFile(ProfileFile.builder().content(p).type(type).build());
        }
    }
}
