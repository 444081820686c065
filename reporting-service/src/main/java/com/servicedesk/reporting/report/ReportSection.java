package com.servicedesk.reporting.report;

/** One section of the yearly report document: its anchor, its heading, and how it prints itself. */
public abstract class ReportSection {
    private final String id;
    private final String heading;
    private final boolean newPage;

    /**
     * @param id      the anchor the contents and the PDF's bookmarks link to
     * @param newPage whether it starts on a new page (long sections) or follows the one before (short ones)
     */
    protected ReportSection(String id, String heading, boolean newPage) {
        this.id = id;
        this.heading = heading;
        this.newPage = newPage;
    }

    public final String id() {
        return id;
    }

    public final String heading() {
        return heading;
    }

    public final boolean newPage() {
        return newPage;
    }

    public abstract void render(Xhtml out, YearlyReport report);
}
