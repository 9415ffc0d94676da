package dev.hubsync.devstack.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.boot.json.JsonParserFactory;

/**
 * The alert rules ({@code deploy/prometheus/rules}) and the Grafana dashboard
 * ({@code deploy/grafana/dashboards}) as data: their PromQL expressions and the metric
 * names those use.
 */
public final class MonitoringFiles {

	/** The rules file. */
	public static final Path RULES = Path.of("..", "deploy", "prometheus", "rules", "hubsync.yml");

	/** The dashboard. */
	public static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "dashboards", "hubsync.json");

	private static final Pattern METRIC = Pattern.compile("\\b((?:hubsync|kafka|jvm|http_server)_[a-z0-9_]+)\\b");

	private MonitoringFiles() {
	}

	/**
	 * Returns the alert rules.
	 * @return each rule as parsed YAML
	 * @throws IOException when the file cannot be read
	 */
	@SuppressWarnings("unchecked")
	public static List<Map<String, Object>> rules() throws IOException {
		try (InputStream in = Files.newInputStream(RULES)) {
			Map<String, Object> file = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
			List<Map<String, Object>> rules = new ArrayList<>();
			for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
				rules.addAll((List<Map<String, Object>>) group.get("rules"));
			}
			return rules;
		}
	}

	/**
	 * Returns the dashboard's panels.
	 * @return each panel as parsed JSON
	 * @throws IOException when the file cannot be read
	 */
	@SuppressWarnings("unchecked")
	public static List<Map<String, Object>> panels() throws IOException {
		Map<String, Object> dashboard = JsonParserFactory.getJsonParser().parseMap(Files.readString(DASHBOARD));
		return (List<Map<String, Object>>) dashboard.get("panels");
	}

	/**
	 * Returns every PromQL expression of the rules and the panels.
	 * @return the expressions
	 * @throws IOException when a file cannot be read
	 */
	@SuppressWarnings("unchecked")
	public static List<String> expressions() throws IOException {
		List<String> expressions = new ArrayList<>();
		for (Map<String, Object> rule : rules()) {
			expressions.add(String.valueOf(rule.get("expr")));
		}
		for (Map<String, Object> panel : panels()) {
			for (Map<String, Object> target : (List<Map<String, Object>>) panel.get("targets")) {
				expressions.add(String.valueOf(target.get("expr")));
			}
		}
		return expressions;
	}

	/**
	 * Returns the metric names the expressions use.
	 * @return the names, as Prometheus exposes them
	 * @throws IOException when a file cannot be read
	 */
	public static Set<String> metricNames() throws IOException {
		Set<String> names = new TreeSet<>();
		for (String expression : expressions()) {
			Matcher matcher = METRIC.matcher(expression);
			while (matcher.find()) {
				names.add(matcher.group(1));
			}
		}
		return names;
	}

}
