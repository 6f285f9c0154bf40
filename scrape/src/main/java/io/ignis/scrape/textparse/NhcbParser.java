package io.ignis.scrape.textparse;

import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.model.CounterResetHint;
import io.ignis.model.Exemplar;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.MetricType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps a parser to convert classic histograms into native histograms with custom buckets (NHCB), as
 * Prometheus's NHCBParser for {@code convert_classic_histograms_to_nhcb}: the {@code _bucket}, {@code _count}
 * and {@code _sum} series of a family typed {@code histogram} (or gauge histogram, from protobuf) are collected,
 * and once the next sample belongs to another series (or metadata or the end comes) one HISTOGRAM entry is
 * returned before it. The classic series themselves are returned too only with {@code keepClassicHistograms}.
 * A native histogram of the same name and labels inhibits the conversion. Labels are built for every sample in
 * this mode.
 */
public final class NhcbParser implements Parser {
    private enum State { START, COLLECTING, EMITTING, INHIBITING }

    private final Parser parser;
    private final boolean keepClassicHistograms;
    private final boolean parseCreatedTimestamp;
    private final LabelsBuilder builder = new LabelsBuilder();
    private final TempHistogram temp = new TempHistogram();
    private final GoNumbers numbers = new GoNumbers();

    private State state = State.START;
    private Entry entry;
    /** Labels of the current sample of the wrapped parser. */
    private Labels labels = Labels.EMPTY;
    private MetricType familyType = MetricType.UNKNOWN;
    private String familyName = "";
    private double value;
    private boolean hasTimestamp;
    private long timestamp;

    private String lastHistogramName = "";
    private Labels lastHistogramLabels = Labels.EMPTY;

    private Labels tempLabels = Labels.EMPTY;
    private final List<Exemplar> tempExemplars = new ArrayList<>();
    private long tempCreated;
    private final ParsedExemplar scratch = new ParsedExemplar();

    private Histogram nhcb;
    private FloatHistogram floatNhcb;
    private Labels nhcbLabels = Labels.EMPTY;
    private byte[] nhcbKey = new byte[0];
    private final List<Exemplar> nhcbExemplars = new ArrayList<>();
    private int nhcbExemplarPos;
    private long nhcbCreated;

    /**
     * @param parseCreatedTimestamp read the created timestamp of the first classic series (OpenMetrics
     *     {@code _created} lookahead) for the converted histogram
     */
    public NhcbParser(Parser parser, boolean keepClassicHistograms, boolean parseCreatedTimestamp) {
        this.parser = parser;
        this.keepClassicHistograms = keepClassicHistograms;
        this.parseCreatedTimestamp = parseCreatedTimestamp;
    }

    @Override
    public Entry next() {
        while (true) {
            if (state == State.EMITTING) {
                state = State.START;
                if (entry == Entry.SERIES && handleClassicSeries() && !keepClassicHistograms) {
                    continue;
                }
                return entry;
            }
            entry = parser.next();
            switch (entry) {
                case EOF -> {
                    return emitCollected() ? Entry.HISTOGRAM : Entry.EOF;
                }
                case SERIES -> {
                    readSeries();
                    boolean isNhcb;
                    switch (state) {
                        case COLLECTING -> {
                            if (differentMetric() && emitCollected()) {
                                return Entry.HISTOGRAM;
                            }
                            isNhcb = handleClassicSeries();
                        }
                        case INHIBITING -> {
                            if (differentMetric()) {
                                state = State.START;
                                isNhcb = handleClassicSeries();
                            } else {
                                isNhcb = false;
                            }
                        }
                        default -> isNhcb = handleClassicSeries();
                    }
                    if (isNhcb && !keepClassicHistograms) {
                        continue;
                    }
                    return entry;
                }
                case HISTOGRAM -> {
                    // A native histogram of this name: do not convert its classic twin (Prometheus drops a
                    // collection in progress here too).
                    state = State.INHIBITING;
                    readSeries();
                    lastHistogramName = labels.metricName();
                    lastHistogramLabels = withoutLe(labels);
                }
                case TYPE -> {
                    familyName = parser.metricFamily();
                    familyType = parser.type();
                }
                default -> {
                }
            }
            if (emitCollected()) {
                return Entry.HISTOGRAM;
            }
            return entry;
        }
    }

    private void readSeries() {
        parser.labels(builder);
        labels = builder.build();
        value = entry == Entry.SERIES ? parser.value() : 0;
        hasTimestamp = parser.hasTimestamp();
        timestamp = parser.timestamp();
    }

    private boolean differentMetric() {
        if (!convertible(familyType)) {
            return true;
        }
        if (!lastHistogramName.equals(baseName(labels.metricName()))) {
            return true;
        }
        return !lastHistogramLabels.equals(withoutLe(labels));
    }

    /** Feeds the current sample to the collection if it is part of a classic histogram; returns whether. */
    private boolean handleClassicSeries() {
        if (!convertible(familyType)) {
            return false;
        }
        String name = labels.metricName();
        String base = baseName(name);
        if (!base.equals(familyName)) {
            return false;
        }
        if (name.endsWith("_bucket")) {
            if (!labels.has("le")) {
                return false;
            }
            byte[] le = labels.get("le").getBytes(StandardCharsets.UTF_8);
            double bound = numbers.parseFloat(le, 0, le.length);
            if (numbers.error != GoNumbers.OK || Double.isNaN(bound)) {
                return false;
            }
            collect(base);
            temp.setBucketCount(bound, value);
        } else if (name.endsWith("_count")) {
            collect(base);
            temp.setCount(value);
        } else if (name.endsWith("_sum")) {
            collect(base);
            temp.setSum(value);
        } else {
            return false;
        }
        return true;
    }

