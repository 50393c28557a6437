package io.dispatchapy.model.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {name}} placeholders in alert templates and health-check test values. Unlike the seed (whose
 * {@code str.format} crashed the health loop on a stray brace), {@link #render} reports a bad template as a
 * {@link TemplateException} that callers turn into a log line and the raw text.
 */
public final class Placeholders {
    private static final Pattern TOKEN = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern PARAM = Pattern.compile("\\{param:([^{}]+)}");

    private Placeholders() {
    }

    /** Thrown for an unknown placeholder or an unbalanced brace. */
    public static class TemplateException extends Exception {
        public TemplateException(String message) {
            super(message);
        }
    }

    /** Fills every {@code {name}}; any unknown name or stray brace is an error. */
    public static String render(String template, Map<String, String> values) throws TemplateException {
        Matcher m = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            checkBraces(template.substring(last, m.start()));
            String name = m.group(1);
            if (!values.containsKey(name)) {
                throw new TemplateException("unknown placeholder {" + name + "}; known: " + values.keySet());
            }
            out.append(template, last, m.start()).append(values.get(name));
            last = m.end();
        }
        checkBraces(template.substring(last));
        return out.append(template.substring(last)).toString();
    }

    /**
     * Expands the seed's health-check placeholders ({@code {datetime}}, {@code {resource_name}},
     * {@code {resource_endpoint}}, {@code {param:KEY}}) in every string of a JSON-like value. Unknown placeholders are
     * left as they are: test values are sent, never refused.
     */
    public static Object expandTestValues(Object value, Map<String, String> vars, Map<String, Object> raw) {
        if (value instanceof String s) {
            Matcher pm = PARAM.matcher(s);
            StringBuilder sb = new StringBuilder();
            while (pm.find()) {
                Object r = raw.get(pm.group(1));
                pm.appendReplacement(sb, Matcher.quoteReplacement(r == null ? "" : String.valueOf(r)));
            }
            pm.appendTail(sb);
            String text = sb.toString();
            for (Map.Entry<String, String> e : vars.entrySet()) {
                text = text.replace("{" + e.getKey() + "}", e.getValue());
            }
            return text;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), expandTestValues(v, vars, raw)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(expandTestValues(v, vars, raw)));
            return out;
        }
        return value;
    }

    private static void checkBraces(String literal) throws TemplateException {
        if (literal.indexOf('{') >= 0 || literal.indexOf('}') >= 0) {
            throw new TemplateException("unbalanced brace in \"" + literal + "\"");
        }
    }
}
