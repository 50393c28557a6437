package io.dispatchapy.gateway;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Every log record of the running application while open, to check what was (not) logged. */
final class CapturedLogs extends Handler implements AutoCloseable {
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    static CapturedLogs start() {
        CapturedLogs logs = new CapturedLogs();
        logs.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(logs);
        return logs;
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    List<String> errors() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue()).map(CapturedLogs::text)
                .toList();
    }

    List<String> all() {
        return records.stream().map(CapturedLogs::text).toList();
    }

    private static String text(LogRecord r) {
        String message = r.getMessage();
        if (r.getParameters() != null && message != null) {
            try {
                message = String.format(message, r.getParameters());
            } catch (RuntimeException notPrintf) {
                message = message + " " + java.util.Arrays.toString(r.getParameters());
            }
        }
        return r.getLoggerName() + " " + message + (r.getThrown() == null ? "" : " " + r.getThrown());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
