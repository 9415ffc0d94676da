/**
 * The admin console in a real headless Chromium (Selenium WebDriver), against the dev
 * stack on free ports.
 */
@NullMarked
package dev.hubsync.devstack.console;

import org.jspecify.annotations.NullMarked;
