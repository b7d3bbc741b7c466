package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The patient's offer page in a real browser (headless Chromium, Debian's {@code chromium} and
 * {@code chromium-driver}, which .ci/run installs), in a phone-sized window: open the link from the email, see the
 * slot, press Accept, see the confirmation, find the appointment in the calendar; a second press and an expired link
 * show a clear page. Leaves a screenshot of the page in target/offer-page.png (copied to docs/).
 */
class OfferPageBrowserTest extends IntegrationTest {

    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final String CHROMIUM = "/usr/bin/chromium";

    private WebDriver browser;

    @BeforeEach
    void openBrowser() {
        Assumptions.assumeTrue(CHROMEDRIVER.canExecute(), "chromium-driver is not installed (.ci/run installs it)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // a phone: 390 x 844 CSS pixels
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=390,844");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build(),
                options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aPatientOpensTheLinkOnAPhoneAcceptsAndIsBooked() throws IOException {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        OfferLinkTest.OfferedPatient offered = OfferLinkTest.offer(api, clock, practice, s, "Seraphina",
                "2026-11-25T10:00:00-05:00");

        browser.get("http://localhost:" + port + offered.link());

        assertHeading("An earlier appointment is available");
        String page = browser.findElement(By.tagName("main")).getText();
        assertThat(page).contains("Dr. Ana Ruiz", "Wednesday, November 25, 2026 at 10:00 AM EST",
                "Held for you until");
        assertThat(browser.findElement(By.cssSelector("button.accept")).getSize().getWidth())
                .as("the button spans the phone's width").isGreaterThan(300);
        Path screenshot = Path.of("target/offer-page.png");
        Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        browser.findElement(By.cssSelector("button.accept")).click();

        assertHeading("Your appointment is booked");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Dr. Ana Ruiz",
                "Wednesday, November 25, 2026 at 10:00 AM EST");
        JsonNode calendar = api.get(practice.scheduler, "/api/v1/calendar?patientId=" + offered.patientId()
                + "&from=2026-11-25&to=2026-11-25").body().path("appointments");
        assertThat(StreamSupport.stream(calendar.spliterator(), false))
                .extracting(a -> a.path("source").asText() + " " + a.path("status").asText())
                .containsExactly("WAITLIST BOOKED");

        // a second press: the page again (not cached), the link used
        browser.navigate().back();
        assertHeading("This link is not valid");
        assertThat(browser.getPageSource()).doesNotContain("Exception").doesNotContain("at com.");
    }

    @Test
    void anExpiredLinkShowsAClearPage() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        OfferLinkTest.OfferedPatient offered = OfferLinkTest.offer(api, clock, practice, s, "Tiberius",
                "2026-11-25T13:00:00-05:00");
        browser.get("http://localhost:" + port + offered.link());
        assertHeading("An earlier appointment is available");

        clock.advance(Duration.ofHours(3));
        browser.findElement(By.cssSelector("button.accept")).click();

        assertHeading("This offer has expired");
        browser.get("http://localhost:" + port + offered.link());
        assertHeading("This offer has expired");
        assertThat(browser.getPageSource()).doesNotContain("Exception");
    }

    /** The page's heading, once the browser shows the page that has it (a click's page loads on its own time). */
    private void assertHeading(String expected) {
        Awaitility.await().atMost(EVENTUALLY).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(expected));
    }
}
