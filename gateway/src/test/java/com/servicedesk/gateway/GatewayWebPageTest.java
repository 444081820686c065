package com.servicedesk.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard page and its assets load without a token; the API behind it does not. */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        GatewayTest.PROPERTIES, "servicedesk.services.reporting=" + GatewayTest.NOBODY})
class GatewayWebPageTest {
    @LocalServerPort
    int port;

    @Test
    void pageIsServedAtTheRootWithoutAToken() throws Exception {
        HttpResponse<String> page = GatewayTest.get(port, "/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("data-testid=\"complaints-registered\"");

        assertThat(GatewayTest.get(port, "/index.html", null).statusCode()).isEqualTo(200);
        assertAsset("/app.js", "text/javascript", "loadDashboard");
        assertAsset("/app.css", "text/css", ".big");
    }

    /** The script URL the page names must exist in the WebJar on the classpath (catches a version bump on one side). */
    @Test
    void chartLibraryThePageNamesIsServedFromItsWebJar() throws Exception {
        Matcher script = Pattern.compile("<script src=\"(webjars/chart\\.js/[^\"]+)\"").matcher(GatewayTest.get(port, "/", null).body());
        assertThat(script.find()).as("chart.js script tag in index.html").isTrue();
        assertAsset("/" + script.group(1), "text/javascript", "Chart.js v");
    }

    @Test
    void dashboardApiStillNeedsAToken() throws Exception {
        HttpResponse<String> response = GatewayTest.get(port, "/api/v1/dashboard/sla", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private void assertAsset(String path, String type, String content) throws Exception {
        HttpResponse<String> response = GatewayTest.get(port, path, null);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(t -> assertThat(t).startsWith(type));
        assertThat(response.body()).as(path).contains(content);
    }
}
