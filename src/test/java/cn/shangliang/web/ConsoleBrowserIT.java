package cn.shangliang.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Reporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The staff console in a real headless Chromium against a real server: sign-in, the queue, an action and its history,
 * booking in the calendar, the weekly charts, axe-core on the main views. With {@code -Dshangliang.screenshots=DIR}
 * the main views are also saved there (docs/console.md shows them).
 */
class ConsoleBrowserIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String ADMIN = "console-admin-token";
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static WebTestServer server;
    private ChromeDriver driver;

    @BeforeAll
    static void startServer() {
        server = WebTestServer.start("""
                rooms:
                  - {id: qy-lizhuang, name: 里庄村议事室, place: 青阳镇/里庄村, hours: {text: "周一至周六 8:30-16:30", open: [{days: mon-sat, from: "08:30", to: "16:30"}]}}
                  - {id: qy-town, name: 青阳镇议事室, place: 青阳镇}
                people:
                  - {id: member-lz-01, name: 王建国, role: member, scope: 青阳镇/里庄村}
                  - {id: member-lz-02, name: 李秀英, role: member, scope: 青阳镇/里庄村}
                """, Map.of("SHANGLIANG_ADMIN_TOKEN", ADMIN));
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

    private static String file(String user, String text) {
        return server.app()
                .issues()
                .file("console:" + user, new Reporter("webchat", user), new Place("青阳镇", "里庄村"), text)
                .trackingNo();
    }

    @Test
    void signIn_seeTheQueue_acceptAnIssue_andItsHistoryGrows() {
        String number = file("resident-c-0001", "村口的路灯坏了好几天，晚上走路看不见");
        signIn(1366, 768);

        awaitText(number);
        assertThat(driver.executeScript("return sessionStorage.getItem('shangliang.console.token')"))
                .isEqualTo(ADMIN);
        driver.findElement(By.linkText(number)).click();
        await(d -> !d.findElements(By.cssSelector("table.history")).isEmpty());
        int before =
                driver.findElements(By.cssSelector("table.history tbody tr")).size();
        shot("console-issue.png");

        new Select(driver.findElement(By.name("action"))).selectByValue("accept");
        driver.findElement(By.cssSelector("form.actions button[type=submit]")).click();

        await(d -> d.findElements(By.cssSelector("table.history tbody tr")).size() == before + 1);
        assertThat(driver.findElement(By.cssSelector("table.history tbody tr:last-child"))
                        .getText())
                .contains("接收")
                .contains("已接收");
        assertThat(driver.findElement(By.id("flash")).getText()).contains("已办理");

        // the same action again is refused by the core, in words
        new Select(driver.findElement(By.name("action"))).selectByValue("accept");
        driver.findElement(By.cssSelector("form.actions button[type=submit]")).click();
        await(d -> d.findElement(By.id("flash")).getText().contains("没有办理"));
        assertThat(driver.findElements(By.cssSelector("table.history tbody tr")))
                .hasSize(before + 1);
    }

    @Test
    void queue_filtersAndSearch_andSignOutClearsTheToken() {
        String lights = file("resident-c-0002", "桥头的路灯不亮了");
        String bins = file("resident-c-0003", "垃圾桶满了没人收");
        signIn(1366, 768);
        awaitText(lights);
        awaitText(bins);
        shot("console-queue.png");

        WebElement search = driver.findElement(By.cssSelector("input[type=search]"));
        search.sendKeys("垃圾");
        await(d -> !d.findElement(By.id("main")).getText().contains(lights));
        assertThat(driver.findElement(By.id("main")).getText()).contains(bins);

        driver.findElement(By.id("logout")).click();
        await(d -> !d.findElements(By.cssSelector("input[name=token]")).isEmpty());
        assertThat(driver.executeScript("return sessionStorage.getItem('shangliang.console.token')"))
                .isNull();
        assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContain(bins);
    }

    @Test
    void bookAMeeting_byClickingAnOpenSlotInTheWeekCalendar() {
        String number = file("resident-c-0004", "村里的小桥栏杆松了");
        LocalDate day = LocalDate.now(ZONE)
                .with(TemporalAdjusters.next(DayOfWeek.TUESDAY))
                .plusWeeks(1);
        LocalDate monday = day.with(DayOfWeek.MONDAY);
        signIn(1366, 768);
        driver.get(server.baseUrl() + "/console/#/meetings/qy-lizhuang/" + monday);
        await(d -> !d.findElements(By.cssSelector(".slot.open")).isEmpty());
        // Sunday is closed: no slot to click there
        assertThat(driver.findElements(By.cssSelector(".slot.open[data-date='" + monday.plusDays(6) + "']")))
                .isEmpty();

        driver.findElement(By.cssSelector(".slot.open[data-date='" + day + "'][data-time='09:00']"))
                .click();
        WebElement title = driver.findElement(By.name("title"));
        title.sendKeys("小桥栏杆协商会");
        driver.findElement(By.name("issues")).sendKeys(number);
        driver.findElement(By.cssSelector("input[name=invitees][value=member-lz-01]"))
                .click();
        driver.findElement(By.cssSelector("#meeting-panel button[type=submit]")).click();

        await(d -> d.findElements(By.cssSelector("button.meeting")).stream()
                .anyMatch(b -> b.getText().contains("小桥栏杆协商会")));
        assertThat(driver.findElement(By.id("flash")).getText()).contains("已预约");
        WebElement meeting = driver.findElement(By.cssSelector("button.meeting"));
        assertThat(meeting.getText()).contains("09:00");
        meeting.click();
        await(d -> d.findElement(By.id("meeting-panel")).getText().contains("王建国"));
        assertThat(driver.findElement(By.id("meeting-panel")).getText()).contains("未回复");
        shot("console-meetings.png");

        // a second meeting over the first is refused by the core, shown in words, and nothing more is booked
        driver.findElement(By.cssSelector(".slot.open[data-date='" + day + "'][data-time='14:00']"))
                .click();
        driver.findElement(By.name("title")).sendKeys("重叠的会");
        driver.executeScript("document.querySelector('#meeting-panel input[name=start]').value = '10:00';"
                + "document.querySelector('#meeting-panel input[name=end]').value = '11:00';");
        driver.findElement(By.name("issues")).sendKeys(number);
        driver.findElement(By.cssSelector("#meeting-panel button[type=submit]")).click();
        await(d -> d.findElement(By.id("flash")).getText().contains("没有办理"));
        assertThat(driver.findElements(By.cssSelector("button.meeting"))).hasSize(1);
        assertThat(server.app().issues().detail(number).orElseThrow().status().name())
                .isEqualTo("SCHEDULED");
    }

    @Test
    void weeklyTable_isDrawnAsCharts_withTheTableBelow() {
        file("resident-c-0005", "菜场门口停车太乱");
        signIn(1366, 768);
        driver.findElement(By.linkText("每周推进表")).click();

        await(d -> d.findElements(By.cssSelector(".chart svg")).size() == 2);
        assertThat(driver.findElements(By.cssSelector("table.weekly tbody tr"))).hasSize(2);
        assertThat(driver.findElement(By.cssSelector("table.weekly tfoot")).getText())
                .contains("合计");
        assertThat(driver.findElements(By.cssSelector(".chart svg path"))).isNotEmpty();
        assertThat(driver.findElements(By.xpath("//button[contains(., 'XLSX')]")))
                .hasSize(1);
        shot("console-weekly.png");
    }

    @Test
    void mainViews_haveNoSeriousOrCriticalAxeViolations_onAnOfficeScreenAndAPhone() {
        String number = file("resident-c-0006", "健身器材坏了");
        for (int[] size : new int[][] {{1366, 768}, {390, 844}}) {
            open(size[0], size[1]);
            assertThat(Axe.seriousViolations(driver)).as("login").isEmpty();
            driver.findElement(By.name("token")).sendKeys(ADMIN + Keys.ENTER);
            awaitText(number);
            assertThat(Axe.seriousViolations(driver)).as("queue").isEmpty();
            assertThat(driver.executeScript("return document.documentElement.scrollWidth <= window.innerWidth + 1"))
                    .as("no sideways scrolling of the page")
                    .isEqualTo(true);
            if (size[0] < 500) {
                shot("console-phone.png");
            }
            driver.get(server.baseUrl() + "/console/#/issue/" + number);
            await(d -> !d.findElements(By.cssSelector("table.history")).isEmpty());
            assertThat(Axe.seriousViolations(driver)).as("issue").isEmpty();
            driver.get(server.baseUrl() + "/console/#/meetings");
            await(d -> !d.findElements(By.cssSelector(".calendar")).isEmpty());
            assertThat(Axe.seriousViolations(driver)).as("meetings").isEmpty();
            driver.get(server.baseUrl() + "/console/#/weekly");
            await(d -> d.findElements(By.cssSelector(".chart svg")).size() == 2);
            assertThat(Axe.seriousViolations(driver)).as("weekly").isEmpty();
            driver.quit();
            driver = null;
        }
    }

    @Test
    void english_withLangEn() {
        driver = Browser.start(1366, 768);
        driver.get(server.baseUrl() + "/console/?lang=en");
        await(d -> !d.findElements(By.cssSelector("input[name=token]")).isEmpty());
        assertThat(driver.findElement(By.tagName("h2")).getText()).isEqualTo("Staff sign-in");
        assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang"))
                .isEqualTo("en");
        driver.findElement(By.name("token")).sendKeys("wrong" + Keys.ENTER);
        await(d -> !d.findElements(By.cssSelector("[role=alert]")).isEmpty());
        assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText()).contains("token is wrong");
    }

    /** Opens the console's sign-in form at the size given. */
    private void open(int width, int height) {
        driver = width < 500 ? Browser.phone(width, height) : Browser.start(width, height);
        driver.get(server.baseUrl() + "/console/");
        await(d -> !d.findElements(By.cssSelector("input[name=token]")).isEmpty());
    }

    private void signIn(int width, int height) {
        open(width, height);
        driver.findElement(By.name("token")).sendKeys(ADMIN + Keys.ENTER);
        await(d -> Boolean.TRUE.equals(
                ((ChromeDriver) d).executeScript("return document.body.classList.contains('signed-in')")));
    }

    private void awaitText(String text) {
        await(d -> d.findElement(By.id("main")).getText().contains(text));
    }

    private void await(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        new WebDriverWait(driver, PATIENCE).until(condition::apply);
    }

    private void shot(String name) {
        String dir = System.getProperty("shangliang.screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        driver.executeScript("window.scrollTo(0, 0)");
        try {
            Path file = Path.of(dir, name);
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
