package dev.hubsync.mapping.inference;

import java.util.List;

import dev.hubsync.events.local.ColumnType;
import dev.hubsync.hubspot.properties.PropertyDefinition;
import dev.hubsync.hubspot.properties.PropertyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TypeInferenceTests {

	static PropertyDefinition property(String name, String type, String fieldType, String... options) {
		return new PropertyDefinition(name, name, type, fieldType, null, null,
				List.of(options).stream().map((option) -> PropertyOption.of(option, option)).toList(), null, null, null,
				null, null, null, null, null);
	}

	@ParameterizedTest
	@CsvSource({ "text,email,string,text,email", "text,firstname,string,text,string",
			"text,phone,string,phonenumber,phone", "text,mobile,phone_number,phonenumber,phone",
			"jsonb,settings,string,textarea,json", "numeric,amount,number,number,number",
			"integer,numberofemployees,number,number,number", "text,annualrevenue,number,number,number",
			"boolean,opted_in,bool,booleancheckbox,boolean", "boolean,opted_in,enumeration,booleancheckbox,boolean",
			"date,birthday,date,date,date", "date,closedate,datetime,date,date",
			"timestamp with time zone,closedate,datetime,date,datetime",
			"timestamp without time zone,closedate,datetime,date,datetime", "text,industry,enumeration,select,enum",
			"ARRAY,tags,enumeration,checkbox,multiselect", "uuid,external_id,string,text,string",
			"uuid,hubspot_owner_id,enumeration,select,owner", "bigint,hubspot_owner_id,enumeration,select,owner",
			"text,hubspot_owner_id,enumeration,select,enum" })
	void infersTheTransform(String sqlType, String name, String type, String fieldType, String transform) {
		Inference inference = TypeInference.infer(ColumnInfo.of("c", sqlType, sqlType, true),
				property(name, type, fieldType, "A", "B"));
		assertThat(inference.fits()).as(inference.refusal()).isTrue();
		assertThat(inference.transform().type()).isEqualTo(transform);
	}

	@Test
	void enumerationsStartAsIdentityOverTheOptions() {
		Inference inference = TypeInference.infer(ColumnInfo.of("industry", "text", "text", true),
				property("industry", "enumeration", "select", "RETAIL", "ACCOUNTING"));
		assertThat(inference.transform().values()).containsEntry("RETAIL", "RETAIL")
			.containsEntry("ACCOUNTING", "ACCOUNTING");
	}

	@ParameterizedTest
	@CsvSource({ "integer,firstname,string,text,a text property can hold any text and this column cannot",
			"boolean,amount,number,number,a number property needs a numeric (or text) column",
			"integer,opted_in,bool,booleancheckbox,a boolean property needs a boolean column",
			"integer,birthday,date,date,a date property needs a date column",
			"boolean,closedate,datetime,date,a datetime property needs a timestamp or date column",
			"integer,industry,enumeration,select,an enumeration needs a text column",
			"integer,tags,enumeration,checkbox,a multi-select property needs a text array (or text) column",
			"text,location,object_coordinates,text,HubSync does not map properties of type object_coordinates" })
	void refusesWithAReason(String sqlType, String name, String type, String fieldType, String reason) {
		Inference inference = TypeInference.infer(ColumnInfo.of("c", sqlType, sqlType, true),
				property(name, type, fieldType));
		assertThat(inference.fits()).isFalse();
		assertThat(inference.refusal()).isEqualTo("c (" + sqlType + ") and " + name + " (" + type + "): " + reason);
	}

	@Test
	void sqlTypesMapToColumnTypes() {
		assertThat(SqlTypes.columnType("character varying", "varchar")).isEqualTo(ColumnType.TEXT);
		assertThat(SqlTypes.columnType("USER-DEFINED", "mood")).isEqualTo(ColumnType.TEXT);
		assertThat(SqlTypes.columnType("bigint", "int8")).isEqualTo(ColumnType.INTEGER);
		assertThat(SqlTypes.columnType("ARRAY", "_text")).isEqualTo(ColumnType.TEXT_ARRAY);
		assertThat(SqlTypes.columnType("timestamp without time zone", "timestamp")).isEqualTo(ColumnType.TIMESTAMP);
	}

	@Test
	void misfitsNameColumnAndProperty() {
		assertThat(TypeInference.misfit("number", ColumnInfo.of("name", "text", "text", true),
				property("firstname", "string", "text")))
			.isEqualTo("transform number does not fit column name (text) and property firstname (string)");
		assertThat(TypeInference.misfit("date", ColumnInfo.of("close_date", "date", "date", true),
				property("closedate", "datetime", "date")))
			.isNull();
	}

}
