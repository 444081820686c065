package com.servicedesk.reporting.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FSFontUseCase;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The yearly service summary report as an A4 PDF: the XHTML of {@link YearlyReportDocument} printed by
 * openhtmltopdf (PDFBox), with the inline SVG charts painted as vector graphics by its Batik drawer, the bundled
 * font embedded (subset) for the text and the charts, "page X of Y" in the footer and bookmarks per section.
 */
public final class YearlyReportPdf {
    private static final Set<FSFontUseCase> TEXT_AND_CHARTS = EnumSet.of(FSFontUseCase.DOCUMENT, FSFontUseCase.SVG);

    private YearlyReportPdf() {
    }

    /** The report as PDF bytes. */
    public static byte[] pdf(YearlyReport report) {
        return render(YearlyReportDocument.html(report, true));
    }

    /** Prints well-formed XHTML (such as {@link YearlyReportDocument#html}) with the report's fonts. */
    public static byte[] render(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useSVGDrawer(new BatikSVGDrawer());
        builder.useFont(YearlyReportFonts::regular, YearlyReportFonts.FAMILY, 400, FontStyle.NORMAL, true,
                TEXT_AND_CHARTS);
        builder.useFont(YearlyReportFonts::bold, YearlyReportFonts.FAMILY, 700, FontStyle.NORMAL, true,
                TEXT_AND_CHARTS);
        // the document is self-contained (fonts come as streams, charts inline): nothing is ever fetched, so
        // text from customers cannot make the renderer reach out to a URL or a file
        builder.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
        builder.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
        builder.withHtmlContent(xhtml, null);
        builder.withProducer("servicedesk reporting-service");
        builder.toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("the yearly report could not be rendered as PDF", e);
        }
        return out.toByteArray();
    }
}
