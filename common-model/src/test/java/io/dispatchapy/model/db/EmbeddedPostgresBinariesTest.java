package io.dispatchapy.model.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the PostgreSQL binaries are extracted: once per archive content, not once per copy of the jar. */
class EmbeddedPostgresBinariesTest {
    @TempDir
    Path dir;

    @Test
    void copiesOfTheSameArchiveShareOneKeyAndAnotherArchiveGetsAnother() throws IOException {
        URL first = resource(jar("checkout-1/app.jar", "binaries v1"));
        URL copy = resource(jar("checkout-2/lib/app.jar", "binaries v1"));
        URL other = resource(jar("checkout-3/app.jar", "binaries v2"));

        assertThat(EmbeddedPostgres.contentKey(first)).isEqualTo(EmbeddedPostgres.contentKey(copy));
        assertThat(EmbeddedPostgres.contentKey(other)).isNotEqualTo(EmbeddedPostgres.contentKey(first));
    }

    @Test
    void aFileOutsideAJarIsKeyedByItsLocation() throws IOException {
        Path file = Files.writeString(dir.resolve("postgres.txz"), "binaries");
        assertThat(EmbeddedPostgres.contentKey(file.toUri().toURL()))
                .isEqualTo(Integer.toHexString(file.toUri().toURL().toString().hashCode()));
    }

    private Path jar(String name, String content) throws IOException {
        Path jar = dir.resolve(name);
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("postgres-linux-x86_64.txz"));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return jar;
    }

    private static URL resource(Path jar) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
            return loader.getResource("postgres-linux-x86_64.txz");
        }
    }
}
