package com.servicedesk.intake;

import com.servicedesk.platform.ServiceApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class IntakeServiceApplication {
    public static void main(String[] args) {
        ServiceApplication.run(IntakeServiceApplication.class, args);
    }
}
