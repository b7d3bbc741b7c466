/**
 * Group sessions: a {@link com.practicescheduler.command.groupsession.GroupSession} holds the seats of one session
 * of a group service (every seat decision goes through it, so its capacity cannot be exceeded), its provider's time
 * is one reservation in the {@code ProviderSchedule}, and each seat is an ordinary appointment (ADR 15).
 */
package com.practicescheduler.command.groupsession;
