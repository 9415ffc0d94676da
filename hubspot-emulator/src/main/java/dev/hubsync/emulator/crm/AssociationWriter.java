package dev.hubsync.emulator.crm;

import java.util.List;

import dev.hubsync.emulator.caller.Caller;

/**
 * Makes the associations a record is created with (implemented by the associations
 * feature).
 */
public interface AssociationWriter {

	/**
	 * Associates a new record.
	 * @param fromType the record's type
	 * @param fromId the record
	 * @param requests the associations
	 * @param caller who creates
	 */
	void associate(String fromType, long fromId, List<Request> requests, Caller caller);

	/**
	 * An association of a new record.
	 *
	 * @param toId the other record
	 * @param typeIds the association type ids
	 */
	record Request(String toId, List<Integer> typeIds) {
	}

}
