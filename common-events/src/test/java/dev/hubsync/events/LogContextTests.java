package dev.hubsync.events;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

class LogContextTests {

	@Test
	void aContextPutsTheEventInTheMdcAndRestoresWhatWasThereWhenClosed() {
		try (LogContext outer = LogContext.of("c-1", "leads:1")) {
			assertThat(MDC.get(LogContext.CORRELATION_ID)).isEqualTo("c-1");
			assertThat(MDC.get(LogContext.RECORD_KEY)).isEqualTo("leads:1");
			try (LogContext inner = LogContext.of("c-2", null)) {
				assertThat(MDC.get(LogContext.CORRELATION_ID)).isEqualTo("c-2");
				assertThat(MDC.get(LogContext.RECORD_KEY)).isNull();
			}
			assertThat(MDC.get(LogContext.CORRELATION_ID)).isEqualTo("c-1");
			assertThat(MDC.get(LogContext.RECORD_KEY)).isEqualTo("leads:1");
		}
		assertThat(MDC.get(LogContext.CORRELATION_ID)).isNull();
		assertThat(MDC.get(LogContext.RECORD_KEY)).isNull();
	}

	@Test
	void theServicesCorrelationPatternShowsTheContextAndNothingWithoutOne() {
		ch.qos.logback.classic.LoggerContext context = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory
			.getILoggerFactory();
		ch.qos.logback.classic.PatternLayout layout = new ch.qos.logback.classic.PatternLayout();
		layout.setContext(context);
		// logging.pattern.correlation in each service's properties, as the file reads it
		layout.setPattern(LogContext.CONSOLE_PATTERN + "%m");
		layout.start();
		ch.qos.logback.classic.Logger logger = context.getLogger("test");
		try (LogContext event = LogContext.of("c-1", "leads:1")) {
			assertThat(layout.doLayout(new ch.qos.logback.classic.spi.LoggingEvent("test", logger,
					ch.qos.logback.classic.Level.INFO, "message", null, null)))
				.isEqualTo("[c-1 leads:1] message");
		}
		assertThat(layout.doLayout(new ch.qos.logback.classic.spi.LoggingEvent("test", logger,
				ch.qos.logback.classic.Level.INFO, "message", null, null)))
			.isEqualTo("message");
	}

}
