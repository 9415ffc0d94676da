package dev.hubsync.mapping.inference;

import dev.hubsync.events.mapping.TransformSpec;
import org.jspecify.annotations.Nullable;

/**
 * What {@link TypeInference} concluded for a column and a property: a transform, or a
 * refusal with its reason.
 *
 * @param transform the transform; null when refused
 * @param refusal why no transform fits; null when one does
 */
public record Inference(@Nullable TransformSpec transform, @Nullable String refusal) {

	static Inference of(TransformSpec transform) {
		return new Inference(transform, null);
	}

	static Inference refused(String reason) {
		return new Inference(null, reason);
	}

	/**
	 * Tells whether a transform fits.
	 * @return whether the column and property can be mapped
	 */
	public boolean fits() {
		return this.transform != null;
	}

}
