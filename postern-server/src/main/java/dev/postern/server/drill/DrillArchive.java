package dev.postern.server.drill;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The drills that reached their verdict: the last {@link #KEEP} of this process in memory, and
 * every one saved in the drills folder by {@link ReportFiles}, so that a drill's JSON outlives the
 * process that ran it. Thread-safe.
 */
final class DrillArchive {
    /** How many finished drills of this process {@code GET /v1/drills} lists. */
    static final int KEEP = 50;

    private final Path folder;
    private final Map<String, Drill> recent = new LinkedHashMap<>();

    DrillArchive(Path folder) {
        this.folder = folder;
    }

    /** Keeps {@code drill}, which has its verdict, and saves its report files. */
    void add(Drill drill) {
        synchronized (this) {
            recent.put(drill.id(), drill);
            if (recent.size() > KEEP) {
                recent.remove(recent.keySet().iterator().next());
            }
        }
        ReportFiles.save(folder, drill);
    }

    /** Finished drill {@code id} of this process. */
    synchronized Optional<Drill> find(String id) {
        return Optional.ofNullable(recent.get(id));
    }

    /** The API's JSON of finished drill {@code id}: of this process, or saved by an earlier one. */
    Optional<JsonNode> json(String id) {
        Optional<Drill> drill = find(id);
        return drill.isPresent() ? drill.map(DrillJson::of) : ReportFiles.load(folder, id);
    }

    /** The finished drills of this process, oldest first. */
    synchronized List<Drill> recent() {
        return new ArrayList<>(recent.values());
    }
}
