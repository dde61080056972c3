package dev.gleaner.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through its ChromeDriver, offline (no Selenium Manager download), with
 * the flags that keep Chromium from reaching out on its own. Every page gets a listener that keeps
 * the Content-Security-Policy violations it sees in {@code window.__cspViolations}.
 */
final class Browser {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));

    private Browser() {}

    static ChromeDriver start(Path downloads) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            fail("the console's browser tests need Chromium and ChromeDriver: " + CHROMIUM + " and " + DRIVER
                    + " (Debian: apt-get install -y chromium chromium-driver; .ci/run installs them)");
        }
        Path profile = Files.createTempDirectory("gleaner-chromium-");
        profile.toFile().deleteOnExit();
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--lang=en-US", "--window-size=1280,900",
                "--user-data-dir=" + profile);
        o.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US",
                "download.default_directory", downloads.toAbsolutePath().toString(), "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, o);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "performance.setResourceTimingBufferSize(100000);"
                        + "window.__cspViolations = [];"
                        + "document.addEventListener('securitypolicyviolation',"
                        + " e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"));
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toAbsolutePath().toString()));
        return driver;
    }

    static File file(Path p) {
        return p.toFile();
    }
}
