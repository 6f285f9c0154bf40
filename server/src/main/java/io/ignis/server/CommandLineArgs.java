package io.ignis.server;

import java.util.List;
import java.util.Map;

/**
 * What the command line said, before conversion: the flags given (by name, last occurrence wins), the items of
 * repeatable flags, and whether help or version was asked for.
 */
record CommandLineArgs(boolean help, boolean version, Map<String, String> given, Map<String, List<String>> lists) {
}
