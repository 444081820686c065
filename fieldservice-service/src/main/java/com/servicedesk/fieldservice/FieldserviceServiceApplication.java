package com.servicedesk.fieldservice;

import com.servicedesk.platform.ServiceApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class FieldserviceServiceApplication {
    public static void main(String[] args) {
        ServiceApplication.run(FieldserviceServiceApplication.class, args);
    }
}
