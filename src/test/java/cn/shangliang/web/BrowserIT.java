package cn.shangliang.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.channel.Inbox;
import cn.shangliang.channel.webchat.WebChatHub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web chat page in a real headless Chromium against a real server. Set {@code -Dshangliang.screenshots=DIR} to
 * also save desktop and phone screenshots there.
 */
class BrowserIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String PLACE = "青阳镇/里庄村";

    private static WebTestServer server;
    private ChromeDriver driver;

    @BeforeAll
    static void startServer() {
        server = WebTestServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void quitBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void typeMessage_pressEnter_replyAppearsInTheLog() {
        open(1280, 900);

        type("村口的路灯坏了" + Keys.ENTER);

        awaitBotReplies(1);
        assertThat(mine()).hasSize(1);
        assertThat(mine().getFirst().findElement(By.cssSelector(".body")).getText())
                .isEqualTo("村口的路灯坏了");
        assertThat(bots().getFirst().getText()).contains("青阳镇/里庄村").contains("确认"); // place from the link
        awaitTrue("return window.__shangliang.state().outbox.length === 0");
        assertThat(textarea().getDomProperty("value")).isEmpty();
        assertThat(driver.getTitle()).isEqualTo("有事好商量");
        assertThat(driver.findElement(By.id("place")).getText()).contains("青阳镇").contains("里庄村");
    }

    @Test
    void shiftEnter_addsANewline_andMarkupIsShownAsText() {
        open(1280, 900);

        type("<b>第一行</b>" + Keys.chord(Keys.SHIFT, Keys.ENTER) + "第二行");
        assertThat(textarea().getDomProperty("value")).isEqualTo("<b>第一行</b>\n第二行");
        assertThat(mine()).isEmpty();
        textarea().sendKeys(Keys.ENTER);

        awaitBotReplies(1);
        WebElement body = mine().getFirst().findElement(By.cssSelector(".body"));
        assertThat(body.getDomProperty("textContent")).isEqualTo("<b>第一行</b>\n第二行");
        assertThat(driver.findElements(By.cssSelector("#log b"))).isEmpty();
    }

    @Test
    void droppedConnection_keepsTheDraft_andDeliversTheOfflineMessageOnce() {
        open(1280, 900);
        String uid = (String) driver.executeScript("return window.__shangliang.state().uid");

        driver.executeScript("window.__shangliang.dropConnection(true)");
        awaitStatus("正在重新连接");
        type("楼道的灯不亮了" + Keys.ENTER);
        assertThat(mine().getFirst().findElement(By.cssSelector(".state")).getText())
                .contains("连上后自动发送");
        type("这句还没写完");
        driver.executeScript("window.__shangliang.release()");

        awaitStatus("已连接");
        awaitBotReplies(1);
        awaitTrue("return window.__shangliang.state().outbox.length === 0");
        assertThat(textarea().getDomProperty("value")).isEqualTo("这句还没写完");
        assertThat(mine()).hasSize(1);
        assertThat(repliesStored(uid)).hasSize(1);
    }

    @Test
    void droppedRightAfterSending_isAnsweredOnce() {
        open(1280, 900);
        String uid = (String) driver.executeScript("return window.__shangliang.state().uid");

        // send and drop in one task: whether the server queued it or not, and whether its ack got through or not,
        // the resend with the same id must end in exactly one reply
        driver.executeScript("document.getElementById('text').value = '停车位不够用';"
                + "document.getElementById('composer').requestSubmit();"
                + "window.__shangliang.dropConnection(true);");
        awaitStatus("正在重新连接");
        driver.executeScript("window.__shangliang.release()");

        awaitStatus("已连接");
        awaitBotReplies(1);
        awaitTrue("return window.__shangliang.state().outbox.length === 0");
        assertThat(mine()).hasSize(1);
        assertThat(repliesStored(uid)).hasSize(1);
    }

    @Test
    void droppedConnection_reconnectsByItself() {
        open(1280, 900);

        awaitTrue("return window.__shangliang.state().connections === 1");

        driver.executeScript("window.__shangliang.dropConnection()");

        awaitTrue("return window.__shangliang.state().connections === 2");
        awaitStatus("已连接");
        type("桥上的栏杆松了" + Keys.ENTER);

        awaitBotReplies(1);
    }

    @Test
    void reloadWhileOffline_resendsTheOutboxWithTheSameId() {
        open(1280, 900);
        String uid = (String) driver.executeScript("return window.__shangliang.state().uid");
        driver.executeScript("window.__shangliang.dropConnection(true)");
        awaitStatus("正在重新连接");
        type("垃圾站太臭了" + Keys.ENTER);
        type("草稿");
        String id = (String) driver.executeScript("return window.__shangliang.state().outbox[0]");

        driver.navigate().refresh();

        awaitStatus("已连接");
        awaitBotReplies(1);
        assertThat(mine()).hasSize(1);
        assertThat(mine().getFirst().getDomAttribute("data-id")).isEqualTo(id);
        assertThat(textarea().getDomProperty("value")).isEqualTo("草稿");
        assertThat(repliesStored(uid))
                .singleElement()
                .satisfies(e -> assertThat(e.message().inReplyTo()).isEqualTo(id));
    }

    @Test
    void tooLongText_isNotSent_andStaysInTheTextarea() {
        open(1280, 900);
        String text = "长".repeat(4001);
        driver.executeScript("arguments[0].value = arguments[1]", textarea(), text);

        textarea().sendKeys(Keys.ENTER);

        new WebDriverWait(driver, PATIENCE)
                .until(d -> !d.findElements(By.cssSelector("#log li.note")).isEmpty());
        assertThat(driver.findElement(By.cssSelector("#log li.note")).getText()).contains("太长");
        assertThat(textarea().getDomProperty("value")).isEqualTo(text);
        assertThat(mine()).isEmpty();
    }

    @Test
    void page_isAccessible() {
        open(1280, 900);

        assertThat(driver.findElements(By.tagName("main"))).hasSize(1);
        WebElement log = driver.findElement(By.id("log"));
        assertThat(log.getDomAttribute("role")).isEqualTo("log");
        assertThat(log.getDomAttribute("aria-live")).isEqualTo("polite");
        assertThat(driver.findElement(By.cssSelector("label[for=text]")).getText())
                .isNotBlank();
        assertThat(driver.findElement(By.id("status")).getDomAttribute("role")).isEqualTo("status");
        assertThat(driver.executeScript("return parseFloat(getComputedStyle(document.body).fontSize)"))
                .satisfies(size -> assertThat(((Number) size).doubleValue()).isGreaterThanOrEqualTo(20));
        assertThat(driver.findElement(By.id("send")).getSize().getHeight()).isGreaterThanOrEqualTo(44);
        screenshots();
    }

    private void open(int width, int height) {
        driver = Browser.start(width, height);
        driver.get(server.baseUrl() + "/?place=" + URLEncoder.encode(PLACE, StandardCharsets.UTF_8));
        awaitStatus("已连接");
    }

    private WebElement textarea() {
        return driver.findElement(By.id("text"));
    }

    private void type(String keys) {
        textarea().sendKeys(keys);
    }

    private List<WebElement> mine() {
        return driver.findElements(By.cssSelector("#log li.me"));
    }

    private List<WebElement> bots() {
        return driver.findElements(By.cssSelector("#log li.bot"));
    }

    private void awaitBotReplies(int count) {
        new WebDriverWait(driver, PATIENCE).until(d -> bots().size() >= count);
        assertThat(bots()).hasSize(count);
    }

    private void awaitStatus(String words) {
        new WebDriverWait(driver, PATIENCE)
                .until(d -> d.findElement(By.id("status")).getText().contains(words));
    }

    private void awaitTrue(String script) {
        new WebDriverWait(driver, PATIENCE).until(d -> Boolean.TRUE.equals(driver.executeScript(script)));
    }

    private static List<Inbox.Entry> repliesStored(String uid) {
        return server.app().inbox().after(WebChatHub.CHANNEL, uid, "0", 100);
    }

    /** Desktop and phone screenshots, with a short conversation, when -Dshangliang.screenshots is set. */
    private void screenshots() {
        String dir = System.getProperty("shangliang.screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        type("村口的路灯坏了好几天了，晚上走路看不见。" + Keys.ENTER);
        awaitBotReplies(1);
        type("还有一件事");
        save(Path.of(dir, "webchat-desktop.png"));
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        save(Path.of(dir, "webchat-phone.png"));
        driver.executeScript("window.__shangliang.dropConnection(true)");
        awaitStatus("正在重新连接");
        type(Keys.ENTER.toString());
        save(Path.of(dir, "webchat-phone-offline.png"));
        driver.executeScript("window.__shangliang.release()");
        awaitStatus("已连接");
    }

    private void save(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
