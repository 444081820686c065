package com.servicedesk.satisfaction.web;

import com.servicedesk.satisfaction.config.SurveyProperties;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
public class SurveyItemController {
    private final SurveyProperties survey;

    public SurveyItemController(SurveyProperties survey) {
        this.survey = survey;
    }

    @GetMapping(path = "/api/v1/survey-items", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<SurveyProperties.Item> items() {
        return survey.items();
    }
}
