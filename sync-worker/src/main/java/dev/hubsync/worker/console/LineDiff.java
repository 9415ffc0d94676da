package dev.hubsync.worker.console;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff (longest common subsequence) of two texts, for the mappings page: small
 * texts only (a mapping is tens of lines).
 */
final class LineDiff {

	private LineDiff() {
	}

	/**
	 * One line of a diff.
	 *
	 * @param kind {@code same}, {@code removed} or {@code added}
	 * @param text the line
	 */
	record Line(String kind, String text) {

		/**
		 * Returns the line with its diff mark.
		 * @return {@code "  "}, {@code "- "} or {@code "+ "} and the line
		 */
		public String marked() {
			return switch (this.kind) {
				case "removed" -> "- ";
				case "added" -> "+ ";
				default -> "  ";
			} + this.text;
		}

	}

	static List<Line> of(String before, String after) {
		String[] a = before.split("\n", -1);
		String[] b = after.split("\n", -1);
		int[][] common = new int[a.length + 1][b.length + 1];
		for (int i = a.length - 1; i >= 0; i--) {
			for (int j = b.length - 1; j >= 0; j--) {
				common[i][j] = a[i].equals(b[j]) ? common[i + 1][j + 1] + 1
						: Math.max(common[i + 1][j], common[i][j + 1]);
			}
		}
		List<Line> lines = new ArrayList<>();
		int i = 0;
		int j = 0;
		while (i < a.length && j < b.length) {
			if (a[i].equals(b[j])) {
				lines.add(new Line("same", a[i]));
				i++;
				j++;
			}
			else if (common[i + 1][j] >= common[i][j + 1]) {
				lines.add(new Line("removed", a[i++]));
			}
			else {
				lines.add(new Line("added", b[j++]));
			}
		}
		while (i < a.length) {
			lines.add(new Line("removed", a[i++]));
		}
		while (j < b.length) {
			lines.add(new Line("added", b[j++]));
		}
		return lines;
	}

	static boolean changed(List<Line> lines) {
		return lines.stream().anyMatch((line) -> !line.kind().equals("same"));
	}

}
