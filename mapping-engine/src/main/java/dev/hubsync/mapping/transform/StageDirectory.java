package dev.hubsync.mapping.transform;

/**
 * The stages of an object type's pipelines, whose ids are portal-specific: a mapping
 * names stages by label, the directory knows the ids. Implementations are thread-safe and
 * may read the pipelines again when asked about a stage they do not know.
 */
public interface StageDirectory {

	/**
	 * Returns a stage's id.
	 * @param objectTypeId the object type, e.g. {@code 0-5}
	 * @param pipeline the pipeline's label or id
	 * @param label the stage's label
	 * @return the stage id {@code hs_pipeline_stage} (or {@code dealstage}) takes
	 * @throws ConversionFailure when the pipeline or the stage is unknown
	 */
	String stageId(String objectTypeId, String pipeline, String label);

	/**
	 * Returns a stage's label.
	 * @param objectTypeId the object type
	 * @param pipeline the pipeline's label or id
	 * @param stageId the stage id
	 * @return the label
	 * @throws ConversionFailure when the pipeline or the stage is unknown
	 */
	String stageLabel(String objectTypeId, String pipeline, String stageId);

}
