package io.ignis.promql.promqltest;

import io.ignis.model.FloatHistogram;

/** Applies {@code load} commands to a {@link TestStorage} (README §3). */
final class ScriptLoader {
    private ScriptLoader() {
    }

    static void load(TestStorage storage, Command.Load load) {
        for (Command.LoadSeries s : load.series()) {
            SeriesValues v = s.values();
            for (int k = 0; k < v.size(); k++) {
                long t = k * load.intervalMs();
                long st = s.startOffsets() != null && s.hasStart()[k] ? t + s.startOffsets()[k] : 0;
                switch (v.kind(k)) {
                    case OMITTED -> {
                    }
                    case FLOAT -> storage.add(s.labels(), st, t, v.floatValue(k), null);
                    case HISTOGRAM -> {
                        FloatHistogram h = v.histogram(k);
                        storage.add(s.labels(), st, t, 0, h);
                    }
                }
            }
        }
        if (load.withNhcb()) {
            NhcbConverter.convert(storage, load);
        }
    }
}
