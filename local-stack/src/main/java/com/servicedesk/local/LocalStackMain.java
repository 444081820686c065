package com.servicedesk.local;

import com.servicedesk.local.bench.LocalStackBench;

import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local-stack/target/servicedesk-local.jar [--servicedesk.data-dir=DIR] [--servicedesk.*=...]} starts
 * the stack; {@code ... bench [--duration=60s] [--concurrency=N]} measures it ({@link LocalStackBench}).
 */
public final class LocalStackMain {
    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("bench")) {
            LocalStackBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        LocalStackSettings settings;
        try {
            settings = LocalStackSettings.parse(args);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("servicedesk local stack: data in " + settings.dataDir());
        LocalStack stack = new LocalStack(settings, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping...");
            stack.close();
            System.out.println("stopped.");
            stopped.countDown();
        }, "local-stack-stop"));
        try {
            stack.start();
        } catch (Exception e) {
            System.err.println("start failed: " + e.getMessage());
            System.exit(1);
        }
        String url = stack.gatewayUrl();
        System.out.printf("""

                servicedesk is ready after %.1f s.
                  API and gateway   %s/api/v1   (health: %s/actuator/health)
                  logs              %s
                Get a token (roles: AGENT DISPATCHER TECHNICIAN QUALITY ANALYST AUDITOR ADMIN):
                  curl -s -X POST %s/api/v1/dev/tokens -H 'Content-Type: application/json' -d '{"user":"alice","roles":["AGENT"]}'
                Ctrl-C stops everything.
                %n""", stack.elapsedSeconds(), url, url, settings.dataDir().resolve("logs"), url);
        stopped.await();
    }
}
