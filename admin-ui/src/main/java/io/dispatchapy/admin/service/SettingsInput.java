package io.dispatchapy.admin.service;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.dispatchapy.admin.rest.SettingsDto;

/** Reads a partial settings body: absent fields fall back to the current value, type errors are 400s. */
final class SettingsInput {
    private final JsonNode body;

    SettingsInput(JsonNode body) {
        this.body = body;
    }

    int integer(String field, int current) {
        Integer value = nullableInteger(field, current);
        if (value == null) {
            throw ApiException.badRequest(field + " is required");
        }
        return value;
    }

    Integer nullableInteger(String field, Integer current) {
        return integerOf(body, field, field, current);
    }

    void smtp(SettingsDto.Smtp current, Map<String, String> changes) {
        JsonNode smtp = body.get("smtp");
        if (smtp == null || smtp.isNull()) {
            return;
        }
        if (!smtp.isObject()) {
            throw ApiException.badRequest("smtp must be an object");
        }
        changes.put(SettingsService.SMTP_HOST, Checks.optional(text(smtp, "host", current.host()), "smtp.host", 500));
        Integer port = integerOf(smtp, "port", "smtp.port", current.port());
        if (port != null) {
            Checks.between(port, 1, 65535, "smtp.port");
        }
        changes.put(SettingsService.SMTP_PORT, port == null ? null : String.valueOf(port));
        changes.put(SettingsService.SMTP_USERNAME,
                Checks.optional(text(smtp, "username", current.username()), "smtp.username", 500));
        changes.put(SettingsService.SMTP_FROM, Checks.optional(text(smtp, "from", current.from()), "smtp.from", 500));
        String encryption = text(smtp, "encryption", current.encryption());
        changes.put(SettingsService.SMTP_ENCRYPTION,
                Checks.oneOf(encryption, SettingsService.ENCRYPTIONS, "smtp.encryption must be starttls, ssl or none"));
        String password = text(smtp, "password", null);
        if (password != null) {
            changes.put(SettingsService.SMTP_PASSWORD, password.isEmpty() ? null : password);
        }
    }

    private static Integer integerOf(JsonNode node, String key, String field, Integer current) {
        if (!node.has(key)) {
            return current;
        }
        JsonNode value = node.get(key);
        if (value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ApiException.badRequest(field + " must be an integer");
        }
        return value.intValue();
    }

    private static String text(JsonNode node, String key, String current) {
        if (!node.has(key)) {
            return current;
        }
        JsonNode value = node.get(key);
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("smtp." + key + " must be a string");
        }
        return value.textValue();
    }

    static Integer parseInt(String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
