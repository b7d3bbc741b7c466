/** The audit trail for compliance officers: entries, verification of the hash chain, export. */
package com.practicescheduler.query.audit;
