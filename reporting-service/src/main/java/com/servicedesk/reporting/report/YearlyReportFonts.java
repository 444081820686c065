package com.servicedesk.reporting.report;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The yearly report's typeface, bundled (DejaVu Sans, Bitstream Vera licence, see {@code report/fonts}) so that
 * the PDF looks the same on every host and carries the glyphs the report prints ("≥", "≤", "–"), which the PDF
 * standard fonts lack. The charts are measured with the same font the PDF draws them with, so their labels fit.
 */
final class YearlyReportFonts {
    /** The family name the CSS, the SVG charts and the PDF renderer all use. */
    static final String FAMILY = "DejaVu Sans";
    /**
     * What the SVG charts ask for: the bundled family first, then what a browser is likely to have. Double
     * quotes, because JFreeSVG puts the style in single-quoted attributes.
     */
    static final String SVG_FAMILIES = "\"DejaVu Sans\", \"Liberation Sans\", Arial, Helvetica, sans-serif";

    private static final byte[] REGULAR = read("report/fonts/DejaVuSans.ttf");
    private static final byte[] BOLD = read("report/fonts/DejaVuSans-Bold.ttf");
    private static final Font AWT_REGULAR = awt(REGULAR);
    private static final Font AWT_BOLD = awt(BOLD);

    private YearlyReportFonts() {
    }

    static InputStream regular() {
        return new ByteArrayInputStream(REGULAR);
    }

    static InputStream bold() {
        return new ByteArrayInputStream(BOLD);
    }

    /** The bundled font for Java 2D (the charts) at a size in px. */
    static Font awt(boolean bold, float size) {
        return (bold ? AWT_BOLD : AWT_REGULAR).deriveFont(size);
    }

    private static byte[] read(String resource) {
        try (InputStream in = YearlyReportFonts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the yearly report's font is missing from the classpath: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the yearly report's font " + resource, e);
        }
    }

    private static Font awt(byte[] ttf) {
        try {
            return Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(ttf));
        } catch (FontFormatException | IOException e) {
            throw new IllegalStateException("the yearly report's bundled font cannot be loaded", e);
        }
    }
}
