package dev.hubsync.mapping.transform;

import java.util.HashMap;
import java.util.Map;

/**
 * A product status and a pipeline stage id ({@code hs_pipeline_stage},
 * {@code dealstage}). The mapping names stages by label within one pipeline (option
 * {@code pipeline}, its label or id), because stage ids are portal-specific; the
 * {@link StageDirectory} turns labels into ids and back. The value map goes from product
 * status to stage label and must be one-to-one; an empty map means the product stores the
 * labels themselves. A status with no stage, or a stage with no status, is refused for
 * the field alone.
 */
final class StageTransform implements Transform {

	private final String objectTypeId;

	private final String pipeline;

	private final Map<String, String> toLabel;

	private final Map<String, String> toStatus;

	private final StageDirectory stages;

	StageTransform(String objectTypeId, String pipeline, Map<String, String> values, StageDirectory stages) {
		this.objectTypeId = objectTypeId;
		this.pipeline = pipeline;
		this.toLabel = Map.copyOf(values);
		Map<String, String> reverse = new HashMap<>();
		for (Map.Entry<String, String> entry : values.entrySet()) {
			String previous = reverse.put(entry.getValue(), entry.getKey());
			if (previous != null) {
				throw new IllegalArgumentException("stage '" + entry.getValue() + "' is mapped from both '" + previous
						+ "' and '" + entry.getKey() + "': the map must be one-to-one");
			}
		}
		this.toStatus = Map.copyOf(reverse);
		this.stages = stages;
	}

	@Override
	public String toHubSpot(Object value) {
		String status = value.toString();
		String label = this.toLabel.isEmpty() ? status : this.toLabel.get(status);
		if (label == null) {
			throw new ConversionFailure("no stage is mapped for status '" + status + "'");
		}
		return this.stages.stageId(this.objectTypeId, this.pipeline, label);
	}

	@Override
	public Object toPlatform(String value) {
		String label = this.stages.stageLabel(this.objectTypeId, this.pipeline, value.strip());
		if (this.toStatus.isEmpty()) {
			return label;
		}
		String status = this.toStatus.get(label);
		if (status == null) {
			throw new ConversionFailure(
					"stage '" + label + "' of pipeline '" + this.pipeline + "' is mapped to no product status");
		}
		return status;
	}

	@Override
	public String canonical(String value) {
		return value.strip();
	}

}
