/**
 * Checks of the deployment files (docker-compose.yml, deploy/) against the code.
 */
@NullMarked
package dev.hubsync.devstack.config;

import org.jspecify.annotations.NullMarked;
