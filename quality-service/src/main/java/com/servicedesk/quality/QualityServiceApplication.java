package com.servicedesk.quality;

import com.servicedesk.platform.ServiceApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class QualityServiceApplication {
    public static void main(String[] args) {
        ServiceApplication.run(QualityServiceApplication.class, args);
    }
}
