package io.dispatchapy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml, the Dockerfiles and the Kubernetes manifests checked against the services' real configuration:
 * valid YAML; every port and probe path is the one the service serves; every environment variable a file sets is a key
 * the service reads (its {@code @ConfigMapping} interface or its {@code microprofile-config.properties}).
 */
class DeployFilesIT {
    static final Path ROOT = Path.of(System.getProperty("dispatchapy.root", "..")).toAbsolutePath().normalize();
    static final List<String> SERVICES = List.of("gateway-api", "admin-ui", "dispatch-worker", "health-monitor");
    /** Quarkus' SmallRye Health paths (no custom root path is configured; checked below). */
    static final Set<String> HEALTH_PATHS = Set.of("/q/health/live", "/q/health/ready", "/q/health/started");
    /** Quarkus settings the files may set that no module sets itself. */
    static final Set<String> QUARKUS_BUILTINS = Set.of("QUARKUS_HTTP_HOST");
    /** Settings of the container image (run-java.sh), not of the application. */
    static final Set<String> IMAGE_SETTINGS = Set.of("JAVA_OPTS_APPEND", "JAVA_MAX_MEM_RATIO", "JAVA_APP_JAR",
            "LANGUAGE", "JAVA_OPTS");

    static final Map<String, Integer> PORTS = new HashMap<>();
    /** Environment variables each service reads. */
    static final Map<String, Set<String>> KNOWN_ENV = new HashMap<>();

    @BeforeAll
    static void readRealConfiguration() throws IOException {
        Set<String> common = new HashSet<>();
        addProperties(ROOT.resolve("common-model"), common);
        addConfigMappings(ROOT.resolve("common-model"), common); // e.g. the secret key, the outbound list
        for (String s : List.of("gateway-api", "admin-ui", "dispatch-worker", "health-monitor", "standalone")) {
            Path module = ROOT.resolve(s);
            Set<String> env = new HashSet<>(common);
            env.addAll(QUARKUS_BUILTINS);
            Properties p = addProperties(module, env);
            addConfigMappings(module, env);
            if (s.equals("standalone")) {
                PORTS.put(s, 8080); // standalone sets its port in application.properties
                for (String m : SERVICES) {
                    addConfigMappings(ROOT.resolve(m), env);
                }
                env.addAll(List.of("DISPATCHAPY_DATA_DIR", "DISPATCHAPY_DB_PORT"));
            } else {
                PORTS.put(s, Integer.valueOf(p.getProperty("quarkus.http.port")));
                assertThat(Files.readString(module.resolve("pom.xml"))).as(s + " serves /q/health")
                        .contains("<artifactId>quarkus-smallrye-health</artifactId>");
            }
            KNOWN_ENV.put(s, env);
        }
        assertThat(PORTS).containsEntry("gateway-api", 8080).containsEntry("admin-ui", 8081)
                .containsEntry("dispatch-worker", 8082).containsEntry("health-monitor", 8083);
        assertThat(KNOWN_ENV.get("dispatch-worker")).contains("DISPATCHAPY_WORKER_SHUTDOWN_GRACE",
                "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_HTTP_PORT");
        assertThat(KNOWN_ENV.get("admin-ui")).contains("DISPATCHAPY_ADMIN_PASSWORD");
    }

