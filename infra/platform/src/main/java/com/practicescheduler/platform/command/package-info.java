/** Sending commands from REST endpoints: retries on concurrent modification, error codes, read-your-writes. */
package com.practicescheduler.platform.command;
