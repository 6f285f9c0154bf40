package io.ignis.promql.functions;

import io.ignis.labels.Labels;
import io.ignis.promql.ast.GoFormat;
import io.ignis.promql.value.FloatPoints;

/** {@code deriv}, {@code predict_linear} (least squares with Kahan sums) and {@code double_exponential_smoothing}. */
final class RegressionFunctions {
    private RegressionFunctions() {
    }

    static void deriv(FunctionContext ctx) {
        FloatPoints f = ctx.window.floats();
        if (f.size() < 2) {
            if (f.size() == 1 && !ctx.window.histograms().isEmpty()) {
                mixedInfo(ctx);
            }
            return;
        }
        double[] r = linearRegression(f, f.t(0));
        mixedInfo(ctx);
        ctx.out.add(Labels.EMPTY, ctx.ts, r[0], false);
    }

    static void predictLinear(FunctionContext ctx) {
        FloatPoints f = ctx.window.floats();
        double duration = ctx.scalarArg(0);
        if (f.size() < 2) {
            if (f.size() == 1 && !ctx.window.histograms().isEmpty()) {
                mixedInfo(ctx);
            }
            return;
        }
        double[] r = linearRegression(f, ctx.ts);
        mixedInfo(ctx);
        ctx.out.add(Labels.EMPTY, ctx.ts, r[0] * duration + r[1], false);
    }

    private static void mixedInfo(FunctionContext ctx) {
        if (!ctx.window.histograms().isEmpty()) {
            ctx.annotations.addInfo(PromqlAnnotations.histogramIgnoredInMixedRange(ctx.window.labels().metricName()));
        }
    }

    /** Returns {slope, intercept}. */
    static double[] linearRegression(FloatPoints f, long interceptTime) {
        double n = 0;
        double[] sumX = new double[2];
        double[] sumY = new double[2];
        double[] sumXY = new double[2];
        double[] sumX2 = new double[2];
        double initY = f.v(0);
        boolean constY = true;
        for (int i = 0; i < f.size(); i++) {
            double y = f.v(i);
            if (constY && i > 0 && y != initY) {
                constY = false;
            }
            n += 1;
            double x = (f.t(i) - interceptTime) / 1e3;
            inc(sumX, x);
            inc(sumY, y);
            inc(sumXY, x * y);
            inc(sumX2, x * x);
        }
        if (constY) {
            if (Double.isInfinite(initY)) {
                return new double[] {Double.NaN, Double.NaN};
            }
            return new double[] {0, initY};
        }
        double sx = sumX[0] + sumX[1];
        double sy = sumY[0] + sumY[1];
        double sxy = sumXY[0] + sumXY[1];
        double sx2 = sumX2[0] + sumX2[1];
        double covXY = sxy - sx * sy / n;
        double varX = sx2 - sx * sx / n;
        double slope = covXY / varX;
        double intercept = sy / n - slope * sx / n;
        return new double[] {slope, intercept};
    }

    private static void inc(double[] acc, double v) {
        double[] r = OverTimeFunctions.kahan(v, acc[0], acc[1]);
        acc[0] = r[0];
        acc[1] = r[1];
    }

    static void doubleExponentialSmoothing(FunctionContext ctx) {
        FloatPoints f = ctx.window.floats();
        double sf = ctx.scalarArg(0);
        double tf = ctx.scalarArg(1);
        if (!(sf > 0 && sf < 1)) {
            throw new IllegalArgumentException("invalid smoothing factor. Expected: 0 < sf < 1, got: "
                    + GoFormat.formatFloatV(sf));
        }
        if (!(tf > 0 && tf < 1)) {
            throw new IllegalArgumentException("invalid trend factor. Expected: 0 < tf < 1, got: "
                    + GoFormat.formatFloatV(tf));
        }
        int l = f.size();
        if (l < 2) {
            if (l == 1 && !ctx.window.histograms().isEmpty()) {
                mixedInfo(ctx);
            }
            return;
        }
        double s0 = 0;
        double s1 = f.v(0);
        double b = f.v(1) - f.v(0);
        for (int i = 1; i < l; i++) {
            double x = sf * f.v(i);
            if (i > 1) {
                b = tf * (s1 - s0) + (1 - tf) * b;
            }
            double y = (1 - sf) * (s1 + b);
            s0 = s1;
            s1 = x + y;
        }
        mixedInfo(ctx);
        ctx.out.add(Labels.EMPTY, ctx.ts, s1, false);
    }
}
