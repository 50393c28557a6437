package io.dispatchapy.admin.ui;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.quarkus.qute.TemplateExtension;

/** Template helpers: UTC times and pretty JSON (both escaped by Qute like any other value). */
@TemplateExtension
public final class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Formats() {
    }

    static String utc(Instant instant) {
        return instant == null ? "—" : TIME.format(instant);
    }

    static String lower(String s) {
        return s == null ? "" : s.toLowerCase(java.util.Locale.ROOT);
    }

    static String pretty(Map<String, Object> json) {
        if (json == null) {
            return "—";
        }
        try {
            return JSON.writeValueAsString(json);
        } catch (Exception e) {
            return String.valueOf(json);
        }
    }
}
