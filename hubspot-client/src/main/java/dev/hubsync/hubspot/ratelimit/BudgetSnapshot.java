package dev.hubsync.hubspot.ratelimit;

/**
 * What is left of a budget now, for status, metrics and operators.
 *
 * @param burstAvailable requests left in the burst window
 * @param dailyAvailable requests left today, -1 without a daily bucket
 * @param searchAvailable searches left in the search window
 */
public record BudgetSnapshot(long burstAvailable, long dailyAvailable, long searchAvailable) {
}
