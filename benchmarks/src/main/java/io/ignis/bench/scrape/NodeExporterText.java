package io.ignis.bench.scrape;

import java.util.Random;

/**
 * Text exposition shaped like Prometheus's node exporter on a many-core Linux host: CPU, scheduler and softnet
 * series per core, disks, filesystems, network devices, memory, netstat, collector timings, Go runtime metrics, a
 * summary and a classic histogram, each family with HELP and TYPE. Deterministic for a given (cores, variant):
 * variants differ only in their values, as successive scrapes of one host do, so a scraper sees the same series
 * with new samples.
 */
public final class NodeExporterText {
    private static final String[] CPU_MODES = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};
    private static final String[] DISKS = {"nvme0n1", "nvme1n1", "sda", "dm-0"};
    private static final String[] DISK_COUNTERS = {"discard_time_seconds_total", "discarded_sectors_total",
        "discards_completed_total", "discards_merged_total", "flush_requests_time_seconds_total",
        "flush_requests_total", "io_time_seconds_total", "io_time_weighted_seconds_total", "read_bytes_total",
        "read_time_seconds_total", "reads_completed_total", "reads_merged_total", "write_time_seconds_total",
        "writes_completed_total", "writes_merged_total", "written_bytes_total"};
    private static final String[][] FILESYSTEMS = {{"/dev/nvme0n1p2", "ext4", "/"}, {"/dev/nvme0n1p1", "vfat",
        "/boot/efi"}, {"/dev/nvme1n1p1", "xfs", "/var/lib/data"}, {"tmpfs", "tmpfs", "/run"}, {"tmpfs", "tmpfs",
        "/run/lock"}, {"tmpfs", "tmpfs", "/run/user/1000"}};
    private static final String[] FS_GAUGES = {"avail_bytes", "device_error", "files", "files_free", "free_bytes",
        "readonly", "size_bytes"};
    private static final String[] NET_DEVICES = {"eth0", "eth1", "lo", "docker0"};
    private static final String[] NET_COUNTERS = {"receive_bytes_total", "receive_compressed_total",
        "receive_drop_total", "receive_errs_total", "receive_fifo_total", "receive_frame_total",
        "receive_multicast_total", "receive_packets_total", "transmit_bytes_total", "transmit_carrier_total",
        "transmit_colls_total", "transmit_compressed_total", "transmit_drop_total", "transmit_errs_total",
        "transmit_fifo_total", "transmit_packets_total"};
    private static final String[] NET_GAUGES = {"mtu_bytes", "up", "speed_bytes", "transmit_queue_length"};
    private static final String[] MEMORY = {"Active", "Active_anon", "Active_file", "AnonHugePages", "AnonPages",
        "Bounce", "Buffers", "Cached", "CommitLimit", "Committed_AS", "DirectMap1G", "DirectMap2M", "DirectMap4k",
        "Dirty", "FileHugePages", "FilePmdMapped", "HardwareCorrupted", "HugePages_Free", "HugePages_Rsvd",
        "HugePages_Surp", "HugePages_Total", "Hugepagesize", "Hugetlb", "Inactive", "Inactive_anon",
        "Inactive_file", "KReclaimable", "KernelStack", "Mapped", "MemAvailable", "MemFree", "MemTotal", "Mlocked",
        "NFS_Unstable", "PageTables", "Percpu", "SReclaimable", "SUnreclaim", "ShmemHugePages", "ShmemPmdMapped",
        "Shmem", "Slab", "SwapCached", "SwapFree", "SwapTotal", "Unevictable", "VmallocChunk", "VmallocTotal",
        "VmallocUsed", "Writeback", "WritebackTmp"};
    private static final String[] NETSTAT = {"Icmp6_InErrors", "Icmp6_InMsgs", "Icmp6_OutMsgs", "Icmp_InErrors",
        "Icmp_InMsgs", "Icmp_OutMsgs", "Ip6_InOctets", "Ip6_OutOctets", "IpExt_InOctets", "IpExt_OutOctets",
        "Ip_Forwarding", "TcpExt_ListenDrops", "TcpExt_ListenOverflows", "TcpExt_SyncookiesFailed",
        "TcpExt_SyncookiesRecv", "TcpExt_SyncookiesSent", "TcpExt_TCPSynRetrans", "TcpExt_TCPTimeouts",
        "Tcp_ActiveOpens", "Tcp_CurrEstab", "Tcp_InErrs", "Tcp_InSegs", "Tcp_OutRsts", "Tcp_OutSegs",
        "Tcp_PassiveOpens", "Tcp_RetransSegs", "Udp6_InDatagrams", "Udp6_InErrors", "Udp6_NoPorts",
        "Udp6_OutDatagrams", "Udp6_RcvbufErrors", "Udp6_SndbufErrors", "Udp_InDatagrams", "Udp_InErrors",
        "Udp_NoPorts", "Udp_OutDatagrams", "Udp_RcvbufErrors", "Udp_SndbufErrors"};
    private static final String[] VMSTAT = {"oom_kill", "pgfault", "pgmajfault", "pgpgin", "pgpgout", "pswpin",
        "pswpout"};
    private static final String[] COLLECTORS = {"arp", "bcache", "bonding", "btrfs", "conntrack", "cpu", "cpufreq",
        "diskstats", "dmi", "edac", "entropy", "fibrechannel", "filefd", "filesystem", "hwmon", "infiniband",
        "ipvs", "loadavg", "mdadm", "meminfo", "netclass", "netdev", "netstat", "nfs", "nfsd", "nvme", "os",
        "powersupplyclass", "pressure", "rapl", "schedstat", "selinux", "sockstat", "softnet", "stat", "tapestats",
        "textfile", "thermal_zone", "time", "timex", "udp_queues", "uname", "vmstat", "xfs", "zfs"};
    private static final String[] GO_GAUGES = {"go_goroutines", "go_threads", "go_memstats_alloc_bytes",
        "go_memstats_buck_hash_sys_bytes", "go_memstats_gc_sys_bytes", "go_memstats_heap_alloc_bytes",
        "go_memstats_heap_idle_bytes", "go_memstats_heap_inuse_bytes", "go_memstats_heap_objects",
        "go_memstats_heap_released_bytes", "go_memstats_heap_sys_bytes", "go_memstats_last_gc_time_seconds",
        "go_memstats_mcache_inuse_bytes", "go_memstats_mcache_sys_bytes", "go_memstats_mspan_inuse_bytes",
        "go_memstats_mspan_sys_bytes", "go_memstats_next_gc_bytes", "go_memstats_other_sys_bytes",
        "go_memstats_stack_inuse_bytes", "go_memstats_stack_sys_bytes", "go_memstats_sys_bytes",
        "process_max_fds", "process_open_fds", "process_resident_memory_bytes", "process_start_time_seconds",
        "process_virtual_memory_bytes", "process_virtual_memory_max_bytes"};
    private static final String[] GO_COUNTERS = {"go_memstats_alloc_bytes_total", "go_memstats_frees_total",
        "go_memstats_lookups_total", "go_memstats_mallocs_total", "process_cpu_seconds_total"};
    private static final double[] LE = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final StringBuilder sb = new StringBuilder(128 * 1024);
    private final Random random;
    private final double scale;
    private int series;

    private NodeExporterText(int variant) {
        this.random = new Random(42);
        this.scale = 1 + variant * 0.0007;
    }

    /** The exposition for a host with {@code cores} cores; {@code variant} shifts every counter forward. */
    public static String render(int cores, int variant) {
        NodeExporterText t = new NodeExporterText(variant);
        t.write(cores);
        return t.sb.toString();
    }

    /** How many series {@link #render} writes for {@code cores}. */
    public static int seriesCount(int cores) {
        NodeExporterText t = new NodeExporterText(0);
        t.write(cores);
        return t.series;
    }

    /** The core count whose exposition has closest to {@code series} series (at least one core). */
    public static int coresFor(int series) {
        int base = seriesCount(1);
        int perCore = seriesCount(2) - base;
        return Math.max(1, 1 + Math.round((series - base) / (float) perCore));
    }

    private void write(int cores) {
        summary("go_gc_duration_seconds", "A summary of the pause duration of garbage collection cycles.");
        for (String g : GO_GAUGES) {
            family(g, "gauge", "Metric " + g + ".");
            sample(g, "", value(1e6));
        }
        for (String c : GO_COUNTERS) {
            family(c, "counter", "Metric " + c + ".");
            sample(c, "", counter(1e9));
        }
        family("go_info", "gauge", "Information about the Go environment.");
        sample("go_info", "version=\"go1.21.6\"", 1);
        family("node_cpu_seconds_total", "counter", "Seconds the CPUs spent in each mode.");
        for (int c = 0; c < cores; c++) {
            for (String m : CPU_MODES) {
                sample("node_cpu_seconds_total", "cpu=\"" + c + "\",mode=\"" + m + "\"", counter(1e5));
            }
        }
        for (String s : new String[] {"running", "waiting"}) {
            String name = "node_schedstat_" + s + "_seconds_total";
            family(name, "counter", "Number of seconds CPU spent " + s + ".");
            for (int c = 0; c < cores; c++) {
                sample(name, "cpu=\"" + c + "\"", counter(1e5));
            }
        }
        for (String s : new String[] {"dropped_total", "processed_total", "times_squeezed_total"}) {
            String name = "node_softnet_" + s;
            family(name, "counter", "Number of softnet packets " + s + ".");
            for (int c = 0; c < cores; c++) {
                sample(name, "cpu=\"" + c + "\"", counter(1e6));
            }
        }
        for (String d : DISK_COUNTERS) {
            String name = "node_disk_" + d;
            family(name, "counter", "Disk statistic " + d + ".");
            for (String disk : DISKS) {
                sample(name, "device=\"" + disk + "\"", counter(1e9));
            }
        }
        for (String g : FS_GAUGES) {
            String name = "node_filesystem_" + g;
            family(name, "gauge", "Filesystem " + g + ".");
            for (String[] fs : FILESYSTEMS) {
                sample(name, "device=\"" + fs[0] + "\",fstype=\"" + fs[1] + "\",mountpoint=\"" + fs[2] + "\"",
                        value(1e10));
            }
        }
        for (String c : NET_COUNTERS) {
            String name = "node_network_" + c;
            family(name, "counter", "Network device statistic " + c + ".");
            for (String dev : NET_DEVICES) {
                sample(name, "device=\"" + dev + "\"", counter(1e10));
            }
        }
        for (String g : NET_GAUGES) {
            String name = "node_network_" + g;
            family(name, "gauge", "Network device property " + g + ".");
            for (String dev : NET_DEVICES) {
                sample(name, "device=\"" + dev + "\"", value(1e4));
            }
        }
        for (String m : MEMORY) {
            String name = "node_memory_" + m + "_bytes";
            family(name, "gauge", "Memory information field " + m + "_bytes.");
            sample(name, "", value(1e10));
        }
        for (String n : NETSTAT) {
            String name = "node_netstat_" + n;
            family(name, "untyped", "Statistic " + n + ".");
            sample(name, "", counter(1e7));
        }
        for (String v : VMSTAT) {
            String name = "node_vmstat_" + v;
            family(name, "untyped", "/proc/vmstat information field " + v + ".");
            sample(name, "", counter(1e8));
        }
        family("node_scrape_collector_duration_seconds", "gauge", "node_exporter: Duration of a collector scrape.");
        for (String c : COLLECTORS) {
            sample("node_scrape_collector_duration_seconds", "collector=\"" + c + "\"", value(0.01));
        }
        family("node_scrape_collector_success", "gauge", "node_exporter: Whether a collector succeeded.");
        for (String c : COLLECTORS) {
            sample("node_scrape_collector_success", "collector=\"" + c + "\"", 1);
        }
        family("node_hwmon_temp_celsius", "gauge", "Hardware monitor for temperature (input)");
        for (int i = 0; i < 10; i++) {
            sample("node_hwmon_temp_celsius", "chip=\"platform_coretemp_0\",sensor=\"temp" + (i + 1) + "\"",
                    value(60));
        }
        for (String l : new String[] {"load1", "load5", "load15", "boot_time_seconds", "context_switches_total",
            "forks_total", "intr_total", "procs_blocked", "procs_running", "time_seconds", "entropy_available_bits",
            "filefd_allocated", "filefd_maximum", "sockstat_TCP_inuse", "sockstat_UDP_inuse"}) {
            String name = "node_" + l;
            family(name, l.endsWith("_total") ? "counter" : "gauge", "Statistic " + l + ".");
            sample(name, "", counter(1e6));
        }
        family("node_uname_info", "gauge", "Labeled system information as provided by the uname system call.");
        sample("node_uname_info", "domainname=\"(none)\",machine=\"x86_64\",nodename=\"host-01\","
                + "release=\"6.1.0-18-amd64\",sysname=\"Linux\",version=\"#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1\"",
                1);
        histogram("promhttp_metric_handler_request_duration_seconds", "handler=\"/metrics\"");
        histogram("promhttp_metric_handler_request_duration_seconds", "handler=\"/debug\"");
        family("promhttp_metric_handler_requests_total", "counter", "Total number of scrapes by HTTP status code.");
        for (String code : new String[] {"200", "500", "503"}) {
            sample("promhttp_metric_handler_requests_total", "code=\"" + code + "\"", counter(1e4));
        }
    }

    private void summary(String name, String help) {
        family(name, "summary", help);
        for (String q : new String[] {"0", "0.25", "0.5", "0.75", "1"}) {
            sample(name, "quantile=\"" + q + "\"", value(1e-4));
        }
        sample(name + "_sum", "", counter(10));
        sample(name + "_count", "", Math.floor(counter(1e5)));
    }

    private void histogram(String name, String labels) {
        if (!sb.toString().contains("# TYPE " + name + " ")) {
            family(name, "histogram", "Histogram of " + name + ".");
        }
        double cumulative = 0;
        for (double le : LE) {
            cumulative += Math.floor(counter(100));
            sample(name + "_bucket", labels + ",le=\"" + format(le) + "\"", cumulative);
        }
        cumulative += Math.floor(counter(10));
        sample(name + "_bucket", labels + ",le=\"+Inf\"", cumulative);
        sample(name + "_sum", labels, counter(100));
        sample(name + "_count", labels, cumulative);
    }

    private void family(String name, String type, String help) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, String labels, double v) {
        sb.append(name);
        if (!labels.isEmpty()) {
            sb.append('{').append(labels).append('}');
        }
        sb.append(' ').append(format(v)).append('\n');
        series++;
    }

    /** A counter: the same base in every variant, scaled forward by the variant. */
    private double counter(double magnitude) {
        return Math.round(random.nextDouble() * magnitude * scale * 1000) / 1000.0;
    }

    /** A gauge: jitters with the variant. */
    private double value(double magnitude) {
        double v = random.nextDouble() * magnitude * (1 + (scale - 1) * (random.nextBoolean() ? 1 : -1));
        // Gauges of bytes and counts are integers; small ones (seconds, ratios) keep a few digits.
        return magnitude >= 1000 ? Math.rint(v) : Math.round(v * 1e6) / 1e6;
    }

    /**
     * As Go's {@code strconv.FormatFloat(v, 'g', -1, 64)}, which client_golang writes: the shortest digits, in
     * e-notation when the decimal exponent is below -4 or at least 6 ({@code 1.234567168e+09}).
     */
    static String format(double v) {
        if (v == 0) {
            return "0";
        }
        java.math.BigDecimal d = new java.math.BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        int exp = d.precision() - d.scale() - 1;
        String sign = v < 0 ? "-" : "";
        if (exp < -4 || exp >= 6) {
            String digits = d.unscaledValue().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return sign + d.toPlainString();
    }
}
