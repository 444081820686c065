package com.servicedesk.platform.mongo;

import org.bson.Document;
import org.bson.types.Decimal128;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers every read model shares: turning stored documents into JSON-ready values, lists, pages. */
public final class Documents {
    /**
     * Documents per reply for every query whose result is read whole (reports, statistics, exports). Without a batch
     * size the Mongo-wire store sends the whole result in its first reply: the yearly report at 100,000 complaints
     * then outgrew reporting's 256 MB heap and answered 500. With it a cursor holds one batch at a time (a real
     * MongoDB caps its first reply at 101 documents anyway).
     */
    public static final int READ_BATCH = 1000;
    private Documents() {
    }

    /** Dates become instants, decimals BigDecimal (scale kept), nested documents maps; everything else stays as stored. */
    public static Object plain(Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue();
        }
        if (value instanceof Document nested) {
            Map<String, Object> map = new LinkedHashMap<>();
            nested.forEach((key, inner) -> map.put(key, plain(inner)));
            return map;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Documents::plain).toList();
        }
        return value;
    }

    /** The document as a map without Mongo's {@code _id} (every read model repeats its id under its own name). */
    public static Map<String, Object> view(Document document) {
        Map<String, Object> view = new LinkedHashMap<>();
        document.forEach((key, value) -> {
            if (!key.equals("_id")) {
                view.put(key, plain(value));
            }
        });
        return view;
    }

    /** The list stored under {@code field}, created empty if the document has none yet. */
    @SuppressWarnings("unchecked")
    public static List<Document> list(Document document, String field) {
        List<Document> list = (List<Document>) document.get(field);
        if (list == null) {
            list = new ArrayList<>();
            document.put(field, list);
        }
        return list;
    }

    /** A page as every list endpoint answers it. */
    public static Map<String, Object> page(List<?> content, int page, int size, long totalElements) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("content", content);
        result.put("page", page);
        result.put("size", size);
        result.put("totalElements", totalElements);
        return result;
    }
}
