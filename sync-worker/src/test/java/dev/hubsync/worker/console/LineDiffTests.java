package dev.hubsync.worker.console;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineDiffTests {

	@Test
	void marksRemovedAndAddedLinesBetweenCommonOnes() {
		List<LineDiff.Line> diff = LineDiff.of("a\nb\nc\nd", "a\nx\nc\nd\ne");
		assertThat(diff).extracting(LineDiff.Line::marked).containsExactly("  a", "- b", "+ x", "  c", "  d", "+ e");
		assertThat(LineDiff.changed(diff)).isTrue();
	}

	@Test
	void findsNoChangeInEqualTexts() {
		assertThat(LineDiff.changed(LineDiff.of("a\nb", "a\nb"))).isFalse();
	}

}
