package io.ignis.server.rules.template;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's {@code strconv.FormatFloat} for the verbs {@code e}, {@code f} and {@code g}, with a precision or the
 * shortest representation ({@code prec < 0}). Rounding works on the exact binary value, half to even, as Go's.
 */
public final class GoFloat {
    /** Significant digits without trailing zeros, and the decimal point position: 0.{digits} × 10^dp. */
    private record Digits(String d, int dp) {
    }

    private GoFloat() {
    }

    /** Go's {@code strconv.FormatFloat(v, verb, prec, 64)}; {@code prec < 0} is the shortest form. */
    public static String format(double v, char verb, int prec) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        boolean neg = v < 0 || v == 0 && 1 / v < 0;
        double a = Math.abs(v);
        boolean shortest = prec < 0;
        char lower = Character.toLowerCase(verb);
        Digits digs;
        if (shortest) {
            digs = shortest(a);
        } else if (lower == 'e') {
            digs = round(a, prec + 1);
        } else if (lower == 'f') {
            digs = fixed(a, prec);
        } else {
            digs = round(a, prec == 0 ? 1 : prec);
            prec = prec == 0 ? 1 : prec;
        }
        String sign = neg ? "-" : "";
        char e = Character.isUpperCase(verb) ? 'E' : 'e';
        switch (lower) {
            case 'e':
                return sign + fmtE(digs, shortest ? Math.max(digs.d.length() - 1, 0) : prec, e);
            case 'f':
                return sign + fmtF(digs, shortest ? Math.max(digs.d.length() - digs.dp, 0) : prec);
            default:
                int nd = digs.d.length();
                int eprec = shortest ? 6 : prec;
                if (!shortest && eprec > nd && nd >= digs.dp) {
                    eprec = nd;
                }
                if (shortest) {
                    prec = nd;
                }
                int exp = digs.dp - 1;
                if (exp < -4 || exp >= eprec) {
                    return sign + fmtE(digs, Math.min(prec, nd) - 1, e);
                }
                int p = prec > digs.dp ? nd : prec;
                return sign + fmtF(digs, Math.max(p - digs.dp, 0));
        }
    }

    private static Digits shortest(double a) {
        if (a == 0) {
            return new Digits("", 0);
        }
        return of(new BigDecimal(Double.toString(a)));
    }

    private static Digits round(double a, int sig) {
        if (a == 0) {
            return new Digits("", 0);
        }
        return of(new BigDecimal(a).round(new MathContext(sig, RoundingMode.HALF_EVEN)));
    }

    private static Digits fixed(double a, int decimals) {
        return of(new BigDecimal(a).setScale(decimals, RoundingMode.HALF_EVEN));
    }

    private static Digits of(BigDecimal b) {
        if (b.signum() == 0) {
            return new Digits("", 0);
        }
        BigDecimal s = b.stripTrailingZeros();
        String digits = s.unscaledValue().toString();
        int dp = digits.length() - s.scale();
        return new Digits(digits, dp);
    }

    private static String fmtE(Digits digs, int prec, char e) {
        StringBuilder sb = new StringBuilder();
        String d = digs.d;
        sb.append(d.isEmpty() ? '0' : d.charAt(0));
        if (prec > 0) {
            sb.append('.');
            for (int i = 1; i <= prec; i++) {
                sb.append(i < d.length() ? d.charAt(i) : '0');
            }
        }
        int exp = d.isEmpty() ? 0 : digs.dp - 1;
        sb.append(e).append(exp < 0 ? '-' : '+');
        int x = Math.abs(exp);
        if (x < 10) {
            sb.append('0');
        }
        return sb.append(x).toString();
    }

    private static String fmtF(Digits digs, int prec) {
        StringBuilder sb = new StringBuilder();
        String d = digs.d;
        if (digs.dp > 0) {
            for (int i = 0; i < digs.dp; i++) {
                sb.append(i < d.length() ? d.charAt(i) : '0');
            }
        } else {
            sb.append('0');
        }
        if (prec > 0) {
            sb.append('.');
            for (int i = 0; i < prec; i++) {
                int j = digs.dp + i;
                sb.append(j >= 0 && j < d.length() ? d.charAt(j) : '0');
            }
        }
        return sb.toString();
    }
}
