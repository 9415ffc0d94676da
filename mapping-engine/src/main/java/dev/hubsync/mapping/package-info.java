/**
 * Mappings as data (ARCHITECTURE §1): {@link dev.hubsync.mapping.MappingCompiler} turns a
 * {@link dev.hubsync.events.mapping.MappingConfig} into an immutable
 * {@link dev.hubsync.mapping.CompiledMapping} that converts records both ways, hashes
 * their mapped values and tells which changes matter;
 * {@link dev.hubsync.mapping.MappingRegistry} holds the versions in force;
 * {@link dev.hubsync.mapping.MappingValidator} checks a mapping against the live schemas;
 * {@link dev.hubsync.mapping.MappingFiles} reads mappings as code.
 */
@NullMarked
package dev.hubsync.mapping;

import org.jspecify.annotations.NullMarked;
