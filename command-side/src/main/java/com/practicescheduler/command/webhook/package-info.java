/**
 * Webhooks (ADR 17): a practice's subscriptions, the processor that records one delivery per matching event and
 * subscription, and the worker that sends them signed per the Standard Webhooks specification, retried with
 * back-off, in order per appointment.
 */
package com.practicescheduler.command.webhook;
