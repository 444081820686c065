package com.servicedesk.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {
    static final String LAST_FLUSH_WHEN_NO_READ = "reactor.netty.http.server.lastFlushWhenNoRead";

    public static void main(String[] args) {
        avoidLostKeepAliveReads();
        SpringApplication.run(GatewayApplication.class, args);
    }

    /**
     * Reactor Netty 1.3.7 can stop reading a keep-alive connection when a request arrives before the previous exchange
     * has ended, as it does after an early answer (401, 403, 413) that left a request body unread: the client's next
     * request on that connection then hangs until it times out (reactor-netty#4361; here about one POST in a few
     * hundred after a refused one). The fix is in 1.3.8, which needs Netty 4.2.19 where Boot 4.1.1 manages 4.2.17;
     * until the stack moves, this flag ends the previous exchange before the next request is read, so it is never
     * queued. Read once when Reactor Netty's classes load, hence here; a -D on the command line wins.
     */
    static void avoidLostKeepAliveReads() {
        if (System.getProperty(LAST_FLUSH_WHEN_NO_READ) == null) {
            System.setProperty(LAST_FLUSH_WHEN_NO_READ, "true");
        }
    }
}
