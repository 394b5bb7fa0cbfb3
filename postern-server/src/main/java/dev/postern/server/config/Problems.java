package dev.postern.server.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects every problem of one file with its line; a path already reported gets no second problem,
 * so one bad value does not cascade into "is required" and the like.
 */
final class Problems {
    private final Map<String, Integer> lines;
    private final List<ConfigProblem> list = new ArrayList<>();
    private final Set<String> reported = new HashSet<>();

    Problems(Map<String, Integer> lines) {
        this.lines = lines;
    }

    void add(String path, String message) {
        if (reported.add(path)) {
            list.add(new ConfigProblem(path, lineOf(path), message));
        }
    }

    /** A problem whose line is known but not its path (the file's syntax). */
    void addAt(String path, int line, String message) {
        if (reported.add(path)) {
            list.add(new ConfigProblem(path, line, message));
        }
    }

    boolean reported(String path) {
        return reported.contains(path);
    }

    /** Whether {@code path} or anything below it ({@code path.key}, {@code path[0]}) has a problem. */
    boolean anyUnder(String path) {
        return reported.stream().anyMatch(p -> p.equals(path) || p.startsWith(path + ".") || p.startsWith(path + "["));
    }

    List<ConfigProblem> list() {
        return List.copyOf(list);
    }

    /** The line of {@code path}, or of its nearest ancestor that is in the file. */
    int lineOf(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            p = parent(p);
        }
        return 0;
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }
}
