package com.servicedesk.satisfaction;

import com.servicedesk.platform.ServiceApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SatisfactionServiceApplication {
    public static void main(String[] args) {
        ServiceApplication.run(SatisfactionServiceApplication.class, args);
    }
}