    private void collect(String base) {
        if (state != State.COLLECTING) {
            lastHistogramName = base;
            lastHistogramLabels = withoutLe(labels);
            tempCreated = parseCreatedTimestamp ? parser.createdTimestamp() : 0;
            state = State.COLLECTING;
            tempLabels = labels.toBuilder().set(Labels.METRIC_NAME, base).del("le").build();
        }
        while (parser.exemplar(scratch)) {
            tempExemplars.add(scratch.toExemplar());
        }
    }

    /** Converts what was collected; true when there is now a histogram to return. */
    private boolean emitCollected() {
        if (state != State.COLLECTING) {
            return false;
        }
        boolean ok = temp.convertible();
        if (ok) {
            CounterResetHint hint = familyType == MetricType.GAUGE_HISTOGRAM ? CounterResetHint.GAUGE
                    : CounterResetHint.UNKNOWN;
            if (temp.isInteger()) {
                nhcb = temp.toInteger(hint);
                floatNhcb = null;
            } else {
                nhcb = null;
                floatNhcb = temp.toFloat(hint);
            }
            nhcbLabels = tempLabels;
            nhcbKey = key(tempLabels);
            nhcbExemplars.clear();
            nhcbExemplars.addAll(tempExemplars);
            nhcbExemplarPos = 0;
            nhcbCreated = tempCreated;
            state = State.EMITTING;
        } else {
            state = State.START;
        }
        temp.reset();
        tempExemplars.clear();
        tempCreated = 0;
        return ok;
    }

    /** The series identity of a converted histogram: {@code name{a="1",b="2"}}, as Prometheus's. */
    private static byte[] key(Labels l) {
        StringBuilder sb = new StringBuilder(l.metricName());
        boolean first = true;
        for (int k = 0; k < l.size(); k++) {
            if (l.name(k).equals(Labels.METRIC_NAME)) {
                continue;
            }
            sb.append(first ? '{' : ',').append(l.name(k)).append('=').append(GoText.quote(l.value(k)));
            first = false;
        }
        if (!first) {
            sb.append('}');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Histogram families always; gauge histograms only from protobuf, which Prometheus converts inside its protobuf
     * parser (gauge histograms included) while its NHCBParser for the text formats takes {@code histogram} only.
     */
    private boolean convertible(MetricType type) {
        return type == MetricType.HISTOGRAM || type == MetricType.GAUGE_HISTOGRAM && parser instanceof ProtobufParser;
    }

    private static String baseName(String name) {
        for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
            if (name.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private static Labels withoutLe(Labels l) {
        return l.has("le") ? l.toBuilder().del("le").del(Labels.METRIC_NAME).build()
                : l.toBuilder().del(Labels.METRIC_NAME).build();
    }

    private boolean emitting() {
        return state == State.EMITTING;
    }

    @Override
    public byte[] seriesBuffer() {
        return emitting() ? nhcbKey : parser.seriesBuffer();
    }

    @Override
    public int seriesStart() {
        return emitting() ? 0 : parser.seriesStart();
    }

    @Override
    public int seriesEnd() {
        return emitting() ? nhcbKey.length : parser.seriesEnd();
    }

    @Override
    public double value() {
        return emitting() ? 0 : parser.value();
    }

    /** For a converted histogram: the timestamp of the last sample read, as Prometheus's NHCBParser. */
    @Override
    public boolean hasTimestamp() {
        return emitting() ? hasTimestamp : parser.hasTimestamp();
    }

    @Override
    public long timestamp() {
        return emitting() ? timestamp : parser.timestamp();
    }

    @Override
    public void labels(LabelsBuilder into) {
        if (emitting()) {
            into.reset(nhcbLabels);
        } else {
            parser.labels(into);
        }
    }

    @Override
    public MetricType type() {
        return emitting() ? MetricType.HISTOGRAM : parser.type();
    }

    @Override
    public String metricFamily() {
        return parser.metricFamily();
    }

    @Override
    public boolean metricFamilyEquals(String name, byte[] escaped) {
        return parser.metricFamilyEquals(name, escaped);
    }

    @Override
    public String help() {
        return parser.help();
    }

    @Override
    public boolean helpEquals(String help) {
        return parser.helpEquals(help);
    }

    @Override
    public String unit() {
        return parser.unit();
    }

    @Override
    public String comment() {
        return parser.comment();
    }

    @Override
    public boolean exemplar(ParsedExemplar into) {
        if (!emitting()) {
            return parser.exemplar(into);
        }
        if (nhcbExemplarPos >= nhcbExemplars.size()) {
            return false;
        }
        Exemplar e = nhcbExemplars.get(nhcbExemplarPos++);
        into.labels = e.labels();
        into.value = e.value();
        into.timestamp = e.timestamp();
        into.hasTimestamp = e.hasTimestamp();
        return true;
    }

    @Override
    public long createdTimestamp() {
        return switch (state) {
            case COLLECTING -> tempCreated;
            case EMITTING -> nhcbCreated;
            default -> entry == Entry.SERIES || entry == Entry.HISTOGRAM ? parser.createdTimestamp() : 0;
        };
    }

    @Override
    public Histogram histogram() {
        return emitting() ? nhcb : parser.histogram();
    }

    @Override
    public FloatHistogram floatHistogram() {
        return emitting() ? floatNhcb : parser.floatHistogram();
    }
}
