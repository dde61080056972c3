package dev.gleaner.checks.aws;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One AWS API call as IAM would judge it: the IAM action (e.g. {@code dynamodb:GetItem}) on one
 * resource ARN, made by {@code caller} (the function whose endpoint it came through).
 */
public record AwsCall(String caller, String action, String resource, JsonNode request) {
    public String service() {
        return action.substring(0, action.indexOf(':'));
    }

    @Override
    public String toString() {
        return caller + ": " + action + " on " + resource;
    }
}
