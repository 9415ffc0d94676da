package dev.hubsync.hubspot.ratelimit;

/** Which of HubSpot's limits a request counts against besides the daily one. */
public enum RequestKind {

	/** Most calls: the app's burst window. */
	STANDARD,

	/** CRM search: its own per-second limit per account, no burst headers. */
	SEARCH

}
