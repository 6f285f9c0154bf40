package io.ignis.server.rules.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Go's rules for template values: truth, comparison, {@code len}, {@code index}, map key order. */
final class Values {
    private Values() {
    }

    /** Go's {@code template.IsTrue}: false, 0, nil and empty strings, slices and maps are false. */
    static boolean truth(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Long l) {
            return l != 0;
        }
        if (v instanceof Double d) {
            return d != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    static List<Object> sortedKeys(Map<?, ?> m) {
        List<Object> keys = new ArrayList<>(m.keySet());
        keys.sort((a, b) -> compareKeys(a, b));
        return keys;
    }

    private static int compareKeys(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof Double x && b instanceof Double y) {
            return Double.compare(x, y);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    static boolean isBasic(Object v) {
        return v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean;
    }

    /** Go's {@code eq} for two arguments. */
    static boolean eq(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (isBasic(a) && isBasic(b)) {
            if (a.getClass() != b.getClass()) {
                throw new FuncException("incompatible types for comparison");
            }
            return a.equals(b) || a instanceof Double x && x.doubleValue() == (Double) b;
        }
        if (a instanceof List || a instanceof Map || b instanceof List || b instanceof Map) {
            throw new FuncException("non-comparable type " + GoFormat.value(a) + ": " + GoFormat.typeName(a));
        }
        return a.equals(b);
    }

    /** Go's {@code lt}; {@code le}, {@code gt} and {@code ge} derive from it and {@code eq}. */
    static boolean lt(Object a, Object b) {
        if (!isBasic(a) || !isBasic(b) || a instanceof Boolean || b instanceof Boolean) {
            throw new FuncException("invalid type for comparison");
        }
        if (a.getClass() != b.getClass()) {
            throw new FuncException("incompatible types for comparison");
        }
        if (a instanceof String s) {
            return compareBytes(s, (String) b) < 0;
        }
        if (a instanceof Long l) {
            return l < (Long) b;
        }
        return (Double) a < (Double) b;
    }

    private static int compareBytes(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }

    static long len(Object v) {
        if (v instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8).length;
        }
        if (v instanceof Collection<?> c) {
            return c.size();
        }
        if (v instanceof Map<?, ?> m) {
            return m.size();
        }
        throw new FuncException("len of type " + GoFormat.typeName(v));
    }

    /** Go's {@code index item i j …}. A missing map key gives the map's zero value. */
    static Object index(Object item, List<Object> indexes) {
        Object v = item;
        for (Object ix : indexes) {
            if (v instanceof Map<?, ?> m) {
                if (!(ix instanceof String) && ix != null) {
                    throw new FuncException("value has type " + GoFormat.typeName(ix) + "; should be string");
                }
                v = m.containsKey(ix) ? m.get(ix) : zeroOf(m);
            } else if (v instanceof List<?> l || v instanceof String) {
                if (!(ix instanceof Long i)) {
                    throw new FuncException("cannot index slice/array with type " + GoFormat.typeName(ix));
                }
                int n = v instanceof List<?> list ? list.size() : ((String) v).getBytes(StandardCharsets.UTF_8).length;
                if (i < 0 || i >= n) {
                    throw new FuncException("index out of range: " + i);
                }
                v = v instanceof List<?> list ? list.get((int) (long) i)
                        : (long) (((String) v).getBytes(StandardCharsets.UTF_8)[(int) (long) i] & 0xff);
            } else if (v == null) {
                throw new FuncException("index of untyped nil");
            } else {
                throw new FuncException("can't index item of type " + GoFormat.typeName(v));
            }
        }
        return v;
    }

    static Object zeroOf(Map<?, ?> m) {
        return m instanceof StringMap ? "" : null;
    }
}
