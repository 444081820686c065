package com.servicedesk.reporting.report;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.offset;

/**
 * The yearly report as HTML and PDF from the fixture {@code yearly-report-2026.json}: every figure of the report is
 * printed, formatted the one way {@link YearlyReportFormat} formats it, in both; customer text is escaped; the
 * PDF is a real, paged A4 document with its charts painted. Samples for a human go to
 * {@code target/report-samples/}.
 */
class YearlyReportRenderingTest {
    private static final Path SAMPLES = Path.of("target", "report-samples");
    /** Keys whose values are ratios 0..1 (printed as percent) and those that are hours or scores (two decimals). */
    private static final Set<String> HOURS_AND_SCORES = Set.of("medianHours", "p90Hours", "mean", "finalScore");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The fixture as plain JSON: what the report must show, walked independently of the record it renders from. */
    private static Map<String, Object> report;
    private static YearlyReport typed;
    private static String html;
    private static String htmlText;
    private static byte[] pdf;
    private static String pdfText;
    private static List<String> pageTexts;

    @BeforeAll
    static void render() throws IOException {
        try (InputStream in = YearlyReportRenderingTest.class.getResourceAsStream("/yearly-report-2026.json")) {
            assertThat(in).as("fixture yearly-report-2026.json").isNotNull();
            byte[] fixture = in.readAllBytes();
            report = JSON.readValue(fixture, new TypeReference<Map<String, Object>>() { });
            typed = JSON.readValue(fixture, YearlyReport.class);
        }
        html = YearlyReportDocument.html(typed);
        htmlText = visibleText(html);

        long cold = System.nanoTime();
        pdf = YearlyReportPdf.pdf(typed);
        long coldMs = (System.nanoTime() - cold) / 1_000_000;
        List<Long> warm = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            pdf = YearlyReportPdf.pdf(typed);
            warm.add((System.nanoTime() - start) / 1_000_000);
        }
        System.out.printf("yearly report PDF: %d bytes; render cold %d ms, warm %s ms%n", pdf.length, coldMs, warm);

