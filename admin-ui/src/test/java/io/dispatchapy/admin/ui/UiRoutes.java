package io.dispatchapy.admin.ui;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;

/**
 * Every route of the {@code ui} package, found by reflection over its compiled classes (so a new page is covered
 * without editing a list). Path parameters become {@code 1}; {@code {action: a|b}} expands to each alternative.
 */
final class UiRoutes {
    private static final Pattern ALTERNATIVES = Pattern.compile("\\{\\w+:\\s*([\\w|]+)}");

    record Route(String method, String path, boolean multipart, Class<?> page, boolean adminOnly) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private UiRoutes() {
    }

    static List<Route> all() {
        List<Route> out = new ArrayList<>();
        for (Class<?> c : classes()) {
            jakarta.ws.rs.Path base = c.getAnnotation(jakarta.ws.rs.Path.class);
            if (base == null) {
                continue;
            }
            UiAccess access = c.getAnnotation(UiAccess.class);
            for (Method m : c.getDeclaredMethods()) {
                String verb = m.isAnnotationPresent(POST.class) ? "POST"
                        : m.isAnnotationPresent(GET.class) ? "GET" : null;
                if (verb == null) {
                    continue;
                }
                jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
                String path = ("/" + base.value() + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/");
                if (path.length() > 1 && path.endsWith("/")) {
                    path = path.substring(0, path.length() - 1);
                }
                Consumes consumes = m.getAnnotation(Consumes.class);
                boolean multipart = consumes != null && consumes.value()[0].startsWith("multipart/");
                UiAccess own = m.getAnnotation(UiAccess.class);
                UiAccess effective = own != null ? own : access;
                boolean adminOnly = effective != null && effective.value() == UiAccess.Role.ADMIN;
                for (String p : expand(path)) {
                    out.add(new Route(verb, p, multipart, c, adminOnly));
                }
            }
        }
        return out;
    }

    static List<Route> posts() {
        return all().stream().filter(r -> r.method().equals("POST")).toList();
    }

    private static List<String> expand(String path) {
        Matcher m = ALTERNATIVES.matcher(path);
        if (m.find()) {
            List<String> out = new ArrayList<>();
            for (String alt : m.group(1).split("\\|")) {
                out.addAll(expand(path.substring(0, m.start()) + alt + path.substring(m.end())));
            }
            return out;
        }
        return List.of(path.replaceAll("\\{[^}]+}", "1"));
    }

    private static List<Class<?>> classes() {
        Path dir = Path.of("target/classes/io/dispatchapy/admin/ui");
        try (Stream<Path> files = Files.list(dir)) {
            List<Class<?>> out = new ArrayList<>();
            for (Path f : files.map(Path::getFileName).sorted().toList()) {
                String name = f.toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    out.add(Class.forName(UiRoutes.class.getPackageName() + "." + name.replace(".class", "")));
                }
            }
            return out;
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("Could not list the ui classes", e);
        }
    }
}
