package com.servicedesk.reporting.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.labels.StandardPieSectionLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PiePlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.general.DefaultPieDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.Rectangle;
import java.math.BigDecimal;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The yearly report's charts: JFreeChart draws them onto JFreeSVG's {@link SVGGraphics2D} and each comes back as
 * one inline {@code <svg>} element (with a {@code viewBox}, so CSS can scale it) that the HTML embeds and the PDF
 * renderer paints through Batik. Keys of the maps are the labels to show (the document chooses them and their
 * order); values are numbers from the report and are labelled through {@link YearlyReportFormat}, so a chart
 * never shows a figure in another form than the tables. Each method returns {@code null} when there is nothing to
 * draw (no data, or only zeros/nulls), so the document can say so in words instead of showing an empty frame.
 */
public final class YearlyReportCharts {
    /** Bars and the first pie section. */
    static final Color PRIMARY = new Color(0x1F4E79);
    /** What the reader should look at: bands below the satisfaction threshold, the worst severity. */
    static final Color WARNING = new Color(0xC55A11);
    private static final Color INK = new Color(0x222222);
    private static final Color GRID = new Color(0xD0D7DE);
    private static final Paint[] SERIES = {PRIMARY, new Color(0x5B9BD5), new Color(0x9DC3E6), WARNING,
            new Color(0xC00000), new Color(0x7F7F7F), new Color(0xBF9000)};

    private YearlyReportCharts() {
    }

    /**
     * Horizontal bars of counts, one per key, each labelled with its count.
     *
     * @param id          unique in the document: it prefixes the SVG's internal ids (clip paths) so charts do
     *                    not clash
     * @param description the chart's accessible name, e.g. "Complaints by category"
     */
    public static String countBars(String id, String description, Map<String, ?> counts, int width, int height) {
        return countBars(id, description, counts, width, height, key -> false);
    }

    /** Horizontal bars of counts; keys matching {@code warn} are drawn in the warning colour. */
    public static String countBars(String id, String description, Map<String, ?> counts, int width, int height,
                                   Predicate<String> warn) {
        return bars(id, description, counts, width, height, PlotOrientation.HORIZONTAL, warn);
    }

    /** Vertical columns of counts (an ordered scale such as score bands); keys matching {@code warn} stand out. */
    public static String countColumns(String id, String description, Map<String, ?> counts, int width, int height,
                                      Predicate<String> warn) {
        return bars(id, description, counts, width, height, PlotOrientation.VERTICAL, warn);
    }

