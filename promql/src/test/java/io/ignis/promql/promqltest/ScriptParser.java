package io.ignis.promql.promqltest;

import io.ignis.labels.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits a test script into commands (README §2–§5.2). Errors name the file and line. */
final class ScriptParser {
    private static final Pattern LOAD = Pattern.compile("^load(_with_nhcb)?\\s+(\\S+)$");
    private static final Pattern EVAL_INSTANT =
            Pattern.compile("^eval(?:_(fail|warn|ordered|info))?\\s+instant\\s+(?:at\\s+(.+?))?\\s+(.+)$");
    private static final Pattern EVAL_RANGE =
            Pattern.compile("^eval(?:_(fail|warn|info))?\\s+range\\s+from\\s+(.+)\\s+to\\s+(.+)\\s+step\\s+(.+?)\\s+(.+)$");
    private static final Pattern EXPECT =
            Pattern.compile("^expect\\s+(ordered|fail|warn|no_warn|info|no_info)(?:\\s+(regex|msg):(.+))?$");
    private static final Pattern RANGE_VECTOR =
            Pattern.compile("^expect range vector from\\s+(\\S+)\\s+to\\s+(\\S+)\\s+step\\s+(\\S+)$");

    private final String file;
    private final String[] lines;

    private ScriptParser(String file, String content) {
        this.file = file;
        this.lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            lines[i] = t.startsWith("#") ? "" : t;
        }
    }

    static List<Command> parse(String file, String content) {
        return new ScriptParser(file, content).commands();
    }

    private List<Command> commands() {
        List<Command> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.isEmpty()) {
                continue;
            }
            String word = l.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            try {
                if (word.equals("clear")) {
                    out.add(new Command.Clear(i + 1));
                } else if (word.startsWith("load")) {
                    i = load(i, out);
                } else if (word.startsWith("eval")) {
                    i = eval(i, out);
                } else {
                    throw new ScriptException(file, i + 1, "invalid command \"" + l + "\"");
                }
            } catch (ScriptException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ScriptException(file, i + 1, e.getMessage());
            }
        }
        return out;
    }

    private int load(int i, List<Command> out) {
        Matcher m = LOAD.matcher(lines[i]);
        if (!m.matches()) {
            throw new ScriptException(file, i + 1, "invalid load command \"" + lines[i] + "\"");
        }
        long interval = Durations.parse(m.group(2));
        Map<Labels, Command.LoadSeries> series = new LinkedHashMap<>();
        int start = i;
        long[] pendingSt = null;
        boolean[] pendingHas = null;
        Labels pendingLabels = null;
        while (i + 1 < lines.length && !lines[i + 1].isEmpty()) {
            i++;
            String line = lines[i];
            String first = line.split("[ \\t]", 2)[0];
            try {
                if (first.endsWith("@st")) {
                    String metric = first.substring(0, first.length() - 3);
                    pendingLabels = SeriesLineParser.parseMetric(metric);
                    List<long[]> st = StartTimestamps.parse(line.substring(first.length()));
                    pendingSt = st.get(0);
                    pendingHas = new boolean[pendingSt.length];
                    for (int k = 0; k < pendingSt.length; k++) {
                        pendingHas[k] = st.get(1)[k] != 0;
                    }
                    continue;
                }
                SeriesLineParser.SeriesLine sl = SeriesLineParser.parse(line);
                long[] st = null;
                boolean[] has = null;
                if (pendingSt != null) {
                    if (!pendingLabels.equals(sl.labels()) || pendingSt.length != sl.values().size()) {
                        throw new IllegalArgumentException("@st line does not match the series line after it");
                    }
                    st = pendingSt;
                    has = pendingHas;
                    pendingSt = null;
                }
                series.remove(sl.labels()); // the later line wins, and takes the later position
                series.put(sl.labels(), new Command.LoadSeries(sl.labels(), sl.values(), st, has));
            } catch (RuntimeException e) {
                throw new ScriptException(file, i + 1, "bad series line: " + e.getMessage());
            }
        }
        if (pendingSt != null) {
            throw new ScriptException(file, i + 1, "@st line without a series line after it");
        }
        out.add(new Command.Load(start + 1, interval, m.group(1) != null, new ArrayList<>(series.values())));
        return i;
    }

    private int eval(int i, List<Command> out) {
        String l = lines[i];
        Matcher inst = EVAL_INSTANT.matcher(l);
        Matcher rng = EVAL_RANGE.matcher(l);
        EvalCommand cmd;
        String mod;
        if (inst.matches()) {
            if (inst.group(2) == null) {
                throw new ScriptException(file, i + 1, "eval instant without 'at' time");
            }
            long t = Durations.parse(inst.group(2));
            cmd = new EvalCommand(file, i + 1, inst.group(3), false, t, t, 0);
            mod = inst.group(1);
        } else if (rng.matches()) {
            long a = Durations.parse(rng.group(2));
            long b = Durations.parse(rng.group(3));
            long s = Durations.parse(rng.group(4));
            if (b < a) {
                throw new ScriptException(file, i + 1, "invalid test definition, end timestamp before start");
            }
            cmd = new EvalCommand(file, i + 1, rng.group(5), true, a, b, s);
            mod = rng.group(1);
        } else {
            throw new ScriptException(file, i + 1, "invalid evaluation command \"" + l + "\"");
        }
        if (mod != null) {
            switch (mod) {
                case "fail" -> cmd.fail = true;
                case "warn" -> cmd.atLeastOneWarn = true;
                case "info" -> cmd.atLeastOneInfo = true;
                case "ordered" -> cmd.ordered = true;
                default -> throw new IllegalStateException("bug: modifier " + mod);
            }
        }
        boolean legacyFail = cmd.fail;
        for (int j = 1; i + 1 < lines.length; j++) {
            String d = lines[i + 1];
            if (d.isEmpty()) {
                break;
            }
            i++;
            try {
                if (legacyFail && d.startsWith("expected_fail_message")) {
                    cmd.failMessage = d.substring("expected_fail_message".length()).strip();
                    break;
                }
                if (legacyFail && d.startsWith("expected_fail_regexp")) {
                    cmd.failRegex = com.google.re2j.Pattern.compile(d.substring("expected_fail_regexp".length()).strip());
                    break;
                }
                if (d.startsWith("expect range vector")) {
                    Matcher m = RANGE_VECTOR.matcher(d);
                    if (!m.matches()) {
                        throw new IllegalArgumentException("invalid range vector definition \"" + d + "\"");
                    }
                    cmd.rangeVector = true;
                    cmd.rangeVectorStart = Durations.parse(m.group(1));
                    cmd.rangeVectorEnd = Durations.parse(m.group(2));
                    cmd.rangeVectorStep = Durations.parse(m.group(3));
                    continue;
                }
                if (d.startsWith("expect string")) {
                    cmd.expectedString = GoStrings.unquote(d.substring("expect string ".length()));
                    continue;
                }
                if (d.split(" ", 2)[0].equals("expect")) {
                    expect(cmd, d);
                    j--;
                    continue;
                }
                Double num = GoNumbers.parse(d);
                if (num != null) {
                    cmd.hasScalar = true;
                    cmd.scalar = num;
                    break;
                }
                SeriesLineParser.SeriesLine sl = SeriesLineParser.parse(d);
                if (sl.values().size() > 1 && !cmd.range && !cmd.rangeVector) {
                    throw new IllegalArgumentException("expecting multiple values in instant evaluation not allowed");
                }
                cmd.expected.put(sl.labels(), new EvalCommand.ExpectedSeries(sl.values(), j));
            } catch (ScriptException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ScriptException(file, i + 1, "error in eval " + cmd.expr + ": " + e.getMessage());
            }
        }
        out.add(cmd);
        return i;
    }

    private void expect(EvalCommand cmd, String d) {
        Matcher m = EXPECT.matcher(d);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid expect statement \"" + d + "\"");
        }
        String kind = m.group(1);
        EvalCommand.AnnotationExpectation e = null;
        if (m.group(2) != null) {
            String text = m.group(3).strip();
            e = m.group(2).equals("msg") ? new EvalCommand.AnnotationExpectation(text, null)
                    : new EvalCommand.AnnotationExpectation(null, com.google.re2j.Pattern.compile(text));
        } else {
            e = new EvalCommand.AnnotationExpectation(null, null);
        }
        switch (kind) {
            case "ordered" -> cmd.ordered = true;
            case "fail" -> {
                if (cmd.fail && !(cmd.failMessage == null && cmd.failRegex == null)) {
                    throw new IllegalArgumentException("only one 'expect fail' allowed");
                }
                cmd.fail = true;
                cmd.failMessage = e.msg();
                cmd.failRegex = e.regex();
            }
            case "warn" -> cmd.warns.add(e);
            case "info" -> cmd.infos.add(e);
            case "no_warn" -> cmd.noWarn = true;
            case "no_info" -> cmd.noInfo = true;
            default -> throw new IllegalStateException("bug: expect " + kind);
        }
        if (cmd.noWarn && !cmd.warns.isEmpty()) {
            throw new IllegalArgumentException("invalid expect lines, warn and no_warn cannot be used together");
        }
        if (cmd.noInfo && !cmd.infos.isEmpty()) {
            throw new IllegalArgumentException("invalid expect lines, info and no_info cannot be used together");
        }
    }
}
