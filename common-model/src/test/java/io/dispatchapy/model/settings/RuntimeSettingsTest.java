package io.dispatchapy.model.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RuntimeSettingsTest {

    @Test
    void defaultsWhenNothingIsSet() {
        assertThat(RuntimeSettings.from(Map.of())).isEqualTo(new RuntimeSettings(5, 1, 300, null));
    }

    @Test
    void readsStoredValues() {
        RuntimeSettings s = RuntimeSettings.from(Map.of("maxAttempts", "8", "retryDelayMinSeconds", " 2 ",
                "retryDelayMaxSeconds", "600", "taskRetentionDays", "14"));

        assertThat(s).isEqualTo(new RuntimeSettings(8, 2, 600, 14));
    }

    @Test
    void badNumbersFallBackToTheirDefaults() {
        RuntimeSettings s = RuntimeSettings.from(Map.of("maxAttempts", "many", "retryDelayMinSeconds", "1.5",
                "retryDelayMaxSeconds", "", "taskRetentionDays", "forever"));

        assertThat(s.maxAttempts()).isEqualTo(5);
        assertThat(s.retryDelayMinSeconds()).isEqualTo(1);
        assertThat(s.retryDelayMaxSeconds()).isEqualTo(300);
        assertThat(s.taskRetentionDays()).isEqualTo(30);
    }

    @Test
    void maxBelowMinBecomesMin() {
        RuntimeSettings s = RuntimeSettings.from(Map.of("retryDelayMinSeconds", "120", "retryDelayMaxSeconds", "60"));

        assertThat(s.retryDelayMinSeconds()).isEqualTo(120);
        assertThat(s.retryDelayMaxSeconds()).isEqualTo(120);
    }

    @Test
    void minAboveTheDefaultMaxRaisesMax() {
        RuntimeSettings s = RuntimeSettings.from(Map.of("retryDelayMinSeconds", "900"));

        assertThat(s.retryDelayMaxSeconds()).isEqualTo(900);
    }

    @Test
    void blankOrNullRetentionMeansKeepForever() {
        Map<String, String> values = new HashMap<>();
        values.put("taskRetentionDays", null);
        assertThat(RuntimeSettings.from(values).taskRetentionDays()).isNull();
        assertThat(RuntimeSettings.from(Map.of("taskRetentionDays", "")).taskRetentionDays()).isNull();
        assertThat(RuntimeSettings.from(Map.of("taskRetentionDays", "   ")).taskRetentionDays()).isNull();
    }

    @Test
    void unrelatedKeysAreIgnored() {
        assertThat(RuntimeSettings.from(Map.of("smtp.host", "mail", "smtp.port", "25")))
                .isEqualTo(RuntimeSettings.from(Map.of()));
    }
}
