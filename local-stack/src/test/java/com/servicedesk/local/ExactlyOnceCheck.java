package com.servicedesk.local;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.bson.conversions.Bson;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares what the clients were told (2xx) with the event stores and every read model, straight from PostgreSQL and the
 * Mongo-wire store: every acknowledged command's event is stored exactly once, and every stored event of this run's
 * aggregates is in every read model once, no effect twice. "This run's" aggregates are those whose first event carries
 * the run's tag (customer ids, CAPA statements), so commands whose answer was lost are checked as well.
 * <p>
 * {@link #problems()} answers what is still wrong (empty when everything agrees); the caller polls it until the read
 * models have caught up, with a bound.
 */
final class ExactlyOnceCheck implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** One aggregate's stream in its service's event store: sequences and event types (simple names) in order. */
    record Stream(String id, List<Long> sequences, List<String> types, String firstPayload) {
        long count(String type) {
            return types.stream().filter(type::equals).count();
        }

        long last() {
            return sequences.get(sequences.size() - 1);
        }
    }

    private final LocalStack stack;
    private final String tag;
    private final CommandLoad.Acknowledged acknowledged;
    private final MongoClient mongo;
    private final Map<String, Long> counts = new LinkedHashMap<>();

    ExactlyOnceCheck(LocalStack stack, String tag, CommandLoad.Acknowledged acknowledged) {
        this.stack = stack;
        this.tag = tag;
        this.acknowledged = acknowledged;
        this.mongo = MongoClients.create("mongodb://127.0.0.1:" + stack.settings().mongoPort()
                + "/?serverSelectionTimeoutMS=5000&connectTimeoutMS=5000");
    }

    /** What the last {@link #problems()} counted: stored aggregates and events of this run per kind. */
    Map<String, Long> counts() {
        return counts;
    }

    /** Everything that does not agree yet; at most a few examples per kind of disagreement, with the count. */
    List<String> problems() throws SQLException {
        Problems problems = new Problems();
        Map<String, Stream> complaints = store("intake", "Complaint");
        Map<String, Stream> orders = store("fieldservice", "ServiceOrder");
        Map<String, Stream> capas = store("quality", "Capa");
        Map<String, Stream> scorecards = store("satisfaction", "Scorecard");
        counts.clear();
        counts.put("complaints", (long) complaints.size());
        counts.put("complaintEvents", complaints.values().stream().mapToLong(s -> s.sequences().size()).sum());
        counts.put("serviceOrders", (long) orders.size());
        counts.put("capas", (long) capas.size());
        counts.put("scorecards", (long) scorecards.size());
        counts.put("storedWithout2xx", complaints.keySet().stream().filter(id -> !acknowledged.complaints.contains(id)).count());

        // 1. every 2xx is in its event store, its event exactly once
        for (String id : acknowledged.complaints) {
            Stream stream = complaints.get(id);
            problems.add("acknowledged complaint not registered exactly once in intake's store", id,
                    stream == null || stream.count("ComplaintRegisteredEvent") != 1);
        }
        for (String id : acknowledged.acknowledgements) {
            Stream stream = complaints.get(id);
            problems.add("acknowledged acknowledgement not stored exactly once", id,
                    stream == null || stream.count("ComplaintAcknowledgedEvent") != 1);
        }
        Map<String, List<String>> ordersByComplaint = new HashMap<>();
        orders.values().forEach(order -> ordersByComplaint.computeIfAbsent(
                JSON.readTree(order.firstPayload()).path("complaintId").asString(), c -> new ArrayList<>()).add(order.id()));
        for (String id : acknowledged.fieldServiceRequests) {
            Stream stream = complaints.get(id);
            problems.add("acknowledged field-service request not stored exactly once", id,
                    stream == null || stream.count("FieldServiceRequestedEvent") != 1);
            problems.add("acknowledged field-service request without exactly one service order", id,
                    ordersByComplaint.getOrDefault(id, List.of()).size() != 1);
        }
        for (String id : acknowledged.capas) {
            Stream stream = capas.get(id);
            problems.add("acknowledged CAPA not opened exactly once in quality's store", id, stream == null || stream.count("CapaOpenedEvent") != 1);
        }
        for (String id : acknowledged.scorecards) {
            Stream stream = scorecards.get(id);
            problems.add("acknowledged survey not recorded exactly once in satisfaction's store", id,
                    stream == null || stream.count("SurveyResponseRecordedEvent") != 1);
        }

        // 2. the reactions across services: one order per request, linked back once
        for (Stream complaint : complaints.values()) {
            long requested = complaint.count("FieldServiceRequestedEvent");
            problems.add("a field-service request without exactly one order (or an order without a request)", complaint.id(),
                    ordersByComplaint.getOrDefault(complaint.id(), List.of()).size() != requested);
            problems.add("service order not linked to its complaint exactly once", complaint.id(),
                    complaint.count("FieldServiceLinkedEvent") != requested);
        }

        // 3. every stored event in every read model, once
        MongoDatabase intake = mongo.getDatabase("intake");
        MongoDatabase fieldservice = mongo.getDatabase("fieldservice");
        MongoDatabase quality = mongo.getDatabase("quality");
        MongoDatabase satisfaction = mongo.getDatabase("satisfaction");
        MongoDatabase reporting = mongo.getDatabase("reporting");

        Map<String, Document> intakeComplaints = documents(intake, "complaints", complaints.keySet(), "version", "serviceOrderIds");
        Map<String, Document> storyComplaints = documents(reporting, "report_complaints", complaints.keySet(), "version",
                "serviceOrderIds", "history");
        for (Stream complaint : complaints.values()) {
            versionIsLast(problems, "intake complaints", intakeComplaints.get(complaint.id()), complaint);
            versionIsLast(problems, "reporting report_complaints", storyComplaints.get(complaint.id()), complaint);
            long linked = complaint.count("FieldServiceLinkedEvent");
            Document read = intakeComplaints.get(complaint.id());
            if (read != null && version(read) == complaint.last()) {
                problems.add("intake complaints: serviceOrderIds differ from the linked orders", complaint.id(),
                        read.getList("serviceOrderIds", String.class).size() != linked);
            }
            Document story = storyComplaints.get(complaint.id());
            if (story != null && version(story) == complaint.last()) {
                List<Long> history = story.getList("history", Document.class).stream().map(h -> ((Number) h.get("sequence")).longValue()).toList();
                problems.add("reporting report_complaints: history is not each stored event once", complaint.id(),
                        !history.equals(complaint.sequences()));
                problems.add("reporting report_complaints: serviceOrderIds differ from the linked orders", complaint.id(),
                        story.getList("serviceOrderIds", String.class).size() != linked);
            }
        }
        Map<String, Document> fieldOrders = documents(fieldservice, "service_orders", orders.keySet(), "version", "complaintId");
        Map<String, Document> reportOrders = documents(reporting, "report_service_orders", orders.keySet(), "version", "complaintId");
        for (Stream order : orders.values()) {
            versionIsLast(problems, "fieldservice service_orders", fieldOrders.get(order.id()), order);
            versionIsLast(problems, "reporting report_service_orders", reportOrders.get(order.id()), order);
        }
        // one read-model order per complaint and request, counted by complaint (a doubled order would have another id)
        countPerComplaint(problems, "fieldservice service_orders", fieldservice, "service_orders", complaints, ordersByComplaint);
        countPerComplaint(problems, "reporting report_service_orders", reporting, "report_service_orders", complaints, ordersByComplaint);

        Map<String, Document> qualityCapas = documents(quality, "capas", capas.keySet(), "version");
        Map<String, Document> reportCapas = documents(reporting, "report_capas", capas.keySet(), "version");
        for (Stream capa : capas.values()) {
            versionIsLast(problems, "quality capas", qualityCapas.get(capa.id()), capa);
            versionIsLast(problems, "reporting report_capas", reportCapas.get(capa.id()), capa);
        }
        Map<String, Document> cards = documents(satisfaction, "scorecards", scorecards.keySet(), "version", "surveys");
        Map<String, Document> reportCards = documents(reporting, "report_scorecards", scorecards.keySet(), "version", "surveys");
        for (Stream card : scorecards.values()) {
            versionIsLast(problems, "satisfaction scorecards", cards.get(card.id()), card);
            versionIsLast(problems, "reporting report_scorecards", reportCards.get(card.id()), card);
            long recorded = card.count("SurveyResponseRecordedEvent");
            for (Document read : new Document[]{cards.get(card.id()), reportCards.get(card.id())}) {
                if (read != null && version(read) == card.last()) {
                    problems.add("scorecard read model: surveys differ from the recorded responses", card.id(),
                            read.getList("surveys", Document.class).size() != recorded);
                }
            }
        }

        // 4. reporting's PostgreSQL read models: the audit trace and the dashboard timeline
        try (Connection reportingDb = connect("reporting")) {
            trace(problems, reportingDb, "Complaint", complaints, "ComplaintRegistered");
            trace(problems, reportingDb, "ServiceOrder", orders, "ServiceOrderOpened");
            trace(problems, reportingDb, "Capa", capas, null);
            trace(problems, reportingDb, "Scorecard", scorecards, null);
            Map<String, Long> applied = new HashMap<>();
            Map<String, Map<String, Long>> currentFacts = new HashMap<>();
            Set<String> ids = new HashSet<>(complaints.keySet());
            ids.addAll(orders.keySet());
            ids.addAll(scorecards.keySet());
            query(reportingDb, "SELECT aggregate_id, sequence FROM dashboard_applied WHERE aggregate_id = ANY (?)", ids,
                    rs -> applied.put(rs.getString(1), rs.getLong(2)));
            query(reportingDb, "SELECT aggregate_id, kind, count(*) FROM dashboard_fact WHERE valid_to IS NULL AND aggregate_id = ANY (?) "
                    + "GROUP BY aggregate_id, kind", ids,
                    rs -> currentFacts.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getLong(3)));
            for (Map<String, Stream> streams : List.of(complaints, orders, scorecards)) {
                for (Stream stream : streams.values()) {
                    Long last = applied.get(stream.id());
                    problems.add(last == null || last < stream.last() ? "dashboard timeline: events not applied yet"
                            : "dashboard timeline: applied past the stored events", stream.id(), last == null || last != stream.last());
                }
            }
            for (Stream complaint : complaints.values()) {
                if (Long.valueOf(complaint.last()).equals(applied.get(complaint.id()))) {
                    Map<String, Long> facts = currentFacts.getOrDefault(complaint.id(), Map.of());
                    problems.add("dashboard timeline: not exactly one current COMPLAINT fact", complaint.id(),
                            facts.getOrDefault("COMPLAINT", 0L) != 1);
                    problems.add("dashboard timeline: current ON_SITE facts differ from the field-service requests", complaint.id(),
                            facts.getOrDefault("ON_SITE", 0L) != complaint.count("FieldServiceRequestedEvent"));
                }
            }
            for (Stream order : orders.values()) {
                if (Long.valueOf(order.last()).equals(applied.get(order.id()))) {
                    problems.add("dashboard timeline: not exactly one current SERVICE_ORDER fact", order.id(),
                            currentFacts.getOrDefault(order.id(), Map.of()).getOrDefault("SERVICE_ORDER", 0L) != 1);
                }
            }
        }

        // 5. the day counters are a recount of the complaint documents: their registrations sum to the documents
        long documents = reporting.getCollection("report_complaints").countDocuments();
        long registered = 0;
        for (Document counter : reporting.getCollection("report_daily_counters").find().projection(Projections.include("registered"))) {
            registered += ((Number) counter.get("registered")).longValue();
        }
        problems.add("reporting report_daily_counters: registrations summed differ from report_complaints (" + registered
                + " vs " + documents + ")", "all", registered != documents);
        return problems.list();
    }

    /** A read-model document is missing, behind, or (worse) ahead of the stored stream. */
    private static void versionIsLast(Problems problems, String readModel, Document read, Stream stream) {
        if (read == null) {
            problems.add(readModel + ": missing", stream.id(), true);
        } else {
            long version = version(read);
            problems.add(readModel + (version < stream.last() ? ": behind the store" : ": ahead of the store"), stream.id(),
                    version != stream.last());
        }
    }

    private static long version(Document read) {
        return ((Number) read.get("version")).longValue();
    }

    private static void countPerComplaint(Problems problems, String readModel, MongoDatabase database, String collection,
                                          Map<String, Stream> complaints, Map<String, List<String>> ordersByComplaint) {
        Map<String, Long> perComplaint = new HashMap<>();
        for (Document order : database.getCollection(collection).find(Filters.in("complaintId", complaints.keySet()))
                .projection(Projections.include("complaintId"))) {
            perComplaint.merge(order.getString("complaintId"), 1L, Long::sum);
        }
        for (String complaint : complaints.keySet()) {
            long expected = ordersByComplaint.getOrDefault(complaint, List.of()).size();
            problems.add(readModel + ": orders per complaint differ from the store", complaint,
                    perComplaint.getOrDefault(complaint, 0L) != expected);
        }
    }

    /** Every stored event of these aggregates in trace_event, each sequence once, the creation event exactly once. */
    private void trace(Problems problems, Connection db, String aggregateType, Map<String, Stream> streams, String creation)
            throws SQLException {
        Map<String, List<Long>> traced = new HashMap<>();
        Map<String, Long> created = new HashMap<>();
        query(db, "SELECT aggregate_id, sequence, type FROM trace_event WHERE aggregate_type = '" + aggregateType
                + "' AND aggregate_id = ANY (?) ORDER BY aggregate_id, sequence", streams.keySet(), rs -> {
            traced.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
            if (creation != null && rs.getString(3).endsWith(creation)) {
                created.merge(rs.getString(1), 1L, Long::sum);
            }
        });
        for (Stream stream : streams.values()) {
            List<Long> sequences = traced.getOrDefault(stream.id(), List.of());
            problems.add("reporting trace_event: " + aggregateType + (sequences.size() < stream.sequences().size()
                    ? " events missing" : " events differ from the store"), stream.id(), !sequences.equals(stream.sequences()));
            if (creation != null && !sequences.isEmpty()) {
                problems.add("reporting trace_event: not exactly one " + creation, stream.id(), created.getOrDefault(stream.id(), 0L) != 1);
            }
        }
    }

    /** This run's aggregates of one type in a service's event store: those whose first event carries the tag. */
    Map<String, Stream> store(String database, String aggregateType) throws SQLException {
        Map<String, List<Object[]>> rows = new LinkedHashMap<>();
        try (Connection db = connect(database);
             PreparedStatement statement = db.prepareStatement("SELECT e.aggregateidentifier, e.sequencenumber, e.payloadtype, "
                     + "CASE WHEN e.sequencenumber = 0 THEN convert_from(e.payload, 'UTF8') END FROM domainevententry e "
                     + "WHERE e.type = ? AND e.aggregateidentifier IN (SELECT f.aggregateidentifier FROM domainevententry f "
                     + "WHERE f.type = ? AND f.sequencenumber = 0 AND position(? IN convert_from(f.payload, 'UTF8')) > 0) "
                     + "ORDER BY e.aggregateidentifier, e.sequencenumber")) {
            statement.setString(1, aggregateType);
            statement.setString(2, aggregateType);
            statement.setString(3, tag);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(3);
                    rows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Object[]{rs.getLong(2), type.substring(type.lastIndexOf('.') + 1), rs.getString(4)});
                }
            }
        }
        Map<String, Stream> streams = new LinkedHashMap<>();
        rows.forEach((id, events) -> streams.put(id, new Stream(id, events.stream().map(e -> (Long) e[0]).toList(),
                events.stream().map(e -> (String) e[1]).toList(), (String) events.get(0)[2])));
        return streams;
    }

    private Map<String, Document> documents(MongoDatabase database, String collection, Collection<String> ids, String... fields) {
        Map<String, Document> found = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += 500) {
            Bson filter = Filters.in("_id", all.subList(from, Math.min(all.size(), from + 500)));
            for (Document document : database.getCollection(collection).find(filter).projection(Projections.include(fields))) {
                found.put(document.getString("_id"), document);
            }
        }
        return found;
    }

    Connection connect(String database) throws SQLException {
        return connect(stack, database);
    }

    /** A service's PostgreSQL database of the local stack (user postgres, no password). */
    static Connection connect(LocalStack stack, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + stack.settings().postgresPort() + "/" + database,
                "postgres", "");
    }

    interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    static void query(Connection db, String sql, Collection<String> ids, Row row) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setArray(1, db.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }

    /**
     * Polls {@link #problems()} until it is empty or {@code within} has passed, saying every {@code every} what is left.
     *
     * @return the seconds it took
     */
    double awaitAgreement(Duration within, Duration every) throws Exception {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        long nextReport = start + every.toNanos();
        List<String> problems = problems();
        while (!problems.isEmpty() && System.nanoTime() < deadline) {
            if (System.nanoTime() > nextReport) {
                System.out.printf("settling, %.0f s: %d kinds of disagreement left, e.g. %s%n", (System.nanoTime() - start) / 1e9,
                        problems.size(), problems.subList(0, Math.min(3, problems.size())));
                nextReport += every.toNanos();
            }
            Thread.sleep(1000);
            problems = problems();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!problems.isEmpty()) {
            throw new AssertionError("the stores and read models still disagree after " + Math.round(seconds) + " s:\n  "
                    + String.join("\n  ", problems));
        }
        return seconds;
    }

    @Override
    public void close() {
        mongo.close();
    }

    /** Disagreements grouped by kind: the count and the first few ids. */
    static final class Problems {
        private final Map<String, TreeSet<String>> byKind = new LinkedHashMap<>();

        void add(String kind, String id, boolean wrong) {
            if (wrong) {
                byKind.computeIfAbsent(kind, k -> new TreeSet<>()).add(id);
            }
        }

        List<String> list() {
            List<String> list = new ArrayList<>();
            byKind.forEach((kind, ids) -> list.add(kind + ": " + ids.size() + " (e.g. "
                    + String.join(", ", ids.stream().limit(3).toList()) + ")"));
            return list;
        }
    }
}
