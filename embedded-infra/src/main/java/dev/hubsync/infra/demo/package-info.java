/**
 * The demo platform database of ARCHITECTURE §15 (role, database, tables, trigger, index)
 * as one fixture, so every module and the dev stack test against the same schema.
 */
@NullMarked
package dev.hubsync.infra.demo;

import org.jspecify.annotations.NullMarked;
