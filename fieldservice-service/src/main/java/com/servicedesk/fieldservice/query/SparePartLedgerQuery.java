package com.servicedesk.fieldservice.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.servicedesk.events.fieldservice.Billing;
import com.servicedesk.fieldservice.command.FieldServicePolicy;
import com.servicedesk.platform.mongo.Documents;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two spare-parts registers of the procedure, as queries on {@code spare_parts}, oldest first like a paper book:
 * <ul>
 *   <li>the <b>warranty spare-parts ledger</b> (三包备件登记台账): every part given free under warranty, the basis for
 *       warranty cost accounting and supplier claims;</li>
 *   <li>the <b>reissue notices</b> (备件补发通知单): every part to be sent to a customer, free or charged, with where it
 *       goes and whether it has gone ({@code REQUESTED}, {@code SHIPPED}, or {@code VOID} when its order was cancelled).</li>
 * </ul>
 * Dates are local dates in the calendar's zone; {@code from} and {@code to} are both included.
 */
@Component
public class SparePartLedgerQuery {
    /** Columns in the order a register shows them (also the CSV header). */
    public static final List<String> LEDGER_COLUMNS = List.of("requestedAt", "partRequestId", "customerId", "customerName",
            "productModel", "serialNumber", "cause", "partNumber", "quantity", "serviceOrderId", "complaintId", "requestedBy",
            "status", "shippedAt", "carrier", "trackingNumber");
    public static final List<String> NOTICE_COLUMNS = List.of("partRequestId", "requestedAt", "status", "customerId",
            "customerName", "contactName", "contactPhone", "region", "productModel", "serialNumber", "partNumber", "quantity",
            "billing", "serviceOrderId", "complaintId", "requestedBy", "shippedAt", "carrier", "trackingNumber");

    private final MongoCollection<Document> parts;
    private final FieldServicePolicy policy;

    public SparePartLedgerQuery(MongoDatabase readModelDatabase, FieldServicePolicy policy) {
        this.parts = readModelDatabase.getCollection(ServiceOrderProjection.PARTS);
        this.policy = policy;
    }

    public List<Map<String, Object>> warrantyLedger(LocalDate from, LocalDate to) {
        return rows(Filters.and(Filters.eq("billing", Billing.IN_WARRANTY.name()), requested(from, to)), LEDGER_COLUMNS);
    }

    public List<Map<String, Object>> reissueNotices(String status, LocalDate from, LocalDate to) {
        Bson filter = status == null || status.isBlank() ? requested(from, to) : Filters.and(Filters.eq("status", status), requested(from, to));
        return rows(filter, NOTICE_COLUMNS);
    }

    private Bson requested(LocalDate from, LocalDate to) {
        List<Bson> range = new ArrayList<>();
        if (from != null) {
            range.add(Filters.gte("requestedAt", Date.from(from.atStartOfDay(policy.zone()).toInstant())));
        }
        if (to != null) {
            range.add(Filters.lt("requestedAt", Date.from(to.plusDays(1).atStartOfDay(policy.zone()).toInstant())));
        }
        return range.isEmpty() ? new Document() : Filters.and(range);
    }

    private List<Map<String, Object>> rows(Bson filter, List<String> columns) {
        List<Map<String, Object>> rows = new ArrayList<>();
        parts.find(filter).sort(Sorts.ascending("requestedAt", "_id")).batchSize(Documents.READ_BATCH).forEach(part -> {
            Document contact = part.get("contact", Document.class);
            Map<String, Object> row = new LinkedHashMap<>();
            for (String column : columns) {
                Object value = switch (column) {
                    case "contactName" -> contact == null ? null : contact.getString("name");
                    case "contactPhone" -> contact == null ? null : contact.getString("phone");
                    default -> part.get(column);
                };
                row.put(column, Documents.plain(value));
            }
            rows.add(row);
        });
        return rows;
    }
}
