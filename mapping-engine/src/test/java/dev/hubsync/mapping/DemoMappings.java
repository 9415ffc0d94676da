package dev.hubsync.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hubsync.events.local.ColumnType;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.mapping.inference.ColumnInfo;

/** The demo mapping file and the demo tables' columns (ARCHITECTURE §15). */
final class DemoMappings {

	static final Instant AT = Instant.parse("2026-11-20T08:00:00Z");

	private DemoMappings() {
	}

	static List<MappingConfig> all() {
		try (InputStream in = DemoMappings.class.getResourceAsStream("/hubsync/demo-mapping.yaml")) {
			return MappingFiles.read(in, "demo-mapping.yaml", AT);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static MappingConfig get(String objectTypeId) {
		return all().stream().filter((config) -> config.objectTypeId().equals(objectTypeId)).findFirst().orElseThrow();
	}

	static Map<String, ColumnInfo> columns(String table) {
		Map<String, ColumnInfo> columns = new LinkedHashMap<>();
		column(columns, "id", "uuid");
		switch (table) {
			case "leads" -> {
				column(columns, "email", "text");
				column(columns, "first_name", "text");
				column(columns, "last_name", "text");
				column(columns, "phone", "text");
				column(columns, "lifecycle_stage", "text");
				column(columns, "company_id", "uuid");
				column(columns, "owner_id", "uuid");
			}
			case "companies" -> {
				column(columns, "name", "text");
				column(columns, "domain", "text");
				column(columns, "industry", "text");
			}
			default -> {
				column(columns, "name", "text");
				column(columns, "amount", "numeric");
				column(columns, "stage", "text");
				column(columns, "close_date", "date");
				column(columns, "company_id", "uuid");
				column(columns, "lead_id", "uuid");
				column(columns, "owner_id", "uuid");
			}
		}
		column(columns, "created_at", "timestamp with time zone");
		column(columns, "updated_at", "timestamp with time zone");
		column(columns, "deleted_at", "timestamp with time zone");
		return columns;
	}

	static Map<String, ColumnType> types(String table) {
		Map<String, ColumnType> types = new LinkedHashMap<>();
		columns(table).forEach((name, column) -> types.put(name, column.type()));
		return types;
	}

	private static void column(Map<String, ColumnInfo> columns, String name, String dataType) {
		columns.put(name, ColumnInfo.of(name, dataType, dataType, true));
	}

}
