package com.servicedesk.reporting;

import com.servicedesk.platform.ServiceApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ReportingServiceApplication {
    public static void main(String[] args) {
        ServiceApplication.run(ReportingServiceApplication.class, args);
    }
}
