/**
 * Sending commands from REST endpoints: retries on concurrent modification, refusals carried across the command bus
 * (their error codes in the details, both ways), read-your-writes.
 */
package com.practicescheduler.platform.command;
