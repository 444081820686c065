package com.servicedesk.reporting.report;

/** One section of the yearly report document: its anchor, its heading, and how it prints itself. */
public interface ReportSection {
    /** The anchor the contents and the PDF's bookmarks link to. */
    String id();

    String heading();

    /** Whether it starts on a new page (long sections) or follows the one before (short ones). */
    boolean newPage();

    void render(Xhtml out, YearlyReport report);
}
