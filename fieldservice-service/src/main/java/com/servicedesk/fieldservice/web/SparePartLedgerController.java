package com.servicedesk.fieldservice.web;

import com.servicedesk.fieldservice.query.SparePartLedgerQuery;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The spare-parts registers as JSON, or as CSV for the office's spreadsheets ({@code Accept: text/csv}). Any role may
 * read them, like every ordinary read model.
 */
@RestController
@RequestMapping("/api/v1/ledgers")
public class SparePartLedgerController {
    private static final String CSV = "text/csv";

    private final SparePartLedgerQuery ledgers;

    public SparePartLedgerController(SparePartLedgerQuery ledgers) {
        this.ledgers = ledgers;
    }

    @GetMapping(path = "/warranty-spare-parts", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<Map<String, Object>> warrantyLedger(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return ledgers.warrantyLedger(from, to);
    }

    @GetMapping(path = "/warranty-spare-parts", produces = CSV)
    public ResponseEntity<byte[]> warrantyLedgerCsv(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return csv("warranty-spare-parts.csv", SparePartLedgerQuery.LEDGER_COLUMNS, ledgers.warrantyLedger(from, to));
    }

    @GetMapping(path = "/reissue-notices", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<Map<String, Object>> reissueNotices(@RequestParam(required = false) NoticeStatus status,
                                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return ledgers.reissueNotices(status == null ? null : status.name(), from, to);
    }

    @GetMapping(path = "/reissue-notices", produces = CSV)
    public ResponseEntity<byte[]> reissueNoticesCsv(@RequestParam(required = false) NoticeStatus status,
                                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return csv("reissue-notices.csv", SparePartLedgerQuery.NOTICE_COLUMNS,
                ledgers.reissueNotices(status == null ? null : status.name(), from, to));
    }

    /** A notice's state: waiting to be shipped, shipped, or void because its order was cancelled. */
    public enum NoticeStatus { REQUESTED, SHIPPED, VOID }

    private static ResponseEntity<byte[]> csv(String filename, List<String> columns, List<Map<String, Object>> rows) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .body(Csv.of(columns, rows));
    }
}
