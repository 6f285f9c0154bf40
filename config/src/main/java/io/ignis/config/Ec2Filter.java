package io.ignis.config;

import java.util.List;

/** One EC2 DescribeInstances filter. */
public record Ec2Filter(String name, List<String> values) {
    public Ec2Filter {
        values = List.copyOf(values);
    }
}
