package com.servicedesk.intake;

import com.servicedesk.platform.ServiceApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class IntakeServiceApplication {
    public static void main(String[] args) {
        ServiceApplication.run(IntakeServiceApplication.class, args);
    }
}
