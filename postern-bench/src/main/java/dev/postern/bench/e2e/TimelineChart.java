package dev.postern.bench.e2e;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The failover timeline as a PNG (Java2D, headless): one panel per system, each message a dot at
 * (submitted, latency), coloured by the provider that took it; the hang is shaded.
 */
final class TimelineChart {
    private static final int WIDTH = 1000;
    private static final int PANEL = 300;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 40;
    private static final Color PRIMARY = new Color(0x1f77b4);
    private static final Color BACKUP = new Color(0xff7f0e);
    private static final Color LOST = new Color(0xd62728);

    private TimelineChart() {}

    static void write(Path file, FailoverScenario.Plan plan, FailoverScenario.Run postern, FailoverScenario.Run naive)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, 2 * (PANEL + TOP + BOTTOM), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        double total = plan.steady().plus(plan.hang()).plus(plan.after()).toMillis() / 1000.0;
        double maxLatency = Math.max(maxSeconds(postern), maxSeconds(naive)) * 1.1;
        panel(g, 0, "Postern (gateway, outbox, suspicion after 2 s)", postern, total, maxLatency);
        panel(
                g,
                PANEL + TOP + BOTTOM,
                "Naive baseline (health check before each send, no queue)",
                naive,
                total,
                maxLatency);
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private static double maxSeconds(FailoverScenario.Run run) {
        return run.deliveries().stream()
                .mapToDouble(d -> d.latency().toMillis() / 1000.0)
                .max()
                .orElse(1);
    }

    private static void panel(
            Graphics2D g, int y0, String title, FailoverScenario.Run run, double total, double maxLatency) {
        int plotW = WIDTH - LEFT - RIGHT;
        int top = y0 + TOP;
        // x axis: seconds since the first submission
        Instant first = run.deliveries().isEmpty()
                ? run.hangStart()
                : run.deliveries().getFirst().submitted();
        double hangFrom = Duration.between(first, run.hangStart()).toMillis() / 1000.0;
        double hangTo = Duration.between(first, run.hangEnd()).toMillis() / 1000.0;
        g.setColor(new Color(0xeeeeee));
        g.fillRect(LEFT + (int) (hangFrom / total * plotW), top, (int) ((hangTo - hangFrom) / total * plotW), PANEL);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, LEFT, y0 + 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawRect(LEFT, top, plotW, PANEL);
        for (int i = 0; i <= 5; i++) {
            double v = maxLatency * i / 5;
            int y = top + PANEL - (int) (v / maxLatency * PANEL);
            g.drawString(String.format(Locale.ROOT, "%.1f s", v), 8, y + 4);
        }
        for (int s = 0; s <= total; s += 5) {
            int x = LEFT + (int) (s / total * plotW);
            g.drawString(s + " s", x - 8, top + PANEL + 15);
        }
        g.drawString(
                "submitted (s since start); shaded: primary hangs; y: latency to a provider's acceptance",
                LEFT,
                top + PANEL + 32);
        g.setStroke(new BasicStroke(1));
        for (Delivery d : run.deliveries()) {
            int x = LEFT + (int) (d.at(first) / total * plotW);
            double latency = Math.min(d.latency().toMillis() / 1000.0, maxLatency);
            int y = top + PANEL - (int) (latency / maxLatency * PANEL);
            g.setColor(!d.delivered() ? LOST : d.provider().equals("primary") ? PRIMARY : BACKUP);
            g.fillOval(x - 2, y - 2, 5, 5);
        }
        g.setColor(PRIMARY);
        g.drawString("● primary", WIDTH - 260, y0 + 22);
        g.setColor(BACKUP);
        g.drawString("● backup", WIDTH - 180, y0 + 22);
        g.setColor(LOST);
        g.drawString("● not delivered", WIDTH - 110, y0 + 22);
    }
}
