package io.dispatchapy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole benchmark with tiny numbers against the packaged standalone jar, a real embedded PostgreSQL and real HTTP
 * stubs: it must run and produce every figure. The figures themselves are not judged (the full run does that).
 */
class BenchmarkSmokeIT {
    static final List<String> EVERY_FIGURE = List.of("ingest_rps", "ingest_p50_ms", "ingest_p99_ms", "ingest_p999_ms",
            "e2e_tps", "e2e_p50_ms", "e2e_p99_ms", "backlog_tps", "raw_cps", "efficiency", "rss_peak_mib",
            "growth_ingest_empty", "growth_ingest_full", "growth_ingest_ratio", "growth_claim_empty",
            "growth_claim_full", "growth_claim_ratio", "backlog_xacts_per_task", "backlog_wal_per_task",
            "flood_delivered_tps", "flood_cores", "e2e_cores", "e2e_cpu_ms_per_task", "backlog_cpu_ms_per_task",
            "backlog_cpu_ms_app", "backlog_cpu_ms_db", "raw_cpu_ms_per_cycle");

    @Test
    void smokeRunMeasuresAndPrintsEveryFigure(@TempDir Path out) throws Exception {
        BenchOptions options = BenchOptions.parse("--smoke", "--out", out.toString());

        Results results = Benchmark.run(options);

        String table = results.table();
        System.out.println(table);
        Path json = results.write(out);
        String text = Files.readString(json);
        assertThat(results.rows()).hasSize(EVERY_FIGURE.size());
        for (String key : EVERY_FIGURE) {
            Results.Row row = results.row(key);
            assertThat(row).as(key).isNotNull();
            assertThat(row.value()).as(key + " measured").isFinite().isGreaterThanOrEqualTo(0);
            assertThat(table).contains(row.figure());
            assertThat(text).contains("\"key\": \"" + key + "\"");
        }
        assertThat(results.row("ingest_rps").value()).isGreaterThan(0);
        assertThat(results.row("e2e_tps").value()).isGreaterThan(0);
        assertThat(results.row("backlog_tps").value()).isGreaterThan(0);
        assertThat(results.row("rss_peak_mib").value()).isGreaterThan(0);
        assertThat(table).contains("PASS", "info").containsPattern("(PASS|FAIL)");
    }
}
