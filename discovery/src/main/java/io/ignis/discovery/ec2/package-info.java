/**
 * {@code ec2_sd_configs}: {@link io.ignis.discovery.ec2.Ec2Discoverer} polls DescribeInstances through the AWS SDK
 * v2 (URLConnection HTTP client) and {@link io.ignis.discovery.ec2.Ec2Targets} turns instances into
 * {@code __meta_ec2_*} labels. Imports {@code io.ignis.discovery}, {@code io.ignis.config} and the AWS SDK only.
 */
package io.ignis.discovery.ec2;
