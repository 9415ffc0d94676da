package dev.hubsync.devstack.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and chromedriver, given explicitly so that Selenium Manager is never
 * consulted (nothing is downloaded): {@code --headless=new --no-sandbox} (CI runs as
 * root). {@code HUBSYNC_CHROMIUM} and {@code HUBSYNC_CHROMEDRIVER} name other binaries.
 */
final class Browser {

	static final Path CHROMIUM = Path.of(env("HUBSYNC_CHROMIUM", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path.of(env("HUBSYNC_CHROMEDRIVER", "/usr/bin/chromedriver"));

	private Browser() {
	}

	/**
	 * Whether both binaries exist.
	 * @return whether a browser test can run
	 */
	static boolean available() {
		return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
	}

	static ChromeDriver start(int width, int height) {
		// Selenium Manager runs only when a binary is left for it to find; both are set
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=" + width + "," + height, "--lang=en");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().window().setSize(new Dimension(width, height));
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return driver;
	}

	/**
	 * Writes the whole page (the window made as tall as the page, up to 4000 px, for the
	 * shot) to {@code target/console-screenshots/<name>.png}.
	 */
	static void screenshot(ChromeDriver driver, String name) {
		Dimension window = driver.manage().window().getSize();
		long height = (Long) driver.executeScript("return document.documentElement.scrollHeight;");
		driver.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(4000, height + 140)));
		try {
			Path target = Path.of("target", "console-screenshots");
			Files.createDirectories(target);
			File shot = driver.getScreenshotAs(OutputType.FILE);
			Files.copy(shot.toPath(), target.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not write the screenshot " + name + ": " + ex, ex);
		}
		finally {
			driver.manage().window().setSize(window);
		}
	}

	private static String env(String name, String otherwise) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : otherwise;
	}

}
