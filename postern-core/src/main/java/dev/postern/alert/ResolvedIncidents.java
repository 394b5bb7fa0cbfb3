package dev.postern.alert;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The incidents a paging sink has resolved lately (the last {@value #KEPT}), so that a retry of an
 * earlier notification arriving after the resolve (sinks retry with backoff, in any order) is
 * dropped instead of opening a new page that nothing would ever close.
 */
final class ResolvedIncidents {
    static final int KEPT = 1024;

    private final Map<String, Boolean> ids = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > KEPT;
        }
    };

    synchronized void add(String id) {
        ids.put(id, Boolean.TRUE);
    }

    synchronized boolean contains(String id) {
        return ids.containsKey(id);
    }
}
