package cn.shangliang.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The residents' web chat on phone-sized screens (390×844, and 390×460 with the keyboard open): the defects found in
 * a real headless Chromium stay fixed.
 */
class ChatPhoneIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String PLACE = "青阳镇/里庄村";

    private static WebTestServer server;
    private ChromeDriver driver;

    @BeforeAll
    static void startServer() {
        server = WebTestServer.start("", Map.of());
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
    void manyMessages_neverMakeThePageTallerThanTheScreen_andEachIsARealListItem() {
        open(390, 844, PLACE);
        for (int i = 0; i < 8; i++) {
            send("第" + i + "句：村口的路灯坏了");
        }
        await(d -> d.findElements(By.cssSelector("#log li.bot")).size() >= 8);
        assertThat(number("return window.innerWidth")).isEqualTo(390);

        assertThat(number("return document.documentElement.scrollHeight - window.innerHeight"))
                .isLessThanOrEqualTo(2);
        assertThat(
                        number(
                                "return [...document.querySelectorAll('li')].filter(li =>"
                                        + " !['OL','UL'].includes(li.parentElement.tagName) || li.parentElement.hasAttribute('role')).length"))
                .isZero();
        assertThat(driver.findElement(By.id("log")).getDomAttribute("role")).isEqualTo("log");
        assertThat(driver.findElement(By.id("log")).getDomAttribute("aria-live"))
                .isEqualTo("polite");
    }

    @Test
    void afterTheScreenShrinks_theNewestMessageIsStillInView() {
        open(390, 844, PLACE);
        for (int i = 0; i < 6; i++) {
            send("第" + i + "句：垃圾桶满了");
        }
        await(d -> d.findElements(By.cssSelector("#log li.bot")).size() >= 6);

        Browser.emulate(driver, 390, 460);
        await(d -> Boolean.TRUE.equals(driver.executeScript(
                "const items = document.querySelectorAll('#log li'); const r = items[items.length - 1]"
                        + ".getBoundingClientRect(); const log = document.getElementById('log').getBoundingClientRect();"
                        + " return r.bottom <= log.bottom + 1 && r.bottom > log.top;")));
        assertThat(number("return document.documentElement.scrollHeight - window.innerHeight"))
                .isLessThanOrEqualTo(2);
    }

    @Test
    void aSilentDeadConnection_isNoticedWithinSeconds_andTheOutboxIsKept() {
        open(390, 844, PLACE);
        driver.executeScript("window.__shangliang.silence()");
        send("桥上的栏杆松了");

        // the ping right behind the message gets no answer: dropped without a closing handshake, shown at once
        new WebDriverWait(driver, Duration.ofSeconds(8))
                .until(d -> d.findElement(By.id("status")).getText().contains("连接断开"));
        // the message waits in the outbox, then goes out once on the next connection
        await(d -> d.findElements(By.cssSelector("#log li.bot")).size() == 1);
        await(d -> Boolean.TRUE.equals(driver.executeScript("return window.__shangliang.state().outbox.length === 0")));
        assertThat(driver.findElements(By.cssSelector("#log li.me"))).hasSize(1);
        assertThat(number("return window.__shangliang.state().connections")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void restoredHistory_isNotReannounced_andTheSendingStateIsNotAnnounced() {
        open(390, 844, PLACE);
        send("村口的路灯坏了");
        await(d -> d.findElements(By.cssSelector("#log li.bot")).size() == 1);
        assertThat(driver.findElement(By.cssSelector("#log li.me .state")).getDomAttribute("aria-hidden"))
                .isEqualTo("true");

        // what the live region was when each list item appeared, recorded from before the page's own script runs
        driver.executeCdpCommand(
                "Page.addScriptToEvaluateOnNewDocument",
                Map.of(
                        "source",
                        "window.__liveWhenAdded = []; new MutationObserver(ms => { for (const m of ms) for (const n of"
                                + " m.addedNodes) if (n.tagName === 'LI') window.__liveWhenAdded.push("
                                + "document.getElementById('log').getAttribute('aria-live')); })"
                                + ".observe(document, {childList: true, subtree: true});"));
        driver.navigate().refresh();
        awaitStatus("已连接");
        assertThat(driver.findElements(By.cssSelector("#log li"))).hasSize(2);
        assertThat(driver.executeScript("return window.__liveWhenAdded")).isEqualTo(java.util.List.of("off", "off"));
        assertThat(driver.findElement(By.id("log")).getDomAttribute("aria-live"))
                .isEqualTo("polite");

        send("还有一件事");
        await(d -> d.findElements(By.cssSelector("#log li")).size() >= 4);
        assertThat(driver.executeScript("return window.__liveWhenAdded.slice(2)"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .isNotEmpty()
                .containsOnly("polite");
    }

    @Test
    void theHeader_showsOnlyAPlaceTheServerAccepted() {
        open(390, 844, "不存在镇/某村");
        assertThat(driver.findElement(By.id("place")).isDisplayed()).isFalse();
        driver.quit();

        open(390, 844, PLACE);
        await(d -> d.findElement(By.id("place")).isDisplayed());
        assertThat(driver.findElement(By.id("place")).getText()).contains("青阳镇").contains("里庄村");
    }

    @Test
    void trackingNumbers_neverBreak_atTheHyphens() {
        open(390, 844, PLACE);
        send("村口的路灯坏了好几天，晚上走路看不见");
        await(d -> d.findElements(By.cssSelector("#log li.bot")).size() == 1);
        send("确认");
        await(d -> !d.findElements(By.cssSelector("#log li.bot .tracking")).isEmpty());
        WebElement number = driver.findElement(By.cssSelector("#log li.bot .tracking"));
        assertThat(number.getText()).matches("QY-\\d{8}-\\d{4}");
        assertThat(number.getCssValue("white-space")).isEqualTo("nowrap");
        assertThat(number("return document.querySelector('#log li.bot .tracking').getClientRects().length"))
                .isEqualTo(1);
    }

    @Test
    void chatPage_hasNoSeriousOrCriticalAxeViolations_atBothPhoneSizes() {
        open(390, 844, PLACE);
        send("村口的路灯坏了");
        await(d -> d.findElements(By.cssSelector("#log li.bot")).size() == 1);
        assertThat(Axe.seriousViolations(driver)).isEmpty();
        Browser.emulate(driver, 390, 460);
        assertThat(Axe.seriousViolations(driver)).isEmpty();
    }

    private void open(int width, int height, String place) {
        driver = Browser.phone(width, height);
        driver.get(server.baseUrl() + "/?place=" + URLEncoder.encode(place, StandardCharsets.UTF_8));
        awaitStatus("已连接");
    }

    private void send(String text) {
        driver.findElement(By.id("text")).sendKeys(text + Keys.ENTER);
    }

    private long number(String script) {
        return ((Number) driver.executeScript(script)).longValue();
    }

    private void awaitStatus(String words) {
        await(d -> d.findElement(By.id("status")).getText().contains(words));
    }

    private void await(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        new WebDriverWait(driver, PATIENCE).until(condition::apply);
    }
}