    static Properties addProperties(Path module, Set<String> env) throws IOException {
        Properties p = new Properties();
        Path file = module.resolve("src/main/resources/META-INF/microprofile-config.properties");
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            }
        }
        Path app = module.resolve("src/main/resources/application.properties");
        if (Files.exists(app)) {
            try (Reader r = Files.newBufferedReader(app)) {
                p.load(r);
            }
        }
        for (String key : p.stringPropertyNames()) {
            assertThat(key).as("no custom health/management path in " + module)
                    .doesNotContain("non-application-root-path").doesNotContain("smallrye-health.root-path");
            if (!key.startsWith("%")) {
                env.add(toEnv(key));
            }
            // ${NAME:default} references, e.g. the seed's GATEWAY_ADMIN_PASSWORD
            Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)[:}]").matcher(p.getProperty(key));
            while (m.find()) {
                env.add(m.group(1));
            }
        }
        return p;
    }

    /** Keys of every {@code @ConfigMapping(prefix=...)} interface in the module: prefix + kebab-case method. */
    static void addConfigMappings(Path module, Set<String> env) throws IOException {
        Pattern prefix = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"");
        Pattern method = Pattern.compile("^\\s+[\\w<>.,? ]+\\s+(\\w+)\\(\\);", Pattern.MULTILINE);
        try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
            for (Path f : (Iterable<Path>) files.filter(x -> x.toString().endsWith(".java"))::iterator) {
                String src = Files.readString(f);
                Matcher pm = prefix.matcher(src);
                if (!pm.find()) {
                    continue;
                }
                Matcher mm = method.matcher(src);
                while (mm.find()) {
                    String kebab = mm.group(1).replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
                    env.add(toEnv(pm.group(1) + "." + kebab));
                }
            }
        }
    }

    static String toEnv(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    static List<Map<String, Object>> loadAll(Path file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(in)) {
                if (doc != null) {
                    assertThat(doc).as(file + " holds mappings").isInstanceOf(Map.class);
                    docs.add(cast(doc));
                }
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    static <T> T cast(Object o) {
        return (T) o;
    }

    @SuppressWarnings("unchecked")
    static Object at(Object node, String... path) {
        Object cur = node;
        for (String p : path) {
            if (cur instanceof Map<?, ?> m) {
                cur = m.get(p);
            } else if (cur instanceof List<?> l) {
                cur = l.get(Integer.parseInt(p));
            } else {
                return null;
            }
        }
        return cur;
    }

    static List<Map<String, Object>> manifests(Path dir) throws IOException {
        List<Map<String, Object>> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(x -> x.toString().endsWith(".yaml")).sorted()::iterator) {
                all.addAll(loadAll(f));
            }
        }
        return all;
    }

    @Test
    void kubernetesManifestsMatchTheServices() throws IOException {
        List<Map<String, Object>> base = manifests(ROOT.resolve("deploy/base"));
        Map<String, Map<String, Object>> byKindName = new LinkedHashMap<>();
        for (Map<String, Object> d : base) {
            byKindName.put(d.get("kind") + "/" + at(d, "metadata", "name"), d);
        }
        // the kustomization lists exactly the files present
        Map<String, Object> kustomization = loadAll(ROOT.resolve("deploy/base/kustomization.yaml")).get(0);
        for (Object r : (List<?>) kustomization.get("resources")) {
            assertThat(ROOT.resolve("deploy/base").resolve(r.toString())).exists();
        }
        Set<String> shared = new HashSet<>();
        shared.addAll(((Map<String, ?>) cast(at(byKindName.get("ConfigMap/dispatchapy-config"), "data"))).keySet());
        shared.addAll(((Map<String, ?>) cast(at(byKindName.get("Secret/dispatchapy-secrets"), "stringData"))).keySet());
        assertThat(shared).contains("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                "QUARKUS_DATASOURCE_PASSWORD", "DISPATCHAPY_ADMIN_PASSWORD");
        Set<String> anyService = new HashSet<>();
        SERVICES.forEach(s -> anyService.addAll(KNOWN_ENV.get(s)));
        assertThat(anyService).as("ConfigMap and Secret keys are settings of some service").containsAll(shared);

        for (String s : SERVICES) {
            int port = PORTS.get(s);
            Map<String, Object> deployment = byKindName.get("Deployment/" + s);
            assertThat(deployment).as("Deployment " + s).isNotNull();
            Map<String, Object> pod = cast(at(deployment, "spec", "template", "spec"));
            Map<String, Object> container = cast(at(pod, "containers", "0"));
            assertThat(at(container, "ports", "0", "containerPort")).as(s + " containerPort").isEqualTo(port);
            assertThat(at(container, "ports", "0", "name")).isEqualTo("http");
            assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/q/health/live");
            assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/q/health/ready");
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                Object path = at(container, probe, "httpGet", "path");
                if (path != null) {
                    assertThat(HEALTH_PATHS).as(s + " " + probe).contains(path.toString());
                    assertThat(at(container, probe, "httpGet", "port")).as(s + " " + probe + " port").isIn("http",
                            port);
                }
            }
            assertThat(at(container, "resources", "requests", "cpu")).isNotNull();
            assertThat(at(container, "resources", "requests", "memory")).isNotNull();
            assertThat(at(container, "resources", "limits", "memory")).isNotNull();
            Map<String, String> env = new HashMap<>();
            List<Map<String, Object>> envList = cast(container.getOrDefault("env", List.of()));
            for (Map<String, Object> e : envList) {
                env.put(e.get("name").toString(), String.valueOf(e.get("value")));
            }
            assertThat(env).containsEntry("QUARKUS_HTTP_PORT", String.valueOf(port));
            assertThat(KNOWN_ENV.get(s)).as(s + " reads every variable its Deployment sets").containsAll(env.keySet());
            Map<String, Object> service = byKindName.get("Service/" + s);
            assertThat(at(service, "spec", "ports", "0", "port")).as(s + " Service port").isEqualTo(port);
            assertThat(at(service, "spec", "ports", "0", "targetPort")).isIn("http", port);
            assertThat(at(service, "spec", "selector")).isEqualTo(at(deployment, "spec", "selector", "matchLabels"));
            if (s.equals("dispatch-worker")) {
                Duration grace = Duration.parse("PT" + env.get("DISPATCHAPY_WORKER_SHUTDOWN_GRACE").toUpperCase());
                assertThat(((Number) pod.get("terminationGracePeriodSeconds")).longValue())
                        .as("terminationGracePeriodSeconds above the worker's shutdown grace")
                        .isGreaterThan(grace.toSeconds() + 5);
            }
        }
        Map<String, Object> hpa = byKindName.get("HorizontalPodAutoscaler/dispatch-worker");
        assertThat(at(hpa, "spec", "scaleTargetRef", "name")).isEqualTo("dispatch-worker");
        Map<String, Object> ingress = byKindName.get("Ingress/dispatchapy");
        Set<String> backends = new HashSet<>();
        for (Object rule : (List<?>) at(ingress, "spec", "rules")) {
            for (Object p : (List<?>) at(rule, "http", "paths")) {
                String svc = at(p, "backend", "service", "name").toString();
                backends.add(svc);
                assertThat(byKindName).containsKey("Service/" + svc);
                assertThat(at(p, "backend", "service", "port", "name")).isEqualTo("http");
            }
        }
        assertThat(backends).containsExactlyInAnyOrder("gateway-api", "admin-ui");

        // the overlay parses and only patches things that exist
        List<Map<String, Object>> overlay = manifests(ROOT.resolve("deploy/overlays/example"));
        assertThat(overlay).isNotEmpty();
        Map<String, Object> ok = loadAll(ROOT.resolve("deploy/overlays/example/kustomization.yaml")).get(0);
        assertThat(((List<?>) ok.get("resources")).stream().map(String::valueOf).toList()).contains("../../base");
        for (Object patch : (List<?>) ok.get("patches")) {
            Object target = at(patch, "target", "name");
            if (target != null) {
                assertThat(byKindName.keySet()).anyMatch(k -> k.endsWith("/" + target));
            }
        }
        for (Map<String, Object> d : overlay) {
            if ("Secret".equals(d.get("kind"))) {
                assertThat(anyService).containsAll(((Map<String, ?>) cast(d.get("stringData"))).keySet());
            }
        }
    }

    @Test
    void composeFileMatchesTheServices() throws IOException {
        Map<String, Object> compose = loadAll(ROOT.resolve("docker-compose.yml")).get(0);
        Map<String, Object> services = cast(compose.get("services"));
        assertThat(services).containsKeys("postgres", "mailpit", "gateway-api", "admin-ui", "dispatch-worker",
                "health-monitor");
        assertThat(at(services, "postgres", "image").toString()).startsWith("postgres:17");
        assertThat(at(services, "postgres", "volumes", "0").toString()).startsWith("pgdata:");
        assertThat((Map<String, ?>) cast(compose.get("volumes"))).containsKey("pgdata");
        assertThat(at(services, "mailpit", "image").toString()).contains("mailpit");
        assertThat(String.valueOf(at(services, "dispatch-worker", "deploy", "replicas"))).contains("2");
        String envExample = Files.readString(ROOT.resolve(".env.example"));
        for (String s : SERVICES) {
            int port = PORTS.get(s);
            Map<String, Object> svc = cast(services.get(s));
            assertThat(at(svc, "build", "context")).isEqualTo(s);
            Path dockerfile = ROOT.resolve(s).resolve(at(svc, "build", "dockerfile").toString());
            assertThat(dockerfile).exists();
            Map<String, Object> env = cast(svc.get("environment"));
            assertThat(env).as(s + " environment").containsKeys("QUARKUS_DATASOURCE_JDBC_URL",
                    "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
            assertThat(String.valueOf(env.get("QUARKUS_HTTP_PORT"))).isEqualTo(String.valueOf(port));
            assertThat(KNOWN_ENV.get(s)).as(s + " reads every variable compose sets").containsAll(env.keySet());
            assertThat(at(svc, "depends_on", "postgres", "condition")).isEqualTo("service_healthy");
            // ${VAR} taken from .env are documented in .env.example
            Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(env.toString() + svc.get("ports"));
            while (m.find()) {
                assertThat(envExample).as(".env.example documents " + m.group(1)).contains(m.group(1));
            }
            List<?> ports = cast(svc.getOrDefault("ports", svc.getOrDefault("expose", List.of())));
            assertThat(ports).as(s + " ports").isNotEmpty();
            for (Object p : ports) {
                assertThat(p.toString()).as(s + " container port").endsWith(String.valueOf(port));
            }
        }
        assertThat(at(services, "admin-ui", "environment", "DISPATCHAPY_ADMIN_PASSWORD").toString())
                .contains("${DISPATCHAPY_ADMIN_PASSWORD");
        Duration grace = Duration.parse("PT"
                + String.valueOf(at(services, "dispatch-worker", "environment", "DISPATCHAPY_WORKER_SHUTDOWN_GRACE"))
                        .toUpperCase());
        Duration stop = Duration
                .parse("PT" + at(services, "dispatch-worker", "stop_grace_period").toString().toUpperCase());
        assertThat(stop).isGreaterThan(grace);
        assertThat(Files.readString(ROOT.resolve(".gitignore")).lines()).contains(".env");
    }

    @Test
    void dockerfilesExposeTheRealPortAndCheckReadiness() throws IOException {
        List<String> all = new ArrayList<>(SERVICES);
        all.add("standalone");
        for (String s : all) {
            String df = Files.readString(ROOT.resolve(s).resolve("src/main/docker/Dockerfile.jvm"));
            int port = PORTS.get(s);
            assertThat(df).as(s).contains("EXPOSE " + port).contains("ENV QUARKUS_HTTP_PORT=" + port)
                    .contains("HEALTHCHECK").contains("http://127.0.0.1:" + port + "/q/health/ready")
                    .contains("COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/");
            List<String> users = df.lines().filter(l -> l.startsWith("USER ")).toList();
            assertThat(users).as(s + " runs as a non-root user").isNotEmpty();
            assertThat(users.get(users.size() - 1)).isEqualTo("USER 185");
            Matcher env = Pattern.compile("(?m)^ENV ([A-Z0-9_]+)=").matcher(df);
            while (env.find()) {
                String name = env.group(1);
                if (!IMAGE_SETTINGS.contains(name)) {
                    assertThat(KNOWN_ENV.get(s)).as(s + " Dockerfile ENV").contains(name);
                }
            }
        }
    }
}