    /**
     * Horizontal bars of ratios (0..1) on a 0–100 % axis, each labelled in percent; a null ratio (nothing to
     * measure) gets no bar, and the key is marked as not measured.
     */
    public static String rateBars(String id, String description, Map<String, ?> ratios, int width, int height) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        boolean anyValue = false;
        for (Map.Entry<String, ?> e : ratios.entrySet()) {
            BigDecimal v = YearlyReportFormat.decimalOf(e.getValue());
            anyValue |= v != null;
            String key = v == null ? e.getKey() + " (" + YearlyReportFormat.NONE + ")" : e.getKey();
            data.addValue(v == null ? null : v.doubleValue(), "rate", key);
        }
        if (!anyValue) {
            return null;
        }
        JFreeChart chart = barChart(data, PlotOrientation.HORIZONTAL, key -> false, YearlyReportFormat::percent);
        NumberAxis axis = (NumberAxis) chart.getCategoryPlot().getRangeAxis();
        // room after 100 % for the label of a full bar; ticks stay on the quarters
        axis.setRange(0.0, 1.13);
        TickUnits quarters = new TickUnits();
        quarters.add(new NumberTickUnit(0.25, new Formatted(value -> YearlyReportFormat.decimalOf(value)
                .movePointRight(2).stripTrailingZeros().toPlainString() + " %")));
        axis.setStandardTickUnits(quarters);
        axis.setAutoTickUnitSelection(true);
        return svg(chart, id, width, height, description);
    }

    /** A pie of counts: the count on each section, "key: count" in the legend; zero sections are left out. */
    public static String countPie(String id, String description, Map<String, ?> counts, int width, int height) {
        DefaultPieDataset<String> data = new DefaultPieDataset<>();
        boolean anyValue = false;
        for (Map.Entry<String, ?> e : counts.entrySet()) {
            BigDecimal v = YearlyReportFormat.decimalOf(e.getValue());
            anyValue |= v != null && v.signum() > 0;
            data.setValue(e.getKey(), v == null ? null : v.doubleValue());
        }
        if (!anyValue) {
            return null;
        }
        JFreeChart chart = new JFreeChart(null, YearlyReportFonts.awt(true, 13f), new PiePlot<>(data), true);
        theme().apply(chart);
        chart.getLegend().setPosition(RectangleEdge.RIGHT);
        chart.getLegend().setFrame(BlockBorder.NONE);
        chart.getLegend().setItemFont(YearlyReportFonts.awt(false, 12f));
        @SuppressWarnings("unchecked")
        PiePlot<String> plot = (PiePlot<String>) chart.getPlot();
        plot.setIgnoreZeroValues(true);
        plot.setIgnoreNullValues(true);
        plot.setOutlineVisible(false);
        plot.setShadowPaint(null);
        plot.setInteriorGap(0.06);
        // the count on its section and the names in a legend: long names beside a small pie squeeze it
        plot.setSimpleLabels(true);
        plot.setLabelGenerator(new StandardPieSectionLabelGenerator("{1}",
                new Formatted(YearlyReportFormat::count), new Formatted(YearlyReportFormat::percent)));
        plot.setLegendLabelGenerator(new StandardPieSectionLabelGenerator("{0}: {1}",
                new Formatted(YearlyReportFormat::count), new Formatted(YearlyReportFormat::percent)));
        plot.setLabelFont(YearlyReportFonts.awt(true, 12f));
        plot.setLabelPaint(Color.WHITE);
        plot.setLabelBackgroundPaint(null);
        plot.setLabelOutlinePaint(null);
        plot.setLabelShadowPaint(null);
        plot.setSectionOutlinesVisible(true);
        plot.setDefaultSectionOutlinePaint(Color.WHITE);
        plot.setDefaultSectionOutlineStroke(new BasicStroke(1.5f));
        int i = 0;
        for (String key : data.getKeys()) {
            plot.setSectionPaint(key, SERIES[i++ % SERIES.length]);
        }
        return svg(chart, id, width, height, description);
    }

    private static String bars(String id, String description, Map<String, ?> counts, int width, int height,
                               PlotOrientation orientation, Predicate<String> warn) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        boolean anyValue = false;
        for (Map.Entry<String, ?> e : counts.entrySet()) {
            BigDecimal v = YearlyReportFormat.decimalOf(e.getValue());
            anyValue |= v != null && v.signum() != 0;
            data.addValue(v == null ? null : v.doubleValue(), "count", e.getKey());
        }
        if (!anyValue) {
            return null;
        }
        JFreeChart chart = barChart(data, orientation, warn, YearlyReportFormat::count);
        NumberAxis axis = (NumberAxis) chart.getCategoryPlot().getRangeAxis();
        // counts: whole-number ticks only, and room after the longest bar for its label
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setUpperMargin(0.15);
        axis.setNumberFormatOverride(new Formatted(YearlyReportFormat::count));
        return svg(chart, id, width, height, description);
    }

    private static JFreeChart barChart(DefaultCategoryDataset data, PlotOrientation orientation,
                                       Predicate<String> warn, Function<Object, String> labels) {
        CategoryAxis categories = new CategoryAxis(null);
        NumberAxis values = new NumberAxis(null);
        BarRenderer renderer = new BarRenderer() {
            private static final long serialVersionUID = 1L;

            // one series, coloured per category: the document decides which categories deserve attention
            @Override
            public Paint getItemPaint(int row, int column) {
                return warn.test(String.valueOf(data.getColumnKey(column))) ? WARNING : PRIMARY;
            }
        };
        CategoryPlot plot = new CategoryPlot(data, categories, values, renderer);
        plot.setOrientation(orientation);
        // the value scale below the bars, where a reader looks for it
        plot.setRangeAxisLocation(orientation == PlotOrientation.HORIZONTAL
                ? AxisLocation.BOTTOM_OR_RIGHT : AxisLocation.BOTTOM_OR_LEFT);
        JFreeChart chart = new JFreeChart(null, YearlyReportFonts.awt(true, 13f), plot, false);
        theme().apply(chart);

        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setMaximumBarWidth(orientation == PlotOrientation.HORIZONTAL ? 0.7 : 0.5);
        renderer.setItemMargin(0.0);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new Formatted(labels)));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(YearlyReportFonts.awt(false, 12f));
        renderer.setDefaultItemLabelPaint(INK);
        renderer.setDefaultPositiveItemLabelPosition(orientation == PlotOrientation.HORIZONTAL
                ? new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT)
                : new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
        renderer.setItemLabelInsets(new RectangleInsets(4.0, 4.0, 4.0, 4.0));

        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(new BasicStroke(0.8f));
        plot.setDomainGridlinesVisible(false);
        plot.setOutlineVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        categories.setCategoryMargin(0.25);
        categories.setLowerMargin(0.04);
        categories.setUpperMargin(0.04);
        categories.setMaximumCategoryLabelLines(2);
        // a label may be wider than its column ("Emergency" under a narrow bar) rather than break mid-word
        categories.setMaximumCategoryLabelWidthRatio(orientation == PlotOrientation.VERTICAL ? 1.6f : 0.45f);
        categories.setTickMarksVisible(false);
        values.setAxisLineVisible(false);
        values.setTickMarksVisible(false);
        return chart;
    }

    /** White, flat, in the report's font: a chart for paper, not for a screen. */
    private static StandardChartTheme theme() {
        StandardChartTheme theme = new StandardChartTheme("yearly-report");
        theme.setExtraLargeFont(YearlyReportFonts.awt(true, 14f));
        theme.setLargeFont(YearlyReportFonts.awt(true, 12f));
        theme.setRegularFont(YearlyReportFonts.awt(false, 12f));
        theme.setSmallFont(YearlyReportFonts.awt(false, 11f));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setPlotOutlinePaint(GRID);
        theme.setAxisLabelPaint(INK);
        theme.setTickLabelPaint(INK);
        theme.setItemLabelPaint(INK);
        theme.setRangeGridlinePaint(GRID);
        theme.setBarPainter(new StandardBarPainter());
        theme.setShadowVisible(false);
        return theme;
    }

    private static String svg(JFreeChart chart, String id, int width, int height, String description) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setBorderVisible(false);
        chart.setPadding(new RectangleInsets(4, 4, 4, 4));
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        // several charts live in one document: their clip-path ids must not collide
        g2.setDefsKeyPrefix(id + "-");
        g2.setFontFunction(family -> YearlyReportFonts.SVG_FAMILIES);
        // a tenth of a px is finer than any printer: full doubles only make the document three times larger
        g2.setGeomDoubleConverter(YearlyReportCharts::oneDecimal);
        chart.draw(g2, new Rectangle(0, 0, width, height));
        String svg = g2.getSVGElement(id, true, new ViewBox(0, 0, width, height), null, null);
        // a name for screen readers; the figures themselves are in the table next to every chart
        int open = svg.indexOf("<svg ") + "<svg ".length();
        return svg.substring(0, open) + "role=\"img\" aria-label=\"" + Xhtml.escape(description) + "\" "
                + svg.substring(open);
    }

    private static String oneDecimal(double value) {
        long tenths = Math.round(value * 10.0);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : Double.toString(tenths / 10.0);
    }

    /** A {@link NumberFormat} for JFreeChart that prints through {@link YearlyReportFormat}. */
    private static final class Formatted extends NumberFormat {
        private static final long serialVersionUID = 1L;
        private final transient Function<Object, String> format;

        Formatted(Function<Object, String> format) {
            this.format = format;
        }

        @Override
        public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
            return toAppendTo.append(format.apply(number));
        }

        @Override
        public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
            return toAppendTo.append(format.apply(number));
        }

        @Override
        public Number parse(String source, ParsePosition parsePosition) {
            throw new UnsupportedOperationException("chart labels are only ever printed");
        }
    }
}