        Files.createDirectories(SAMPLES);
        Files.writeString(SAMPLES.resolve("yearly-report-2026.html"), html, StandardCharsets.UTF_8);
        Files.write(SAMPLES.resolve("yearly-report-2026.pdf"), pdf);
        pageTexts = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(document);
            PDFTextStripper stripper = new PDFTextStripper();
            pdfText = normalize(stripper.getText(document));
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                pageTexts.add(normalize(stripper.getText(document)));
                ImageIO.write(renderer.renderImageWithDPI(page - 1, 80),
                        "png", SAMPLES.resolve("yearly-report-2026-page-" + page + ".png").toFile());
            }
        }
        System.out.println("yearly report samples in " + SAMPLES.toAbsolutePath());
    }

    @Test
    void formatsEveryKindOfNumberOneWay() {
        assertThat(YearlyReportFormat.percent(0.9167)).isEqualTo("91.7 %");
        assertThat(YearlyReportFormat.percent(0.0)).isEqualTo("0.0 %");
        assertThat(YearlyReportFormat.percent(new BigDecimal("0.0005"))).isEqualTo("0.1 %");
        assertThat(YearlyReportFormat.percent(1)).isEqualTo("100.0 %");
        assertThat(YearlyReportFormat.percent(null)).isEqualTo("–");
        assertThat(YearlyReportFormat.decimal(30.5)).isEqualTo("30.50");
        assertThat(YearlyReportFormat.decimal(52.1)).isEqualTo("52.10");
        assertThat(YearlyReportFormat.decimal(70.255)).isEqualTo("70.26");
        assertThat(YearlyReportFormat.decimal(null)).isEqualTo("–");
        assertThat(YearlyReportFormat.count(12)).isEqualTo("12");
        assertThat(YearlyReportFormat.count(1234L)).isEqualTo("1,234");
        assertThat(YearlyReportFormat.count(null)).isEqualTo("–");
        assertThat(YearlyReportFormat.kpi(0.02, "ratio")).isEqualTo("2.0 %");
        assertThat(YearlyReportFormat.kpi(24, "hours")).isEqualTo("24.00 h");
        assertThat(YearlyReportFormat.comparator(">=")).isEqualTo("≥");
        assertThat(YearlyReportFormat.dateTime("2026-11-21T04:00:00Z", "Asia/Shanghai")).isEqualTo("2026-11-21 12:00");
        assertThat(YearlyReportFormat.label("OUT_OF_PROVINCE")).isEqualTo("Out of province");
        assertThat(YearlyReportFormat.label("90-100")).isEqualTo("90-100");
    }

    @Test
    void htmlIsWellFormedXhtmlWithInlineSvgCharts() {
        assertThatCode(() -> {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        }).doesNotThrowAnyException();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg");
        // category, channel, region, severity, clocks, warranty, satisfaction distribution
        assertThat(html.split("<svg ", -1)).hasSize(1 + 7);
        assertThat(htmlText).contains("Yearly service summary report 2026", "All customers", "Asia/Shanghai",
                "2026-11-21 12:00");
    }

    @Test
    void htmlCarriesEveryFigureOfTheReportFormatted() {
        assertThat(expectedFigures()).allSatisfy(figure -> assertThat(htmlText).contains(figure));
        assertThat(expectedRows()).allSatisfy(row -> assertThat(htmlText).contains(row));
    }

    @Test
    void pdfCarriesEveryFigureOfTheReportFormatted() {
        assertThat(expectedFigures()).allSatisfy(figure -> assertThat(pdfText).contains(figure));
        assertThat(expectedRows()).allSatisfy(row -> assertThat(pdfText).contains(row));
    }

    @Test
    void kpisComeFirstWithMetOrMissedInWords() {
        String kpiPage = pageTexts.get(1);
        assertThat(kpiPage).contains("Key performance indicators");
        for (Object o : list(report.get("kpis"))) {
            Map<String, Object> kpi = map(o);
            String unit = (String) kpi.get("unit");
            String status = Boolean.TRUE.equals(kpi.get("met")) ? "✓ Met" : "✗ Missed";
            String row = kpi.get("label") + " " + YearlyReportFormat.kpi(kpi.get("value"), unit) + " "
                    + YearlyReportFormat.comparator((String) kpi.get("comparator")) + " "
                    + YearlyReportFormat.kpi(kpi.get("target"), unit) + " " + status;
            assertThat(kpiPage).contains(row);
            assertThat(htmlText).contains(row);
        }
    }

    @Test
    void aNullRatePrintsAsADash() {
        Map<String, Object> reportClock = map(map(report.get("clocks")).get("report"));
        assertThat(reportClock.get("onTimeRate")).as("the fixture's null rate").isNull();
        // the service report clock: on time, late, breached, running, then its rate
        assertThat(pdfText).contains("service report submitted after the service is completed 0 0 0 0 –");
        assertThat(htmlText).contains("service report submitted after the service is completed 0 0 0 0 –");

        YearlyReport withoutHandling = new YearlyReport(typed.year(), typed.customerId(), typed.zone(), typed.generatedAt(),
                typed.complaints(), typed.returns(), typed.clocks(), null, typed.timeToClose(), typed.fieldService(),
                typed.capa(), typed.satisfaction(), typed.suggestions(), typed.improvements(), typed.kpis());
        assertThat(visibleText(YearlyReportDocument.html(withoutHandling)))
                .contains("Handling rate (closed ÷ registered) –");
    }

    @Test
    void customerTextIsEscaped() {
        assertThat(html).contains("Invoices &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; delivery notes")
                .doesNotContain("<script");
        assertThat(pdfText).contains("Invoices <script>alert('x')</script> & delivery notes");
    }

    @Test
    void pdfIsPagedA4WithTitlePageAndPageNumbers() throws IOException {
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            int pages = document.getNumberOfPages();
            assertThat(pages).isGreaterThanOrEqualTo(3);
            // A4 portrait: 595 × 842 points
            assertThat(document.getPage(0).getMediaBox().getWidth()).isCloseTo(595f, offset(1f));
            assertThat(document.getPage(0).getMediaBox().getHeight()).isCloseTo(842f, offset(1f));
            assertThat(document.getDocumentInformation().getTitle()).contains("Yearly service summary report 2026");
            // the title page stands alone, without a footer; the others are numbered "page X of Y"
            assertThat(pageTexts.get(0)).contains("Yearly service summary report 2026").doesNotContain("page 1 of")
                    .doesNotContain("Key performance indicators Indicator");
            for (int page = 2; page <= pages; page++) {
                assertThat(pageTexts.get(page - 1)).contains("page " + page + " of " + pages);
            }
        }
    }

    @Test
    void pdfPaintsTheCharts() throws IOException {
        // the warning colour appears only in charts (the emergency bar, the score bands under 70): when the
        // page that holds the satisfaction distribution shows it, the inline SVG was painted into the PDF
        int page = pageOf("Distribution of final scores");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            BufferedImage image = new PDFRenderer(document).renderImageWithDPI(page, 80);
            assertThat(pixels(image, YearlyReportCharts.WARNING)).isGreaterThan(200);
            assertThat(pixels(image, YearlyReportCharts.PRIMARY)).isGreaterThan(1000);
        }
    }

    @Test
    void rendersAnEmptyReportAndOneCustomersReport() throws IOException {
        String empty = visibleText(YearlyReportDocument.html(quietYear()));
        assertThat(empty).contains("Yearly service summary report", "Nothing to chart.", "No root cause recorded.", "None.");
        try (PDDocument document = Loader.loadPDF(YearlyReportPdf.pdf(quietYear()))) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(3);
        }

        YearlyReport oneCustomer = new YearlyReport(typed.year(), "CUST-1 & <Partners>", typed.zone(), typed.generatedAt(),
                typed.complaints(), typed.returns(), typed.clocks(), typed.handlingRate(), typed.timeToClose(), typed.fieldService(),
                typed.capa(), typed.satisfaction(), typed.suggestions(), typed.improvements(), typed.kpis());
        String customerHtml = YearlyReportDocument.html(oneCustomer);
        assertThat(customerHtml).contains("Customer CUST-1 &amp; &lt;Partners&gt;");
        try (PDDocument document = Loader.loadPDF(YearlyReportPdf.pdf(oneCustomer))) {
            String text = normalize(new PDFTextStripper().getText(document));
            assertThat(text).contains("Customer CUST-1 & <Partners>",
                    "Yearly service summary report 2026 · Customer CUST-1 & <Partners>");
        }
    }

    @Test
    void theRecordAndItsJsonPrintTheSame() {
        // the controller answers JSON from the record the documents print: read back, it prints identically
        YearlyReport readBack = JSON.readValue(JSON.writeValueAsString(typed), YearlyReport.class);
        assertThat(readBack).isEqualTo(typed);
        assertThat(YearlyReportDocument.html(readBack)).isEqualTo(html);
        Map<String, Object> json = JSON.readValue(JSON.writeValueAsString(typed), new TypeReference<Map<String, Object>>() { });
        assertThat(json.keySet()).as("API.md's fields, in its order").containsExactly("year", "customerId", "zone",
                "generatedAt", "complaints", "returns", "clocks", "handlingRate", "timeToClose", "fieldService", "capa",
                "satisfaction", "suggestions", "improvements", "kpis");
    }

    // ---------------------------------------------------------------- what the report must show

    /** Every number of the report, formatted by its kind; a number of an unknown kind fails the test. */
    private static List<String> expectedFigures() {
        List<String> figures = new ArrayList<>();
        for (Object o : list(report.get("kpis"))) {
            Map<String, Object> kpi = map(o);
            String unit = (String) kpi.get("unit");
            figures.add((String) kpi.get("label"));
            figures.add(YearlyReportFormat.kpi(kpi.get("value"), unit));
            figures.add(YearlyReportFormat.comparator((String) kpi.get("comparator")) + " "
                    + YearlyReportFormat.kpi(kpi.get("target"), unit));
        }
        for (String section : List.of("complaints", "returns", "clocks", "handlingRate", "timeToClose",
                "fieldService", "capa", "satisfaction")) {
            walk(section, report.get(section), figures);
        }
        assertThat(figures).hasSizeGreaterThan(60);
        return figures;
    }

    private static void walk(String key, Object value, List<String> figures) {
        if (value instanceof Map) {
            map(value).forEach((k, v) -> walk(k, v, figures));
        } else if (value instanceof List) {
            list(value).forEach(v -> walk(key, v, figures));
        } else if (value instanceof Number || value == null) {
            if (key.endsWith("Rate") || key.equals("share")) {
                figures.add(YearlyReportFormat.percent(value));
            } else if (HOURS_AND_SCORES.contains(key)) {
                figures.add(YearlyReportFormat.decimal(value));
            } else if (value instanceof Integer || value instanceof Long) {
                figures.add(YearlyReportFormat.count(value));
            } else {
                throw new AssertionError("the test does not know how " + key + " = " + value + " is printed");
            }
        }
    }

    /** Rows that tie a figure to its name, as a reader sees them in the tables. */
    private static List<String> expectedRows() {
        List<String> rows = new ArrayList<>();
        Map<String, Object> complaints = map(report.get("complaints"));
        for (String breakdown : List.of("byCategory", "byChannel", "byRegion", "bySeverity")) {
            map(complaints.get(breakdown)).forEach((code, count) ->
                    rows.add(YearlyReportFormat.label(code) + " " + YearlyReportFormat.count(count)));
        }
        rows.add("Complaints registered " + YearlyReportFormat.count(complaints.get("total")));
        rows.add("Handling rate (closed ÷ registered) " + YearlyReportFormat.percent(report.get("handlingRate")));
        Map<String, Object> ttc = map(report.get("timeToClose"));
        rows.add("Median (hours) " + YearlyReportFormat.decimal(ttc.get("medianHours")));
        rows.add("90th percentile (hours) " + YearlyReportFormat.decimal(ttc.get("p90Hours")));
        map(report.get("clocks")).forEach((name, o) -> {
            Map<String, Object> clock = map(o);
            rows.add(YearlyReportFormat.count(clock.get("met")) + " " + YearlyReportFormat.count(clock.get("metLate"))
                    + " " + YearlyReportFormat.count(clock.get("breached")) + " "
                    + YearlyReportFormat.count(clock.get("running")) + " "
                    + YearlyReportFormat.percent(clock.get("onTimeRate")));
        });
        Map<String, Object> field = map(report.get("fieldService"));
        rows.add("First-visit fix rate " + YearlyReportFormat.percent(field.get("firstVisitFixRate")));
        rows.add("Spare parts shipped " + YearlyReportFormat.count(field.get("sparePartsShipped")));
        for (Object o : list(map(report.get("capa")).get("topRootCauses"))) {
            Map<String, Object> cause = map(o);
            rows.add(cause.get("rootCause") + " " + YearlyReportFormat.label(cause.get("method")) + " "
                    + YearlyReportFormat.count(cause.get("count")));
        }
        Map<String, Object> satisfaction = map(report.get("satisfaction"));
        map(satisfaction.get("distribution")).forEach((band, count) ->
                rows.add(band + " " + YearlyReportFormat.count(count)));
        for (Object o : list(satisfaction.get("below70"))) {
            Map<String, Object> customer = map(o);
            rows.add(customer.get("customerId") + " " + YearlyReportFormat.decimal(customer.get("finalScore")));
        }
        for (Object o : list(satisfaction.get("weakestItems"))) {
            Map<String, Object> item = map(o);
            rows.add(item.get("name") + " " + item.get("code") + " " + YearlyReportFormat.percent(item.get("share")));
        }
        for (Object o : list(report.get("suggestions"))) {
            Map<String, Object> suggestion = map(o);
            rows.add(suggestion.get("customerId") + " " + suggestion.get("year"));
        }
        for (Object o : list(report.get("improvements"))) {
            Map<String, Object> improvement = map(o);
            rows.add("Problem " + improvement.get("problemStatement"));
            list(improvement.get("documents")).forEach(document -> rows.add(String.valueOf(document)));
            rows.add("Closed " + YearlyReportFormat.date(improvement.get("closedAt"), (String) report.get("zone")));
        }
        return rows;
    }

    // ---------------------------------------------------------------- helpers

    /** A year with nothing in it: every count zero, every rate unmeasured, every list empty. */
    private static YearlyReport quietYear() {
        YearlyReport.Clock idle = new YearlyReport.Clock(null, 0, 0, 0, 0);
        return new YearlyReport(2026, null, "Asia/Shanghai", Instant.parse("2026-11-21T04:00:00Z"),
                new YearlyReport.Complaints(0, Map.of(), Map.of(), Map.of(), Map.of(), 0, 0, 0, 0),
                new YearlyReport.Returns(0, 0), new YearlyReport.Clocks(idle, idle, idle, idle), null,
                new YearlyReport.TimeToClose(0, null, null), new YearlyReport.FieldService(0, 0, 0, 0, 0, null, 0, 0, null),
                new YearlyReport.Capa(0, 0, 0, 0, 0, List.of()),
                new YearlyReport.Satisfaction(0, null, null, Map.of(), List.of(), List.of(), new YearlyReport.Deductions(0, 0)),
                List.of(), List.of(), List.of());
    }

    /** The text a reader sees in the HTML: tags out, the five escapes back, whitespace as single spaces. */
    private static String visibleText(String xhtml) {
        String body = xhtml.substring(xhtml.indexOf("<body>"));
        String text = body.replaceAll("<[^>]+>", " ")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
        return normalize(text);
    }

    private static String normalize(String text) {
        return text.replace('\u00A0', ' ').replaceAll("\\s+", " ").trim();
    }

    private int pageOf(String text) {
        for (int i = 0; i < pageTexts.size(); i++) {
            if (pageTexts.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no page shows " + text);
    }

    private static int pixels(BufferedImage image, Color color) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                if (Math.abs(c.getRed() - color.getRed()) < 10 && Math.abs(c.getGreen() - color.getGreen()) < 10
                        && Math.abs(c.getBlue() - color.getBlue()) < 10) {
                    count++;
                }
            }
        }
        return count;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List ? (List<Object>) value : List.of();
    }
}
