package com.servicedesk.satisfaction.web;

import java.time.Instant;
import java.util.Map;

/** The body of {@code POST /api/v1/surveys} (API.md): {@code answers} maps item codes to levels. Validation is the aggregate's job. */
public record RecordSurveyRequest(String customerId, Integer year, Instant respondedAt, Map<String, String> answers,
                                  String comments) {
}
