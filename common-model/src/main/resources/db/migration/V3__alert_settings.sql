-- Switches of the task-level alerts and the retention of the health history.
INSERT INTO setting (key, value) VALUES
    ('alerts.taskFailed', 'false'),
    ('alerts.failover', 'false'),
    ('healthRetentionDays', '30')
ON CONFLICT (key) DO NOTHING;
