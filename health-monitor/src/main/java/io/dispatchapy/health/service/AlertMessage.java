package io.dispatchapy.health.service;

import java.util.List;
import java.util.Map;

/**
 * A composed alert: where and what to send. For e-mail: recipients, subject, body; for webhooks: url, headers, body.
 */
public record AlertMessage(String channel, List<String> recipients, String subject, String text, String url,
        Map<String, String> headers, Object body) {
}
