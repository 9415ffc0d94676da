/**
 * The admin console: server-rendered pages (Thymeleaf, htmx from a webjar) on
 * {@code /console} of the worker, behind a login that exchanges an admin key (admin-auth)
 * for an HTTP-only, SameSite=Strict session cookie, with a per-session CSRF token on
 * every state-changing form. The pages read and act through the same beans as the admin
 * API ({@code admin}, {@code review}, {@code bulk}, {@code reconcile}, {@code store}) and
 * never change the sync path; the mappings page calls the mapping service's HTTP API.
 */
@NullMarked
package dev.hubsync.worker.console;

import org.jspecify.annotations.NullMarked;
