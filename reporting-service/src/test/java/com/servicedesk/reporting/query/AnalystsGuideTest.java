package com.servicedesk.reporting.query;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.servicedesk.embedded.EmbeddedMongoServer;
import com.servicedesk.reporting.config.ReportingProperties;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every query of docs/analysts-guide.md, as written there, against the local stack's store (the Mongo-wire server on
 * an H2 file) holding read models fed by 400 random histories through the real projections: each must run and answer
 * something, and the ones that count complaints must agree with each other.
 */
class AnalystsGuideTest {
    private static final Path GUIDE = Path.of("..", "docs", "analysts-guide.md");
    private static final Pattern BLOCK = Pattern.compile("```js\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern CALL = Pattern.compile("^db\\.(\\w+)\\.(aggregate|find|countDocuments)\\(", Pattern.DOTALL);

    @TempDir
    static Path data;
    private static EmbeddedMongoServer store;
    private static MongoClient client;
    private static MongoDatabase reporting;

    @BeforeAll
    static void feed() throws IOException {
        store = EmbeddedMongoServer.start(data.resolve("reporting.mv"), 0);
        client = MongoClients.create(store.uri());
        reporting = client.getDatabase("reporting");
        ReportingProperties properties = new ReportingProperties(ZoneId.of("Asia/Shanghai"), 0.75, 50, 5, 5,
                new ReportingProperties.Targets(0.9, 0.02, 1.0, 1.0));
        RandomHistories.Streams streams = new RandomHistories(new Random(2026)).generate(400);
        YearlySummariesPropertyTest.feed(new ComplaintStoryProjection(reporting, null, properties), streams.complaints(), new Random(1), null);
        YearlySummariesPropertyTest.feed(new ServiceOrderFactsProjection(reporting, null, properties), streams.orders(), new Random(2), null);
    }

    @AfterAll
    static void close() {
        client.close();
        store.close();
    }

    @Test
    void everyQueryOfTheGuideRunsAndAnswers() throws IOException {
        List<String> queries = queries();
        assertThat(queries).as("queries in the guide").hasSizeGreaterThanOrEqualTo(9);
        long complaints2026 = reporting.getCollection(ComplaintStoryProjection.COLLECTION).countDocuments(Filters.eq("receivedYear", 2026));
        assertThat(complaints2026).isPositive();
        for (String query : queries) {
            List<Document> answer = run(query);
            assertThat(answer).as(query).isNotEmpty();
            if (query.contains("\"month\"") && query.contains("\"category\"")) {
                assertThat(answer.stream().mapToLong(d -> ((Number) d.get("complaints")).longValue()).sum())
                        .as("complaints by month and category add up to the year's").isEqualTo(complaints2026);
            }
            if (query.startsWith("db.report_yearly_complaints")) {
                assertThat(answer.get(0).get("complaints", Document.class).get("total", Number.class).longValue())
                        .as("the summary counts the year's complaints").isEqualTo(complaints2026);
            }
            if (query.contains(".countDocuments(")) {
                assertThat(answer.get(0).getLong("count")).as(query).isPositive();
            }
        }
    }

    private static List<String> queries() throws IOException {
        List<String> queries = new ArrayList<>();
        Matcher block = BLOCK.matcher(Files.readString(GUIDE));
        while (block.find()) {
            queries.add(block.group(1).strip());
        }
        return queries;
    }

    /** Runs one mongosh query of the guide's form: {@code db.<collection>.<method>(<json>)[.sort(..)][.skip(n)][.limit(n)]}. */
    private static List<Document> run(String query) {
        Matcher call = CALL.matcher(query);
        assertThat(call.find()).as("a query of the guide's form: %s", query).isTrue();
        var collection = reporting.getCollection(call.group(1));
        int end = closing(query, call.end() - 1);
        Object argument = json(query.substring(call.end(), end));
        String chain = query.substring(end + 1).strip();
        return switch (call.group(2)) {
            case "aggregate" -> {
                assertThat(chain).as(query).isEmpty();
                @SuppressWarnings("unchecked")
                List<Document> pipeline = (List<Document>) argument;
                yield collection.aggregate(pipeline).into(new ArrayList<>());
            }
            case "countDocuments" -> {
                assertThat(chain).as(query).isEmpty();
                yield List.of(new Document("count", collection.countDocuments((Document) argument)));
            }
            default -> {
                FindIterable<Document> found = collection.find((Document) argument);
                while (!chain.isEmpty()) {
                    Matcher step = Pattern.compile("^\\.(sort|skip|limit)\\(").matcher(chain);
                    assertThat(step.find()).as("%s: %s", query, chain).isTrue();
                    int close = closing(chain, step.end() - 1);
                    String inner = chain.substring(step.end(), close);
                    found = switch (step.group(1)) {
                        case "sort" -> found.sort((Document) json(inner));
                        case "skip" -> found.skip(Integer.parseInt(inner.strip()));
                        default -> found.limit(Integer.parseInt(inner.strip()));
                    };
                    chain = chain.substring(close + 1).strip();
                }
                yield found.into(new ArrayList<>());
            }
        };
    }

    /** The index of the parenthesis closing the one at {@code open}, strings skipped. */
    private static int closing(String text, int open) {
        int depth = 0;
        boolean string = false;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && text.charAt(i - 1) != '\\') {
                string = !string;
            } else if (!string && c == '(') {
                depth++;
            } else if (!string && c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new AssertionError("unbalanced: " + text);
    }

    /** The shell's JSON, its {@code new Date()} as now. */
    private static Object json(String shell) {
        String json = shell.replace("new Date()", "{\"$date\": \"" + Instant.now() + "\"}");
        return Document.parse("{\"value\": " + json + "}").get("value");
    }
}
