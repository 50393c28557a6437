package io.dispatchapy.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dispatchapy.bench.Results.Goal;

class ResultsTest {

    @Test
    void judgesEachFigureAgainstItsGoal() {
        Results r = new Results(Map.of("profile", "test"));
        r.add("up", "more is better", Goal.AT_LEAST, 3000, 3100, "req/s", "");
        r.add("down", "less is better", Goal.AT_MOST, 25, 30, "ms", "");
        r.add("missing", "not measured", Goal.AT_LEAST, 1, Double.NaN, "x", "");
        r.info("info", "no goal", 42, "x", "");

        assertThat(r.row("up").pass()).isTrue();
        assertThat(r.row("down").pass()).isFalse();
        assertThat(r.row("missing").pass()).isFalse();
        assertThat(r.row("info").pass()).isNull();
        assertThat(r.table()).contains("≥ 3000", "≤ 25.0", "PASS", "FAIL", "info", "n/a");
    }

    @Test
    void writesValidLookingJson() {
        Results r = new Results(Map.of("note", "a \"quoted\"\nline"));
        r.add("p99", "latency \"p99\"", Goal.AT_MOST, 25, 12.5, "ms", "tab\there");
        r.info("nan", "not measured", Double.NaN, "x", "");

        String json = r.json();

        assertThat(json).contains("\"note\": \"a \\\"quoted\\\"\\nline\"", "\"measured\": 12.500", "\"pass\": true",
                "\"measured\": null", "\"pass\": null", "tab\\there");
    }

    @Test
    void percentilesAndTaskIds() {
        long[] values = new long[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1000 - i;
        }
        assertThat(Benchmark.percentile(values, 50)).isEqualTo(500);
        assertThat(Benchmark.percentile(values, 99)).isEqualTo(990);
        assertThat(Benchmark.percentile(values, 99.9)).isEqualTo(999);
        assertThat(Benchmark.percentile(new long[0], 50)).isNaN();
        assertThat(LoadGenerator.taskId("{\"status\":\"queued\",\"task_id\":12345}")).isEqualTo(12345);
        assertThat(LoadGenerator.taskId("{\"status\":\"queued\"}")).isEqualTo(-1);
    }

    @Test
    void optionsShrinkForSmokeAndAcceptOverrides() {
        BenchOptions o = BenchOptions.parse("--smoke", "--pool", "10", "--app-env", "A=b=c", "--url",
                "http://localhost:8080/");

        assertThat(o.profile).isEqualTo("smoke");
        assertThat(o.pool).isEqualTo(10);
        assertThat(o.appEnv).containsEntry("A", "b=c");
        assertThat(o.url).isEqualTo("http://localhost:8080");
        assertThat(o.backlog).isLessThan(10_000);
        assertThat(o.runs("backlog")).isTrue();
    }

    @Test
    void onlyChoosesPhasesAndRefusesUnknownOnes() {
        BenchOptions o = BenchOptions.parse("--only", "sustained, backlog", "--drain-timeout-seconds", "7", "--url",
                "http://localhost:8080");

        assertThat(o.runs("sustained")).isTrue();
        assertThat(o.runs("backlog")).isTrue();
        assertThat(o.runs("raw")).isFalse();
        assertThat(o.drainTimeoutSeconds).isEqualTo(7);
        assertThatThrownBy(() -> BenchOptions.parse("--only", "sustained,nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown phase 'nope'");
    }

    @Test
    void endToEndAndDatabaseOptionsAreParsed() {
        BenchOptions o = BenchOptions.parse("--quick", "--only", "e2e", "--e2e-seconds", "12", "--e2e-window", "500",
                "--pg-setting", "autovacuum_naptime=5", "--pg-setting", "autovacuum=off", "--pg-stats");

        assertThat(o.runs("e2e")).isTrue();
        assertThat(o.runs("sustained")).isFalse();
        assertThat(o.e2eSeconds).isEqualTo(12);
        assertThat(o.e2eWindow).isEqualTo(500);
        assertThat(o.pgSettings).containsEntry("autovacuum_naptime", "5").containsEntry("autovacuum", "off");
        assertThat(o.pgStats).isTrue();
        assertThat(BenchOptions.parse("--smoke").e2eSeconds).isLessThan(BenchOptions.parse().e2eSeconds);
        assertThatThrownBy(() -> BenchOptions.parse("--pg-setting", "novalue"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NAME=VALUE");
    }

    @Test
    void processTimesAreReadAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (postgres: worker (x) 1) S 17 4242 4242 0 -1 4194560 900 0 0 0 250 75 9 3 20 0 1 0 100";

        assertThat(CpuMeter.parseStat(stat)).containsExactly(17, 250, 75, 9, 3);
    }

    @Test
    void cpuPerTaskAndCoresAreDifferencesOfTwoReadings() {
        CpuMeter.Reading before = new CpuMeter.Reading(10, 20, 1);
        CpuMeter.Reading after = new CpuMeter.Reading(12, 26, 1.5);

        CpuMeter.Reading perTask = after.msPerTask(before, 4000);
        assertThat(perTask.app()).isCloseTo(0.5, within(1e-9));
        assertThat(perTask.db()).isCloseTo(1.5, within(1e-9));
        assertThat(perTask.total()).isCloseTo(2.125, within(1e-9));
        assertThat(after.cores(before, 4).db()).isCloseTo(1.5, within(1e-9));
        assertThat(new CpuMeter(ProcessHandle.current().pid(), null).read().app()).isPositive();
    }
}
