package io.dispatchapy.admin.ui.browser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.sun.net.httpserver.HttpServer;

import io.dispatchapy.admin.ui.LoginThrottle;
import io.dispatchapy.model.queue.AttemptRecord;
import io.dispatchapy.model.queue.ClaimedTask;
import io.dispatchapy.model.queue.TaskQueue;
import io.dispatchapy.model.testing.DatabaseCleaner;
import io.dispatchapy.model.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The whole admin flow and the client portal in a real headless Chromium (Debian's chromium + chromedriver; skipped
 * with a message when they are not installed). Screenshots go to {@code target/screenshots/}.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class BrowserFlowTest {
    static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static HttpServer provider;
    static final List<String> received = new CopyOnWriteArrayList<>();

    @TestHTTPResource("/")
    URL base;
    @Inject
    DataSource dataSource;
    @Inject
    TaskQueue queue;
    @Inject
    LoginThrottle throttle;

    WebDriver driver;
    WebDriverWait wait;

    @BeforeAll
    static void startProvider() throws IOException {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] ok = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        provider.start();
    }

    @AfterAll
    static void stopProvider() {
        provider.stop(0);
    }

    private void startBrowser() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Browser test skipped: " + CHROMIUM + " and " + CHROMEDRIVER
                        + " are needed (apt-get install chromium chromium-driver)");
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1000",
                "--user-data-dir=" + Files.createTempDirectory("dispatchapy-chrome").toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        Files.createDirectories(SCREENSHOTS);
    }

    @Test
    void adminBuildsAFlowAndTheClientSeesItsTask() throws Exception {
        DatabaseCleaner.clean(dataSource);
        throttle.reset();
        startBrowser();
        try {
            run();
        } catch (Throwable t) {
            screenshot("failure");
            throw t;
        } finally {
            driver.quit();
        }
    }

    private void run() throws Exception {
        String providerUrl = "http://127.0.0.1:" + provider.getAddress().getPort();
        // log in
        open("login");
        driver.findElement(By.name("password")).sendKeys("test-secret");
        driver.findElement(By.cssSelector("#admin-login button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Dashboard"));
        screenshot("01-dashboard-empty");

        // two resources
        createResource("backup", providerUrl + "/backup", "");
        createResource("primary", providerUrl + "/primary", "to\ntext");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("resources"), "primary"));
        screenshot("02-resources");

        // an endpoint; both resources are pre-added in name order: backup, primary
        open("endpoints/new");
        WebElement path = driver.findElement(By.name("path"));
        path.clear();
        path.sendKeys("notify");
        WebElement params = driver.findElement(By.name("requiredParams"));
        params.clear();
        params.sendKeys("ref\nscope\nphone\nmessage");
        assertThat(order()).containsExactly("backup", "primary");
        dragFirstBelowSecond();
        assertThat(order()).as("drag and drop moved backup below primary").containsExactly("primary", "backup");
        // keyboard / touch alternative: the arrow buttons
        rowButton("primary", "down").click();
        assertThat(order()).containsExactly("backup", "primary");
        rowButton("primary", "up").click();
        assertThat(order()).containsExactly("primary", "backup");
        screenshot("03-endpoint-order");
        driver.findElement(By.cssSelector("#endpoint-form button[type=submit]")).click();

        // rules: primary gets to <- phone, text <- template
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Rules of /api/notify"));
        setMapping("to", "field", "phone");
        setMapping("text", "template", "Hello {message}");
        driver.findElement(By.cssSelector("#rules-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Saved."));
        // preview (htmx swaps the preview section in place)
        WebElement sample = driver.findElement(By.name("sample"));
        sample.clear();
        sample.sendKeys("{\"ref\":\"r1\",\"scope\":\"s\",\"phone\":\"+4912345\",\"message\":\"Hi\"}");
        driver.findElement(By.cssSelector("#preview button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#preview"), "Hello Hi"));
        screenshot("04-rules-preview");

        // a client; its token is shown once
        open("clients/new");
        driver.findElement(By.name("name")).sendKeys("shop");
        driver.findElement(By.cssSelector("input[name=endpointIds]")).click();
        driver.findElement(By.cssSelector("#client-form button[type=submit]")).click();
        String token = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).getText().trim();
        assertThat(token).startsWith("dpy_");
        screenshot("05-client-token");

        // the client sends a task with the shown token
        long taskId = given().header("X-API-Token", token).contentType(ContentType.JSON)
                .body("{\"ref\":\"order-42\",\"scope\":\"shop\",\"phone\":\"+4912345\",\"message\":\"Hi\"}")
                .post(base + "api/notify").then().statusCode(200).body("status", equalTo("queued")).extract().jsonPath()
                .getLong("task_id");
        open("tasks");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-task='" + taskId + "']"),
                "pending"));

        deliverAsATestWorker(taskId, providerUrl);
        driver.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-task='" + taskId + "']"),
                "success"));
        screenshot("06-tasks");
        driver.findElement(By.cssSelector("tr[data-task='" + taskId + "'] a")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("task-status"), "success"));
        assertThat(driver.findElement(By.id("attempts")).getText()).contains("primary").contains("200");
        assertThat(driver.findElement(By.id("sent-payload")).getText()).contains("Hello Hi");
        screenshot("07-task-detail");

        // phone width
        driver.manage().window().setSize(new Dimension(390, 844));
        open("");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Dashboard"));
        screenshot("08-dashboard-phone");
        driver.manage().window().setSize(new Dimension(1280, 1000));

        // the client portal
        driver.findElement(By.cssSelector("form[action='/logout'] button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-tab=client-login]"))).click();
        driver.findElement(By.name("token")).sendKeys(token);
        driver.findElement(By.cssSelector("#client-login button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Dashboard · shop"));
        assertThat(driver.findElement(By.tagName("nav")).getText()).doesNotContain("Resources")
                .contains("Logout (shop)");
        screenshot("09-portal-dashboard");
        open("tasks");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-task='" + taskId + "']"),
                "order-42"));
        open("task/" + taskId);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("task-status"), "success"));
        screenshot("10-portal-task");
        open("documentation");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("swagger-ui"), "/api/notify"));
        screenshot("11-portal-docs");
        open("resources");
        wait.until(ExpectedConditions.urlContains("/login"));
    }

    private void createResource(String name, String url, String requiredParams) {
        open("resources/new");
        driver.findElement(By.name("name")).sendKeys(name);
        driver.findElement(By.name("url")).sendKeys(url);
        driver.findElement(By.name("requiredParams")).sendKeys(requiredParams);
        driver.findElement(By.cssSelector("form.card button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/resources?notice=created"));
    }

    private List<String> order() {
        return driver.findElements(By.cssSelector("#resource-order li .name")).stream().map(WebElement::getText)
                .toList();
    }

    private WebElement rowButton(String name, String move) {
        return driver.findElement(By.xpath("//ol[@id='resource-order']/li[span[@class='name' and text()='" + name
                + "']]/button[@data-move='" + move + "']"));
    }

    /**
     * Drags the first row below the second: first with real mouse actions; chromedriver does not start native HTML5
     * drags from synthetic mouse input in every version, so when nothing moved the same drag is replayed as DOM drag
     * events, which still runs the page's own drag-and-drop code.
     */
    private void dragFirstBelowSecond() {
        List<WebElement> rows = driver.findElements(By.cssSelector("#resource-order li"));
        WebElement handle = rows.get(0).findElement(By.cssSelector(".handle"));
        new Actions(driver).clickAndHold(handle).moveToElement(rows.get(1), 0, 5).moveByOffset(0, 5).release()
                .perform();
        if (order().get(0).equals("primary")) {
            System.out.println("Drag and drop: native mouse drag worked");
            return;
        }
        System.out.println("Drag and drop: native drag did not start in headless Chrome; replaying DOM drag events");
        ((JavascriptExecutor) driver).executeScript("""
                const [src, dst] = arguments;
                const dt = new DataTransfer();
                const box = dst.getBoundingClientRect();
                const at = (type, el, y) => el.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true,
                    dataTransfer: dt, clientX: box.left + 5, clientY: y}));
                at('dragstart', src, 0);
                at('dragover', dst, box.bottom - 2);
                at('drop', dst, box.bottom - 2);
                at('dragend', src, 0);
                """, rows.get(0), rows.get(1));
    }

    private void setMapping(String key, String type, String value) {
        WebElement row = driver.findElement(By.xpath("//tr[td/code[text()='" + key + "']]"));
        new org.openqa.selenium.support.ui.Select(row.findElement(By.name("m_type"))).selectByValue(type);
        WebElement input = row.findElement(By.name("m_value"));
        input.clear();
        input.sendKeys(value);
    }

    private void deliverAsATestWorker(long taskId, String providerUrl) throws Exception {
        List<ClaimedTask> claimed = queue.claim("browser-test-worker", 10, Duration.ofSeconds(30));
        assertThat(claimed).extracting(ClaimedTask::id).containsExactly(taskId);
        String body = "{\"to\":\"+4912345\",\"text\":\"Hello Hi\"}";
        var response = java.net.http.HttpClient.newHttpClient()
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(providerUrl + "/primary"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        long resourceId = given().auth().preemptive().basic("admin", "test-secret").get(base + "admin/api/v1/resources")
                .then().extract().jsonPath().getLong("find { it.name == 'primary' }.id");
        assertThat(queue.recordAttempt("browser-test-worker", taskId, new AttemptRecord(resourceId, "primary",
                Instant.now(), 12, true, response.statusCode(), response.body(), body))).isTrue();
        assertThat(queue.complete("browser-test-worker", taskId)).isTrue();
        assertThat(received).contains(body);
    }

    private void open(String relative) {
        driver.get(base + relative);
    }

    private void screenshot(String name) throws IOException {
        if (driver == null) {
            return;
        }
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
