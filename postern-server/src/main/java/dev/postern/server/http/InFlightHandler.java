package dev.postern.server.http;

import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Counts a request in {@link InFlight} from when Jetty hands it over until its response is
 * complete — written to the connection, or failed — so that shutdown stops listening only after
 * every answer in progress is out. Counting in a Javalin handler ended too early: Javalin runs its
 * after-handlers before it writes the response, so a gateway closing at that moment could drop the
 * {@code 202} of a message it had stored. The event stream is not counted: it lasts as long as its
 * client wants, and closing ends it. A request that arrives while closing passes uncounted, and the
 * API answers it {@code 503}.
 */
final class InFlightHandler extends Handler.Wrapper {
    private final InFlight inFlight;
    private final String uncounted;

    /** {@code uncounted}: the path of the one route never waited for (the event stream). */
    InFlightHandler(InFlight inFlight, String uncounted) {
        this.inFlight = inFlight;
        this.uncounted = uncounted;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (uncounted.equals(Request.getPathInContext(request)) || !inFlight.enter()) {
            return super.handle(request, response, callback);
        }
        AtomicBoolean counted = new AtomicBoolean(true);
        Runnable exit = () -> {
            if (counted.getAndSet(false)) {
                inFlight.exit();
            }
        };
        boolean handled = false;
        try {
            handled = super.handle(request, response, Callback.from(callback, exit));
            return handled;
        } finally {
            if (!handled) {
                exit.run(); // nothing took the request (or it threw): its callback may never complete here
            }
        }
    }
}
