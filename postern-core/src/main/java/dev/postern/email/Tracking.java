package dev.postern.email;

/**
 * Whether the provider should track opens (a pixel in the HTML) and clicks (rewritten links).
 * Off by default: tracking changes the message and has privacy implications the sender must opt
 * into. Providers without tracking ignore it.
 */
public record Tracking(boolean opens, boolean clicks) {
    /** No tracking; the default. */
    public static final Tracking OFF = new Tracking(false, false);

    /** Open and click tracking. */
    public static final Tracking ALL = new Tracking(true, true);
}
